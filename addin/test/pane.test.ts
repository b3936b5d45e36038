/**
 * The pane in real Chromium (Debian chromium via playwright-core), run twice with the same
 * assertions: the Excel build with the Office fake served in place of office.js, and the WPS build
 * (dist/wps/) with the ET fake injected before its script, as WPS injects its object model. Both
 * fakes keep the workbook in the same model, so the assertions read `window.__fake.workbook`.
 * Submit and county pull go to a real local `wrangler dev` (temp persist dir, seeded with the demo
 * county), proxied under the pane's own origin.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/api.js';
import { statsCells, summaryRows, weekOf } from '../../shared/index.js';
import { buildAddin } from '../build.js';
import type { FakeHost } from './fake-host/index.js';
import { CHROMIUM, CHROMIUM_ARGS, harnessBundle, serveStatic } from './serve.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let context: BrowserContext;
let site: Awaited<ReturnType<typeof serveStatic>>;
let temp: string;
let dev: ChildProcess | null = null;
let devStop: ((c: ChildProcess) => Promise<void>) | null = null;
let apiBase = '';
let tokens: { county: string; units: { name: string; token: string }[] } | null = null;
let wpsHarness = '';

interface Host {
  name: string;
  /** The pane's page under the built folder. */
  page: string;
  wps: boolean;
  /** Seeded unit that submits in this host's run (each run is a first submission). */
  unit: string;
}
const HOSTS: Host[] = [
  { name: 'Excel build, Office.js fake', page: '/taskpane.html', wps: false, unit: '保家镇' },
  { name: 'WPS build, ET object-model fake', page: '/wps/taskpane.html', wps: true, unit: '郁山镇' },
];

