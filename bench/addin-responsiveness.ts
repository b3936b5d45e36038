/**
 * bench:addin section 5 — the pane while it checks a 10,000-row ledger (fake host, Chromium):
 * the longest main-thread block (Long Tasks API, PerformanceObserver 'longtask') during the check
 * and over the whole click (read + check + marks), and the time from the click to the first issue
 * shown. Measured on the pane as built (check in the Web Worker) and, in the same run, on the old
 * synchronous path: the same pane rebuilt with the check inline on the page in one pass.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, harnessBundle, serveStatic } from '../addin/test/serve.js';

const ROWS = 10_000;
const RUNS = 3;
const TARGET_BLOCK_MS = 100;
const TARGET_FIRST_MS = 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const addin = new URL('../addin/', import.meta.url).pathname;

/** The check panel's engine replaced by the inline one: the pre-worker pane, for the baseline. */
const inlineCheck: Plugin = {
  name: 'inline-check',
  setup(b) {
    b.onResolve({ filter: /engine\/run\.js$/ }, (args) =>
      args.importer.endsWith(join('panels', 'check.ts')) ? { path: 'inline-run', namespace: 'bench' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({
      resolveDir: join(addin, 'engine'),
      loader: 'ts',
      contents: `export * from './run.ts';
import { inlineEngine } from './run.ts';
export function defaultEngine() { return inlineEngine; }`,
    }));
  },
};

/** A copy of `dist` whose main.js checks on the page in one pass. */
export async function buildSyncPane(dist: string, out: string): Promise<string> {
  cpSync(dist, out, { recursive: true });
  await build({
    entryPoints: [join(addin, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: ['chrome100'],
    minify: true,
    outfile: join(out, 'main.js'),
    logLevel: 'warning',
    plugins: [inlineCheck],
  });
  return out;
}

/** In the page: long tasks, the click's time, the first group of issues on screen. */
const OBSERVE = `(() => {
  const m = { long: [], click: 0, first: 0 };
  window.__m = m;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.long.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === '一键校验');
  button.addEventListener('click', (e) => { m.click = e.timeStamp; }, true);
  new MutationObserver(() => {
    if (!m.first && document.querySelector('#issue-list .group')) m.first = performance.now();
  }).observe(document.body, { childList: true, subtree: true });
})()`;

const COLLECT = `(() => {
  const at = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? 0;
  return { ...window.__m, read: at('check:read'), validated: at('check:validated'), marked: at('check:marked') };
})()`;

interface Measure {
  /** Longest stretch of a long task within the check itself (from read done to results on the page). */
  checkBlock: number;
  /** Longest long task from the click until the marks are written. */
  wholeBlock: number;
  firstIssue: number;
  total: number;
}

async function measure(context: BrowserContext, url: string): Promise<Measure> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
  await page.evaluate(OBSERVE);
  await page.getByRole('button', { name: '一键校验' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('check:marked').length > 0, undefined, {
    timeout: 120000,
    polling: 100,
  });
  await page.waitForTimeout(200); // the last long task is reported after it ends
  const r = (await page.evaluate(COLLECT)) as {
    long: [number, number][];
    click: number;
    first: number;
    read: number;
    validated: number;
    marked: number;
  };
  await page.close();
  // The longest stretch of a long task inside [from, to]: the read's own task, which ends where
  // the check begins, counts only for what it spends after the read.
  const overlapping = (from: number, to: number) =>
    Math.max(0, ...r.long.map(([s, d]) => Math.min(s + d, to) - Math.max(s, from)));
  return {
    checkBlock: overlapping(r.read, r.validated),
    wholeBlock: overlapping(r.click, r.marked),
    firstIssue: r.first - r.click,
    total: r.marked - r.click,
  };
}

export async function responsivenessSection(dist: string, dir: string): Promise<void> {
  const sync = await buildSyncPane(dist, join(dir, 'dist-sync'));
  const office = await harnessBundle();
  const sites = {
    worker: await serveStatic(dist, { overrides: { '/office-js/office.js': office } }),
    sync: await serveStatic(sync, { overrides: { '/office-js/office.js': office } }),
  };
  const context = await chromium.launchPersistentContext(join(dir, 'profile-longtask'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 350, height: 900 },
  });
  const runs: Record<keyof typeof sites, Measure[]> = { worker: [], sync: [] };
  try {
    for (let i = 0; i < RUNS; i++)
      for (const key of ['sync', 'worker'] as const)
        runs[key].push(await measure(context, `${sites[key].url}/taskpane.html?rows=${ROWS}`));
  } finally {
    await context.close();
    await sites.worker.close();
    await sites.sync.close();
  }
  const line = (label: string, ms: Measure[]) => {
    const pick = (k: keyof Measure) => median(ms.map((m) => m[k]));
    const block = pick('checkBlock');
    const first = pick('firstIssue');
    console.log(
      `   ${label}  最长主线程阻塞（校验中）${block.toFixed(0).padStart(5)} ms（目标 ≤ ${TARGET_BLOCK_MS} ms：${block <= TARGET_BLOCK_MS ? 'PASS' : 'MISS'}）  整个过程 ${pick('wholeBlock').toFixed(0).padStart(5)} ms  点击→首条问题 ${first.toFixed(0).padStart(5)} ms（目标 ≤ ${TARGET_FIRST_MS} ms：${first <= TARGET_FIRST_MS ? 'PASS' : 'MISS'}）  至标记完成 ${pick('total').toFixed(0)} ms`,
    );
  };
  console.log(
    `\n5. 校验 ${ROWS.toLocaleString('en-US')} 行时窗格是否卡住（Chromium，假宿主，Long Tasks API，${RUNS} 次中位数）`,
  );
  line('Web Worker（现在）    ', runs.worker);
  line('主线程一次算完（原来）', runs.sync);
  console.log(
    '   “校验中”= 读取完成到结果到达页面；“整个过程”还含假宿主在页面里模拟 Excel 的读取和写标记（真实 Excel 在宿主进程里做）。',
  );
}
