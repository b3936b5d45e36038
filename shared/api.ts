/**
 * Response schemas of the county service (/api/v1) beyond the submission receipt: what the Worker
 * returns and what the CLI and the add-in parse. Request bodies and the receipt are in contract.ts.
 */
import { z } from 'zod';
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
  unit: z.object({ name: z.string(), type: z.string() }).nullable(),
  credentialId: z.string(),
  label: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/** A project as the change list shows it. */
export const ProjectRefSchema = z.object({ code: z.string(), name: z.string(), category: z.string().nullable() });

/** New, removed and re-classified projects (by 项目编号) between two submissions of a unit. */
export const DiffSchema = z.object({
  /** The submission compared against (null: the unit has none before). */
  previous: z.object({ id: z.string(), period: z.string(), receivedAt: z.string() }).nullable(),
  added: z.array(ProjectRefSchema),
  removed: z.array(ProjectRefSchema),
  reclassified: z.array(
    z.object({ code: z.string(), name: z.string(), from: z.string().nullable(), to: z.string().nullable() }),
  ),
  /** Full numbers; the lists above name at most the first 100 of each. */
  counts: z.object({ added: z.number().int(), removed: z.number().int(), reclassified: z.number().int() }).optional(),
  /** Week over week (spec §10): 项目实际投入 changed (万元). */
  investmentChanged: z
    .array(z.object({ code: z.string(), name: z.string(), from: z.number().nullable(), to: z.number().nullable() }))
    .optional(),
  /** Projects that turned 停产闲置 since the previous submission. */
  newlyIdle: z.array(ProjectRefSchema).optional(),
  /** The same as Chinese warnings (never refusals), for the clerk's dry run and the county's view. */
  warnings: z.array(z.string()).optional(),
});
export type Diff = z.infer<typeof DiffSchema>;

export const DryRunReceiptSchema = ReceiptSchema.extend({ dryRun: z.literal(true), diff: DiffSchema });

export const SubmissionListSchema = z.object({ submissions: z.array(ReceiptSchema) });

export const SubmissionDetailSchema = ReceiptSchema.extend({
  meta: LedgerMetaSchema,
  issues: z.array(IssueSchema),
  projects: z.array(LedgerRowSchema),
  /** Page of `projects` (?offset=&limit=): the rows from `offset`, within a byte budget. */
  projectsTotal: z.number().int().optional(),
  offset: z.number().int().optional(),
});

export const UnitStatusSchema = z.object({
  unit: z.string(),
  type: z.string(),
  status: SubmissionStatusSchema,
  /** When the counted (latest) submission arrived. */
  receivedAt: z.string().nullable(),
  /** When the first submission of the period arrived: it decides on time / late. */
  firstReceivedAt: z.string().nullable(),
  submissions: z.number().int().min(0),
  submissionId: z.string().nullable(),
  /** The unit's 统计表 row from the counted submission (null when missing). */
  summary: StatsRowSchema.nullable(),
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
  counts: z.object({ onTime: z.number().int(), late: z.number().int(), missing: z.number().int() }),
  /** What the table covers and leaves out, as data (optional: an older service omits it). */
  coverage: z.lazy(() => CoverageSchema).optional(),
  /** `合计（已报 N / 应报 M 个单位）` */
  totalLabel: z.string().optional(),
  /** The 说明 line under the table. */
  notes: z.string().optional(),
});
export type Summary = z.infer<typeof SummarySchema>;

export const ProjectListSchema = z.object({
  period: z.string(),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  projects: z.array(LedgerRowSchema.extend({ reportingUnit: z.string(), submissionId: z.string() })),
});

export const ChangesSchema = DiffSchema.extend({ period: z.string(), unit: z.string() });

// ---------------------------------------------------------------------------------------------
// The Thursday routine (spec §10): status with rates, acceptance / lock, closing, audit, trend.
// ---------------------------------------------------------------------------------------------

/** A unit's contact for the 催报名单 (admin command `unit contact`). */
export const ContactSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable() });
export type Contact = z.infer<typeof ContactSchema>;

/** Who did something (a county credential) and when. */
export const ActorSchema = z.object({ credentialId: z.string(), label: z.string().nullable() });

export const AcceptanceSchema = z.object({
  at: z.string(),
  by: ActorSchema,
  submissionId: z.string(),
});

/** What a county table covers and leaves out, as data (the 说明 line is `countyNotes` of it). */
export const CoverageSchema = z.object({
  expected: z.number().int(),
  reported: z.number().int(),
  missing: z.array(z.string()),
  unclassified: z.number().int(),
  unclassifiedUnits: z.array(z.object({ unit: z.string(), count: z.number().int() })),
});

export const StatusUnitSchema = z.object({
  unit: z.string(),
  type: z.string(),
  status: SubmissionStatusSchema,
  receivedAt: z.string().nullable(),
  firstReceivedAt: z.string().nullable(),
  submissions: z.number().int().min(0),
  submissionId: z.string().nullable(),
  projects: z.number().int().nullable(),
  warnings: z.number().int().nullable(),
  /** The county's acceptance; `current` false when a newer submission arrived after it. */
  accepted: AcceptanceSchema.extend({ current: z.boolean() }).nullable(),
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
  closesAt: z.string().nullable(),
  expected: z.number().int(),
  reported: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
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
  unit: z.string().nullable(),
  submissionId: z.string().nullable(),
  by: ActorSchema,
  detail: z.string().nullable(),
});
export const AuditSchema = z.object({ period: z.string(), entries: z.array(AuditEntrySchema) });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The answer to accept / reopen / close / exception: the audit entry written. */
export const PeriodActionSchema = AuditEntrySchema;

const RatesSchema = z.object({ idle: z.number(), difficult: z.number(), linkage: z.number() });

export const TrendPointSchema = z.object({
  period: z.string(),
  expected: z.number().int(),
  reported: z.number().int(),
  reportingRate: z.number(),
  timelinessRate: z.number(),
  projects: z.number().int(),
  rates: RatesSchema,
});

/** GET /trend?from=&to=[&unit=]: per period, the county's and each unit's figures. */
export const TrendSchema = z.object({
  from: z.string(),
  to: z.string(),
  periods: z.array(z.string()),
  /** County figures per period (null for a unit token: a unit reads its own series only). */
  county: z.array(TrendPointSchema).nullable(),
  units: z.array(
    z.object({
      unit: z.string(),
      series: z.array(
        z.object({
          period: z.string(),
          status: SubmissionStatusSchema,
          projects: z.number().int().nullable(),
          rates: RatesSchema.nullable(),
        }),
      ),
    }),
  ),
});
export type Trend = z.infer<typeof TrendSchema>;
