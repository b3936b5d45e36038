/**
 * The CLI's side of the county service (/api/v1): the one client of shared/api/ with the CLI's
 * options (a 30 s deadline per attempt, retries for about a minute, an injected fetch in tests),
 * the submission (its Idempotency-Key checked, kept by cli/submit-state.ts until the server
 * answers), the status lines and the 统计表 workbook. The command parsers load this lazily.
 */

import {
  createClient,
  type Fetch,
  type RetryOptions,
  type ServiceApi,
  ServiceError,
  serviceApi,
} from '../shared/api/index.js';
import type { Summary } from '../shared/api.js';
import { type Submission, SubmissionSchema } from '../shared/contract.js';
import { countyStatsSheet } from '../shared/county-table.js';
import type { LedgerReport } from '../shared/index.js';
import { beijingStamp, STATUS_LABEL } from '../shared/index.js';
import { DEFAULT_COUNTY, type WorkbookLayout } from '../shared/layout.js';
import { FileError } from './errors.js';

export type { Fetch } from '../shared/api/index.js';

export interface RemoteOptions {
  fetch?: Fetch;
  /** Most attempts of a call that may be sent again (default: as many as fit in `retryForMs`). */
  attempts?: number;
  /** Milliseconds before the first retry (default 1 s; tests use 0); then doubled, at most 15 s. */
  backoffMs?: number;
  /** How long a submission keeps retrying (default 60 s): past a dead request's 10 s claim lease. */
  retryForMs?: number;
  /** Each attempt (connect, answer and body) must complete within this (default 30 s). */
  timeoutMs?: number;
}

/** The service at `server` with `token`, through the shared client. */
export function cliService(server: string, token: string, options: RemoteOptions = {}): ServiceApi {
  const retry: RetryOptions = { attempts: options.attempts, backoffMs: options.backoffMs, forMs: options.retryForMs };
  return serviceApi(
    createClient({ connection: () => ({ server, token }), fetch: options.fetch, timeoutMs: options.timeoutMs, retry }),
  );
}

export interface SubmitResult {
  receipt: Awaited<ReturnType<ServiceApi['submit']>>['receipt'];
  /** true when the server already had this submission (a retry of an earlier attempt). */
  replayed: boolean;
}

/**
 * POST /submissions with an Idempotency-Key: retried (same key, the same gzipped bytes, so never
 * stored twice) on network errors, deadlines, 5xx and 409 in-flight for about a minute.
 */
export async function submitLedger(
  server: string,
  token: string,
  submission: Submission,
  idempotencyKey: string,
  options: RemoteOptions & { onRetry?: RetryOptions['onRetry'] } = {},
): Promise<SubmitResult> {
  if (!/^[\x21-\x7e]{8,200}$/u.test(idempotencyKey)) {
    throw new ServiceError(0, 'bad-key', 'Idempotency-Key 须为 8–200 个可见 ASCII 字符（如 UUID）');
  }
  return cliService(server, token, options).submit(submission, idempotencyKey, { onRetry: options.onRetry });
}

export interface StatusBoard {
  period: string;
  periodLabel: string;
  due: string;
  counts: { onTime: number; late: number; missing: number };
  units: {
    unit: string;
    type: string;
    status: 'on-time' | 'late' | 'missing';
    receivedAt: string | null;
    submissions: number;
  }[];
}

/** Who has reported for a period: on time, late, missing (from GET /summary). */
export async function fetchStatus(
  url: string,
  token: string,
  period: string,
  options: RemoteOptions = {},
): Promise<StatusBoard> {
  const s = await cliService(url, token, options).summary(period);
  return {
    period: s.period,
    periodLabel: s.periodLabel,
    due: s.due,
    counts: s.counts,
    units: s.units.map((u) => ({
      unit: u.unit,
      type: u.type,
      status: u.status,
      receivedAt: u.receivedAt,
      submissions: u.submissions,
    })),
  };
}

/** The status board as text lines for a terminal (Shanghai time). */
export function formatStatus(board: StatusBoard): string {
  const time = (iso: string | null) => (iso ? beijingStamp(iso).slice(5) : '—');
  const lines = [
    `${board.periodLabel}：按时 ${board.counts.onTime}，逾期 ${board.counts.late}，未报 ${board.counts.missing}`,
    ...board.units.map(
      (u) =>
        `  ${STATUS_LABEL[u.status]}  ${u.unit}（${u.type}）  ${time(u.receivedAt)}${u.submissions > 1 ? `  共报送 ${u.submissions} 次` : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A checked ledger → the submission body (raw cells by column key, as the add-in sends them), from
 * the records the check already read: the workbook is opened once.
 */
export function ledgerSubmission(file: string, read: LedgerReport, period: string): Submission {
  // Through JSON, as it travels: cells the sheet does not have (undefined) disappear.
  const body: unknown = JSON.parse(
    JSON.stringify({
      period,
      meta: read.meta,
      columns: read.header?.columns ?? {},
      rows: read.records,
      totals: read.totals,
    }),
  );
  const parsed = SubmissionSchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new FileError(file, `“${file}”不能报送：${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** The county summary as the 分类统计表 workbook (附件4), for `summary --out`. */
export function summaryWorkbook(
  summary: Summary,
  options: { county?: string; unit?: string | null; updatedAt?: string | null } = {},
): WorkbookLayout {
  return {
    sheets: [
      // Every registered unit has a row (未报 marked); 合计 says 已报 N / 应报 M; a 说明 line below.
      countyStatsSheet(summary, {
        county: options.county ?? DEFAULT_COUNTY,
        unit: options.unit ?? null,
        updatedAt: options.updatedAt ?? null,
        periodLabel: summary.periodLabel,
      }),
    ],
  };
}
