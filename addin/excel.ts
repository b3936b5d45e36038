/**
 * The only module that touches Office.js. Everything the pane does to the workbook goes through
 * the narrow `LedgerWorkbook` interface below; the rest of the add-in is plain TypeScript.
 *
 * The Excel API is described here as the small structural subset we call (`HostContext` …), so the
 * same adapter runs against real Excel (`officeHost()`) and against the typed fake host of the tests.
 * `office-compat.ts` checks at compile time that `Excel.RequestContext` satisfies this subset.
 *
 * Platform limits this module respects (see README of the add-in):
 *  - Excel on the web refuses requests (and responses) above 5 MB: writes are split by serialized
 *    size, reads by cell count.
 *  - Address strings above 8,192 characters are truncated: we never build multi-area addresses;
 *    ranges are made with getRangeByIndexes.
 *  - Per-cell format writes are the slow path: marks are one values assignment on a hidden sheet plus
 *    two conditional formats that read it; clearing deletes both, so the sheet is exactly restored.
 */

import { a1, type ColumnKey } from '../shared/index.js';
import { dropdownListSheet, dropdownListSource, type PrintSetup } from '../shared/layout.js';
import { writePrintSetup } from './print-setup.js';

// ---------------------------------------------------------------------------------------------
// The Excel API subset (structural; real Office.js objects satisfy it)
// ---------------------------------------------------------------------------------------------

export interface HostFont {
  bold: boolean;
  color: string;
  size: number;
}
export interface HostFill {
  color: string;
}
export interface HostBorder {
  style: string;
  color: string;
}
export interface HostBorderCollection {
  getItem(index: string): HostBorder;
}
export interface HostRangeFormat {
  columnWidth: number;
  rowHeight: number;
  wrapText: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  font: HostFont;
  fill: HostFill;
  borders: HostBorderCollection;
}
export interface HostConditionalRangeFormat {
  fill: HostFill;
  font: { color: string };
}
export interface HostCustomConditionalFormat {
  rule: { formula: string };
  format: HostConditionalRangeFormat;
}
export interface HostConditionalFormat {
  id: string;
  type: string;
  custom: HostCustomConditionalFormat;
  customOrNullObject: HostCustomConditionalFormat & { isNullObject: boolean };
  load(props: string): unknown;
  delete(): void;
}
export interface HostConditionalFormatCollection {
  items: HostConditionalFormat[];
  add(type: 'Custom'): HostConditionalFormat;
  getItem(id: string): HostConditionalFormat;
  load(props: string): unknown;
}
export interface HostListRule {
  inCellDropDown: boolean;
  /** A formula such as ='Sheet'!$A$1:$A$4 (Office.js also accepts a Range). */
  source: unknown;
}
export interface HostBasicRule {
  formula1: unknown;
  formula2?: unknown;
  operator: string;
}
export interface HostDataValidation {
  rule: { list?: HostListRule; decimal?: HostBasicRule; wholeNumber?: HostBasicRule };
  prompt: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert: { showAlert?: boolean; style?: string; title?: string; message?: string };
  clear(): void;
}
export interface HostRangeCollection {
  items: HostRange[];
  load(props: string): unknown;
}
export interface HostRangeAreas {
  isNullObject: boolean;
  areas: HostRangeCollection;
}
export interface HostRange {
  values: unknown[][];
  numberFormat: unknown[][];
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  isNullObject: boolean;
  format: HostRangeFormat;
  conditionalFormats: HostConditionalFormatCollection;
  dataValidation: HostDataValidation;
  load(props: string): unknown;
  select(): void;
  merge(across?: boolean): void;
  getIntersectionOrNullObject(other: HostRange | string): HostRange;
  getMergedAreasOrNullObject(): HostRangeAreas;
}
export interface HostChart {
  name: string;
  title: { text: string };
  setPosition(startCell: HostRange | string, endCell?: HostRange | string): void;
}
export interface HostWorksheet {
  name: string;
  visibility: string;
  isNullObject: boolean;
  charts: { add(type: string, sourceData: HostRange, seriesBy?: string): HostChart };
  freezePanes: { freezeAt(frozenRange: HostRange | string): void; freezeRows(count?: number): void };
  load(props: string): unknown;
  activate(): void;
  delete(): void;
  getRange(address?: string): HostRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): HostRange;
  getUsedRange(valuesOnly?: boolean): HostRange;
}
export interface HostWorksheetCollection {
  items: HostWorksheet[];
  load(props: string): unknown;
  add(name?: string): HostWorksheet;
  getActiveWorksheet(): HostWorksheet;
  getItem(key: string): HostWorksheet;
}
export interface HostContext {
  workbook: { worksheets: HostWorksheetCollection };
  sync(): Promise<unknown>;
}

