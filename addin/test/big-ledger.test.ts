/**
 * A 10,000-row ledger in the pane, in real Chromium over the fakes: the check runs in the Web
 * Worker with progress that moves and a 取消 that leaves the workbook as it was; the issues come in
 * groups by rule and column with counts, open to their rows in a virtualised list (bounded DOM),
 * each row jumps to its cell; the count stays in view; 导出问题清单到工作表 writes what the CLI's
 * builder writes. The WPS build checks through its own worker; without Worker the check runs on
 * the page in chunks, still cancellable.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_LINK_HINT, RESULT_SHEET_NAME, resultSheet } from '../../shared/result-sheet.js';
import { createWorkbook } from '../excel.js';
import { fromLayout } from '../sheets.js';
import { isLedgerHeader, runCheck } from '../workflow.js';
import { createFakeHost, type FakeHost, fakeWorkbook } from './fake-host/index.js';
import { type PaneEnv, startPaneEnv } from './pane-env.js';
import { harnessBundle } from './serve.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let env: PaneEnv;
let wpsHarness = '';

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  env = await startPaneEnv('big', { width: 350 });
  wpsHarness = await harnessBundle('wps');
});

afterAll(() => env?.close());

async function open(query: string, options: { wps?: boolean; noWorker?: boolean } = {}): Promise<Page> {
  const page = await env.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (options.noWorker) await page.addInitScript({ content: 'delete window.Worker;' });
  if (options.wps) await page.addInitScript({ content: wpsHarness });
  await page.goto(`${env.site.url}${options.wps ? '/wps/taskpane.html' : '/taskpane.html'}?${query}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
  expect(errors).toEqual([]);
  return page;
}

const fake = <T>(page: Page, fn: (f: FakeHost) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__fake)`) as Promise<T>;

/** Everything in the workbook: formats and sheets (snapshot) and every cell value. */
const whole = (page: Page) =>
  page.evaluate(
    '[window.__snapshot(), JSON.stringify(window.__fake.workbook.sheets.map((s) => [s.name, s.cells]))].join("\\n")',
  ) as Promise<string>;

const progressLabel = (page: Page) => page.textContent('#progress .label').then((t) => t ?? '');

/**
 * Records, in the page, every text the progress line and the count block show from now on: a
 * MutationObserver reads them after each task that changed them, so no state is missed however
 * fast the check runs (polling from the test could fall between two of them).
 */
