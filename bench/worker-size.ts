/**
 * `npm run bench:worker-size`: the Worker's upload size and its cold start in workerd, now and at a
 * baseline commit, in the same run (scripts/worker-bundle.ts says how each is measured).
 * The baseline (default BASELINE, the last commit with classic zod and the default router; or
 * `--baseline <git ref>`) is exported with `git archive` into a temporary directory sharing this
 * checkout's node_modules, and built by its own wrangler.toml.
 * Targets (issue 15): upload ≤ 250 KiB and ≤ 60 KiB gzip.
 * Options: --baseline <ref> | --no-baseline, --runs N (cold starts per Worker, default 7)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Bundle,
  buildBundle,
  coldStarts,
  MAX_UPLOAD_GZIP_KIB,
  MAX_UPLOAD_KIB,
  removeBundle,
} from '../scripts/worker-bundle.js';
import { ROOT } from '../scripts/wrangler.js';
import { option } from './options.js';

/** Before zod/mini, hono/tiny and minify (issue 15). */
const BASELINE = '1957300';
/** That commit's figures as measured when the change was made, for checkouts without its history. */
const RECORDED = { kib: 1045.23, gzipKib: 192.56 };

const RUNS = option('runs', 7);
const at = process.argv.indexOf('--baseline');
const baselineRef = process.argv.includes('--no-baseline')
  ? null
  : ((at >= 0 ? process.argv[at + 1] : undefined) ?? BASELINE);

/** The tree of `ref` in a temporary directory, with this checkout's node_modules; null if git cannot. */
function checkout(ref: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-baseline-'));
  try {
    execFileSync('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    return dir;
  } catch (error) {
    console.error(`（无法取出基线 ${ref}：${(error as Error).message.split('\n')[0]}；只列出记录的数值）`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const code = (b: Bundle) => readFileSync(join(b.dir, 'index.js'), 'utf8');
const kib = (n: number) => `${n.toFixed(2).padStart(8)} KiB`;
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

async function main(): Promise<void> {
  const current = buildBundle();
  const baseDir = baselineRef ? checkout(baselineRef) : null;
  const baseline = baseDir ? buildBundle(baseDir) : null;
  try {
    const workers: Record<string, string> = { current: code(current) };
    if (baseline) workers.baseline = code(baseline);
    const cold = await coldStarts(workers, RUNS);
    const empty = cold.empty ?? Number.NaN;
    console.log(
      `bench:worker-size — wrangler deploy --dry-run；冷启动为 workerd 中位数（每个 Worker ${RUNS} 次，轮流）`,
    );
    console.log('\n              上传大小      gzip 后     冷启动   扣除空 Worker');
    const line = (label: string, b: { kib: number; gzipKib: number }, c?: number) =>
      console.log(
        `${label.padEnd(12)} ${kib(b.kib)} ${kib(b.gzipKib)} ${c === undefined ? '          —' : ms(c)} ${c === undefined ? '          —' : ms(c - empty)}`,
      );
    if (baseline) line(`基线 ${baselineRef}`, baseline, cold.baseline);
    else line('基线（记录）', RECORDED);
    line('当前', current, cold.current);
    console.log(`${'空 Worker'.padEnd(12)} ${' '.repeat(25)} ${ms(empty)}`);
    const before = baseline ?? RECORDED;
    console.log(
      `\n当前相对基线：上传 ${(current.kib / before.kib).toFixed(2)}×，gzip ${(current.gzipKib / before.gzipKib).toFixed(2)}×` +
        (cold.baseline === undefined
          ? ''
          : `；冷启动（扣除空 Worker）${((cold.current ?? 0) - empty).toFixed(0)} ms，基线 ${(cold.baseline - empty).toFixed(0)} ms`),
    );
    const checks = [
      [`上传 ≤ ${MAX_UPLOAD_KIB} KiB（${current.kib} KiB）`, current.kib <= MAX_UPLOAD_KIB],
      [`gzip ≤ ${MAX_UPLOAD_GZIP_KIB} KiB（${current.gzipKib} KiB）`, current.gzipKib <= MAX_UPLOAD_GZIP_KIB],
    ] as const;
    for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${label}`);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    removeBundle(current);
    if (baseline) removeBundle(baseline);
    if (baseDir) rmSync(baseDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
