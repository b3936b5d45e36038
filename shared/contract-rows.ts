/**
 * A submission's rows as the Worker accepts them (spec §7): records, or the same by column with
 * the repetitive columns coded (WireColumns). A plain loop checks a well-formed body (nearly every
 * one); a body that is not gets the schemas' issues, each naming its row and column, and bounded.
 */
import * as z from 'zod/mini';
import { COLUMN_KEYS, type ColumnKey } from './ledger/columns.js';
import { plainColumns, type RawRows, type WireColumns } from './ledger/raw-columns.js';
import type { RawCell, RawRecord } from './ledger/types.js';

export const MAX_SUBMISSION_ROWS = 20000;
/** Longest text accepted in one cell (Excel's own limit is 32,767). */
export const MAX_CELL_CHARS = 32767;

function isRawCell(v: unknown): v is RawCell {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'string') return v.length <= MAX_CELL_CHARS;
  return typeof v === 'number' && Number.isFinite(v);
}

function cellMessage(v: unknown): string {
  return typeof v === 'string'
    ? `文本过长（${v.length} 字），单元格最多 ${MAX_CELL_CHARS} 字`
    : '单元格的值须为文本、数字、是/否或空值';
}

/** One cell: text (≤ MAX_CELL_CHARS), a finite number, a boolean or null. */
export const RawCellSchema = z.custom<RawCell>(isRawCell, { error: (issue) => cellMessage(issue.input) });

const COLUMN_KEY_SET: ReadonlySet<string> = new Set(COLUMN_KEYS);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Cells by column key: only known column keys (unknown ones → `unrecognized_keys`), each value a
 * RawCell (wrong ones → an issue at `cells.<key>`, so the clerk is told row and column). One check
 * per record instead of a schema per cell: a 2,000-row submission has ~50,000 cells, and a
 * per-cell schema (union, or optional wrapper) costs ~20–30 ms where this loop costs ~3 ms
 * (zod without eval, as in workerd).
 */
export const RawCellsSchema = z.custom<Partial<Record<ColumnKey, RawCell>>>().check((ctx) => {
  const cells = ctx.value as unknown;
  if (!isPlainObject(cells)) {
    ctx.issues.push({ code: 'invalid_type', expected: 'object', input: cells });
    return;
  }
  const record = cells as Record<string, unknown>;
  const unknown: string[] = [];
  for (const key of Object.keys(record)) {
    const cell = record[key];
    if (!COLUMN_KEY_SET.has(key)) unknown.push(key);
    else if (cell !== undefined && !isRawCell(cell)) {
      ctx.issues.push({ code: 'custom', message: cellMessage(cell), input: cell, path: [key] });
    }
  }
  if (unknown.length > 0) ctx.issues.push({ code: 'unrecognized_keys', keys: unknown, input: record });
});

/** A whole number within [min, max] (either bound optional). */
export function int(min?: number, max?: number) {
  const checks: z.core.$ZodCheck<number>[] = [];
  if (min !== undefined) checks.push(z.gte(min));
  if (max !== undefined) checks.push(z.lte(max));
  return z.int().check(...checks);
}

export const MAX_ROW_NUMBER = 1048576;

/** A worksheet row number: a whole number from 1 to MAX_ROW_NUMBER. */
function isRowNumber(r: unknown): boolean {
  return Number.isSafeInteger(r) && (r as number) >= 1 && (r as number) <= MAX_ROW_NUMBER;
}

export const RawRecordSchema = z.strictObject({
  row: int(1, MAX_ROW_NUMBER),
  cells: RawCellsSchema,
});

export const RawRecordsSchema = z.array(RawRecordSchema).check(z.maxLength(MAX_SUBMISSION_ROWS));

