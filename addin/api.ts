/**
 * The only module that talks HTTP. Relative `/api/v1/...` by default (the pane is served by the
 * same Worker); a server URL and the token live in the browser's (partitioned) localStorage —
 * never in the workbook, which travels by e-mail.
 */
import type { Diff, Me, Summary } from '../shared/api.js';
import { ApiError } from '../shared/api-error.js';
import type { Receipt as ContractReceipt } from '../shared/contract.js';
import type { Issue } from '../shared/index.js';
import type { SettingsStore } from './host/types.js';
import { randomUUID } from './uuid.js';
import type { SubmissionPayload } from './workflow.js';

export interface ApiSettings {
  /** Empty = same origin as the pane. */
  server: string;
  token: string;
}

const SETTINGS_KEY = 'sige-yipi.api';

let chosenStore: SettingsStore | null | undefined;

/** The host's place for the settings (the WPS build picks one); default: this origin's localStorage. */
export function useSettingsStore(store: SettingsStore | null): void {
  chosenStore = store;
}

function storage(): SettingsStore | null {
  if (chosenStore !== undefined) return chosenStore;
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadSettings(store: SettingsStore | null = storage()): ApiSettings {
  try {
    const raw = store?.getItem(SETTINGS_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<ApiSettings>) : {};
    return { server: String(parsed.server ?? ''), token: String(parsed.token ?? '') };
  } catch {
    return { server: '', token: '' };
  }
}

export function saveSettings(settings: ApiSettings, store: SettingsStore | null = storage()): void {
  store?.setItem(SETTINGS_KEY, JSON.stringify({ server: settings.server.trim(), token: settings.token.trim() }));
}

export type { Diff, Me, Summary } from '../shared/api.js';
export { ApiError } from '../shared/api-error.js';

/** A receipt (contract ReceiptSchema); a dry run adds the diff against the unit's previous submission. */
export type Receipt = ContractReceipt & { diff?: Diff };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function apiUrl(server: string, path: string): string {
  const base = server.trim().replace(/\/+$/u, '');
  return `${base}/api/v1${path}`;
}

export function newIdempotencyKey(): string {
  return randomUUID();
}

/** JSON bodies from this length on travel gzipped, where the browser has CompressionStream. */
export const GZIP_FROM_CHARS = 1024;

/**
 * A JSON request body and its headers: gzipped (Content-Encoding: gzip) when long enough and the
 * browser can (a 2,000-row ledger: ~1.4 MB → ~0.1 MB on a township's slow line), plain otherwise.
 */
export async function jsonBody(value: unknown): Promise<{ body: BodyInit; headers: Record<string, string> }> {
  const json = JSON.stringify(value);
  if (json.length < GZIP_FROM_CHARS || typeof CompressionStream !== 'function') {
    return { body: json, headers: { 'content-type': 'application/json' } };
  }
  const gzipped = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return {
    body: new Uint8Array(await new Response(gzipped).arrayBuffer()),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  };
}

/** Each request must be answered (body included) within this. */
export const REQUEST_TIMEOUT_MS = 60_000;

export interface RetryOptions {
  /** How long to keep retrying (default 60 s: past a dead request's 10 s claim lease on the server). */
  retryForMs?: number;
  /** First wait (default 1 s), doubled each time, at most 15 s. */
  backoffMs?: number;
  /** Told before each wait: the attempt that failed, the wait and why. */
  onRetry?: (attempt: number, waitMs: number, error: ApiError) => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `send` until it succeeds, fails for good (not `retryable`), or about a minute has passed:
 * for a submission with one Idempotency-Key, so a retry is never stored twice.
 */
export async function withRetry<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retryFor = options.retryForMs ?? 60_000;
  const backoff = options.backoffMs ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable) throw error;
      const wait = Math.min(15_000, backoff * 2 ** (attempt - 1));
      if (waited + wait > retryFor) throw error;
      options.onRetry?.(attempt, wait, error);
      await sleep(wait);
      waited += wait;
    }
  }
}

export function createApi(
  settings: () => ApiSettings,
  fetchImpl: Fetch = (i, init) => globalThis.fetch(i, init),
  timeoutMs: number = REQUEST_TIMEOUT_MS,
) {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const { server, token } = settings();
    if (!token) throw new ApiError(401, 'no-token', '尚未填写令牌：请在“上报”页填写县里发放的令牌并保存。');
    const sent = body === undefined ? undefined : await jsonBody(body);
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = () =>
      new ApiError(
        0,
        'timeout',
        `服务器在 ${Math.round(timeoutMs / 1000)} 秒内没有应答：可能是网络中断或服务器繁忙，请稍后重试（已保留本次数据）。`,
      );
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(apiUrl(server, path), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...sent?.headers,
          ...headers,
        },
        body: sent?.body,
        signal,
      });
      text = await response.text();
    } catch {
      if (signal.aborted) throw timedOut();
      throw new ApiError(0, 'network', '无法连接服务器：请检查网络或服务器地址后重试（已保留本次数据）。');
    }
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const error = (data as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
      throw new ApiError(
        response.status,
        typeof error?.code === 'string' ? error.code : `http-${response.status}`,
        typeof error?.message === 'string'
          ? error.message
          : `服务器出错（代码 ${response.status}），数据未保存，请稍后再试；多次不成请向县乡村振兴局反映。`,
        Array.isArray(error?.issues) ? (error.issues as Issue[]) : [],
      );
    }
    if (data === null || typeof data !== 'object')
      throw new ApiError(response.status, 'bad-response', '服务器返回的内容无法识别：请确认服务器地址指向本系统。');
    return data as T;
  }

  return {
    me: () => request<Me>('GET', '/me'),
    submit: (payload: SubmissionPayload, options: { dryRun: boolean; key: string }) =>
      request<Receipt>('POST', `/submissions${options.dryRun ? '?dryRun=1' : ''}`, payload, {
        'idempotency-key': options.key,
      }),
    summary: (period: string) => request<Summary>('GET', `/summary?period=${encodeURIComponent(period)}`),
    /** Any other GET / POST of the service (typed wrappers: api-county.ts). */
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  };
}

export type Api = ReturnType<typeof createApi>;
