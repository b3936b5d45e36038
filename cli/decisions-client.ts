/** HTTP calls to /api/v1/decisions for the `decisions` commands (loaded lazily, like cli/remote.ts). */
import { ApiErrorSchema } from '../shared/contract.js';
import type { ImportRow } from '../shared/decisions.js';
import type { ArchiveLine } from '../shared/forms/archive.js';
import type { Tier } from '../shared/forms/tier.js';
import type { ApprovedMap } from '../shared/rules/decisions.js';
import { apiUrl, type Fetch, RemoteError } from './remote.js';

export interface Service {
  server: string;
  token: string;
  fetch?: Fetch;
}

async function request<T>(s: Service, path: string, body?: unknown): Promise<T> {
  const url = apiUrl(s.server, path);
  const headers: Record<string, string> = { authorization: `Bearer ${s.token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method: body === undefined ? 'GET' : 'POST', headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  let res: Response;
  try {
    res = await (s.fetch ?? ((i, o) => globalThis.fetch(i, o)))(url, init);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RemoteError(0, 'network', `无法连接服务器 ${new URL(url).origin}（${why}）：请检查地址和网络后重试`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RemoteError(res.status, 'bad-response', `服务器返回的不是 JSON（HTTP ${res.status}）：请确认服务器地址`);
  }
  if (!res.ok) {
    const e = ApiErrorSchema.safeParse(parsed);
    if (e.success)
      throw new RemoteError(res.status, e.data.error.code, e.data.error.message, e.data.error.issues ?? []);
    throw new RemoteError(res.status, 'http', `服务器拒绝了请求（HTTP ${res.status}）`);
  }
  return parsed as T;
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
