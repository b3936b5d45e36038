/**
 * Contract schemas (zod) shared over HTTP by the add-in, the CLI and the Worker (spec §7).
 * A submission carries the ledger as read from the sheet (raw cells by column key), so the
 * Worker re-validates with exactly the same code the clerk ran.
 */
import * as z from 'zod/mini';
import {
  int,
  MAX_CELL_CHARS,
  RawRecordSchema,
  SubmissionRecordsSchema,
  SubmissionRowsSchema,
} from './contract-rows.js';
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
import { codedColumns, columnsOfRecords, type WireColumns } from './ledger/raw-columns.js';
import { parsePeriod } from './periods.js';
import { STATS_CAUSE_ORDER } from './stats.js';
import { periodFormatError } from './wording.js';

const columnKey = z.enum(COLUMN_KEYS as [ColumnKey, ...ColumnKey[]]);

export const PeriodIdSchema = z.string().check(
  z.refine((id) => parsePeriod(id) !== null, {
    error: (issue) => periodFormatError(String(issue.input).slice(0, 20)),
  }),
);

export {
  MAX_CELL_CHARS,
  MAX_CODED_TEXT,
  MAX_ROW_NUMBER,
  MAX_SCHEMA_ISSUES,
  MAX_SUBMISSION_ROWS,
  RawCellSchema,
  RawCellsSchema,
  RawColumnsSchema,
  RawRecordSchema,
  RawRecordsSchema,
  SubmissionRowsSchema,
} from './contract-rows.js';

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

/**
 * The submission as it goes over the wire: its records by column, the repetitive columns coded
 * (a third of the bytes of the records' JSON for a real ledger).
 */
export function wireSubmission(submission: Submission): Omit<Submission, 'rows'> & { rows: WireColumns } {
  return { ...submission, rows: codedColumns(columnsOfRecords(submission.rows)) };
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
