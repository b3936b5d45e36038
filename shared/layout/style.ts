/**
 * How the sheets look, decided once for every writer (ExcelJS in the CLI, Office.js and WPS in the
 * pane): the style of each row role, the number formats, the colours of the check marks.
 * Writers translate these into their own API; none decides a style of its own.
 */
import type { RowRole } from '../layout.js';

/** The look of a row role. */
export interface RoleStyle {
  /** Font size in points. */
  fontPt: number;
  bold: boolean;
  /** Horizontal alignment; null = the program's default (numbers right, text left). */
  horizontal: 'center' | 'left' | null;
  vertical: 'middle' | 'top' | null;
  wrap: boolean;
  /** Thin borders on every cell across the sheet's width (the table's rows). */
  border: boolean;
  /** Whether the column's number format (SheetLayout.numberFormats) applies to the row. */
  numbers: boolean;
  /** False for helper sheets (the dropdown lists): values only, the program's default look. */
  formatted: boolean;
}

/** The font of the forms (附件4, 附件5 and the result sheets). */
export const FORM_FONT = '宋体';

const text = {
  bold: false,
  horizontal: null,
  vertical: 'middle',
  wrap: false,
  border: false,
  numbers: false,
  formatted: true,
} as const;

/** Every row role's look: one table for the ExcelJS and the Office.js / WPS writers. */
export const ROLE_STYLE: Record<RowRole, RoleStyle> = {
  title: { ...text, fontPt: 16, bold: true, horizontal: 'center' },
  meta: { ...text, fontPt: 11, horizontal: 'left' },
  header: { ...text, fontPt: 10, bold: true, horizontal: 'center', wrap: true, border: true },
  data: { ...text, fontPt: 10, wrap: true, border: true, numbers: true },
  total: { ...text, fontPt: 10, bold: true, horizontal: 'center', border: true, numbers: true },
  footer: { ...text, fontPt: 10, horizontal: 'left', vertical: 'top', wrap: true },
  list: { ...text, fontPt: 11, vertical: null, formatted: false },
};

/** Font sizes of the row roles, in points (from ROLE_STYLE). */
export const ROLE_FONT_PT = Object.fromEntries(
  Object.entries(ROLE_STYLE).map(([role, style]) => [role, style.fontPt]),
) as Record<RowRole, number>;

/** Amounts in 万元, two decimals. */
export const MONEY_FORMAT = '0.00';
/** Rates shown as percentages. */
export const PERCENT_FORMAT = '0.00%';

/** Colours of a flagged cell ('#RRGGBB'): error red-ish, warning yellow-ish. */
export const MARK_COLORS = {
  error: { fill: '#FFC7CE', font: '#9C0006' },
  warning: { fill: '#FFEB9C', font: '#9C5700' },
} as const;

/** Colour of a link to another cell of the workbook. */
export const LINK_COLOR = '#0563C1';
