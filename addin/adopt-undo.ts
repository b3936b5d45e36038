/**
 * 采纳's record for 撤销: each batch keeps the cells it changed, what they held before (read from
 * the sheet just before writing, blanks and free text such as 其他（说明） included) and what it
 * wrote. Batches stack for the pane's session; an undo restores only the cells that still hold
 * what the batch wrote — a cell the clerk changed since is left as the clerk edited it.
 */
import type { CellValue, CellWrite } from './excel.js';

export interface AdoptedCell {
  /** 0-based worksheet row and column. */
  row: number;
  col: number;
  before: CellValue;
  after: CellValue;
}

export interface AdoptBatch {
  sheet: string;
  cells: AdoptedCell[];
}

/** The rectangle covering a batch's cells (one read before writing, one before restoring). */
export function batchRect(cells: readonly { row: number; col: number }[]): {
  top: number;
  left: number;
  rows: number;
  cols: number;
} {
  const rows = cells.map((c) => c.row);
  const cols = cells.map((c) => c.col);
  const top = Math.min(...rows);
  const left = Math.min(...cols);
  return { top, left, rows: Math.max(...rows) - top + 1, cols: Math.max(...cols) - left + 1 };
}

/** The value at (row, col) of a grid read from `rect`. */
export function valueAt(
  grid: readonly CellValue[][],
  rect: { top: number; left: number },
  row: number,
  col: number,
): CellValue {
  return grid[row - rect.top]?.[col - rect.left] ?? '';
}

/** Cell values as the clerk sees them: a blank is '' whichever way the host reports it. */
export function sameValue(a: CellValue, b: CellValue): boolean {
  const text = (v: CellValue) => (v === null ? '' : String(v));
  return text(a) === text(b);
}

/** A new batch from the writes and the values read before them. */
export function adoptBatch(
  sheet: string,
  writes: readonly CellWrite[],
  before: (row: number, col: number) => CellValue,
): AdoptBatch {
  return {
    sheet,
    cells: writes.map((w) => ({ row: w.row, col: w.col, before: before(w.row, w.col), after: w.value })),
  };
}

export interface UndoPlan {
  /** Writes that put back the values from before the batch. */
  writes: CellWrite[];
  /** Worksheet rows (1-based) the clerk changed since: left as they are. */
  edited: number[];
}

/** What an undo of `batch` does, given the cells' current values. */
export function planUndo(batch: AdoptBatch, current: (row: number, col: number) => CellValue): UndoPlan {
  const writes: CellWrite[] = [];
  const edited: number[] = [];
  for (const c of batch.cells) {
    if (sameValue(current(c.row, c.col), c.after)) writes.push({ row: c.row, col: c.col, value: c.before ?? '' });
    else edited.push(c.row + 1);
  }
  return { writes, edited };
}

/** 第3、5、9行 (at most `shown` numbers, then 等 N 行). */
export function rowList(rows: readonly number[], shown = 8): string {
  const head = rows.slice(0, shown).join('、');
  return rows.length > shown ? `第${head}行等 ${rows.length} 行` : `第${head}行`;
}
