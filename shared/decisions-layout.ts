/**
 * The 审定结果 worksheet, shared by the CLI (ExcelJS) and the pane (the host seam): its layout
 * (one row per applied project, decision columns to fill in) and the parser that turns a filled-in
 * grid back into import rows. No zod here, so the pane bundles it cheaply.
 */
import type { ImportRow } from './decisions.js';
import { IMPORT_COLUMNS, IMPORT_SHEET_NAME, MAX_IMPORT_ROWS } from './decisions-sheet.js';
import { listPrint } from './layout/print.js';
import type { SheetLayout } from './layout.js';
import { foldKey } from './ledger/text.js';

const RESULT_WIDTHS = [16, 18, 28, 10, 10, 22, 13, 26, 13, 14];

/** The 审定结果 worksheet: one row per applied project, decision columns to fill in. */
export function importSheet(rows: readonly Record<string, string>[]): SheetLayout {
  const header = IMPORT_COLUMNS.map((c) => c.label);
  const categoryCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'category');
  const last = Math.max(rows.length, 1) + 1;
  return {
    name: IMPORT_SHEET_NAME,
    state: 'visible',
    rows: [
      { role: 'header', cells: header, height: 24 },
      ...rows.map((r) => ({ role: 'data' as const, cells: IMPORT_COLUMNS.map((c) => r[c.key] ?? '') })),
    ],
    merges: [],
    widths: RESULT_WIDTHS,
    numberFormats: IMPORT_COLUMNS.map(() => '@'),
    validations: [
      {
        kind: 'list',
        range: { top: 1, left: categoryCol, bottom: last + 500, right: categoryCol },
        source: '"巩固,提升,盘活,重建"',
        values: ['巩固', '提升', '盘活', '重建'],
        title: '审定分类',
        prompt: '填写县领导小组审定的分类：巩固、提升、盘活或重建；未审定的留空。',
        error: '审定分类只能是 巩固、提升、盘活、重建 之一。',
      },
    ],
    freeze: { rows: 1, cols: 3 },
    print: listPrint(RESULT_WIDTHS, { orientation: 'landscape', paper: 'A4', repeatRows: { top: 0, bottom: 0 } }),
    autoFilter: { top: 0, left: 0, bottom: last - 1, right: header.length - 1 },
  };
}

/** A cell as text: ExcelJS rich text / formula results / dates, or the host's plain values. */
export function cellString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (o.richText)
      return o.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if (o.result !== undefined) return cellString(o.result);
    if (o.text !== undefined) return String(o.text).trim();
    return '';
  }
  return String(v).trim();
}

export interface ImportGridSource {
  /** How the messages name the workbook, quoted, e.g. “审定结果.xlsx”. */
  book: string;
  sheet: string;
  /** Worksheet row (0-based) of grid[0]; row numbers in the import are 1-based worksheet rows. */
  originRow?: number;
  /** Where the clerk gets a fresh sheet, e.g. “decisions export” or “导出审定结果表”. */
  exportHint: string;
}

/**
 * A filled-in 审定结果 grid → import rows: the header found by its labels in the first 20 rows,
 * one ImportRow per non-blank row below. Returns the Chinese reason when the grid cannot be read.
 */
export function parseImportGrid(grid: readonly unknown[][], src: ImportGridSource): ImportRow[] | { error: string } {
  const again = `请使用${src.exportHint}导出的表格填写。`;
  const labels = new Map(IMPORT_COLUMNS.map((c) => [foldKey(c.label), c.key]));
  const headerAt = grid
    .slice(0, 20)
    .findIndex((row) => row.filter((v) => labels.has(foldKey(cellString(v)))).length >= 5);
  if (headerAt < 0)
    return {
      error: `${src.book}的工作表“${src.sheet}”前 20 行中没有审定结果表头（${IMPORT_COLUMNS.map((c) => c.label).join('、')}）：${again}`,
    };
  const columns = new Map<string, number>();
  (grid[headerAt] ?? []).forEach((v, i) => {
    const key = labels.get(foldKey(cellString(v)));
    if (key && !columns.has(key)) columns.set(key, i);
  });
  for (const need of ['unit', 'code', 'category', 'minutesNo'])
    if (!columns.has(need)) {
      const label = IMPORT_COLUMNS.find((c) => c.key === need)?.label;
      return { error: `${src.book}的审定结果表缺少「${label}」列：${again}` };
    }
  const origin = src.originRow ?? 0;
  const rows: ImportRow[] = [];
  for (let r = headerAt + 1; r < grid.length; r++) {
    const get = (key: string) => {
      const i = columns.get(key);
      return i === undefined ? '' : cellString(grid[r]?.[i]);
    };
    const row: ImportRow = {
      row: origin + r + 1,
      unit: get('unit'),
      code: get('code'),
      category: get('category'),
      minutesNo: get('minutesNo'),
      minutesDate: get('minutesDate'),
      replyNo: get('replyNo'),
      replyDate: get('replyDate'),
      publicityStart: get('publicityStart'),
    };
    if (Object.entries(row).every(([k, v]) => k === 'row' || v === '')) continue;
    rows.push(row);
  }
  if (rows.length > MAX_IMPORT_ROWS)
    return { error: `审定结果有 ${rows.length} 行，超过一次导入的上限 ${MAX_IMPORT_ROWS} 行：请分批导入。` };
  if (rows.length === 0) return { error: `${src.book}的审定结果表没有数据行。` };
  return rows;
}

export { IMPORT_SHEET_NAME };
