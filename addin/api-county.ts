/**
 * Typed calls for the Thursday routine (spec §10) on top of the pane's one HTTP module (api.ts):
 * the unit's receipts, one receipt with its warnings, the county's board (rates, 催报名单),
 * accept / reopen, the drill-down and the trend.
 */
import type { AuditEntry, Me, Status, Trend } from '../shared/api.js';
import type { Receipt } from '../shared/contract.js';
import type { Issue, LedgerRow } from '../shared/index.js';
import type { Api } from './api.js';

const q = encodeURIComponent;

export type ProjectRow = LedgerRow & { reportingUnit: string; submissionId: string };

export interface ProjectPage {
  period: string;
  total: number;
  offset: number;
  limit: number;
  projects: ProjectRow[];
}

export type ReceiptDetail = Receipt & { issues: Issue[]; projects: LedgerRow[] };

export function countyApi(api: Api) {
  return {
    me: () => api.get<Me>('/me'),
    /** The unit's own receipts (a unit token), oldest first. */
    receipts: (period?: string) =>
      api.get<{ submissions: Receipt[] }>(`/submissions${period ? `?period=${q(period)}` : ''}`),
    receipt: (id: string) => api.get<ReceiptDetail>(`/submissions/${q(id)}`),
    board: (period: string, changes = false) =>
      api.get<Status>(`/periods/${q(period)}/status${changes ? '?changes=1' : ''}`),
    accept: (period: string, unit: string) => api.post<AuditEntry>(`/periods/${q(period)}/accept`, { unit }),
    reopen: (period: string, unit: string) => api.post<AuditEntry>(`/periods/${q(period)}/reopen`, { unit }),
    projects: (filter: { period: string; category?: string; cause?: string; unit?: string }) => {
      const params = new URLSearchParams({ period: filter.period, limit: '2000' });
      for (const k of ['category', 'cause', 'unit'] as const) {
        const v = filter[k];
        if (v) params.set(k, v);
      }
      return api.get<ProjectPage>(`/projects?${params}`);
    },
    trend: (from: string, to: string) => api.get<Trend>(`/trend?from=${q(from)}&to=${q(to)}`),
  };
}

export type CountyApi = ReturnType<typeof countyApi>;