async function recordStates(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const seen = { labels: [], tallies: [] };
    window.__states = seen;
    const read = () => {
      const label = document.querySelector('#progress .label')?.textContent ?? '';
      const tally = document.querySelector('#check-tally')?.textContent ?? '';
      if (seen.labels[seen.labels.length - 1] !== label) seen.labels.push(label);
      if (seen.tallies[seen.tallies.length - 1] !== tally) seen.tallies.push(tally);
    };
    window.__stopStates?.();
    const observer = new MutationObserver(read);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    window.__stopStates = () => observer.disconnect();
  })()`);
}

const recordedStates = (page: Page) =>
  page.evaluate('window.__states') as Promise<{ labels: string[]; tallies: string[] }>;

/**
 * Starts a check and collects, until it is done, the progress line's row counts and the counts
 * the list showed while the check was still running (it fills as issues are found).
 */
async function checkWatchingProgress(page: Page): Promise<string[]> {
  await recordStates(page);
  await page.getByRole('button', { name: '一键校验' }).click();
  await expect
    .poll(() => page.textContent('#message'), { timeout: 90000, interval: 10 })
    .toMatch(/已在表中标出|没有错误/u);
  const { labels, tallies } = await recordedStates(page);
  expect(tallies.filter((t) => t.includes('校验中')).length).toBeGreaterThanOrEqual(1);
  return [...new Set(labels.filter((l) => /已查 [\d,]+ \/ [\d,]+ 行/u.test(l)))];
}

/**
 * 取消 as soon as the check reports its first rows: the workbook is exactly as before.
 * - On the page (no Worker) the check shares the thread with the clerk's clicks: a real mouse click
 *   must be handled between two chunks. The page runs on a CPU slowed down 10× (DevTools
 *   emulation) meanwhile, so that the click lands mid-check however fast this machine checks.
 * - With a Worker the page is idle and the worker may finish within a click's round trip: the
 *   pane's 取消 is pressed from the page as the first progress shows, and whatever the worker still
 *   sends must then be ignored.
 */
async function cancelLeavesWorkbook(page: Page, onPage: boolean): Promise<void> {
  const before = await whole(page);
  const cdp = await page.context().newCDPSession(page);
  try {
    if (onPage) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
    else
      await page.evaluate(`(() => {
        const observer = new MutationObserver(() => {
          if (!/已查 [\\d,]+ \\/ 10,000 行/u.test(document.querySelector('#progress .label')?.textContent ?? '')) return;
          observer.disconnect();
          document.querySelector('#check-cancel').click();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      })()`);
    await page.getByRole('button', { name: '一键校验' }).click();
    if (onPage) {
      await expect
        .poll(() => progressLabel(page), { timeout: 60000, interval: 10 })
        .toMatch(/已查 [\d,]+ \/ 10,000 行/u);
      await page.getByRole('button', { name: '取消校验' }).click({ force: true, timeout: 5000 });
    }
    await expect.poll(() => page.textContent('#message'), { timeout: 30000 }).toContain('已取消校验');
  } finally {
    if (onPage) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
  expect(await page.isHidden('#check-cancel')).toBe(true);
  expect(await page.$$('#issue-list .group')).toHaveLength(0);
  await page.waitForTimeout(300); // nothing arrives late either
  expect(await whole(page)).toBe(before);
}

describe('10,000 rows in the Excel build', () => {
  it('checks in the worker; 取消 writes nothing', async () => {
    const page = await open('rows=10000');
    const worker = page.waitForRequest((r) => r.url().endsWith('/check-worker.js'));
    await cancelLeavesWorkbook(page, false);
    await worker;
    expect(await page.$$('#issue-list .group')).toHaveLength(0);
    await page.close();
  });

  it('groups with counts, rows on expanding, a bounded DOM, click → cell, sticky count', async () => {
    const page = await open('rows=10000');
    const progress = await checkWatchingProgress(page);
    expect(progress.length).toBeGreaterThanOrEqual(2); // the progress line moved
    expect(await page.textContent('#check-tally')).toBe('错误 1,000 · 提示 1,428');
    const titles = await page.$$eval('#issue-list .group .title', (els) => els.map((e) => e.textContent));
    expect(titles).toEqual([
      '缺少有效联系电话 · 责任人及联系电话列 · 1,000 处',
      '未填四个一批分类 · 四个一批分类列 · 1,428 处',
    ]);
    expect(await page.$$('#issue-list .issue-row')).toHaveLength(0); // big: groups start closed

    const toggle = page.locator('#issue-list .group-toggle').first();
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const rows = await page.$$eval('#issue-list .issue-row', (els) => els.map((e) => e.textContent ?? ''));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(40); // 1,000 rows open, a window of them in the DOM
    expect(rows[0]).toMatch(/^第14行G14“王五”中没有有效电话/u); // no 第14行 or column repeated
    await page.screenshot({ path: join(ARTIFACTS, 'big-check-10000.png') });

    // Scroll to the end of the list: the last rows are drawn, the DOM stays small.
    await page.$eval('#issue-list', (el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect
      .poll(() => page.$$eval('#issue-list .issue-row .where', (els) => els.map((e) => e.textContent).join(' ')))
      .toContain('第10004行');
    expect((await page.$$('#issue-list .issue-row')).length).toBeLessThanOrEqual(40);
    const last = page.locator('#issue-list button.issue[data-cell="G10004"]');
    await fake(page, (f) => {
      f.workbook.active = '说明';
    });
    await last.click();
    await expect
      .poll(() => fake(page, (f) => f.workbook.selections.at(-1)))
      .toEqual({ sheet: '台账', address: 'G10004' });

    // The count stays in view, under the tab bar, when the pane scrolls (a short pane: the list is
    // 70 % of the pane's height, so only a short pane scrolls the count out of place).
    await page.setViewportSize({ width: 350, height: 400 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const tallyAtTop = await page.$eval('#check-tally', (e) => e.getBoundingClientRect().top);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const tabs = await page.$eval('.tabs', (e) => e.getBoundingClientRect().bottom);
    // scrolled far enough that, were it not sticky, the count would have gone under the tab bar
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(tallyAtTop - tabs);
    const tally = await page.$eval('#check-tally', (e) => e.getBoundingClientRect().top);
    expect(tally).toBeGreaterThanOrEqual(tabs - 1);
    expect(tally).toBeLessThan(tabs + 24);

    await page.close();
  });

  it('export: the CLI’s 校验结果 values and cell links, once; again → the same sheet replaced', async () => {
    const page = await open('rows=10000');
    await page.getByRole('button', { name: '一键校验' }).click();
    await expect.poll(() => page.textContent('#check-tally'), { timeout: 60000 }).toBe('错误 1,000 · 提示 1,428');
    await page.getByRole('button', { name: '导出问题清单到工作表' }).click();
    await expect.poll(() => page.textContent('#message')).toContain(`工作表「${RESULT_SHEET_NAME}」`);
    const ledger = (await fake(page, (f) => f.workbook.sheets.find((s) => s.name === '台账')?.cells)) as unknown[][];
    const written = (await fake(
      page,
      (f) => f.workbook.sheets.find((s) => s.name === '校验结果')?.cells,
    )) as unknown[][];
    const node = createWorkbook(createFakeHost(fakeWorkbook([{ name: '台账', cells: ledger }])).host, {
      isLedgerHeader,
    });
    const session = await runCheck(node, { mark: false });
    const expected = fromLayout(resultSheet(session.report, '台账')).values;
    const stamp = (v: unknown) => String(v ?? '').replace(/校验时间：[^（]*（北京时间）/u, '校验时间：…');
    const cells = (grid: unknown[][]) =>
      expected.map((row, r) => row.map((_, c) => (r === 1 ? stamp(grid[r]?.[c]) : (grid[r]?.[c] ?? null) || null)));
    expect(cells(written)).toEqual(cells(expected as unknown[][]));
    expect(written.length).toBe(expected.length);
    // …and the CLI's links: each 单元格 cell jumps to its cell of the ledger (range.hyperlink).
    expect(written[1]?.[0]).toContain(RESULT_LINK_HINT);
    const links = (await fake(page, (f) => f.workbook.sheets.find((s) => s.name === '校验结果')?.hyperlinks ?? [])) as {
      row: number;
      col: number;
      target: string;
      text: string;
    }[];
    const wanted = resultSheet(session.report, '台账').links ?? [];
    expect(wanted.length).toBeGreaterThan(50);
    expect(links.map((l) => [l.row, l.col, l.target, l.text])).toEqual(
      wanted.map((l) => [l.row, l.col, `'台账'!${l.cell}`, l.cell]),
    );
    expect(links.find((l) => l.target === "'台账'!G14")?.text).toBe('G14');
    await page.getByRole('button', { name: '导出问题清单到工作表' }).click();
    await page.waitForSelector('#message.ok');
    expect(
      await fake(page, (f) => f.workbook.sheets.filter((s) => s.name.startsWith('校验结果')).map((s) => s.name)),
    ).toEqual(['校验结果']);
    await page.close();
  });
});

describe('WPS build and the page without Worker', () => {
  it('the WPS build checks through its own worker', async () => {
    const page = await open('rows=2000', { wps: true });
    const worker = page.waitForRequest((r) => r.url().endsWith('/wps/check-worker.js'));
    await checkWatchingProgress(page);
    await worker;
    expect(await page.textContent('#check-tally')).toBe('错误 200 · 提示 285');
    expect(await page.$$eval('#issue-list .group .title', (els) => els.map((e) => e.textContent))).toEqual([
      '缺少有效联系电话 · 责任人及联系电话列 · 200 处',
      '未填四个一批分类 · 四个一批分类列 · 285 处',
    ]);
    await page.close();
  });

  it('without Worker: chunks on the page, progress moves, 取消 writes nothing, then a full check', async () => {
    const page = await open('rows=10000', { noWorker: true });
    expect(await page.evaluate('typeof window.Worker')).toBe('undefined');
    await cancelLeavesWorkbook(page, true);
    expect((await checkWatchingProgress(page)).length).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('#check-tally')).toBe('错误 1,000 · 提示 1,428');
    await page.close();
  });
});
