/**
 * Answers of /api/v1/decisions (spec §8) as schemas, so the pane and the CLI check them like every
 * other answer instead of casting: the 决策进度 board, the applications, an import, the approved
 * categories, a recorded application and the 附件6 archive list.
 */
import * as z from 'zod/mini';
import type { ImportRow } from '../decisions.js';
import { CATEGORIES, TIERS } from '../ledger/columns.js';
import type { Client } from './client.js';

const q = encodeURIComponent;
const text = z.string();
const maybeText = z.nullable(z.string());

export const DecisionProjectSchema = z.object({
  code: text,
  name: text,
  ledgerCategory: maybeText,
  appliedCategory: maybeText,
  approvedCategory: maybeText,
  replyNo: maybeText,
  status: text,
  publicityUntil: maybeText,
  warnings: z.array(z.object({ ruleId: text, message: text })),
});
export type DecisionProject = z.infer<typeof DecisionProjectSchema>;

/** GET /decisions/status: per unit, the counts by status and the projects (truncated past a limit). */
export const DecisionStatusSchema = z.object({
  period: text,
  asOf: text,
  units: z.array(
    z.object({
      unit: text,
      type: text,
      counts: z.record(z.string(), z.number()),
      projects: z.array(DecisionProjectSchema),
      truncated: z.boolean(),
    }),
  ),
});
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

export const APPLIED_COLUMNS = [
  'unit',
  'code',
  'name',
  'applied',
  'category',
  'minutesNo',
  'minutesDate',
  'replyNo',
  'replyDate',
  'publicityStart',
] as const;
export type AppliedRow = Record<(typeof APPLIED_COLUMNS)[number], string>;
const AppliedRowSchema = z.object(
  Object.fromEntries(APPLIED_COLUMNS.map((k) => [k, text])) as Record<keyof AppliedRow, typeof text>,
);
export const ApplicationsSchema = z.object({ rows: z.array(AppliedRowSchema) });

export const ImportResultSchema = z.object({
  importId: text,
  rows: z.number(),
  events: z.number(),
  unchanged: z.number(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ApprovedSchema = z.object({
  unit: text,
  approved: z.record(z.string(), z.object({ category: z.enum(CATEGORIES), replyNo: maybeText })),
});

export const RecordedSchema = z.object({ id: z.number(), status: text });

export const ArchiveViewSchema = z.object({
  unit: text,
  tiers: z.array(z.enum(TIERS)),
  lines: z.array(
    z.object({
      line: z.number(),
      tier: z.enum(TIERS),
      tierLabel: text,
      document: text,
      received: z.boolean(),
      receivedOn: maybeText,
      note: maybeText,
    }),
  ),
});
export type ArchiveView = z.infer<typeof ArchiveViewSchema>;

const unitQuery = (unit?: string) => (unit ? `?unit=${q(unit)}` : '');

/** The decisions calls on a client. */
export function decisionsApi(client: Client) {
  return {
    status: (f: { period: string; unit?: string; asOf?: string }) => {
      const params = [`period=${q(f.period)}`];
      if (f.unit) params.push(`unit=${q(f.unit)}`);
      if (f.asOf) params.push(`asOf=${q(f.asOf)}`);
      return client.get(DecisionStatusSchema, `/decisions/status?${params.join('&')}`);
    },
    applications: () => client.get(ApplicationsSchema, '/decisions/applications'),
    importRows: (rows: readonly ImportRow[]) => client.post(ImportResultSchema, '/decisions/import', { rows }),
    approved: (unit?: string) => client.get(ApprovedSchema, `/decisions/approved${unitQuery(unit)}`),
    recordApplication: (body: Record<string, unknown>) =>
      client.post(RecordedSchema, '/decisions/events/application', body),
    archive: (unit?: string) => client.get(ArchiveViewSchema, `/decisions/archive${unitQuery(unit)}`),
    tickArchive: (body: { unit?: string; line: number; received: boolean; receivedOn?: string; note?: string }) =>
      client.post(ArchiveViewSchema, '/decisions/archive', body),
  };
}
