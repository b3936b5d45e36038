/**
 * Contract schemas (zod) shared over HTTP by the add-in, the CLI and the Worker (spec §7).
 * A submission carries the ledger as read from the sheet (raw cells by column key), so the
 * Worker re-validates with exactly the same code the clerk ran.
 */
import * as z from 'zod/mini';
import {
  CATEGORIES,
  CAUSES,
  COLUMN_KEYS,
  type ColumnKey,
  FUNCTION_STATUSES,
  INDUSTRIES,
  LINKAGE_SHORTFALLS,
  LINKAGES,
  MODES,
  OPERATIONS,
  PROBLEMS,
  TIERS,
  USE_STATUSES,
} from './ledger/columns.js';
import { columnsOfRecords, type RawColumns, type RawRows } from './ledger/raw-columns.js';
import type { RawCell, RawRecord } from './ledger/types.js';
import { parsePeriod } from './periods.js';
import { STATS_CAUSE_ORDER } from './stats.js';
import { periodFormatError } from './wording.js';

export const MAX_SUBMISSION_ROWS = 20000;
/** Longest text accepted in one cell (Excel's own limit is 32,767). */
export const MAX_CELL_CHARS = 32767;

const columnKey = z.enum(COLUMN_KEYS as [ColumnKey, ...ColumnKey[]]);

