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