/** What the adapter needs from the platform: a batch runner and requirement-set detection. */
export interface ExcelHost {
  run<T>(batch: (context: HostContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

/** The real host: Office.js globals, looked up at call time (no type dependency on office-js here). */
export function officeHost(): ExcelHost {
  const g = globalThis as unknown as {
    Excel: { run<T>(batch: (context: HostContext) => Promise<T>): Promise<T> };
    Office: { context: { requirements: { isSetSupported(name: string, version?: string): boolean } } };
  };
  return {
    run: (batch) => g.Excel.run(batch),
    isSetSupported: (name, version) => g.Office.context.requirements.isSetSupported(name, version),
  };
}

// ---------------------------------------------------------------------------------------------
// The narrow interface the pane uses
// ---------------------------------------------------------------------------------------------

/** A rectangle in worksheet coordinates, 0-based. */
export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export type CellValue = string | number | boolean | null;

export interface SheetInfo {
  name: string;
  visible: boolean;
  active: boolean;
}

export interface LedgerGrid {
  sheet: string;
  /** Worksheet position (0-based) of grid[0][0]. */
  origin: { row: number; col: number };
  grid: unknown[][];
  /** Merged areas of the header rows, 0-based inclusive; empty when ExcelApi 1.13 is missing. */
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** True when the sheet was chosen by looking for a ledger header rather than by the clerk. */
  detected: boolean;
}

export interface MarkPlan {
  /** Data region the flags cover (worksheet coordinates). */
  region: Rect;
  /** region.rows × region.cols; 0 = none, 1 = warning, 2 = error. */
  flags: number[][];
}

export interface DropdownColumn {
  /** The ledger column's key: decides its fixed list on the list sheet. */
  key: ColumnKey;
  /** Worksheet column (0-based). */
  col: number;
  /** Column name (first row of its list on the hidden list sheet). */
  title: string;
  values: readonly string[];
}

export interface CellWrite {
  row: number;
  col: number;
  value: CellValue;
}

export type ValidationSpec =
  | { kind: 'list'; rect: Rect; source: string; title: string; prompt: string; error: string }
  | { kind: 'decimal' | 'whole'; rect: Rect; min: number; max?: number; title: string; prompt: string; error: string }
  | { kind: 'prompt'; rect: Rect; title: string; prompt: string };

export interface SheetSpec {
  name: string;
  /** Helper sheets (dropdown lists): hidden, and rewritten in place when they exist. */
  hidden?: boolean;
  /** Written from A1 in one assignment; strings starting with = + - @ are written as text. */
  values: CellValue[][];
  merges?: Rect[];
  /** Column widths in characters (Excel's unit in the templates). */
  columnWidths?: number[];
  rowHeights?: { row: number; height: number }[];
  bold?: Rect[];
  center?: Rect[];
  wrap?: Rect[];
  borders?: Rect[];
  fontSize?: { rect: Rect; size: number }[];
  numberFormats?: { rect: Rect; format: string }[];
  freeze?: { rows: number; cols: number };
  validations?: ValidationSpec[];
  chart?: { type: string; data: Rect; title: string; anchor: Rect };
  /** How the sheet prints (shared/layout.ts), written by addin/print-setup.ts. */
  print?: PrintSetup;
}

export type Progress = (done: number, total: number, label: string) => void;

export interface Capabilities {
  /** ExcelApi 1.8 — the manifest's minimum: data validation, conditional formats. */
  base: boolean;
  /** ExcelApi 1.13 — merged areas of the header. */
  mergedAreas: boolean;
}

export interface LedgerWorkbook {
  capabilities(): Capabilities;
  listSheets(): Promise<SheetInfo[]>;
  /** Reads the ledger sheet (the given one, else the active one if it holds a ledger header, else the first that does). */
  readLedger(sheet?: string, progress?: Progress): Promise<LedgerGrid>;
  /** Replaces the marks of `sheet` with `plan` (null = only clear that sheet's marks). */
  writeMarks(sheet: string, plan: MarkPlan | null): Promise<void>;
  /** Deletes every mark this add-in made, on every sheet. Returns how many sheets were cleaned. */
  clearMarks(): Promise<number>;
  selectCell(sheet: string, address: string): Promise<void>;
  addDropdowns(sheet: string, firstRow: number, lastRow: number, columns: DropdownColumn[]): Promise<void>;
  writeCells(sheet: string, cells: CellWrite[]): Promise<void>;
  /** Creates a new sheet (a free name derived from spec.name) and activates it. Returns its name. */
  writeSheet(spec: SheetSpec): Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// Constants and pure helpers
// ---------------------------------------------------------------------------------------------

export const MARKS_PREFIX = '四个一批标记_';
/** The hidden dropdown-list sheet, shared with the CLI's template (shared/layout.ts LIST_SHEET_NAME). */
export const OPTIONS_SHEET = '下拉选项';
/** Requests are kept below this many bytes (Excel on the web refuses 5 MB). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Rows read in the first sync, before the used range's width is known. */
export const FIRST_CHUNK_ROWS = 5000;
/** Cells read per later sync, so a response stays well below 5 MB. */
export const CHUNK_CELLS = 150_000;
/** Rows scanned for a ledger header when looking for the ledger sheet. */
export const HEADER_SCAN_ROWS = 20;
const SCAN_COLS = 60;
const MAX_COLS = 16384;

export const MARK_STYLES = {
  error: { flag: 2, fill: '#FFC7CE', font: '#9C0006' },
  warning: { flag: 1, fill: '#FFEB9C', font: '#9C5700' },
} as const;

/** Short stable hash of a sheet name, for the hidden marks sheet that belongs to it. */
export function marksSheetName(sheet: string): string {
  let h = 0x811c9dc5;
  for (const ch of sheet) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${MARKS_PREFIX}${h.toString(36).padStart(7, '0')}`;
}

/** 'Sheet name' quoted for formulas. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/gu, "''")}'`;
}

/** Server or workbook text that Excel would read as a formula is written as text. */
export function asCellValue(value: CellValue): CellValue {
  if (typeof value === 'string' && /^[=+\-@]/u.test(value)) return `'${value}`;
  return value;
}

/** UTF-8 size of what a value assignment sends. */
export function serializedBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Splits rows into consecutive slices whose serialized size stays under `limit`. */
export function sliceBySize<T>(rows: T[][], limit: number): { start: number; rows: T[][] }[] {
  const slices: { start: number; rows: T[][] }[] = [];
  let start = 0;
  let size = 0;
  let current: T[][] = [];
  rows.forEach((row, i) => {
    const bytes = serializedBytes(row) + 1;
    if (current.length > 0 && size + bytes > limit) {
      slices.push({ start, rows: current });
      start = i;
      size = 0;
      current = [];
    }
    current.push(row);
    size += bytes;
  });
  if (current.length > 0) slices.push({ start, rows: current });
  return slices;
}

/** Groups cell writes into vertical runs of consecutive rows in one column. */
export function cellRuns(cells: readonly CellWrite[]): { row: number; col: number; values: CellValue[] }[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { row: number; col: number; values: CellValue[] }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.row + last.values.length === c.row) last.values.push(c.value);
    else runs.push({ row: c.row, col: c.col, values: [c.value] });
  }
  return runs;
}

function looksLikeLedger(rows: unknown[][], isHeader: (rows: unknown[][]) => boolean): boolean {
  return isHeader(rows.slice(0, HEADER_SCAN_ROWS));
}

function isOurs(cf: HostConditionalFormat): boolean {
  if (cf.type !== 'Custom' || cf.customOrNullObject.isNullObject) return false;
  return cf.customOrNullObject.rule.formula.includes(`${MARKS_PREFIX}`);
}

const CF_LOAD = 'items/id,items/type,items/customOrNullObject/rule/formula';

// ---------------------------------------------------------------------------------------------
// The adapter
// ---------------------------------------------------------------------------------------------

export interface AdapterOptions {
  /** Decides whether the first rows of a sheet hold a ledger header (the domain's readLedger). */
  isLedgerHeader: (rows: unknown[][]) => boolean;
}

export function createWorkbook(host: ExcelHost, options: AdapterOptions): LedgerWorkbook {
  const caps: Capabilities = {
    base: host.isSetSupported('ExcelApi', '1.8'),
    mergedAreas: host.isSetSupported('ExcelApi', '1.13'),
  };
  /** Custom conditional formats found on a sheet at the last read: ours, to delete on the next mark. */
  const knownMarks = new Map<string, string[]>();
  let knownSheets: string[] = [];

  async function listSheets(): Promise<SheetInfo[]> {
    return host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      const active = sheets.getActiveWorksheet();
      active.load('name');
      await ctx.sync();
      knownSheets = sheets.items.map((s) => s.name);
      return sheets.items
        .filter((s) => !s.name.startsWith(MARKS_PREFIX) && s.name !== OPTIONS_SHEET)
        .map((s) => ({ name: s.name, visible: s.visibility === 'Visible', active: s.name === active.name }));
    });
  }

