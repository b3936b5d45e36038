/**
 * The county service: API under /api/v1 (hono) and, for every other path, the add-in task pane
 * served from static assets (wrangler.toml [assets], run_worker_first for /api/*). The Worker is
 * `createApp()` (worker/index.ts); bench:worker runs it with its CPU timing (worker/bench-index.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Hono } from 'hono/tiny';
import { authenticate } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, errorStatus, ServiceError } from './errors.js';
import { corsForConfiguredOrigins, limitBody, requestLog } from './middleware.js';
import { changes } from './routes/changes.js';
import { decisions } from './routes/decisions.js';
import { me } from './routes/me.js';
import { periods } from './routes/periods.js';
import { projects } from './routes/projects.js';
import { submissions } from './routes/submissions.js';
import { summary, summaryAlongside } from './routes/summary.js';
import { trend } from './routes/trend.js';

export interface AppOptions {
  /** Middleware that times each API request once its body has been read (bench only). */
  timing?: MiddlewareHandler<AppEnv>;
}

export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', requestLog);
  app.use('/api/*', corsForConfiguredOrigins);
  app.use('/api/*', limitBody);
  if (options.timing) app.use('/api/*', options.timing);
  app.use('/api/v1/summary', summaryAlongside);
  app.use('/api/v1/*', authenticate);

  app.route('/api/v1/submissions', submissions);
  app.route('/api/v1/summary', summary);
  app.route('/api/v1/projects', projects);
  app.route('/api/v1/changes', changes);
  app.route('/api/v1/me', me);
  app.route('/api/v1/periods', periods);
  app.route('/api/v1/trend', trend);
  app.route('/api/v1/decisions', decisions);

  app.notFound((c) => c.json(errorBody('not-found', `没有这个接口：${c.req.method} ${c.req.path}`), 404));

  app.onError((err, c) => {
    if (err instanceof ServiceError) {
      c.set('errorCode', err.code);
      return c.json(err.toJSON(), errorStatus(err));
    }
    if (err instanceof HTTPException) {
      c.set('errorCode', 'http');
      return c.json(errorBody('bad-request', '请求无法处理，请检查请求格式'), err.status);
    }
    c.set('errorCode', 'internal');
    console.error(
      JSON.stringify({ requestId: c.get('requestId'), error: err.name, message: err.message, stack: err.stack }),
    );
    return c.json(errorBody('internal', '服务器内部错误，请稍后重试；如持续出现请联系县乡村振兴局'), 500);
  });
  return app;
}
