/** Single-field rules that need more than the column type: year.range, contact.phone. */
import { columnLabel } from '../ledger/columns.js';
import { quote } from '../ledger/text.js';
import type { RowRule } from './types.js';

export const FIRST_PROJECT_YEAR = 2013;
export const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/u;
export const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/u;

const hasPhone = (text: string) => MOBILE.test(text) || LANDLINE.test(text);

export const fieldRules: readonly RowRule[] = [
  {
    id: 'year.range',
    severity: 'error',
    field: 'year',
    check: (r, ctx) =>
      r.year !== null && (r.year < FIRST_PROJECT_YEAR || r.year > ctx.reportYear)
        ? `「${columnLabel('year')}」为 ${r.year}：应在 ${FIRST_PROJECT_YEAR} 至 ${ctx.reportYear} 年之间。`
        : null,
  },
  {
    id: 'contact.phone',
    severity: 'error',
    field: 'contact',
    check: (r) => {
      if (r.contact === '' || hasPhone(r.contact) || hasPhone(r.contact.replace(/[\s()（）]/gu, ''))) return null;
      return `「${columnLabel('contact')}」${quote(r.contact)}中没有有效电话：应写“姓名+电话”，手机号为11位（1开头），座机如 023-78441234。`;
    },
  },
];
