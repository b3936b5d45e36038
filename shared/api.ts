/**
 * Response schemas of the county service (/api/v1) beyond the submission receipt: what the Worker
 * returns and what the CLI and the add-in parse. Request bodies and the receipt are in contract.ts.
 */
import * as z from 'zod/mini';
import {
  IssueSchema,
  LedgerMetaSchema,
  LedgerRowSchema,
  ReceiptSchema,
  StatsRowSchema,
  SubmissionStatusSchema,
} from './contract.js';

export const UNIT_TYPES = ['乡镇', '街道', '部门'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const MeSchema = z.object({
  role: z.enum(['unit', 'county']),
  unit: z.nullable(z.object({ name: z.string(), type: z.string() })),
  credentialId: z.string(),
  label: z.nullable(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

/** A project as the change list shows it. */
export const ProjectRefSchema = z.object({ code: z.string(), name: z.string(), category: z.nullable(z.string()) });

/** New, removed and re-classified projects (by 项目编号) between two submissions of a unit. */
export const DiffSchema = z.object({
  /** The submission compared against (null: the unit has none before). */
  previous: z.nullable(z.object({ id: z.string(), period: z.string(), receivedAt: z.string() })),
  added: z.array(ProjectRefSchema),
  removed: z.array(ProjectRefSchema),
  reclassified: z.array(
    z.object({ code: z.string(), name: z.string(), from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  ),
  /** Full numbers; the lists above name at most the first 100 of each. */
  counts: z.optional(z.object({ added: z.int(), removed: z.int(), reclassified: z.int() })),
  /** Week over week (spec §10): 项目实际投入 changed (万元). */
  investmentChanged: z.optional(
    z.array(z.object({ code: z.string(), name: z.string(), from: z.nullable(z.number()), to: z.nullable(z.number()) })),
  ),
  /** Projects that turned 停产闲置 since the previous submission. */
  newlyIdle: z.optional(z.array(ProjectRefSchema)),
  /** The same as Chinese warnings (never refusals), for the clerk's dry run and the county's view. */
  warnings: z.optional(z.array(z.string())),
});
export type Diff = z.infer<typeof DiffSchema>;

export const DryRunReceiptSchema = z.extend(ReceiptSchema, { dryRun: z.literal(true), diff: DiffSchema });

export const SubmissionListSchema = z.object({ submissions: z.array(ReceiptSchema) });

export const SubmissionDetailSchema = z.extend(ReceiptSchema, {
  meta: LedgerMetaSchema,
  issues: z.array(IssueSchema),
  projects: z.array(LedgerRowSchema),
  /** Page of `projects` (?offset=&limit=): the rows from `offset`, within a byte budget. */
  projectsTotal: z.optional(z.int()),
  offset: z.optional(z.int()),
});

/** A unit's reporting status in a period: the fields the summary and the county board share. */
const unitStatusFields = {
  unit: z.string(),
  type: z.string(),
  status: SubmissionStatusSchema,
  /** When the counted (latest) submission arrived. */
  receivedAt: z.nullable(z.string()),
  /** When the first submission of the period arrived: it decides on time / late. */
  firstReceivedAt: z.nullable(z.string()),
  submissions: z.int().check(z.gte(0)),
  submissionId: z.nullable(z.string()),
};

export const UnitStatusSchema = z.object({
  ...unitStatusFields,
  /** The unit's 统计表 row from the counted submission (null when missing). */
  summary: z.nullable(StatsRowSchema),
});

export const SummarySchema = z.object({
  period: z.string(),
  /** “2026年第47周（截止 11月19日 16:00）” */
  periodLabel: z.string(),
  due: z.string(),
  /** Every unit in unit order; `summary` is its 统计表 row (see `summaryRows`). */
  units: z.array(UnitStatusSchema),
  /** The 合计 row; its `rates` are the county's weekly rates. */
  total: StatsRowSchema,
  counts: z.object({ onTime: z.int(), late: z.int(), missing: z.int() }),
  /** What the table covers and leaves out, as data (optional: an older service omits it). */
  coverage: z.optional(z.lazy(() => CoverageSchema)),
  /** `合计（已报 N / 应报 M 个单位）` */
  totalLabel: z.optional(z.string()),
  /** The 说明 line under the table. */
  notes: z.optional(z.string()),
});
export type Summary = z.infer<typeof SummarySchema>;

export const ProjectListSchema = z.object({
  period: z.string(),
  total: z.int(),
  offset: z.int(),
  limit: z.int(),
  projects: z.array(z.extend(LedgerRowSchema, { reportingUnit: z.string(), submissionId: z.string() })),
});

export const ChangesSchema = z.extend(DiffSchema, { period: z.string(), unit: z.string() });

// ---------------------------------------------------------------------------------------------
// The Thursday routine (spec §10): status with rates, acceptance / lock, closing, audit, trend.
// ---------------------------------------------------------------------------------------------

/** A unit's contact for the 催报名单 (admin command `unit contact`). */
export const ContactSchema = z.object({ name: z.nullable(z.string()), phone: z.nullable(z.string()) });
export type Contact = z.infer<typeof ContactSchema>;

/** Who did something (a county credential) and when. */
export const ActorSchema = z.object({ credentialId: z.string(), label: z.nullable(z.string()) });

export const AcceptanceSchema = z.object({
  at: z.string(),
  by: ActorSchema,
  submissionId: z.string(),
});

/** What a county table covers and leaves out, as data (the 说明 line is `countyNotes` of it). */
export const CoverageSchema = z.object({
  expected: z.int(),
  reported: z.int(),
  missing: z.array(z.string()),
  unclassified: z.int(),
  unclassifiedUnits: z.array(z.object({ unit: z.string(), count: z.int() })),
});

export const StatusUnitSchema = z.object({
  ...unitStatusFields,
  projects: z.nullable(z.int()),
  warnings: z.nullable(z.int()),
  /** The county's acceptance; `current` false when a newer submission arrived after it. */
  accepted: z.nullable(z.extend(AcceptanceSchema, { current: z.boolean() })),
  /** May submit although the period is closed. */
  exception: z.boolean(),
  contact: ContactSchema,
  /** Week-over-week warnings of the counted submission against the previous period's. */
  changes: z.array(z.string()),
});

/** GET /status?period= (county): the board, both rates and the 催报名单. */
export const StatusSchema = z.object({
  period: z.string(),
  periodLabel: z.string(),
  deadline: z.string(),
  /** When the period closes for everyone (null: not set). */
  closesAt: z.nullable(z.string()),
  expected: z.int(),
  reported: z.int(),
  onTime: z.int(),
  late: z.int(),
  missing: z.int(),
  reportingRate: z.number(),
  timelinessRate: z.number(),
  units: z.array(StatusUnitSchema),
  /** 催报名单: the units without a submission, with their contacts. */
  chase: z.array(z.object({ unit: z.string(), contact: ContactSchema })),
});
export type Status = z.infer<typeof StatusSchema>;

export const AUDIT_ACTIONS = ['accept', 'reopen', 'close', 'exception', 'exception-removed'] as const;

export const AuditEntrySchema = z.object({
  at: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  period: z.string(),
  unit: z.nullable(z.string()),
  submissionId: z.nullable(z.string()),
  by: ActorSchema,
  detail: z.nullable(z.string()),
});
export const AuditSchema = z.object({ period: z.string(), entries: z.array(AuditEntrySchema) });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The answer to accept / reopen / close / exception: the audit entry written. */
export const PeriodActionSchema = AuditEntrySchema;

const RatesSchema = z.object({ idle: z.number(), difficult: z.number(), linkage: z.number() });

export const TrendPointSchema = z.object({
  period: z.string(),
  expected: z.int(),
  reported: z.int(),
  reportingRate: z.number(),
  timelinessRate: z.number(),
  projects: z.int(),
  rates: RatesSchema,
});

/** GET /trend?from=&to=[&unit=]: per period, the county's and each unit's figures. */
export const TrendSchema = z.object({
  from: z.string(),
  to: z.string(),
  periods: z.array(z.string()),
  /** County figures per period (null for a unit token: a unit reads its own series only). */
  county: z.nullable(z.array(TrendPointSchema)),
  units: z.array(
    z.object({
      unit: z.string(),
      series: z.array(
        z.object({
          period: z.string(),
          status: SubmissionStatusSchema,
          projects: z.nullable(z.int()),
          rates: z.nullable(RatesSchema),
        }),
      ),
    }),
  ),
});
export type Trend = z.infer<typeof TrendSchema>;
