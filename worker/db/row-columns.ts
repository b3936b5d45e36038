/**
 * Project rows as a column document (what worker/db/rows.ts gzips): cheaper to write than JSON of
 * the rows, and read back to the very rows JSON would give. JSON.stringify of a 2,000-row ledger
 * spends about as much on its numbers as on its text, and the text then has to be encoded to UTF-8
 * for gzip; here each column goes the cheapest lossless way:
 * - `f64`: a column of numbers and blanks (null) only — 8 bytes per value, little-endian, NaN for
 *   null (as JSON: a number that is not finite reads back as null, −0 as 0);
 * - `dict`: a column of at most 256 distinct texts, blanks or shared lists (the enum columns 分类,
 *   经营情况 …, texts that repeat: 实施单位, 地点 …, and 问题, 原因) — its distinct values once, then
 *   one byte per row;
 * - `json`: any other column (free text, lists of their own), as a JSON array of its values.
 *
 * Layout: "LRC1", the header's length (uint32 LE), the header (UTF-8 JSON:
 * `{"n": rows, "columns": [{"field", "as", "dict"?}, …]}` with every field in row order), padding to
 * a multiple of 8, each `f64` column, each `dict` column, then the `json` columns as one UTF-8 JSON
 * array of arrays (to the end). Only the Worker writes it; decode accepts only what encode writes.
 */
import type { LedgerRow, LedgerTable } from '../../shared/index.js';

export const COLUMNS_MAGIC = 'LRC1';
const MAGIC_BYTES = new TextEncoder().encode(COLUMNS_MAGIC);
const MAX_DICT = 256;

type As = 'f64' | 'dict' | 'json';
/** A dictionary entry: a text, blank, or a list (multi-select values). */
type DictValue = string | null | readonly unknown[];
interface ColumnHead {
  field: string;
  as: As;
  dict?: readonly DictValue[];
}

/** One column to write, `n` values long: numbers (NaN = blank), dictionary codes, or any values. */
export type ColumnData =
  | { field: string; as: 'f64'; numbers: Float64Array }
  | { field: string; as: 'dict'; dict: readonly DictValue[]; codes: Uint8Array }
  | { field: string; as: 'json'; values: readonly unknown[] };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The values as f64 (numbers and blanks only), or null (found before anything is allocated: most columns are text). */
function numeric(values: readonly unknown[]): Float64Array | null {
  for (const v of values) if (typeof v !== 'number' && v !== null && v !== undefined) return null;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : Number.NaN;
  }
  return out;
}

/**
 * The values as indexes into at most MAX_DICT distinct texts, blanks or lists, or null. Lists count
 * as one value when they are the same list: the check shares one frozen list between the rows
 * whose multi-select cell reads the same (问题, 原因), and a list of its own is a value of its own.
 */
function dictionary(values: readonly unknown[]): { dict: DictValue[]; codes: Uint8Array } | null {
  const index = new Map<DictValue, number>();
  const dict: DictValue[] = [];
  const codes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v === undefined) v = null;
    else if (typeof v !== 'string' && v !== null && !Array.isArray(v)) return null;
    let code = index.get(v as DictValue);
    if (code === undefined) {
      if (dict.length === MAX_DICT) return null;
      code = dict.length;
      dict.push(v as DictValue);
      index.set(v as DictValue, code);
    }
    codes[i] = code;
  }
  return { dict, codes };
}

/** Any values, each column the cheapest way its values allow: f64, dictionary, else JSON. */
function anyColumn(field: string, values: readonly unknown[]): ColumnData {
  const numbers = numeric(values);
  if (numbers) return { field, as: 'f64', numbers };
  const d = dictionary(values);
  if (d) return { field, as: 'dict', ...d };
  return { field, as: 'json', values };
}

/** LedgerRow objects by column. */
export function columnsOfRows(rows: readonly LedgerRow[], fields: readonly (keyof LedgerRow)[]): ColumnData[] {
  return fields.map((field) =>
    anyColumn(
      field,
      rows.map((r) => r[field]),
    ),
  );
}

/**
 * A checked table's columns as it holds them (no LedgerRow built), in `fields` order: the
 * worksheet row, the columns, 其他 explanations (LEDGER_ROW_FIELDS). Its number and enum columns
 * are written as they are; any other column of few distinct texts (实施单位, 地点 …) as a dictionary.
 */