export const PeriodIdSchema = z.string().check(
  z.refine((id) => parsePeriod(id) !== null, {
    error: (issue) => periodFormatError(String(issue.input).slice(0, 20)),
  }),
);

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
function int(min?: number, max?: number) {
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
 * keys, each column an array of RawCell exactly as long as `row`.
 */
function wellFormedColumns(v: unknown): v is RawColumns {
  if (!isPlainObject(v)) return false;
  for (const key in v) if (key !== 'row' && key !== 'cells') return false;
  const { row, cells } = v;
  if (!Array.isArray(row) || row.length > MAX_SUBMISSION_ROWS || !row.every(isRowNumber)) return false;
  if (!isPlainObject(cells)) return false;
  for (const key in cells) {
    const column = cells[key];
    if (!COLUMN_KEY_SET.has(key) || !Array.isArray(column) || column.length !== row.length) return false;
    for (let i = 0; i < column.length; i++) if (!isRawCell(column[i])) return false;
  }
  return true;
}

/** Most schema issues gathered for a submission's rows (the answer lists the first 200 of them). */
export const MAX_SCHEMA_ISSUES = 1000;
/** Records handed to RawRecordsSchema at a time, so gathering stops soon after MAX_SCHEMA_ISSUES. */
const RECORDS_PER_SCHEMA_RUN = 100;

/**
 * Records by column (RawColumns), for the issues of one that is not well formed: `row` whole
 * numbers in range, `cells` only column keys, each column an array of RawCell exactly as long as
 * `row`. At most MAX_SCHEMA_ISSUES issues, and no more work than one look at each value.
 */
export const RawColumnsSchema = z.custom<RawColumns>().check((ctx) => {
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
  for (const [key, column] of Object.entries(cells)) {
    if (!COLUMN_KEY_SET.has(key)) unknown.push(key);
    else if (!Array.isArray(column))
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
function fastChecked<T>(wellFormed: (v: unknown) => boolean, slow: (v: unknown) => z.core.$ZodIssue[]) {
  return z.custom<T>().check((ctx) => {
    if (wellFormed(ctx.value)) return;
    // Already finalised (messages set); zod keeps their messages and prefixes their paths with the field's.
    for (const issue of slow(ctx.value)) ctx.issues.push(issue as z.core.$ZodRawIssue);
  });
}

/** A submission's records as records. */
const SubmissionRecordsSchema = fastChecked<RawRecord[]>(wellFormedRecords, recordsIssues);

/** A submission's records, as records or by column. */
export const SubmissionRowsSchema = fastChecked<RawRows>(
  (v) => (Array.isArray(v) ? wellFormedRecords(v) : wellFormedColumns(v)),
  (v) => (Array.isArray(v) ? recordsIssues(v) : issuesOf(RawColumnsSchema, v)),
);

export const LedgerMetaSchema = z.strictObject({
  unit: z.nullable(z.string().check(z.maxLength(100))),
  reviewer: z.nullable(z.string().check(z.maxLength(100))),
  filler: z.nullable(z.string().check(z.maxLength(200))),
  updatedAt: z.nullable(z.iso.date()),
});

const enumOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
const money = z.nullable(z.number().check(z.gte(0)));

/** A project as the engine normalised it (LedgerRow): what the Worker stores and drill-downs return. */
export const LedgerRowSchema = z.strictObject({
  row: int(1),
  seq: z.nullable(int()),
  name: z.string(),
  code: z.string(),
  year: z.nullable(int()),
  category: z.nullable(z.enum(CATEGORIES)),
  unit: z.string(),
  contact: z.string(),
  industry: z.nullable(enumOf(INDUSTRIES)),
  investTotal: money,
  investSpecial: money,
  investOther: money,
  content: z.string(),
  location: z.string(),
  mode: z.nullable(enumOf(MODES)),
  valueBalance: money,
  valueReceivable: money,
  valueAssets: money,
  valueOther: money,
  functionStatus: z.nullable(enumOf(FUNCTION_STATUSES)),
  useStatus: z.nullable(enumOf(USE_STATUSES)),
  operation: z.nullable(enumOf(OPERATIONS)),
  problems: z.array(enumOf(PROBLEMS)),
  causes: z.array(enumOf(CAUSES)),
  linkage: z.nullable(enumOf(LINKAGES)),
  linkageShortfall: z.nullable(enumOf(LINKAGE_SHORTFALLS)),
  measures: z.string(),
  progress: z.string(),
  remarks: z.string(),
  // Added in spec v2: rows stored before then have neither.
  tier: z._default(z.nullable(z.enum(TIERS)), null),
  causesOther: z._default(z.string().check(z.maxLength(MAX_CELL_CHARS)), ''),
});

const submissionShape = {
  period: PeriodIdSchema,
  meta: LedgerMetaSchema,
  /** Column positions (0-based) in the clerk's sheet, so issues can name cells. */
  columns: z.optional(z.partialRecord(columnKey, int(0, 16383))),
  totals: z.optional(z.array(RawRecordSchema).check(z.maxLength(100))),
};

/** A submission as clients build it: the ledger's records as read from the sheet. */
export const SubmissionSchema = z.strictObject({ ...submissionShape, rows: SubmissionRecordsSchema });
export type Submission = z.infer<typeof SubmissionSchema>;

/** A submission as the Worker accepts it: records, or the same by column (what clients send). */
export const SubmissionBodySchema = z.strictObject({ ...submissionShape, rows: SubmissionRowsSchema });
export type SubmissionBody = z.infer<typeof SubmissionBodySchema>;

/** The submission as it goes over the wire: its records by column (about half the bytes). */
export function wireSubmission(submission: Submission): SubmissionBody & { rows: RawColumns } {
  return { ...submission, rows: columnsOfRecords(submission.rows) };
}

export const IssueSchema = z.object({
  row: z.nullable(int()),
  field: z.nullable(columnKey),
  cell: z.nullable(z.string()),
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

const count = () => int(0);
const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count()])) as Record<K, ReturnType<typeof count>>);

export const StatsRowSchema = z.object({
  unit: z.string(),
  investment: z.number(),
  investmentYuan: int(),
  projects: count(),
  categories: counts(CATEGORIES),
  uncategorized: count(),
  idleProjects: count(),
  idleCauses: counts(STATS_CAUSE_ORDER),
  difficultProjects: count(),
  difficultCauses: counts(STATS_CAUSE_ORDER),
  linkageInsufficient: count(),
  linkageShortfalls: counts(LINKAGE_SHORTFALLS),
  rates: z.object({ idle: z.number(), difficult: z.number(), linkage: z.number() }),
});

export const SubmissionStatusSchema = z.enum(['on-time', 'late', 'missing']);

export const ReceiptSchema = z.object({
  id: z.string(),
  unit: z.string(),
  period: z.string(),
  receivedAt: z.string(),
  status: z.enum(['on-time', 'late']),
  rows: int(),
  contentHash: z.string(),
  warnings: int(),
  summary: StatsRowSchema,
  dryRun: z.optional(z.boolean()),
  /** The period's effective deadline (ISO instant): moved to a working day, or set by the county. */
  due: z.optional(z.string()),
  /** Years the deadline falls in whose holidays nobody has entered (counted Monday–Friday). */
  calendarWarnings: z.optional(
    z
      .array(z.object({ code: z.literal('calendar-year-missing'), year: int(), message: z.string() }))
      .check(z.maxLength(10)),
  ),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.optional(z.array(IssueSchema)) }),
});