/** True when `v` is what RawRecordsSchema accepts: every record `{ row, cells }` and nothing else. */
function wellFormedRecords(v: unknown): v is RawRecord[] {
  if (!Array.isArray(v) || v.length > MAX_SUBMISSION_ROWS) return false;
  for (const record of v as unknown[]) {
    if (!isPlainObject(record)) return false;
    for (const key in record) if (key !== 'row' && key !== 'cells') return false;
    const { row, cells } = record;
    if (!isRowNumber(row) || !isPlainObject(cells)) return false;
    for (const key in cells) {
      const cell = cells[key];
      if (!COLUMN_KEY_SET.has(key) || (cell !== undefined && !isRawCell(cell))) return false;
    }
  }
  return true;
}

/**
 * True when `v` is what RawColumnsSchema accepts: `row` whole numbers in range, `cells` only column
 * keys, each column an array of RawCell exactly as long as `row` or a well-formed coded column,
 * and the coded columns standing for at most MAX_CODED_TEXT characters written out.
 */
function wellFormedColumns(v: unknown): v is WireColumns {
  if (!isPlainObject(v)) return false;
  for (const key in v) if (key !== 'row' && key !== 'cells') return false;
  const { row, cells } = v;
  if (!Array.isArray(row) || row.length > MAX_SUBMISSION_ROWS || !row.every(isRowNumber)) return false;
  if (!isPlainObject(cells)) return false;
  let coded = 0;
  for (const key in cells) {
    const column = cells[key];
    if (!COLUMN_KEY_SET.has(key)) return false;
    if (Array.isArray(column)) {
      if (column.length !== row.length) return false;
      for (let i = 0; i < column.length; i++) if (!isRawCell(column[i])) return false;
    } else {
      const text = isPlainObject(column) ? codedText(column, row.length) : -1;
      if (text < 0) return false;
      coded += text;
    }
  }
  return coded <= MAX_CODED_TEXT;
}

/**
 * Text the coded columns of one submission may stand for once written out: no more than the
 * largest body the Worker takes plain (its default MAX_INFLATED_BYTES is this very bound), so a
 * few long values repeated in every row cost no more checking than the same ledger sent plain.
 */
export const MAX_CODED_TEXT = 24 * 1024 * 1024;

/** A code into a value list of `size` values. */
function isCode(c: unknown, size: number): c is number {
  return typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < size;
}

/**
 * The characters a coded column of `n` records stands for written out, or -1 when it is not well
 * formed: only `values` (at most `n` RawCells) and `codes` (`n` indexes into them).
 */
function codedText(column: Record<string, unknown>, n: number): number {
  for (const key in column) if (key !== 'values' && key !== 'codes') return -1;
  const { values, codes } = column;
  if (!Array.isArray(values) || !Array.isArray(codes) || codes.length !== n || values.length > n) return -1;
  const lengths: number[] = new Array(values.length);
  for (let j = 0; j < values.length; j++) {
    const value = values[j];
    if (!isRawCell(value)) return -1;
    lengths[j] = typeof value === 'string' ? value.length : 0;
  }
  let text = 0;
  for (let i = 0; i < n; i++) {
    const code = codes[i];
    if (!isCode(code, values.length)) return -1;
    text += lengths[code] as number;
  }
  return text;
}

/** Most schema issues gathered for a submission's rows (the answer lists the first 200 of them). */
export const MAX_SCHEMA_ISSUES = 1000;
/** Records handed to RawRecordsSchema at a time, so gathering stops soon after MAX_SCHEMA_ISSUES. */
const RECORDS_PER_SCHEMA_RUN = 100;

/**
 * Records by column (WireColumns), for the issues of one that is not well formed: `row` whole
 * numbers in range, `cells` only column keys, each column an array of RawCell exactly as long as
 * `row` or a coded column (codedIssues), the coded columns within MAX_CODED_TEXT. At most
 * MAX_SCHEMA_ISSUES issues, and no more work than one look at each value.
 */
