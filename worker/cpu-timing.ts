/**
 * Bench only: the Worker's own time per request in a `Server-Timing: cpu;dur=<ms>` header. Only
 * worker/bench-index.ts (what bench:worker runs under `wrangler dev`) uses it, so the deployed
 * Worker neither does nor carries any of this.
 *
 * The figure is the request's time in this isolate minus the time it waits for D1: from after the
 * body has arrived (limitBody has read it) to the finished response, less every D1 call from the
 * moment its promise exists until it settles. What is left is JavaScript running for the request —
 * JSON parsing, gunzip, validation, the rules, statistics, building the D1 statements and the
 * answer — which is what Cloudflare bills as CPU time. Local workerd lets the clock run during
 * JavaScript (a deployed Worker freezes it until the next I/O), which is why this works in dev
 * only. On a busy machine the OS may pause the thread, which counts here too: the figure errs high.
 * Requests that overlap in one isolate would lend each other their D1 waits, so the bench reads it
 * from submissions sent one at a time.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

const RESULTS = ['run', 'all', 'first', 'raw'] as const;

/** What `watchedD1` counts: D1 round trips, and the time spent waiting for them. */
export interface D1Watch {
  trips: number;
  ms: number;
}

/**
 * `db` with every D1 round trip (a statement's run/all/first/raw, a batch, an exec) counted in
 * `watch.trips` and its waiting time added to `watch.ms`. Also used by the Worker tests that hold
 * routes to their number of round trips.
 */
export function watchedD1(db: D1Database, watch: D1Watch): D1Database {
  const unwrap = new WeakMap<object, D1PreparedStatement>();
  const wait = async <T>(pending: Promise<T>): Promise<T> => {
    watch.trips++;
    const from = performance.now();
    try {
      return await pending;
    } finally {
      watch.ms += performance.now() - from;
    }
  };
  const statement = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'bind') return (...args: unknown[]) => statement(target.bind(...args));
        if ((RESULTS as readonly PropertyKey[]).includes(prop))
          return (...args: unknown[]) => wait((value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    unwrap.set(proxy, s);
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => statement(target.prepare(sql));
      if (prop === 'batch')
        return (statements: D1PreparedStatement[]) => wait(target.batch(statements.map((s) => unwrap.get(s) ?? s)));
      if (prop === 'exec') return (sql: string) => wait(target.exec(sql));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export const cpuTiming: MiddlewareHandler<AppEnv> = async (c, next) => {
  const waited: D1Watch = { trips: 0, ms: 0 };
  c.env = { ...c.env, DB: watchedD1(c.env.DB, waited) };
  const started = performance.now();
  await next();
  const ms = performance.now() - started - waited.ms;
  c.res.headers.set('Server-Timing', `cpu;dur=${ms.toFixed(2)}`);
};
