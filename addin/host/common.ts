/** Constants and pure helpers shared by both adapters (no host calls). */
import { dropdownListSheet } from '../../shared/layout/list-sheet.js';
import { MARK_COLORS } from '../../shared/layout/style.js';
import { LIST_SHEET_NAME } from '../../shared/layout.js';
import type { CellValue, CellWrite } from './types.js';

export const MARKS_PREFIX = '四个一批标记_';
/** The hidden dropdown-list sheet, shared with the CLI's template. */
export const OPTIONS_SHEET = LIST_SHEET_NAME;
/** Requests are kept below this many bytes (Excel on the web refuses 5 MB). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Rows read in the first sync, before the used range's width is known. */
export const FIRST_CHUNK_ROWS = 5000;
/** Cells read per later sync, so a response stays well below 5 MB. */
export const CHUNK_CELLS = 150_000;
/** Rows scanned for a ledger header when looking for the ledger sheet. */
export const HEADER_SCAN_ROWS = 20;
/** Columns scanned for a ledger header on the other sheets. */
export const SCAN_COLS = 60;
/** Excel's and WPS's last column (XFD). */
export const MAX_COLS = 16384;

/** Marks: the flag kept on the hidden marks sheet, and the colours (shared/layout/style.ts). */
export const MARK_STYLES = {
  error: { flag: 2, ...MARK_COLORS.error },
  warning: { flag: 1, ...MARK_COLORS.warning },
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

export function looksLikeLedger(rows: unknown[][], isHeader: (rows: unknown[][]) => boolean): boolean {
  return isHeader(rows.slice(0, HEADER_SCAN_ROWS));
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

/** The 下拉选项 list sheet's cells, from its one owner (shared/layout.ts): every key in its fixed column. */
export function optionsGrid(): CellValue[][] {
  const { rows, widths } = dropdownListSheet();
  return rows.map((r) => widths.map((_, c) => asCellValue(r.cells[c] ?? null)));
}

/**
 * The hidden sheet-level name that marks a sheet the add-in wrote (writeOwnedSheet); it refers to
 * the name the sheet was written for, as a text constant.
 */
export const OWNER_NAME = 'SGYP_PANE_SHEET';

/** The owner mark's formula: the wanted sheet name as a text constant. */
export function ownerFormula(wanted: string): string {
  return `="${wanted.replace(/"/gu, '""')}"`;
}

/** The wanted sheet name an owner mark's formula carries, or null when it is not one. */
export function ownerOf(formula: unknown): string | null {
  if (typeof formula !== 'string') return null;
  const m = /^=?"((?:[^"]|"")*)"$/u.exec(formula.trim());
  return m ? (m[1] as string).replace(/""/gu, '"') : null;
}

/** `name` is `wanted` or a free-name variant of it (`wanted (2)`, shortened to fit 31 characters). */
export function isVariantOf(name: string, wanted: string): boolean {
  const base = freeName(wanted, new Set());
  if (name === base) return true;
  const m = / \((\d+)\)$/u.exec(name);
  if (!m) return false;
  const suffix = m[0];
  return name === `${base.slice(0, 31 - suffix.length)}${suffix}`;
}

export interface OwnedPlan {
  /** The sheet to replace (the add-in's own for `wanted`), or null: write a new one. */
  replace: string | null;
  /** A sheet the add-in did not write holds the wanted name. */
  clash: boolean;
}

/** Which sheet writeOwnedSheet replaces: the add-in's own for `wanted`, under that name first, else a variant. */
export function planOwned(wanted: string, sheets: readonly { name: string; owner: string | null }[]): OwnedPlan {
  const base = freeName(wanted, new Set());
  const exact = sheets.find((s) => s.name === base);
  const ours = (s: { name: string; owner: string | null }) => s.owner === base && isVariantOf(s.name, base);
  const clash = exact !== undefined && exact.owner !== base;
  const replace = exact && !clash ? exact : sheets.find(ours);
  return { replace: replace?.name ?? null, clash };
}

/** Hyperlinks written per request (Office) — keeps each batch small whatever the issue count. */
export const LINK_BATCH = 2000;

/** Where an internal hyperlink points: 'Sheet'!A1 (Office documentReference, WPS SubAddress). */
export function linkTarget(link: { sheet: string; cell: string }): string {
  return `${quoteSheet(link.sheet)}!${link.cell}`;
}
