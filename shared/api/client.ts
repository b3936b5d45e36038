/**
 * The one HTTP client of the county service (/api/v1), for the task pane and the CLI: the URL
 * (checked), the bearer token, JSON bodies gzipped from 1 KB on (a 2,000-row ledger: ~1.4 MB of
 * JSON, ~0.1 MB gzipped), a deadline per attempt, retries of what may safely be sent again (a GET,
 * or a POST carrying its Idempotency-Key) after a retryable failure, and every answer checked:
 * success bodies against their response schema, error bodies against the contract's ApiErrorSchema.
 * Everything that can fail fails as a ServiceError with a Chinese message.
 */
import type * as z from 'zod/mini';
import { errorFromAnswer, type Schema, valueFromAnswer } from './answer.js';
import { ServiceError } from './error.js';
import {
  type AbortSignalLike,
  deadline,
  type Fetch,
  type Gzip,
  platformFetch,
  platformGzip,
  type ServiceRequest,
  type ServiceResponse,
  utf8,
} from './platform.js';
import { type RetryOptions, withRetry } from './retry.js';
import { apiUrl, serverOf } from './url.js';

/** Each attempt (connecting, the answer and its body) must complete within this. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** JSON bodies from this many bytes on travel gzipped (where gzip is at hand). */
export const GZIP_FROM_BYTES = 1024;
/** Attempts of a GET (one more after 1 s) unless the client's retry options say otherwise. */
export const READ_ATTEMPTS = 2;

export interface Connection {
  /** '' = the page's own origin (the pane served by the Worker). */
  server: string;
  token: string;
}

export interface ClientOptions {
  /** Read at each call (the pane's settings may change); may throw a ServiceError (no token yet). */
  connection: () => Connection;
  fetch?: Fetch;
  timeoutMs?: number;
  /** Default: the platform's CompressionStream where there is one; null: never gzip. */
  gzip?: Gzip | null;
  /** Retries of a call that may be sent again (per call `onRetry` adds to it). */
  retry?: RetryOptions;
}

export interface CallOptions {
  /** A JSON body (POST). */
  body?: unknown;
  /** Sent as Idempotency-Key: the server stores the request once however often it arrives. */
  idempotencyKey?: string;
  /** Told before each retry of this call. */
  onRetry?: RetryOptions['onRetry'];
}

export interface Answer<T> {
  value: T;
  status: number;
}

interface Encoded {
  body: string | Uint8Array;
  headers: Record<string, string>;
}

export function createClient(options: ClientOptions) {
  const fetchImpl = options.fetch ?? platformFetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function encode(value: unknown): Promise<Encoded> {
    const json = JSON.stringify(value);
    const gzip = options.gzip === undefined ? platformGzip() : options.gzip;
    const bytes = utf8(json);
    if (!gzip || bytes.byteLength < GZIP_FROM_BYTES)
      return { body: json, headers: { 'content-type': 'application/json' } };
    return { body: await gzip(bytes), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } };
  }

  const timedOut = (url: string) =>
    new ServiceError(
      0,
      'timeout',
      `服务器${serverOf(url)} 在 ${Math.round(timeoutMs / 1000)} 秒内没有应答：可能是网络中断或服务器繁忙，请稍后重试。`,
    );

  /** One attempt: the answer's status and text, or a ServiceError (status 0) when none came. */
  async function attempt(url: string, request: Omit<ServiceRequest, 'signal'>): Promise<Answer<string>> {
    const { signal, clear } = deadline(timeoutMs);
    const failed = (signal: AbortSignalLike, error: unknown, message: string) =>
      signal.aborted ? timedOut(url) : new ServiceError(0, 'network', message, undefined, { cause: error });
    let response: ServiceResponse;
    try {
      try {
        response = await fetchImpl(url, { ...request, signal });
      } catch (error) {
        throw failed(signal, error, `无法连接服务器${serverOf(url)}：请检查网络和服务器地址后重试。`);
      }
      try {
        return { value: await response.text(), status: response.status };
      } catch (error) {
        throw failed(signal, error, `与服务器${serverOf(url)}的连接中断：请重试。`);
      }
    } finally {
      clear();
    }
  }

  /** A call whose answer must match `schema`; its value and status (200 vs 201 tells a replay). */
  async function call<S extends Schema>(
    schema: S,
    method: ServiceRequest['method'],
    path: string,
    callOptions: CallOptions = {},
  ): Promise<Answer<z.output<S>>> {
    const { server, token } = options.connection();
    const url = apiUrl(server, path);
    // Encoded once: a retry sends the very same bytes.
    const sent = callOptions.body === undefined ? undefined : await encode(callOptions.body);
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...sent?.headers,
    };
    if (callOptions.idempotencyKey !== undefined) headers['idempotency-key'] = callOptions.idempotencyKey;
    const once = async () => {
      const answer = await attempt(url, { method, headers, ...(sent ? { body: sent.body } : {}) });
      if (answer.status < 200 || answer.status > 299) throw errorFromAnswer(answer.status, answer.value);
      return { value: valueFromAnswer(schema, answer.status, answer.value), status: answer.status };
    };
    // Only what the server cannot store twice is sent again.
    if (method !== 'GET' && callOptions.idempotencyKey === undefined) return once();
    const retry = options.retry ?? {};
    return withRetry(once, {
      ...retry,
      // A read that fails is told at once after a short while; a keyed write keeps at it.
      attempts: retry.attempts ?? (method === 'GET' ? READ_ATTEMPTS : undefined),
      onRetry: (n, waitMs, error) => {
        retry.onRetry?.(n, waitMs, error);
        callOptions.onRetry?.(n, waitMs, error);
      },
    });
  }

  return {
    call,
    get: <S extends Schema>(schema: S, path: string, o?: CallOptions) =>
      call(schema, 'GET', path, o).then((a) => a.value),
    post: <S extends Schema>(schema: S, path: string, body: unknown, o?: CallOptions) =>
      call(schema, 'POST', path, { ...o, body }).then((a) => a.value),
  };
}

export type Client = ReturnType<typeof createClient>;
