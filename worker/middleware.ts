/** Cross-cutting middleware: request id + structured log, CORS for configured origins, body size limit. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
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

export const limitBody: MiddlewareHandler<AppEnv> = (c, next) => {
  const maxSize = maxBodyBytes(c.env);
  return bodyLimit({
    maxSize,
    onError: (ctx) =>
      ctx.json(
        errorBody(
          'payload-too-large',
          `请求体超过上限 ${(maxSize / 1024 / 1024).toFixed(1)} MB：请分批报送，或删除台账中的空白行和无关列后重试`,
        ),
        413,
      ),
  })(c, next);
};