export const RawColumnsSchema = z.custom<WireColumns>().check((ctx) => {
  const add = (issue: z.core.$ZodRawIssue) => {
    if (ctx.issues.length < MAX_SCHEMA_ISSUES) ctx.issues.push(issue);
  };
  const value = ctx.value as unknown;
  if (!isPlainObject(value)) return add({ code: 'invalid_type', expected: 'object', input: value });
  const extra = Object.keys(value).filter((k) => k !== 'row' && k !== 'cells');
  if (extra.length > 0) add({ code: 'unrecognized_keys', keys: extra, input: value });
  const { row, cells } = value;
  let n = -1;
  if (!Array.isArray(row)) add({ code: 'invalid_type', expected: 'array', input: row, path: ['row'] });
  else if (row.length > MAX_SUBMISSION_ROWS) add(tooManyRows(row, ['row']));
  else {
    n = row.length;
    row.forEach((r: unknown, i) => {
      if (!isRowNumber(r)) add({ code: 'custom', message: ROW_NUMBER_MESSAGE, input: r, path: ['row', i] });
    });
  }
  if (!isPlainObject(cells)) return add({ code: 'invalid_type', expected: 'object', input: cells, path: ['cells'] });
  const unknown: string[] = [];
  let coded = 0;
  for (const [key, column] of Object.entries(cells)) {
    if (!COLUMN_KEY_SET.has(key)) unknown.push(key);
    else if (isPlainObject(column)) {
      const before = coded;
      coded += Math.max(0, codedIssues(column, n, ['cells', key], add));
      if (before <= MAX_CODED_TEXT && coded > MAX_CODED_TEXT) {
        const message = `按编码发送的各列写出后超过 ${Math.floor(MAX_CODED_TEXT / 10000)} 万字（相当于解压后的请求体上限）：请分批报送`;
        add({ code: 'custom', message, input: coded, path: ['cells', key] });
      }
    } else if (!Array.isArray(column))
      add({ code: 'invalid_type', expected: 'array', input: column, path: ['cells', key] });
    else if (n >= 0 && column.length !== n) {
      const message = `有 ${column.length} 个值，而行号有 ${n} 个：每行应各有一个值`;
      add({ code: 'custom', message, input: column.length, path: ['cells', key] });
    } else if (column.length > MAX_SUBMISSION_ROWS) add(tooManyRows(column, ['cells', key]));
    else
      column.forEach((cell: unknown, i) => {
        if (!isRawCell(cell)) add({ code: 'custom', message: cellMessage(cell), input: cell, path: ['cells', key, i] });
      });
  }
  if (unknown.length > 0) add({ code: 'unrecognized_keys', keys: unknown, input: cells, path: ['cells'] });
});

/**
 * The issues of a coded column of `n` records (-1: unknown) at `path`, each naming the column, or
 * for a bad code its record; the characters it stands for written out (-1 when that is unknown).
 */
function codedIssues(
  column: Record<string, unknown>,
  n: number,
  path: PropertyKey[],
  add: (issue: z.core.$ZodRawIssue) => void,
): number {
  const issue = (message: string, input: unknown, at = path) => add({ code: 'custom', message, input, path: [...at] });
  const extra = Object.keys(column).filter((k) => k !== 'values' && k !== 'codes');
  if (extra.length > 0) issue(`按编码发送的列只能有取值表和编码两项，多出了 ${extra.slice(0, 5).join('、')}`, column);
  const { values, codes } = column;
  if (!Array.isArray(values) || !Array.isArray(codes)) {
    issue('按编码发送的列须有一张取值表和每行一个编码（都是数组）', column);
    return -1;
  }
  if (n >= 0 && codes.length !== n)
    issue(`有 ${codes.length} 个编码，而行号有 ${n} 个：每行应各有一个编码`, codes.length);
  const most = n >= 0 ? n : MAX_SUBMISSION_ROWS;
  if (values.length > most) {
    issue(`取值表有 ${values.length} 个值，多于行数 ${most}`, values.length);
    return -1;
  }
  const lengths = values.map((value: unknown, j) => {
    if (!isRawCell(value)) issue(`取值表第 ${j + 1} 个值：${cellMessage(value)}`, value);
    return typeof value === 'string' ? value.length : 0;
  });
  if (codes.length > MAX_SUBMISSION_ROWS) {
    add(tooManyRows(codes, [...path]));
    return -1;
  }
  const allowed =
    values.length === 0
      ? '取值表是空的：没有编码可以指向的值'
      : `编码须为 0 至 ${values.length - 1} 的整数（指取值表中的第几个值，从 0 数起）`;
  let text = 0;
  codes.forEach((code: unknown, i) => {
    if (isCode(code, values.length)) text += lengths[code] as number;
    else issue(allowed, code, [...path, i]);
  });
  return text;
}

