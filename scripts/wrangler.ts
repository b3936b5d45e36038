/**
 * Running the pinned wrangler from Node scripts: never reaching out (no metrics, no cf fetch), the
 * add-in assets folder present, local D1 by default. Used by admin.ts, start.ts and bench/worker.ts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

export const QUIET_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  // No prompts (e.g. migrations apply asks for confirmation on a TTY).
  CI: 'true',
};

/** Where local D1 lives: wrangler's default (.wrangler/state) or a given directory. */
export interface Target {
  remote?: boolean;
  persistTo?: string;
}

function targetArgs(t: Target): string[] {
  if (t.remote) return ['--remote'];
  return t.persistTo ? ['--local', '--persist-to', t.persistTo] : ['--local'];
}

/** wrangler.toml serves addin/dist; wrangler refuses to start when the folder is missing. */
export function ensureAssetsDir(): void {
  mkdirSync(join(ROOT, 'addin', 'dist'), { recursive: true });
}

export class WranglerError extends Error {}

function run(args: string[], cwd = ROOT): string {
  mkdirSync(join(cwd, 'addin', 'dist'), { recursive: true });
  const r = spawnSync(WRANGLER, args, {
    cwd,
    env: { ...process.env, ...QUIET_ENV },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new WranglerError(`无法运行 wrangler：${r.error.message}`);
  if (r.status !== 0) {
    const detail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new WranglerError(`wrangler ${args.slice(0, 3).join(' ')} 失败（退出码 ${r.status}）：\n${detail}`);
  }
  return r.stdout;
}

/**
 * `wrangler deploy --dry-run --outdir`: the Worker exactly as it would be uploaded (wrangler.toml's
 * build settings) written to `outdir`, and wrangler's own “Total Upload” figures. `root` is the
 * checkout whose wrangler.toml is used (another commit's, for a before/after comparison).
 */
export function deployDryRun(outdir: string, root = ROOT): { kib: number; gzipKib: number } {
  const out = run(['deploy', '--dry-run', '--outdir', outdir], root);
  const m = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/u.exec(out);
  if (!m) throw new WranglerError(`wrangler deploy --dry-run 没有报告上传大小：\n${out.slice(-800)}`);
  return { kib: Number(m[1]), gzipKib: Number(m[2]) };
}

export function applyMigrations(t: Target = {}): void {
  run(['d1', 'migrations', 'apply', 'DB', ...targetArgs(t)]);
}

/** Executes SQL (one or more statements, no parameters) and returns each statement's rows. */
export function executeSql(sql: string, t: Target = {}): Record<string, unknown>[][] {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-sql-'));
  const file = join(dir, 'statements.sql');
  try {
    writeFileSync(file, sql);
    const out = run(['d1', 'execute', 'DB', ...targetArgs(t), '--json', '--file', file]);
    const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results?: Record<string, unknown>[] }[];
    return parsed.map((p) => p.results ?? []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface DevOptions {
  port: number;
  persistTo?: string;
  vars?: Record<string, string>;
  /** Inherit stdio (npm start) instead of capturing it (bench, e2e). */
  interactive?: boolean;
  /**
   * Serve a copy of the Worker's sources taken now (worker/, shared/, wrangler.toml, with an empty
   * assets folder) instead of the checkout. wrangler dev rebuilds and restarts the Worker whenever
   * a source file or a file in the assets folder (addin/dist) changes, and answers every POST in
   * flight then with 503 “Your worker restarted mid-request”: a bench must not see someone's edit,
   * `npm run build:addin` or a checkout in the same tree while it runs.
   */
  snapshot?: boolean;
  /** Another entry than wrangler.toml's `main` (bench:worker: worker/bench-index.ts). */
  script?: string;
}

/** Snapshot directories of running dev servers, removed by stopDev. */
const snapshots = new WeakMap<ChildProcess, string>();

/** A copy of what wrangler dev builds and serves, with the checkout's node_modules linked in. */
function snapshotRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-worker-'));
  for (const path of ['worker', 'shared', 'wrangler.toml', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'addin', 'dist'), { recursive: true });
  return dir;
}

/** Starts `wrangler dev` on 127.0.0.1 (local only). */
export function startDev(o: DevOptions): ChildProcess {
  ensureAssetsDir();
  const args = [
    'dev',
    ...(o.script ? [o.script] : []),
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--local',
    '--show-interactive-dev-session=false',
  ];
  if (o.persistTo) args.push('--persist-to', o.persistTo);
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push('--var', `${k}:${v}`);
  const root = o.snapshot ? snapshotRoot() : ROOT;
  const child = spawn(WRANGLER, args, {
    cwd: root,
    env: { ...process.env, ...QUIET_ENV },
    stdio: o.interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: !o.interactive,
  });
  if (o.snapshot) snapshots.set(child, root);
  return child;
}

/** Waits until the dev server answers (any HTTP status) or throws after `timeoutMs`. */
export async function waitForServer(url: string, timeoutMs = 60000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} 在 ${timeoutMs / 1000} 秒内没有响应`);
}

/** Stops a dev server started with startDev (its whole process group). */
export async function stopDev(child: ChildProcess): Promise<void> {
  try {
    await stopProcess(child);
  } finally {
    const root = snapshots.get(child);
    if (root) rmSync(root, { recursive: true, force: true });
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