  async function readLedger(wanted?: string, progress?: Progress): Promise<LedgerGrid> {
    return host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      const target = wanted ? sheets.getItem(wanted) : sheets.getActiveWorksheet();
      target.load('name');
      let first = queueFirstChunk(target);
      progress?.(0, 1, '正在读取工作表…');
      await ctx.sync();
      knownSheets = sheets.items.map((s) => s.name);
      let sheet = target;
      let detected = false;
      if (!wanted && !looksLikeLedger(first.chunk.isNullObject ? [] : first.chunk.values, options.isLedgerHeader)) {
        // The active sheet holds no ledger: look at the top rows of the other visible sheets.
        const candidates = sheets.items.filter(
          (s) =>
            s.visibility === 'Visible' &&
            s.name !== target.name &&
            !s.name.startsWith(MARKS_PREFIX) &&
            s.name !== OPTIONS_SHEET,
        );
        const tops = candidates.map((s) => {
          const top = s
            .getUsedRange(true)
            .getIntersectionOrNullObject(s.getRangeByIndexes(0, 0, HEADER_SCAN_ROWS, SCAN_COLS));
          top.load('values');
          return { sheet: s, top };
        });
        await ctx.sync();
        const found = tops.find((t) => !t.top.isNullObject && looksLikeLedger(t.top.values, options.isLedgerHeader));
        if (found) {
          sheet = found.sheet;
          detected = true;
          first = queueFirstChunk(sheet);
          await ctx.sync();
        }
      }
      const used = first.used;
      const width = used.columnCount;
      const totalRows = used.rowIndex + used.rowCount;
      const grid: unknown[][] = first.chunk.isNullObject ? [] : [...first.chunk.values];
      const merges = caps.mergedAreas && first.merges && !first.merges.isNullObject ? first.merges.areas.items : [];
      // Later chunks: sized by cells now that the width is known.
      const rowsPerChunk = Math.max(100, Math.floor(CHUNK_CELLS / Math.max(1, width)));
      let next = Math.max(FIRST_CHUNK_ROWS, used.rowIndex);
      const total = Math.max(1, totalRows - used.rowIndex);
      while (next < totalRows) {
        progress?.(next - used.rowIndex, total, `正在读取第${next + 1}行起…`);
        const count = Math.min(rowsPerChunk, totalRows - next);
        const part = sheet.getRangeByIndexes(next, used.columnIndex, count, width);
        part.load('values');
        await ctx.sync();
        grid.push(...part.values);
        next += count;
      }
      knownMarks.set(
        sheet.name,
        first.formats.items.filter(isOurs).map((cf) => cf.id),
      );
      progress?.(total, total, '读取完成');
      return {
        sheet: sheet.name,
        origin: { row: used.rowIndex, col: used.columnIndex },
        grid,
        merges: merges.map((m) => ({
          top: m.rowIndex,
          left: m.columnIndex,
          bottom: m.rowIndex + m.rowCount - 1,
          right: m.columnIndex + m.columnCount - 1,
        })),
        detected,
      };
    });

    /** One sync's worth: name, used range geometry, the first rows' values, header merges, our old marks. */
    function queueFirstChunk(sheet: HostWorksheet) {
      sheet.load('name');
      const used = sheet.getUsedRange(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      const chunk = sheet.getRangeByIndexes(0, 0, FIRST_CHUNK_ROWS, MAX_COLS).getIntersectionOrNullObject(used);
      chunk.load('values');
      let merges: HostRangeAreas | null = null;
      if (caps.mergedAreas) {
        merges = sheet.getRangeByIndexes(0, 0, HEADER_SCAN_ROWS + 2, MAX_COLS).getMergedAreasOrNullObject();
        merges.areas.load('items/rowIndex,items/columnIndex,items/rowCount,items/columnCount');
      }
      const formats = sheet.getRange().conditionalFormats;
      formats.load(CF_LOAD);
      return { used, chunk, merges, formats };
    }
  }

  /** Our conditional format ids on `sheet`: from the last read, else looked up (one sync). */
  async function marksOn(ctx: HostContext, sheet: HostWorksheet, name: string): Promise<string[]> {
    const known = knownMarks.get(name);
    if (known) return known;
    const formats = sheet.getRange().conditionalFormats;
    formats.load(CF_LOAD);
    await ctx.sync();
    return formats.items.filter(isOurs).map((cf) => cf.id);
  }

  async function writeMarks(name: string, plan: MarkPlan | null): Promise<void> {
    await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const sheet = sheets.getItem(name);
      const marksName = marksSheetName(name);
      const old = await marksOn(ctx, sheet, name);
      const range = sheet.getRange();
      for (const id of old) range.conditionalFormats.getItem(id).delete();
      if (knownSheets.includes(marksName)) sheets.getItem(marksName).delete();
      knownMarks.set(name, []);
      knownSheets = knownSheets.filter((n) => n !== marksName);
      if (!plan || plan.region.rows === 0 || plan.region.cols === 0) {
        await ctx.sync();
        return;
      }
      const { region, flags } = plan;
      const marks = sheets.add(marksName);
      marks.visibility = 'Hidden';
      // Which sheet these marks belong to, for whoever unhides the sheet.
      marks.getRangeByIndexes(0, 0, 1, 1).values = [[name]];
      const slices = sliceBySize(flags, MAX_REQUEST_BYTES);
      for (const [i, slice] of slices.entries()) {
        marks.getRangeByIndexes(region.top + slice.start, region.left, slice.rows.length, region.cols).values =
          slice.rows;
        if (i < slices.length - 1) await ctx.sync();
      }
      const target = sheet.getRangeByIndexes(region.top, region.left, region.rows, region.cols);
      const corner = `${quoteSheet(marksName)}!${a1(region.top + 1, region.left)}`;
      const ids: HostConditionalFormat[] = [];
      for (const style of [MARK_STYLES.error, MARK_STYLES.warning]) {
        const cf = target.conditionalFormats.add('Custom');
        cf.custom.rule.formula = `=${corner}=${style.flag}`;
        cf.custom.format.fill.color = style.fill;
        cf.custom.format.font.color = style.font;
        cf.load('id');
        ids.push(cf);
      }
      await ctx.sync();
      knownSheets.push(marksName);
      knownMarks.set(
        name,
        ids.map((cf) => cf.id),
      );
    });
  }

  async function clearMarks(): Promise<number> {
    return host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const all = sheets.items;
      const markSheets = all.filter((s) => s.name.startsWith(MARKS_PREFIX));
      if (markSheets.length === 0) return 0;
      const data = all.filter((s) => !s.name.startsWith(MARKS_PREFIX));
      const formats = data.map((s) => {
        const f = s.getRange().conditionalFormats;
        f.load(CF_LOAD);
        return { sheet: s, f };
      });
      await ctx.sync();
      for (const { sheet, f } of formats) {
        const ours = f.items.filter(isOurs);
        for (const cf of ours) sheet.getRange().conditionalFormats.getItem(cf.id).delete();
        knownMarks.set(sheet.name, []);
      }
      for (const s of markSheets) s.delete();
      await ctx.sync();
      knownSheets = data.map((s) => s.name);
      return markSheets.length;
    });
  }

  async function selectCell(name: string, address: string): Promise<void> {
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(name);
      // range.select() is unreliable on an inactive sheet: activate first.
      sheet.activate();
      sheet.getRange(address).select();
      await ctx.sync();
    });
  }

  async function addDropdowns(
    name: string,
    firstRow: number,
    lastRow: number,
    columns: DropdownColumn[],
  ): Promise<void> {
    if (columns.length === 0 || lastRow < firstRow) return;
    await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const existing = sheets.items.find((s) => s.name === OPTIONS_SHEET);
      writeOptions(existing ?? sheets.add(OPTIONS_SHEET));
      const sheet = sheets.getItem(name);
      for (const c of columns) {
        const range = sheet.getRangeByIndexes(firstRow, c.col, lastRow - firstRow + 1, 1);
        range.dataValidation.clear();
        // The key's fixed list column (shared/layout.ts), the same one the CLI's template uses.
        range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${dropdownListSource(c.key)}` } };
        range.dataValidation.errorAlert = {
          showAlert: true,
          style: 'Warning',
          title: c.title.slice(0, 32),
          message: `「${c.title}」只能填写：${c.values.join('、')}`.slice(0, 225),
        };
      }
      await ctx.sync();
    });
  }

  /** The whole list sheet as shared/layout.ts draws it (every key in its fixed column), whichever columns this ledger has. */
  function writeOptions(options: HostWorksheet): void {
    options.visibility = 'Hidden';
    const { rows, widths } = dropdownListSheet();
    const grid: CellValue[][] = rows.map((r) => widths.map((_, c) => asCellValue(r.cells[c] ?? null)));
    options.getRangeByIndexes(0, 0, grid.length, widths.length).values = grid;
  }

  async function writeCells(name: string, cells: CellWrite[]): Promise<void> {
    if (cells.length === 0) return;
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(name);
      for (const run of cellRuns(cells)) {
        sheet.getRangeByIndexes(run.row, run.col, run.values.length, 1).values = run.values.map((v) => [
          asCellValue(v),
        ]);
      }
      await ctx.sync();
    });
  }

  async function writeSheet(spec: SheetSpec): Promise<string> {
    return host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const taken = new Set(sheets.items.map((s) => s.name));
      const reuse = spec.hidden === true && taken.has(spec.name);
      const name = reuse ? spec.name : freeName(spec.name, taken);
      const sheet = reuse ? sheets.getItem(name) : sheets.add(name);
      if (spec.hidden) sheet.visibility = 'Hidden';
      const height = spec.values.length;
      const width = Math.max(1, ...spec.values.map((r) => r.length));
      const at = (r: Rect) => sheet.getRangeByIndexes(r.top, r.left, r.rows, r.cols);
      for (const nf of spec.numberFormats ?? []) {
        at(nf.rect).numberFormat = Array.from({ length: nf.rect.rows }, () => Array(nf.rect.cols).fill(nf.format));
      }
      if (height > 0) {
        const grid = spec.values.map((row) => Array.from({ length: width }, (_, c) => asCellValue(row[c] ?? null)));
        for (const slice of sliceBySize(grid, MAX_REQUEST_BYTES)) {
          sheet.getRangeByIndexes(slice.start, 0, slice.rows.length, width).values = slice.rows;
        }
      }
      for (const m of spec.merges ?? []) at(m).merge(false);
      (spec.columnWidths ?? []).forEach((w, c) => {
        sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * 7 + 5);
      });
      for (const h of spec.rowHeights ?? []) sheet.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
      for (const r of spec.bold ?? []) at(r).format.font.bold = true;
      for (const f of spec.fontSize ?? []) at(f.rect).format.font.size = f.size;
      for (const r of spec.center ?? []) {
        at(r).format.horizontalAlignment = 'Center';
        at(r).format.verticalAlignment = 'Center';
      }
      for (const r of spec.wrap ?? []) at(r).format.wrapText = true;
      for (const r of spec.borders ?? []) {
        const borders = at(r).format.borders;
        for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal']) {
          borders.getItem(edge).style = 'Continuous';
        }
      }
      for (const v of spec.validations ?? []) {
        const dv = at(v.rect).dataValidation;
        if (v.kind === 'list') dv.rule = { list: { inCellDropDown: true, source: `=${v.source}` } };
        else if (v.kind !== 'prompt') {
          const rule = {
            formula1: v.min,
            ...(v.max === undefined ? {} : { formula2: v.max }),
            operator: v.max === undefined ? 'GreaterThanOrEqualTo' : 'Between',
          };
          if (v.kind === 'decimal') dv.rule = { decimal: rule };
          else if (v.kind === 'whole') dv.rule = { wholeNumber: rule };
        }
        dv.prompt = { showPrompt: true, title: v.title.slice(0, 32), message: v.prompt.slice(0, 255) };
        if (v.kind !== 'prompt')
          dv.errorAlert = {
            showAlert: true,
            style: 'Stop',
            title: v.title.slice(0, 32),
            message: v.error.slice(0, 225),
          };
      }
      if (spec.freeze && spec.freeze.cols > 0)
        sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, Math.max(1, spec.freeze.rows), spec.freeze.cols));
      else if (spec.freeze && spec.freeze.rows > 0) sheet.freezePanes.freezeRows(spec.freeze.rows);
      if (spec.chart) {
        const chart = sheet.charts.add(spec.chart.type, at(spec.chart.data), 'Columns');
        chart.title.text = spec.chart.title;
        const a = spec.chart.anchor;
        chart.setPosition(
          sheet.getRangeByIndexes(a.top, a.left, 1, 1),
          sheet.getRangeByIndexes(a.top + a.rows - 1, a.left + a.cols - 1, 1, 1),
        );
      }
      if (!spec.hidden) sheet.activate();
      await ctx.sync();
      await writePrintSetup(ctx, sheet, spec.print, host.isSetSupported);
      return name;
    });
  }

  return {
    capabilities: () => caps,
    listSheets,
    readLedger,
    writeMarks,
    clearMarks,
    selectCell,
    addDropdowns,
    writeCells,
    writeSheet,
  };
}

/** A sheet name not yet taken: 'name', 'name (2)', … (Excel caps names at 31 characters). */
export function freeName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.replace(/[\\/?*[\]:]/gu, '').slice(0, 31) || '工作表';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
}
