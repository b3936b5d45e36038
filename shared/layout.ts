/**
 * Sheet layouts as plain data: the model every writer renders (the CLI with ExcelJS in
 * cli/workbook/, the add-in with Office.js or WPS). The layouts themselves are built in
 * shared/layout/ (ledger-sheet, list-sheet, stats-sheet), their print setup in layout/print.ts and
 * the look of each row role in layout/style.ts.
 * Every coordinate is 0-based (row 0 = worksheet row 1, col 0 = column A); merges are inclusive.
 */
import type { MergeArea } from './ledger/read.js';

/** How a row is drawn; each front end maps a role to its own fonts, borders and fills. */
export type RowRole = 'title' | 'meta' | 'header' | 'data' | 'total' | 'footer' | 'list';

export interface LayoutRow {
  role: RowRole;
  /** Cell values from column A; null = empty. */
  cells: (string | number | null)[];
  /** Row height in points; omitted = the program's default. */
  height?: number;
}

/** A data validation rule over a rectangle. Messages are what Excel shows the clerk. */
export type LayoutValidation =
  | {
      kind: 'list';
      range: MergeArea;
      /** Worksheet formula of the list, e.g. `'下拉选项'!$A$1:$A$4` (no leading =). */
      source: string;
      values: readonly string[];
      title: string;
      prompt: string;
      error: string;
    }
  | {
      kind: 'decimal' | 'whole';
      range: MergeArea;
      min: number;
      max?: number;
      title: string;
      prompt: string;
      error: string;
    }
  /** An input hint only (multi-select columns: several values separated by 、). */
  | { kind: 'prompt'; range: MergeArea; title: string; prompt: string };

export interface SheetLayout {
  name: string;
  /** 'hidden' for helper sheets such as the dropdown lists. */
  state: 'visible' | 'hidden';
  rows: LayoutRow[];
  merges: MergeArea[];
  /** Column widths in characters, from column A. */
  widths: number[];
  /** Number format per column for data/total rows (Excel format code), null = general. */
  numberFormats: (string | null)[];
  validations: LayoutValidation[];
  /** Frozen panes: this many rows on top and columns on the left stay visible. */
  freeze: { rows: number; cols: number } | null;
  print: PrintSetup | null;
  /** Cells that link to another cell of the workbook (e.g. an issue list pointing at its cells). */
  links?: { row: number; col: number; sheet: string; cell: string }[];
  /** Autofilter over a header row and the rows below it, 0-based. */
  autoFilter?: MergeArea | null;
}

export interface WorkbookLayout {
  sheets: SheetLayout[];
}

/** How a sheet prints (spec §5): every writer renders this, none decides it. */
export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  paper: 'A4' | 'A3';
  /** Print scale in percent. With `fitToWidth` the program fits one page wide (this is then the expected scale). */
  scale: number;
  /** Fit to one page wide (any number of pages tall). */
  fitToWidth: boolean;
  /** Pages side by side the columns need at `scale`. */
  pagesWide: number;
  /** Rows repeated on every printed page, 0-based inclusive. */
  repeatRows: { top: number; bottom: number } | null;
  /** Columns repeated on every page when the sheet is more than one page wide, 0-based inclusive. */
  repeatCols: { left: number; right: number } | null;
  /** Pages across first (page 2 = the right half of the first rows). */
  order: 'overThenDown' | 'downThenOver';
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Smallest font of the printed rows, in points at 100 % (× scale = on paper). */
  fontPt: number;
}

export const LEDGER_SHEET_NAME = '管理台账';
export const LIST_SHEET_NAME = '下拉选项';
export const STATS_SHEET_NAME = '分类统计表';
export const DEFAULT_COUNTY = '彭水自治县';
/** Data rows of the blank template: placeholder rows holding only a 序号. */
export const DEFAULT_BLANK_ROWS = 20;
