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

/**
 * A column sent coded: its distinct values once, and per record the index of its value. A ledger
 * repeats most of its columns row after row (实施单位, 地点, 分类, 经营情况 …): coded, a 2,000-row
 * ledger is about a third of the bytes, and the Worker decodes, parses and scans that much less.
 */
export interface CodedColumn {
  values: RawCell[];
  codes: number[];
}

/** Records by column as sent: each column plain (one value per record) or coded. */
export interface WireColumns {
  row: number[];
  cells: Partial<Record<ColumnKey, RawCell[] | CodedColumn>>;
}

/** The columns with each one coded whose distinct values are at most a quarter of its records. */
export function codedColumns(columns: RawColumns): WireColumns {
  const cells: WireColumns['cells'] = {};
  for (const key of COLUMN_KEYS) {
    const column = columns.cells[key];
    if (column) cells[key] = coded(column) ?? column;
  }
  return { row: columns.row, cells };
}

function coded(column: readonly RawCell[]): CodedColumn | null {
  const most = column.length >> 2;
  const index = new Map<RawCell, number>();
  const values: RawCell[] = [];
  const codes: number[] = new Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as RawCell;
    let code = index.get(value);
    if (code === undefined) {
      if (values.length >= most) return null;
      code = values.length;
      values.push(value);
      index.set(value, code);
    }
    codes[i] = code;
  }
  return { values, codes };
}

/** The columns with every coded one written out, one value per record (the values shared, not copied). */
export function plainColumns(columns: WireColumns): RawColumns {
  let cells: RawColumns['cells'] | null = null;
  for (const key of COLUMN_KEYS) {
    const column = columns.cells[key];
    if (column === undefined || Array.isArray(column)) continue;
    const { values, codes } = column as CodedColumn;
    const plain: RawCell[] = new Array(codes.length);
    for (let i = 0; i < codes.length; i++) plain[i] = values[codes[i] as number] as RawCell;
    cells ??= { ...(columns.cells as RawColumns['cells']) };
    cells[key] = plain;
  }
  return cells ? { row: columns.row, cells } : (columns as RawColumns);
}
