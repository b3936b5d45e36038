/**
 * The CLI's client for the county service (/api/v1): submit a ledger, fetch the consolidated
 * 统计表 and the status board. Responses are checked against the shared schemas; failures become a
 * `RemoteError` with a Chinese message. The command parser (cli/index.ts) wires these in.
 * A submission is retried (same Idempotency-Key, so never stored twice) on network errors, timeouts,
 * 5xx and 409 (the first attempt still in flight) with backoff for about a minute. Every request
 * has a deadline (AbortSignal.timeout): a stalled server gives a Chinese message, not a hang. Ledgers travel gzipped (Content-Encoding: gzip): a
 * 2,000-row ledger is ~1.4 MB of JSON and ~0.1 MB gzipped.
 */
import { gzipSync } from 'node:zlib';
import type * as z from 'zod/mini';
import { DryRunReceiptSchema, type Summary, SummarySchema } from '../shared/api.js';
import { ApiError } from '../shared/api-error.js';
import { ApiErrorSchema, type Receipt, ReceiptSchema, type Submission, SubmissionSchema } from '../shared/contract.js';
import { countyStatsSheet } from '../shared/county-table.js';
import type { LedgerReport } from '../shared/index.js';
import { DEFAULT_COUNTY, type WorkbookLayout } from '../shared/layout.js';
import { FileError } from './errors.js';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface RemoteOptions {
  fetch?: Fetch;
  /** Most attempts for a submission (default: as many as fit in `retryForMs`). */
  attempts?: number;
  /** Milliseconds before the first retry (default 1 s; tests use 0); then doubled, at most 15 s. */
  backoffMs?: number;
  /** How long a submission keeps retrying (default 60 s): past a dead request's 10 s claim lease. */
  retryForMs?: number;
  /** Each request (connect, answer and body) must complete within this (default 30 s). */
  timeoutMs?: number;
  /** Told before each retry: the attempt that failed, the wait and why. */
  onRetry?: (attempt: number, waitMs: number, error: RemoteError) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRY_FOR_MS = 60_000;
const MAX_BACKOFF_MS = 15_000;

/** A failed call to the service; cli/index.ts knows it by this name (this module loads lazily). */
export class RemoteError extends ApiError {
  override name = 'RemoteError';
}

/** `https://host/` + `/summary` → `https://host/api/v1/summary`. */
export function apiUrl(server: string, path: string): string {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new RemoteError(
      0,
      'bad-url',
      `服务器地址“${server}”无效：应形如 https://county.example.org 或 http://127.0.0.1:8787`,
    );
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new RemoteError(0, 'bad-url', `服务器地址“${server}”须以 http:// 或 https:// 开头`);
  }
  return `${base.origin}${base.pathname.replace(/\/+$/u, '')}/api/v1${path}`;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function timedOut(url: string, timeoutMs: number): RemoteError {
  return new RemoteError(
    0,
    'timeout',
    `服务器 ${new URL(url).origin} 在 ${Math.round(timeoutMs / 1000)} 秒内没有完成应答：请检查网络或稍后重试（可能是服务器繁忙或网络中断）`,
  );
}

export async function call<T>(
  url: string,
  init: RequestInit,
  schema: z.ZodMiniType<T>,
  fetchImpl: Fetch = (i, o) => globalThis.fetch(i, o),
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<{ value: T; status: number }> {
  // One deadline for connecting, the answer and its body: a stalled server cannot hang the CLI.
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(url, { ...init, signal });
  } catch (error) {
    if (isTimeout(error) || signal.aborted) throw timedOut(url, timeoutMs);
    const why = error instanceof Error ? error.message : String(error);
    throw new RemoteError(0, 'network', `无法连接服务器 ${new URL(url).origin}（${why}）：请检查地址和网络后重试`);
  }
  try {
    text = await res.text();
  } catch (error) {
    if (isTimeout(error) || signal.aborted) throw timedOut(url, timeoutMs);
    throw new RemoteError(0, 'network', `与服务器 ${new URL(url).origin} 的连接中断：请重试`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RemoteError(res.status, 'bad-response', `服务器返回的不是 JSON（HTTP ${res.status}）：请确认服务器地址`);
  }
  if (!res.ok) {
    const error = ApiErrorSchema.safeParse(body);
    if (error.success) {
      const e = error.data.error;
      throw new RemoteError(res.status, e.code, e.message, e.issues ?? []);
    }
    throw new RemoteError(res.status, 'http', `服务器拒绝了请求（HTTP ${res.status}）`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new RemoteError(res.status, 'bad-response', '服务器的回应不符合接口约定：CLI 与服务器版本可能不一致');
  }
  return { value: parsed.data, status: res.status };
}

/** Bearer token and JSON accept headers. */
export const authHeaders = (token: string) =>
  ({ authorization: `Bearer ${token}`, accept: 'application/json' }) as const;
const auth = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

/** A submission as a request body: its JSON gzipped, with the headers that say so. */
function ledgerBody(submission: Submission): { body: Uint8Array; headers: Record<string, string> } {
  return {
    body: gzipSync(JSON.stringify(submission)),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  };
}

export interface SubmitResult {
  receipt: Receipt;
  /** true when the server already had this submission (a retry of an earlier attempt). */
  replayed: boolean;
}

/** POST /submissions with an Idempotency-Key; retried safely on network errors, 5xx and 409. */
export async function submitLedger(
  url: string,
  token: string,
  submission: Submission,
  idempotencyKey: string,
  options: RemoteOptions = {},
): Promise<SubmitResult> {
  if (!/^[\x21-\x7e]{8,200}$/u.test(idempotencyKey)) {
    throw new RemoteError(0, 'bad-key', 'Idempotency-Key 须为 8–200 个可见 ASCII 字符（如 UUID）');
  }
  const attempts = options.attempts ?? Number.POSITIVE_INFINITY;
  const backoff = options.backoffMs ?? 1000;
  const retryFor = options.retryForMs ?? DEFAULT_RETRY_FOR_MS;
  const started = Date.now();
  // Compressed once: a retry resends the same bytes.
  const { body, headers } = ledgerBody(submission);
  let last: RemoteError | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const { value, status } = await call(
        apiUrl(url, '/submissions'),
        {
          method: 'POST',
          headers: { ...auth(token), ...headers, 'idempotency-key': idempotencyKey },
          body,
        },
        ReceiptSchema,
        options.fetch,
        options.timeoutMs,
      );
      return { receipt: value, replayed: status === 200 };
    } catch (error) {
      if (!(error instanceof RemoteError) || !error.retryable) throw error;
      last = error;
      const wait = Math.min(MAX_BACKOFF_MS, backoff * 2 ** (attempt - 1));
      if (attempt >= attempts || Date.now() - started + wait > retryFor) break;
      options.onRetry?.(attempt, wait, error);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  throw last ?? new RemoteError(0, 'network', '报送未完成');
}

/** POST /submissions?dryRun=1: the would-be receipt and the changes against the previous submission. */
export async function checkRemotely(url: string, token: string, submission: Submission, options: RemoteOptions = {}) {
  const { body, headers } = ledgerBody(submission);
  const { value } = await call(
    apiUrl(url, '/submissions?dryRun=1'),
    { method: 'POST', headers: { ...auth(token), ...headers }, body },
    DryRunReceiptSchema,
    options.fetch,
    options.timeoutMs,
  );
  return value;
}

/** GET /summary?period=: the consolidated 统计表 (one row per unit + 合计) and each unit's status. */
export async function fetchSummary(url: string, token: string, period: string, options: RemoteOptions = {}) {
  const { value } = await call(
    apiUrl(url, `/summary?period=${encodeURIComponent(period)}`),
    { headers: auth(token) },
    SummarySchema,
    options.fetch,
    options.timeoutMs,
  );
  return value;
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
  const s = await fetchSummary(url, token, period, options);
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

const STATUS_TEXT = { 'on-time': '按时', late: '逾期', missing: '未报' } as const;

/** The status board as text lines for a terminal (Shanghai time). */
export function formatStatus(board: StatusBoard): string {
  const time = (iso: string | null) =>
    iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ') : '—';
  const lines = [
    `${board.periodLabel}：按时 ${board.counts.onTime}，逾期 ${board.counts.late}，未报 ${board.counts.missing}`,
    ...board.units.map(
      (u) =>
        `  ${STATUS_TEXT[u.status]}  ${u.unit}（${u.type}）  ${time(u.receivedAt)}${u.submissions > 1 ? `  共报送 ${u.submissions} 次` : ''}`,
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
