/**
 * Submitted records by column, the form clients send a submission's `rows` in: the worksheet row
 * of each record, and per column key one cell per record (null = blank). For a real ledger that is
 * about half the bytes of the records' JSON (no column key repeated in every row), and the Worker
 * parses and checks it without an object per row. Records (`RawRecord[]`) are still accepted.
 */
import { COLUMN_KEYS, type ColumnKey } from './columns.js';
import type { RawCell, RawRecord } from './types.js';

export interface RawColumns {
  row: number[];
  cells: Partial<Record<ColumnKey, RawCell[]>>;
}

/** A submission's rows: records, or the same by column. */
export type RawRows = readonly RawRecord[] | RawColumns;

export function isRawColumns(rows: RawRows): rows is RawColumns {
  return !Array.isArray(rows);
}

/** How many records `rows` holds. */
export function recordCount(rows: RawRows): number {
  return isRawColumns(rows) ? rows.row.length : rows.length;
}

/** Records by column; a column blank in every record is left out. */
export function columnsOfRecords(records: readonly RawRecord[]): RawColumns {
  const cells: Partial<Record<ColumnKey, RawCell[]>> = {};
  for (const key of COLUMN_KEYS) {
    let column: RawCell[] | null = null;
    for (let i = 0; i < records.length; i++) {
      const value = (records[i] as RawRecord).cells[key];
      if (value === undefined || value === null) continue;
      column ??= new Array<RawCell>(records.length).fill(null);
      column[i] = value;
    }
    if (column) cells[key] = column;
  }
  return { row: records.map((r) => r.row), cells };
}

/** The columns in COLUMN_KEYS order (undefined: a column not sent), for reading row by row. */
export function columnsInOrder(columns: RawColumns): (readonly RawCell[] | undefined)[] {
  return COLUMN_KEYS.map((key) => columns.cells[key]);
}