async function startWorker(persistTo: string): Promise<void> {
  const w = await import('../../scripts/wrangler.js');
  const { seedDemo } = await import('../../scripts/seed.js');
  w.applyMigrations({ persistTo });
  const seeded = await seedDemo({ persistTo });
  if (!seeded) throw new Error('seed failed');
  tokens = seeded;
  const port = await w.freePort();
  apiBase = `http://127.0.0.1:${port}`;
  dev = w.startDev({ port, persistTo });
  devStop = w.stopDev;
  await w.waitForServer(`${apiBase}/api/v1/me`, 90000);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  temp = mkdtempSync(join(tmpdir(), 'sgyp-pane-'));
  const dist = await buildAddin({ outDir: join(temp, 'dist') });
  await startWorker(join(temp, 'd1'));
  site = await serveStatic(dist, {
    api: apiBase,
    overrides: { '/office-js/office.js': await harnessBundle() },
  });
  wpsHarness = await harnessBundle('wps');
  context = await chromium.launchPersistentContext(join(temp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 380, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (dev && devStop) await devStop(dev);
  if (temp) rmSync(temp, { recursive: true, force: true });
});

async function open(host: Host, query: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (host.wps) await page.addInitScript({ content: wpsHarness });
  // Each test starts without a saved token: a county token saved by an earlier test hides 分类/统计.
  await page.addInitScript(() => localStorage.removeItem('sige-yipi.api'));
  await page.goto(`${site.url}${host.page}?${query}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  expect(errors).toEqual([]);
  return page;
}

const fake = <T>(page: Page, fn: (f: FakeHost) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__fake)`) as Promise<T>;

const snapshot = (page: Page) => page.evaluate('window.__snapshot()') as Promise<string>;

describe.each(HOSTS)('task pane in Chromium — $name', (host) => {
  it('validates in one click, lists issues grouped by rule and column, and selects the clicked cell', async () => {
    const page = await open(host, 'rows=60');
    const before = await snapshot(page);
    // the page runs over this host's fake: Office syncs or calls into the ET object model
    const hostCalls = host.wps ? 'window.__fake.stats.calls' : 'window.__fake.stats.syncs';
    const callsBefore = (await page.evaluate(hostCalls)) as number;
    await page.getByRole('button', { name: '一键校验' }).click();
    await page.waitForSelector('#issue-list .group');
    const counts = await page.textContent('#check-counts');
    expect(counts).toContain('项目 60 个');
    expect(counts).toContain('错误 6');
    expect(await page.evaluate(hostCalls)).toBeGreaterThan(callsBefore);
    const titles = await page.$$eval('#issue-list .group .title', (els) => els.map((e) => e.textContent));
    // every 10th project lacks a phone (6 errors), every 7th its category (8 warnings); errors first
    expect(titles).toEqual([
      '缺少有效联系电话 · 责任人及联系电话列 · 6 处',
      '未填四个一批分类 · 四个一批分类列 · 8 处',
    ]);
    // a small list opens every group; a row names its row and cell once, not again in the message
    expect(await page.textContent('#issue-list .issue-row')).toMatch(/^第14行G14“王五”中没有有效电话/u);
    const firstGroupClasses = await page.$eval('#issue-list .group', (e) => e.className);
    expect(firstGroupClasses).toContain('has-errors');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-check.png'), fullPage: true });

    const marks = await fake(page, (f) => f.workbook.sheets.map((s) => [s.name, s.visibility]));
    expect(marks.some(([n, v]) => String(n).startsWith('四个一批标记_') && v === 'Hidden')).toBe(true);

    await fake(page, (f) => {
      f.workbook.active = '说明';
    });
    const issue = page.locator('#issue-list button.issue.error').first();
    const cell = await issue.getAttribute('data-cell');
    expect(cell).toBe('G14');
    await issue.click();
    await expect.poll(() => fake(page, (f) => f.workbook.selections)).toEqual([{ sheet: '台账', address: 'G14' }]);

    await page.locator('#check-more').click(); // secondary actions are under 更多
    await page.getByRole('button', { name: '清除标记' }).click();
    await page.waitForSelector('#message.ok');
    const after = await fake(page, (f) => f.workbook.sheets.map((s) => s.name));
    expect(after.some((n) => n.startsWith('四个一批标记_'))).toBe(false);
    expect(await snapshot(page)).toBe(before); // formats, sheets and visibility exactly as before
    await page.close();
  });

  it('adds dropdown lists after confirmation, on the enum columns only, from a hidden list sheet', async () => {
    const page = await open(host, 'rows=20');
    await page.locator('#check-more').click(); // secondary actions are under 更多
    await page.getByRole('button', { name: '下拉选项' }).click();
    await page.waitForSelector('.dialog');
    expect(await page.textContent('.dialog')).toContain('8 个单选栏目');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.waitForSelector('#message.ok');
    const lists = await fake(page, (f) => {
      const options = f.workbook.sheets.find((s) => s.name === '下拉选项');
      const ledger = f.workbook.sheets.find((s) => s.name === '台账');
      const rules = [...(ledger?.validations.entries() ?? [])].filter(([k]) => k.startsWith('4,'));
      return {
        visibility: options?.visibility,
        titles: options?.cells[0],
        columns: rules.map(([k]) => Number(k.split(',')[1])).sort((a, b) => a - b),
        category: JSON.parse(ledger?.validations.get('4,4') ?? '{}').list,
      };
    });
    expect(lists.visibility).toBe('Hidden');
    expect(lists.titles?.[0]).toBe('四个一批分类');
    expect(lists.columns).toHaveLength(8);
    expect(lists.category).toEqual({ inCellDropDown: true, source: "='下拉选项'!$A$2:$A$5" });
    await page.close();
  });

  it('shows category suggestions with their clause and writes the 本单位统计表 sheet', async () => {
    const page = await open(host, 'rows=30');
    await page.getByRole('tab', { name: '分类' }).click();
    await page.getByRole('button', { name: '生成分类建议' }).click();
    await page.waitForSelector('#suggestions li.suggestion');
    const rows = await page.$$eval('#suggestions li.suggestion', (lis) => lis.map((li) => li.textContent));
    expect(rows.length).toBe(4); // projects 7, 14, 21, 28 have no category; all suggested 巩固
    expect(rows[0]).toContain('（三）');
    await page.locator('#suggestions li input').first().check();
    await page.getByRole('button', { name: '采纳所选' }).click();
    await page.waitForSelector('.dialog');
    expect(await page.textContent('.dialog')).toContain('1 行');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-confirm.png') });
    await page.getByRole('button', { name: '采纳', exact: true }).click();
    await page.waitForSelector('#message.ok');
    const written = await fake(page, (f) => f.workbook.sheets.find((s) => s.name === '台账')?.cells[10]?.[4]);
    expect(written).toBe('巩固');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-classify.png'), fullPage: true });

    await page.getByRole('tab', { name: '统计' }).click();
    await page.getByRole('button', { name: '生成本单位统计表' }).click();
    // The ledger still has errors: the pane asks first, and the 说明 says so.
    await page.getByRole('button', { name: '仍要生成' }).click();
    // The preview table may stand from the 分类 step: wait for the written sheet itself.
    await expect.poll(() => fake(page, (f) => f.workbook.sheets.some((s) => s.name === '统计表-保家镇'))).toBe(true);
    const sheet = await fake(page, (f) => f.workbook.sheets.find((s) => s.name === '统计表-保家镇')?.cells);
    expect(sheet?.[4]?.slice(0, 4)).toEqual([1, '保家镇', 3000, 30]);
    // The same 说明 line in the panel and under the written table (spec §5).
    const notes = await page.textContent('#stats-notes');
    expect(notes).toMatch(/^说明：其中未分类 \d+ 个/u);
    expect(sheet?.[6]?.[0]).toBe(notes);
    expect(await page.textContent('#stats-preview')).toContain('未按约定联农带农率');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-stats.png'), fullPage: true });
    await page.close();
  });

  it('submits to wrangler dev (dry run, network failure, retry with the same key) and pulls the county summary', async () => {
    const unit = tokens?.units.find((u) => u.name === host.unit);
    if (!unit || !tokens) throw new Error('no seeded token');
    const page = await open(host, `rows=25&clean=1&unit=${host.unit}`);
    await page.getByRole('tab', { name: '上报' }).click();
    await page.fill('#token', unit.token);
    await page.getByRole('button', { name: '检查连接' }).click();
    await expect.poll(() => page.textContent('#who')).toContain(host.unit);
    await page.getByRole('button', { name: '试报送' }).click();
    await page.waitForSelector('#submit-now', { timeout: 30000 });
    expect(await page.textContent('#submit-result')).toContain('第一次上报');
    // A dry run has no receipt number: said in words, not as the server's placeholder id.
    expect(await page.textContent('#submit-result')).toContain('试报送，未保存，无编号');
    expect(await page.textContent('#submit-result')).not.toContain('dry-run');

    const keys: string[] = [];
    const encodings: string[] = [];
    let failOnce = true;
    await page.route('**/api/v1/submissions', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      encodings.push(route.request().headers()['content-encoding'] ?? '');
      if (failOnce) {
        failOnce = false;
        await route.abort('internetdisconnected');
      } else await route.continue();
    });
    await page.click('#submit-now');
    // The pane retries by itself with the same key, and says so while it waits.
    await page.waitForSelector('#retry-note');
    expect(await page.textContent('#retry-note')).toContain('秒后自动重新上报');
    await page.waitForSelector('#receipt', { timeout: 30000 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    // Chromium has CompressionStream: the ledger went gzipped, and wrangler dev took it.
    expect(encodings).toEqual(['gzip', 'gzip']);
    const receipt = await page.textContent('#receipt');
    expect(receipt).toContain(host.unit);
    expect(receipt).toContain('25');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-receipt.png'), fullPage: true });
    await page.close();

    const county = await open(host, 'rows=5');
    await county.getByRole('tab', { name: '上报' }).click();
    await county.fill('#token', tokens.county);
    await county.getByRole('button', { name: '保存', exact: true }).click();
    await county.getByRole('tab', { name: '汇总' }).click();
    await county.getByRole('button', { name: '拉取汇总' }).click();
    await county.waitForSelector('#status-board table');
    await expect.poll(() => county.textContent('#message')).toContain('汇总统计表');
    const period = weekOf(new Date());
    const summary = (await (
      await fetch(`${apiBase}/api/v1/summary?period=${period}`, {
        headers: { authorization: `Bearer ${tokens.county}` },
      })
    ).json()) as Summary;
    const sheet = await fake(county, (f) => f.workbook.sheets.find((s) => s.name.startsWith('汇总统计表'))?.cells);
    // A row for every registered unit (未报 marked, figures empty), 合计（已报 N / 应报 M）, then 说明.
    const n = summary.units.length;
    const dataRows = (sheet ?? []).slice(4, 4 + n + 1);
    const blank = (cells: (string | number)[]) => cells.map((v, i) => (i < 3 ? v : ''));
    const expected = [
      ...summary.units.map((u, i) =>
        u.summary
          ? statsCells(u.summary, i + 1)
          : blank([i + 1, u.unit, '未报', ...statsCells(summary.total, null).slice(3)]),
      ),
      [
        '',
        `合计（已报 ${summaryRows(summary).length} / 应报 ${n} 个单位）`,
        ...statsCells(summary.total, null).slice(2),
      ],
    ];
    expect(dataRows.map((r) => r.map((v) => (v === undefined || v === null ? '' : v)))).toEqual(expected);
    expect(String(sheet?.[4 + n + 1]?.[0])).toContain('说明：');
    const charts = await fake(county, (f) => f.workbook.sheets.flatMap((s) => s.charts.map((c) => c.title)));
    expect(charts).toContain('各单位“四个一批”分类构成');
    expect(await county.textContent('#status-board')).toContain('未报');
    await county.screenshot({ path: join(ARTIFACTS, 'pane-county.png'), fullPage: true });
    await county.close();
  });
});
