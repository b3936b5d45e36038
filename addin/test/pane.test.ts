/**
 * The pane in real Chromium (Debian chromium via playwright-core), with the fake host served in
 * place of office.js. Submit and county pull go to a real local `wrangler dev` (temp persist dir,
 * seeded with the demo county), proxied under the pane's own origin.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/api.js';
import { statsCells, summaryRows, weekOf } from '../../shared/index.js';
import { buildAddin } from '../build.js';
import type { FakeHost } from './fake-host.js';
import { CHROMIUM, CHROMIUM_ARGS, harnessBundle, serveStatic } from './serve.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const hasWorker = existsSync(new URL('../../worker/index.ts', import.meta.url).pathname);

let context: BrowserContext;
let site: Awaited<ReturnType<typeof serveStatic>>;
let temp: string;
let dev: ChildProcess | null = null;
let devStop: ((c: ChildProcess) => Promise<void>) | null = null;
let apiBase = '';
let tokens: { county: string; units: { name: string; token: string }[] } | null = null;

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
  if (hasWorker) await startWorker(join(temp, 'd1'));
  site = await serveStatic(dist, {
    api: hasWorker ? apiBase : undefined,
    overrides: { '/office-js/office.js': await harnessBundle() },
  });
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

async function open(query: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.url}/taskpane.html?${query}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  expect(errors).toEqual([]);
  return page;
}

const fake = <T>(page: Page, fn: (f: FakeHost) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__fake)`) as Promise<T>;

describe('task pane in Chromium with the fake host', () => {
  it('validates in one click, lists issues grouped by row, and selects the clicked cell', async () => {
    const page = await open('rows=60');
    await page.getByRole('button', { name: '一键校验' }).click();
    await page.waitForSelector('#issue-list .group');
    const counts = await page.textContent('#check-counts');
    expect(counts).toContain('项目 60 个');
    expect(counts).toContain('错误 6');
    const titles = await page.$$eval('#issue-list .group h4', (els) => els.map((e) => e.textContent));
    expect(titles[0]).toMatch(/^第14行/u); // project 10: first row with an error
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

    await page.getByRole('button', { name: '清除标记' }).click();
    await page.waitForSelector('#message.ok');
    const after = await fake(page, (f) => f.workbook.sheets.map((s) => s.name));
    expect(after.some((n) => n.startsWith('四个一批标记_'))).toBe(false);
    await page.close();
  });

  it('shows category suggestions with their clause and writes the 本单位统计表 sheet', async () => {
    const page = await open('rows=30');
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
    await page.waitForSelector('#stats-preview table');
    const sheet = await fake(page, (f) => f.workbook.sheets.find((s) => s.name === '统计表-保家镇')?.cells);
    expect(sheet?.[4]?.slice(0, 4)).toEqual([1, '保家镇', 3000, 30]);
    await page.screenshot({ path: join(ARTIFACTS, 'pane-stats.png'), fullPage: true });
    await page.close();
  });

  it.runIf(hasWorker)(
    'submits to wrangler dev (dry run, network failure, retry with the same key) and pulls the county summary',
    async () => {
      const unit = tokens?.units.find((u) => u.name === '保家镇');
      if (!unit || !tokens) throw new Error('no seeded token');
      const page = await open('rows=25&clean=1');
      await page.getByRole('tab', { name: '上报' }).click();
      await page.fill('#token', unit.token);
      await page.getByRole('button', { name: '检查连接' }).click();
      await expect.poll(() => page.textContent('#who')).toContain('保家镇');
      await page.getByRole('button', { name: '试报送' }).click();
      await page.waitForSelector('#submit-now', { timeout: 30000 });
      expect(await page.textContent('#submit-result')).toContain('第一次上报');

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
      await page.waitForSelector('#retry');
      await page.click('#retry');
      await page.waitForSelector('#receipt', { timeout: 30000 });
      expect(keys).toHaveLength(2);
      expect(keys[0]).toBe(keys[1]);
      // Chromium has CompressionStream: the ledger went gzipped, and wrangler dev took it.
      expect(encodings).toEqual(['gzip', 'gzip']);
      const receipt = await page.textContent('#receipt');
      expect(receipt).toContain('保家镇');
      expect(receipt).toContain('25');
      await page.screenshot({ path: join(ARTIFACTS, 'pane-receipt.png'), fullPage: true });
      await page.close();

      const county = await open('rows=5');
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
    },
  );
});
