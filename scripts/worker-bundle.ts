/**
 * The Worker as it is uploaded, and how long workerd takes to start it: used by the bundle-size
 * test (scripts/worker-bundle.test.ts) and `npm run bench:worker-size`.
 * - Size: `wrangler deploy --dry-run --outdir` (wrangler.toml's minify / keep_names), wrangler's own
 *   “Total Upload” figures: what Cloudflare receives and parses on every cold start.
 * - Cold start: the bundle served by the workerd binary wrangler itself runs (no wrangler, no
 *   proxy, no bundling in the timed part): from spawning `workerd serve` to the first answer of
 *   GET /api/v1/me (401 without a token: no D1, the route table built, every module evaluated).
 *   The same is timed for a one-line Worker, alternating with it, so what the bundle adds is the
 *   difference of the two medians.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { deployDryRun, freePort, ROOT } from './wrangler.js';

/** Issue 15's limits for the upload (wrangler's KiB). */
export const MAX_UPLOAD_KIB = 250;
export const MAX_UPLOAD_GZIP_KIB = 60;

export interface Bundle {
  /** Directory holding index.js as wrangler wrote it. */
  dir: string;
  /** wrangler's Total Upload figures. */
  kib: number;
  gzipKib: number;
  /** index.js itself: bytes, and gzip level 9 of it (a cross-check of wrangler's figure). */
  bytes: number;
  gzipBytes: number;
}

/** Builds the Worker of the checkout at `root` (default: this one) into a temporary directory. */
export function buildBundle(root = ROOT): Bundle {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-bundle-'));
  const { kib, gzipKib } = deployDryRun(dir, root);
  const code = readFileSync(join(dir, 'index.js'));
  return { dir, kib, gzipKib, bytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

export function removeBundle(b: Bundle): void {
  rmSync(b.dir, { recursive: true, force: true });
}

/** The workerd binary of the pinned wrangler (the runtime `wrangler dev` uses). */
export function workerdBinary(): string {
  const fromWrangler = createRequire(join(ROOT, 'node_modules', 'wrangler', 'package.json'));
  return (fromWrangler('workerd') as { default: string }).default;
}

const COMPATIBILITY_DATE = /^compatibility_date\s*=\s*"([^"]+)"/mu;

/** workerd's config for one ES module Worker (index.js beside the config) on 127.0.0.1:`port`. */
function config(port: number): string {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const date = COMPATIBILITY_DATE.exec(toml)?.[1] ?? '2026-04-01';
  const text = (name: string, value: string) => `(name = "${name}", text = "${value}")`;
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "index.js", esModule = embed "index.js") ],
  compatibilityDate = "${date}",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [ ${[text('REQUEST_LOG', 'off'), text('CORS_ORIGINS', 'https://localhost:3000')].join(', ')} ],
);
`;
}

/** A Worker that does nothing: workerd's own start-up, the floor of every cold start. */
export const EMPTY_WORKER = 'export default { fetch: () => new Response(null, { status: 401 }) };\n';

async function firstAnswer(url: string, child: ChildProcess, deadline: number): Promise<number> {
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd 意外退出（退出码 ${child.exitCode}）`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return res.status;
    } catch {
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  throw new Error(`${url} 在限定时间内没有响应`);
}

/**
 * Milliseconds from spawning workerd with `code` (an ES module) to its first answer on
 * /api/v1/me, and that answer's status.
 */
export async function coldStartOnce(code: string): Promise<{ ms: number; status: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-cold-'));
  const port = await freePort();
  writeFileSync(join(dir, 'index.js'), code);
  writeFileSync(join(dir, 'config.capnp'), config(port));
  const started = performance.now();
  const child = spawn(workerdBinary(), ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  try {
    const status = await firstAnswer(`http://127.0.0.1:${port}/api/v1/me`, child, started + 30000);
    return { ms: performance.now() - started, status };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${stderr}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Cold starts of each named Worker (its index.js source) and of EMPTY_WORKER, `runs` rounds in
 * turn (so load on the machine falls on all alike): the median per Worker, in ms.
 */
export async function coldStarts(workers: Record<string, string>, runs: number): Promise<Record<string, number>> {
  const all: Record<string, string> = { empty: EMPTY_WORKER, ...workers };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, code] of Object.entries(all)) {
      const { ms, status } = await coldStartOnce(code);
      if (status !== 401) throw new Error(`${name}: GET /api/v1/me 应为 401，实为 ${status}`);
      samples[name]?.push(ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}
