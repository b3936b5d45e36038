/**
 * A printable form as plain data (申请表 附件1–3, 归档目录 附件6): cells, merges, column widths, row
 * heights and print setup. Pure TypeScript — the CLI renders it with ExcelJS (cli/forms.ts), the
 * pane with Office.js. Coordinates are 0-based (row 0 = worksheet row 1, col 0 = column A);
 * merges are inclusive.
 */
import type { MergeArea } from '../ledger/read.js';

/** How a cell is drawn; each front end maps a style to its own fonts, borders and alignment. */
export type FormStyle =
  /** The form's title, centred, large, no border. */
  | 'title'
  /** The line under the title, centred, no border. */
  | 'subtitle'
  /** A field label: bordered, centred, bold. */
  | 'label'
  /** A filled-in value: bordered, left, wrapped. */
  | 'value'
  /** An amount in 元: bordered, right, whole yuan with thousands separators. */
  | 'money'
  /** An opinion block: bordered, text at the top, 盖章 and 年 月 日 at the bottom right. */
  | 'sign';

export interface FormCell {
  row: number;
  col: number;
  value: string | number | null;
  style: FormStyle;
}

export interface FormSheet {
  /** Worksheet name (≤ 31 characters, unique in its workbook). */
  name: string;
  /** Column widths in characters, from column A. */
  widths: number[];
  /** Row heights in points, from row 1 (the last entry repeats for rows past the list). */
  heights: number[];
  cells: FormCell[];
  merges: MergeArea[];
  /** One printed page wide and tall (fitToPage), A4. */
  print: { paper: 'A4'; orientation: 'portrait' | 'landscape'; onePage: boolean };
}

/** The Excel number format of a `money` cell. */
export const MONEY_FORMAT = '#,##0';

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/gu;
export const MAX_SHEET_NAME = 31;

/**
 * Worksheet names for a list of wished names (e.g. 项目编号): characters Excel forbids become `_`,
 * leading/trailing apostrophes go, at most 31 characters, unique without regard to case (a
 * repeat gets `(2)`, `(3)`…); a blank name becomes `fallback(i)`. `taken` are names already in the
 * workbook.
 */
export function sheetNames(
  wished: readonly string[],
  fallback: (index: number) => string,
  taken: readonly string[] = [],
): string[] {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  return wished.map((raw, i) => {
    let base = raw
      .replace(FORBIDDEN_IN_SHEET_NAME, '_')
      .replace(/^'+|'+$/gu, '')
      .trim();
    if (base === '') base = fallback(i);
    base = [...base].slice(0, MAX_SHEET_NAME).join('');
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = [...base].slice(0, MAX_SHEET_NAME - suffix.length).join('') + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}