const ROW_NUMBER_MESSAGE = `行号须为 1 至 ${MAX_ROW_NUMBER} 的整数`;

function tooManyRows(input: unknown[], path: PropertyKey[]): z.core.$ZodRawIssue {
  return { code: 'too_big', origin: 'array', maximum: MAX_SUBMISSION_ROWS, inclusive: true, input, path };
}

/**
 * The issues of records that are not well formed, as RawRecordsSchema reports them, gathered a
 * hundred records at a time up to MAX_SCHEMA_ISSUES (a body of 20,000 records × 29 bad cells would
 * otherwise hold 580,000 issues).
 */
function recordsIssues(records: unknown): z.core.$ZodIssue[] {
  if (!Array.isArray(records)) return issuesOf(RawRecordsSchema, records);
  if (records.length > MAX_SUBMISSION_ROWS) return issuesOf(RecordCountSchema, records);
  const out: z.core.$ZodIssue[] = [];
  for (let start = 0; start < records.length && out.length < MAX_SCHEMA_ISSUES; start += RECORDS_PER_SCHEMA_RUN) {
    for (const issue of issuesOf(RawRecordsSchema, records.slice(start, start + RECORDS_PER_SCHEMA_RUN)))
      out.push({ ...issue, path: [(issue.path[0] as number) + start, ...issue.path.slice(1)] });
  }
  return out.slice(0, MAX_SCHEMA_ISSUES);
}

const RecordCountSchema = z.array(z.unknown()).check(z.maxLength(MAX_SUBMISSION_ROWS));

function issuesOf(schema: z.core.$ZodType, value: unknown): z.core.$ZodIssue[] {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues;
}

/**
 * A value the plain loop `wellFormed` accepts passes as it is (nearly every submission); anything
 * else gets the issues `slow` finds for it. The schemas alone cost about as much as JSON.parse of
 * the ledger in workerd (zod without eval); the loops a small part of it.
 */
function fastChecked<T>(
  wellFormed: (v: unknown) => boolean,
  slow: (v: unknown) => z.core.$ZodIssue[],
  read: (v: never) => T = (v) => v,
) {
  return z.custom<T>().check((ctx) => {
    // A well-formed value becomes what it stands for (as zod's overwrite checks do).
    if (wellFormed(ctx.value)) ctx.value = read(ctx.value as never);
    // Already finalised (messages set); zod keeps their messages and prefixes their paths with the field's.
    else for (const issue of slow(ctx.value)) ctx.issues.push(issue as z.core.$ZodRawIssue);
  });
}

/** A submission's records as records. */
export const SubmissionRecordsSchema = fastChecked<RawRecord[]>(wellFormedRecords, recordsIssues);

/** A submission's records, as records or by column (its coded columns written out: plainColumns). */
export const SubmissionRowsSchema = fastChecked<RawRows>(
  (v) => (Array.isArray(v) ? wellFormedRecords(v) : wellFormedColumns(v)),
  (v) => (Array.isArray(v) ? recordsIssues(v) : issuesOf(RawColumnsSchema, v)),
  (rows: RawRecord[] | WireColumns) => (Array.isArray(rows) ? rows : plainColumns(rows)),
);
