/** HTTP calls to /api/v1/decisions for the `decisions` commands (loaded lazily, like cli/remote.ts). */
import * as z from 'zod/mini';
import type { ImportRow } from '../shared/decisions.js';
import type { ArchiveLine } from '../shared/forms/archive.js';
import type { Tier } from '../shared/forms/tier.js';
import type { ApprovedMap } from '../shared/rules/decisions.js';
import { apiUrl, call, type Fetch } from './remote.js';

export interface Service {
  server: string;
  token: string;
  fetch?: Fetch;
}

/**
 * One call through the CLI's HTTP client (cli/remote.ts `call`): its deadline, error parsing and
 * Chinese messages. The answers are typed, not schema-checked (the decisions routes are ours).
 */
async function request<T>(s: Service, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${s.token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method: body === undefined ? 'GET' : 'POST', headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  const { value } = await call(apiUrl(s.server, path), init, z.unknown(), s.fetch);
  return value as T;
}

export interface StatusProject {
  code: string;
  name: string;
  ledgerCategory: string | null;
  appliedCategory: string | null;
  approvedCategory: string | null;
  replyNo: string | null;
  status: string;
  publicityUntil: string | null;
  warnings: { ruleId: string; message: string }[];
}

export interface StatusListing {
  period: string;
  asOf: string;
  units: {
    unit: string;
    type: string;
    counts: Record<string, number>;
    projects: StatusProject[];
    truncated: boolean;
  }[];
}

export function fetchDecisionStatus(s: Service, q: { period: string; unit?: string; asOf?: string }) {
  const params = new URLSearchParams({ period: q.period });
  if (q.unit) params.set('unit', q.unit);
  if (q.asOf) params.set('asOf', q.asOf);
  return request<StatusListing>(s, `/decisions/status?${params}`);
}

export type AppliedRow = Record<
  | 'unit'
  | 'code'
  | 'name'
  | 'applied'
  | 'category'
  | 'minutesNo'
  | 'minutesDate'
  | 'replyNo'
  | 'replyDate'
  | 'publicityStart',
  string
>;

export function fetchApplications(s: Service) {
  return request<{ rows: AppliedRow[] }>(s, '/decisions/applications');
}

export function importDecisions(s: Service, rows: ImportRow[]) {
  return request<{ importId: string; rows: number; events: number; unchanged: number }>(s, '/decisions/import', {
    rows,
  });
}

export function fetchApproved(s: Service, unit?: string) {
  const q = unit ? `?unit=${encodeURIComponent(unit)}` : '';
  return request<{ unit: string; approved: ApprovedMap }>(s, `/decisions/approved${q}`);
}

export function recordApplication(s: Service, body: Record<string, unknown>) {
  return request<{ id: number; status: string }>(s, '/decisions/events/application', body);
}

export interface ArchiveView {
  unit: string;
  tiers: Tier[];
  lines: (ArchiveLine & { received: boolean; receivedOn: string | null; note: string | null })[];
}

export function fetchArchive(s: Service, unit?: string) {
  const q = unit ? `?unit=${encodeURIComponent(unit)}` : '';
  return request<ArchiveView>(s, `/decisions/archive${q}`);
}

export function tickArchive(
  s: Service,
  body: { unit?: string; line: number; received: boolean; receivedOn?: string; note?: string },
) {
  return request<ArchiveView>(s, '/decisions/archive', body);
}