export function columnsOfTable(table: LedgerTable, fields: readonly (keyof LedgerRow)[]): ColumnData[] {
  return fields.map((field): ColumnData => {
    if (field === 'row') return { field, as: 'f64', numbers: Float64Array.from(table.rowNumbers) };
    if (field === 'causesOther') return anyColumn(field, table.causesOther());
    const column = table.stored(field);
    if (column.kind === 'numbers') return { field, as: 'f64', numbers: column.numbers };
    if (column.kind === 'codes') return { field, as: 'dict', dict: column.values, codes: column.codes };
    return anyColumn(field, column.values);
  });
}

/**
 * `n` rows' columns as a column document (bytes to gzip). Numbers are written as JSON would keep
 * them: one that is not finite as blank, −0 as 0.
 */
export function encodeColumns(n: number, columns: readonly ColumnData[]): Uint8Array {
  const heads: ColumnHead[] = [];
  const floats: Float64Array[] = [];
  const bytes: Uint8Array[] = [];
  const json: (readonly unknown[])[] = [];
  for (const c of columns) {
    if (c.as === 'f64') floats.push(c.numbers);
    else if (c.as === 'dict') bytes.push(c.codes);
    else json.push(c.values);
    heads.push(c.as === 'dict' ? { field: c.field, as: c.as, dict: c.dict } : { field: c.field, as: c.as });
  }
  const header = encoder.encode(JSON.stringify({ n, columns: heads }));
  const tail = encoder.encode(JSON.stringify(json));
  const floatsAt = align8(8 + header.length);
  const bytesAt = floatsAt + floats.length * n * 8;
  const tailAt = bytesAt + bytes.length * n;
  const out = new Uint8Array(tailAt + tail.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC_BYTES, 0);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  let at = floatsAt;
  for (const f of floats)
    for (let i = 0; i < n; i++, at += 8) {
      const x = f[i] as number;
      view.setFloat64(at, Number.isFinite(x) ? x + 0 : Number.NaN, true);
    }
  for (const b of bytes) {
    out.set(b.subarray(0, n), at);
    at += n;
  }
  out.set(tail, tailAt);
  return out;
}

const align8 = (x: number) => Math.ceil(x / 8) * 8;

/** True when `bytes` start like a column document. */
export function isColumns(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC_BYTES.every((b, i) => bytes[i] === b);
}

/** The rows of a column document, each with its fields in the document's order. */
export function decodeColumns(bytes: Uint8Array): LedgerRow[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  const { n, columns } = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as {
    n: number;
    columns: ColumnHead[];
  };
  const floatCount = columns.filter((c) => c.as === 'f64').length;
  const dictCount = columns.filter((c) => c.as === 'dict').length;
  const floatsAt = align8(8 + headerLength);
  const bytesAt = floatsAt + floatCount * n * 8;
  const tailAt = bytesAt + dictCount * n;
  const json = JSON.parse(decoder.decode(bytes.subarray(tailAt))) as unknown[][];
  const values: unknown[][] = [];
  let f = 0;
  let d = 0;
  let j = 0;
  for (const c of columns) {
    const column: unknown[] = new Array(n);
    if (c.as === 'f64') {
      const at = floatsAt + f++ * n * 8;
      for (let i = 0; i < n; i++) {
        const x = view.getFloat64(at + i * 8, true);
        column[i] = Number.isNaN(x) ? null : x;
      }
    } else if (c.as === 'dict') {
      const at = bytesAt + d++ * n;
      const dict = c.dict ?? [];
      for (let i = 0; i < n; i++) {
        const value = dict[bytes[at + i] as number];
        // Each row its own list, as JSON would give it.
        column[i] = Array.isArray(value) ? value.slice() : value;
      }
    } else {
      const from = json[j++] ?? [];
      for (let i = 0; i < n; i++) column[i] = from[i];
    }
    values.push(column);
  }
  const rows: LedgerRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < columns.length; k++) row[(columns[k] as ColumnHead).field] = (values[k] as unknown[])[i];
    rows[i] = row as unknown as LedgerRow;
  }
  return rows;
}
