/** Single-field rules that need more than the column type: year.range, contact.phone, code.invisible-char. */
import { quotedLabel } from '../ledger/columns.js';
import { hasInvisible, INVISIBLE_CHARS, stripInvisible } from '../ledger/fold.js';
import { quote } from '../ledger/text.js';
import type { RowRule } from './types.js';

export const FIRST_PROJECT_YEAR = 2013;
// Phone numbers stand alone among digits. `(?:^|\D)` instead of a lookbehind, which the embedded
// Chromium of older WPS builds cannot parse (the pane's bundle targets ES2017).
export const MOBILE = /(?:^|\D)1[3-9]\d{9}(?!\d)/u;
export const LANDLINE = /(?:^|\D)0\d{2,3}-?\d{7,8}(?!\d)/u;
/** A county number written without its area code (spec §2.1): 7–8 digits, not starting with 0 or 1. */
export const LOCAL_LANDLINE = /(?:^|\D)[2-9]\d{6,7}(?!\d)/u;

const hasPhone = (text: string) => MOBILE.test(text) || LANDLINE.test(text) || LOCAL_LANDLINE.test(text);

/** The last contact checked and whether it names a phone: one person is often the contact of many projects in a row. */
let lastContact = '';
let lastNamesPhone = false;

/** A phone number in the text as written, or once spaces and brackets are taken out (“023 (7844) 1234”). */
function namesPhone(text: string): boolean {
  if (text !== lastContact) {
    lastContact = text;
    lastNamesPhone = hasPhone(text) || hasPhone(text.replace(/[\s()（）]/gu, ''));
  }
  return lastNamesPhone;
}

/** “U+200B、U+202E”: the invisible characters of a text, named (never shown raw). */
function invisibleNames(text: string): string {
  const names = new Set<string>();
  for (const m of text.matchAll(INVISIBLE_CHARS)) {
    names.add(`U+${(m[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
    if (names.size >= 5) break;
  }
  return [...names].join('、');
}

export const fieldRules: readonly RowRule[] = [
  {
    id: 'year.range',
    severity: 'error',
    field: 'year',
    reads: ['year'],
    check: (r, ctx) =>
      r.year !== null && (r.year < FIRST_PROJECT_YEAR || r.year > ctx.reportYear)
        ? `${quotedLabel('year')}为 ${r.year}：应在 ${FIRST_PROJECT_YEAR} 至 ${ctx.reportYear} 年之间。`
        : null,
  },
  {
    id: 'contact.phone',
    severity: 'error',
    field: 'contact',
    reads: ['contact'],
    check: (r) => {
      if (r.contact === '' || namesPhone(r.contact)) return null;
      return `${quotedLabel('contact')}${quote(r.contact)}中没有有效电话：应写“姓名+电话”，手机号为11位（1开头），座机如 023-78441234 或本地号码 78441234。`;
    },
  },
  {
    id: 'code.invisible-char',
    severity: 'warning',
    field: 'code',
    reads: ['code'],
    check: (r) =>
      hasInvisible(r.code)
        ? `${quotedLabel('code')}${quote(stripInvisible(r.code))}中含有看不见的字符（${invisibleNames(r.code)}，如零宽空格、文字方向控制符）：查重时已忽略这些字符，请删除该单元格内容后重新输入编号。`
        : null,
  },
];
