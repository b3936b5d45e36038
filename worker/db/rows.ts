/**
 * A submission's project rows as one stored document (table submission_data, migration 0003),
 * gzip-compressed and base64-encoded, in parts that keep each value under D1's 2,000,000-byte
 * limit. One value per submission instead of one table row per project: a 2,000-row ledger is
 * ~1.4 MB as JSON objects but ~100 KB stored, and bench:worker showed the per-row inserts to be
 * most of a submission's time. Rows are only read per submission or per period.
 *
 * What is gzipped is a column document (row-columns.ts: numbers as binary, enum texts as one byte
 * each, other columns as JSON): encoding it costs about half of the JSON document written before,
 * `{"columns": ["row", "seq", …], "rows": [[5, 1, …], …]}`, which still decodes (the bytes tell
 * which is which), as do the rows moved by migration 0003 (a plain JSON array of LedgerRow objects,
 * encoding 'json'). All three give the same rows.
 */
import { LEDGER_ROW_FIELDS, type LedgerRow, type LedgerTable } from '../../shared/index.js';
import { gunzipBase64, gzipBase64 } from '../gzip.js';
import { columnsOfRows, columnsOfTable, decodeColumns, encodeColumns, isColumns } from './row-columns.js';

/** Characters per stored part (base64 is ASCII: characters = bytes), below D1's 2 MB per value. */
export const MAX_PART_CHARS = 1_800_000;

export type RowsEncoding = 'gzip' | 'json';

/** One stored slice; the parts of a submission, in order, join into its encoded document. */
export interface StoredPart {
  encoding: RowsEncoding;
  data: string;
}

/** The fields of a LedgerRow in order: the document's `columns`. */
export const ROW_FIELDS: readonly (keyof LedgerRow)[] = LEDGER_ROW_FIELDS;

interface RowsDocument {
  columns: readonly string[];
  rows: readonly unknown[][];
}

function rowsDocument(rows: readonly LedgerRow[]): RowsDocument {
  const values: unknown[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as LedgerRow;
    const v: unknown[] = new Array(ROW_FIELDS.length);
    for (let j = 0; j < ROW_FIELDS.length; j++) v[j] = row[ROW_FIELDS[j] as keyof LedgerRow];
    values[i] = v;
  }
  return { columns: ROW_FIELDS, rows: values };
}

const utf8 = new TextDecoder();

/** The JSON documents written before the column document (and the rows moved by migration 0003). */
export function rowsDocumentText(rows: readonly LedgerRow[]): string {
  return JSON.stringify(rowsDocument(rows));
}

function rowsOf(document: RowsDocument | LedgerRow[]): LedgerRow[] {
  if (Array.isArray(document)) return document; // moved by migration 0003: LedgerRow objects
  const { columns, rows } = document;
  return rows.map((v) => {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < columns.length; j++) row[columns[j] as string] = v[j];
    return row as unknown as LedgerRow;
  });
}

/** Rows to store: as checked (by column, LedgerTable) or as LedgerRow objects. */
export type StoredRows = LedgerTable | readonly LedgerRow[];

/** The rows as stored parts: base64(gzip(column document)), cut every `partChars` characters. */
export function encodeRows(rows: StoredRows, partChars = MAX_PART_CHARS): StoredPart[] {
  const columns = isRowList(rows) ? columnsOfRows(rows, ROW_FIELDS) : columnsOfTable(rows, ROW_FIELDS);
  const data = gzipBase64(encodeColumns(rows.length, columns));
  const parts: StoredPart[] = [];
  for (let i = 0; i < data.length || parts.length === 0; i += partChars) {
    parts.push({ encoding: 'gzip', data: data.slice(i, i + partChars) });
  }
  return parts;
}

function isRowList(rows: StoredRows): rows is readonly LedgerRow[] {
  return Array.isArray(rows);
}

/** A submission's rows back from its parts (in `part` order). */
export function decodeRows(parts: readonly StoredPart[]): LedgerRow[] {
  const first = parts[0];
  if (!first) return [];
  const text = parts.length === 1 ? first.data : parts.map((p) => p.data).join('');
  if (first.encoding !== 'gzip') return rowsOf(JSON.parse(text) as LedgerRow[]);
  const bytes = gunzipBase64(text);
  if (isColumns(bytes)) return decodeColumns(bytes);
  return rowsOf(JSON.parse(utf8.decode(bytes)) as RowsDocument);
}

/** INSERT statements for the parts of a submission's rows (they go into the submission's batch). */
export function rowsStatements(
  db: D1Database,
  submissionId: string,
  rows: StoredRows,
  partChars = MAX_PART_CHARS,
): D1PreparedStatement[] {
  const insert = db.prepare('INSERT INTO submission_data (submission_id, part, encoding, data) VALUES (?, ?, ?, ?)');
  const parts = encodeRows(rows, partChars);
  return parts.map((p, i) => insert.bind(submissionId, i, p.encoding, p.data));
}
