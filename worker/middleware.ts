/** Cross-cutting middleware: request id + structured log, CORS for configured origins, body size limits. */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { MAX_CODED_TEXT } from '../shared/contract.js';
import type { AppEnv, Env } from './env.js';
import { errorBody } from './errors.js';

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = c.req.header('cf-ray') ?? crypto.randomUUID();
  c.set('requestId', requestId);
  const started = Date.now();
  await next();
  c.header('X-Request-Id', requestId);
  if (c.env.REQUEST_LOG !== 'on') return;
  const p = c.get('principal');
  console.log(
    JSON.stringify({
      at: new Date(started).toISOString(),
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
      role: p?.role ?? null,
      unit: p?.unit?.name ?? null,
      credential: p?.credentialId ?? null,
      error: c.get('errorCode') ?? null,
    }),
  );
};

export function allowedOrigins(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * CORS headers only for browser requests from another origin (they carry `Origin`); the CLI,
 * scripts and the pane served by this Worker itself need none, and skip the middleware's work.
 */
export const corsForConfiguredOrigins: MiddlewareHandler<AppEnv> = (c, next) => {
  if (c.req.header('origin') === undefined) return next();
  return cors({
    origin: (origin) => (allowedOrigins(c.env.CORS_ORIGINS).includes(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'Idempotency-Key'],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed'],
    maxAge: 600,
  })(c, next);
};

/** MAX_BODY_BYTES, or the default when unset or not a positive number. */
export function maxBodyBytes(env: Env): number {
  const configured = Number(env.MAX_BODY_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_BODY_BYTES;
}

/**
 * Largest inflated gzip body (MAX_INFLATED_BYTES): a ledger of MAX_SUBMISSION_ROWS (20,000) rows is
 * about 15 MB of JSON but under 1 MB gzipped, so the inflated limit is above the wire limit. The
 * same bound as the text coded columns may stand for (the contract's MAX_CODED_TEXT).
 */
export const DEFAULT_MAX_INFLATED_BYTES = MAX_CODED_TEXT;

export function maxInflatedBytes(env: Env): number {
  const configured = Number(env.MAX_INFLATED_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_INFLATED_BYTES;
}

/**
 * Bytes of an over-limit body read and thrown away before the 413 goes out: a client still sending
 * gets its answer instead of a reset connection. Past this the rest is cancelled.
 */
export const DRAIN_BYTES = 64 * 1024 * 1024;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, already: number): Promise<void> {
  let read = already;
  try {
    while (read < DRAIN_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to answer.
  }
}

/**
 * 413 for any request body over MAX_BODY_BYTES, whether it declares its length (Content-Length) or
 * not (chunked): a declared length within the limit is read in one call; otherwise the body is
 * counted as it arrives, kept only up to the limit, and an over-limit body is read to its end (up
 * to DRAIN_BYTES) before the JSON 413 answer.
 */
export const limitBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const body = c.req.raw.body;
  if (!body) return next();
  const maxSize = maxBodyBytes(c.env);
  const tooLarge = () =>
    c.json(
      errorBody(
        'payload-too-large',
        `请求体超过上限 ${(maxSize / 1024 / 1024).toFixed(1)} MB：请分批报送，或删除台账中的空白行和无关列后重试（未保存任何数据）`,
      ),
      413,
      { connection: 'close' },
    );
  const incomplete = () =>
    c.json(errorBody('bad-request', '请求体没有完整收到（连接中断）：请重试，未保存任何数据'), 400);
  const declared = Number(c.req.header('content-length'));
  if (c.req.header('content-length') !== undefined && Number.isInteger(declared) && declared <= maxSize) {
    // A declared length within the limit: the runtime reads exactly that many bytes (HTTP framing
    // allows no more), in one call instead of a loop over the stream's chunks.
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await c.req.raw.arrayBuffer());
    } catch {
      return incomplete();
    }
    if (bytes.byteLength > maxSize) return tooLarge();
    c.set('body', bytes);
    return next();
  }
  const reader = body.getReader();
  if (Number.isFinite(declared) && declared > maxSize) {
    await drain(reader, 0);
    return tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return incomplete();
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxSize) {
      chunks.length = 0;
      await drain(reader, size);
      return tooLarge();
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Readers take the bytes from here (readBody: worker/input.ts), not from the consumed stream.
  c.set('body', bytes);
  return next();
};
