/**
 * The county service's calls (/api/v1), typed by the response schemas of shared/api.ts and
 * shared/contract.ts (z.infer, no casts): what the pane and the CLI both call.
 */

import type * as z from 'zod/mini';
import {
  AuditSchema,
  DryRunReceiptSchema,
  MeSchema,
  PeriodActionSchema,
  ProjectListSchema,
  StatusSchema,
  SubmissionDetailSchema,
  SubmissionListSchema,
  SummarySchema,
  TrendSchema,
} from '../api.js';
import { ReceiptSchema, type Submission, wireSubmission } from '../contract.js';
import type { CallOptions, Client } from './client.js';
import { decisionsApi } from './decisions.js';

const q = encodeURIComponent;

export type PeriodAction = 'accept' | 'reopen' | 'close' | 'exceptions';

export function serviceApi(client: Client) {
  return {
    me: () => client.get(MeSchema, '/me'),
    /**
     * POST /submissions under an Idempotency-Key (kept by the caller until the server answers),
     * retried on retryable failures; `replayed`: the server already had it (200, not 201). The
     * records go by column (wireSubmission): about half the bytes.
     */
    submit: async (submission: Submission, key: string, options: Pick<CallOptions, 'onRetry'> = {}) => {
      const { value, status } = await client.call(ReceiptSchema, 'POST', '/submissions', {
        ...options,
        body: wireSubmission(submission),
        idempotencyKey: key,
      });
      return { receipt: value, replayed: status === 200 };
    },
    /** POST /submissions?dryRun=1: the would-be receipt and the changes against the previous submission. */
    dryRun: (submission: Submission, key?: string) =>
      client.post(
        DryRunReceiptSchema,
        '/submissions?dryRun=1',
        wireSubmission(submission),
        key ? { idempotencyKey: key } : {},
      ),
    summary: (period: string) => client.get(SummarySchema, `/summary?period=${q(period)}`),
    /** The unit's own receipts (a unit token), oldest first. */
    receipts: (period?: string) =>
      client.get(SubmissionListSchema, `/submissions${period ? `?period=${q(period)}` : ''}`),
    receipt: (id: string) => client.get(SubmissionDetailSchema, `/submissions/${q(id)}`),
    board: (period: string, changes = false) =>
      client.get(StatusSchema, `/periods/${q(period)}/status${changes ? '?changes=1' : ''}`),
    /** accept / reopen / close / exceptions: the audit entry written. */
    periodAction: (period: string, action: PeriodAction, body: Record<string, unknown>) =>
      client.post(PeriodActionSchema, `/periods/${q(period)}/${action}`, body),
    audit: (period: string) => client.get(AuditSchema, `/periods/${q(period)}/audit`),
    projects: (filter: { period: string; category?: string; cause?: string; unit?: string; limit?: number }) => {
      const params = [`period=${q(filter.period)}`, `limit=${filter.limit ?? 2000}`];
      for (const k of ['category', 'cause', 'unit'] as const) {
        const v = filter[k];
        if (v) params.push(`${k}=${q(v)}`);
      }
      return client.get(ProjectListSchema, `/projects?${params.join('&')}`);
    },
    trend: (range: { from: string; to: string; unit?: string }) =>
      client.get(
        TrendSchema,
        `/trend?from=${q(range.from)}&to=${q(range.to)}${range.unit ? `&unit=${q(range.unit)}` : ''}`,
      ),
    decisions: decisionsApi(client),
  };
}

export type ServiceApi = ReturnType<typeof serviceApi>;

export type { Receipt } from '../contract.js';
export type DryRunReceipt = z.infer<typeof DryRunReceiptSchema>;
export type ReceiptDetail = z.infer<typeof SubmissionDetailSchema>;
export type ProjectRow = z.infer<typeof ProjectListSchema>['projects'][number];
