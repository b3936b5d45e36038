/**
 * The pane in real Chromium, set up once per test file: the add-in built into a temp folder and
 * served with the fake host in place of office.js, optionally a real local `wrangler dev` seeded
 * with the demo county (proxied under the pane's own origin), and a browser context.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { buildAddin } from '../build.js';
import { CHROMIUM, CHROMIUM_ARGS, harnessBundle, serveStatic } from './serve.js';

export interface SeededCounty {
  county: string;
  units: { name: string; token: string }[];
}

export interface PaneEnv {
  temp: string;
  site: Awaited<ReturnType<typeof serveStatic>>;
  context: BrowserContext;
  /** http://127.0.0.1:port of the service ('' without one). */
  api: string;
  /** The demo county's tokens (null without a service). */
  seeded: SeededCounty | null;
  /** A unit's token by name. */
  token(name: string): string;
  /** GET (no body) or POST to /api/v1 with a token; the JSON answer and its status. */
  call<T>(path: string, token: string, body?: unknown, key?: string): Promise<T & { status: number }>;
  close(): Promise<void>;
}

export async function startPaneEnv(
  name: string,
  options: { service?: boolean; width?: number } = {},
): Promise<PaneEnv> {
  const temp = mkdtempSync(join(tmpdir(), `sgyp-${name}-`));
  const dist = await buildAddin({ outDir: join(temp, 'dist') });
  let api = '';
  let seeded: SeededCounty | null = null;
  let stop: (() => Promise<void>) | null = null;
  if (options.service) {
    const w = await import('../../scripts/wrangler.js');
    const { seedDemo } = await import('../../scripts/seed.js');
    const persistTo = join(temp, 'd1');
    w.applyMigrations({ persistTo });
    seeded = (await seedDemo({ persistTo })) ?? null;
    if (!seeded) throw new Error('seed failed');
    const port = await w.freePort();
    api = `http://127.0.0.1:${port}`;
    const dev: ChildProcess = w.startDev({ port, persistTo, vars: { REQUEST_LOG: 'off' } });
    stop = () => w.stopDev(dev);
    await w.waitForServer(`${api}/api/v1/me`, 90000);
  }
  const site = await serveStatic(dist, {
    api: api || undefined,
    overrides: { '/office-js/office.js': await harnessBundle() },
  });
  const context = await chromium.launchPersistentContext(join(temp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 380, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    temp,
    site,
    context,
    api,
    seeded,
    token: (unit) => seeded?.units.find((u) => u.name === unit)?.token ?? '',
    async call<T>(path: string, token: string, body?: unknown, key: string = crypto.randomUUID()) {
      const res = await fetch(`${api}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { ...((await res.json()) as T), status: res.status };
    },
    async close() {
      await context.close();
      await site.close();
      if (stop) await stop();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
