/**
 * The Thursday routine in the pane, real Chromium + the fake host, against a real local
 * `wrangler dev` seeded with the demo county (units with contacts): the period-state line above the
 * tabs (reported on time / late, not yet with the countdown), the 上报记录 list and a 回执 sheet,
 * the county's rates, 催报名单 (copied), accept / reopen, drill-down and trend sheets with a chart.
 * The browser's clock is set per page (Playwright clock) so the header's period is fixed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubmission } from '../../scripts/demo-ledger.js';
import type { ProjectListSchema, Status, SummarySchema, Trend } from '../../shared/api.js';
import { parsePeriod, timeLeft } from '../../shared/index.js';
import { chaseText } from '../panels/county-board.js';
import { describeDiff } from '../panels/submit.js';
import { periodState } from '../period-state.js';
import type { FakeHost } from './fake-host/index.js';
import { type PaneEnv, type SeededCounty, startPaneEnv } from './pane-env.js';

const SHOTS = new URL('../../.tmp/shots/', import.meta.url).pathname;
const PERIOD = '2026-W47'; // due 2026-11-19 16:00 Beijing
let env: PaneEnv;
let context: BrowserContext;
let site: PaneEnv['site'];
let seeded: SeededCounty;
const token = (name: string) => env.token(name);
const call = <T>(path: string, tok: string, body?: unknown, key?: string) => env.call<T>(path, tok, body, key);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  env = await startPaneEnv('thursday', { service: true });
  ({ context, site } = env);
  seeded = env.seeded as SeededCounty;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  // 保家镇 reports 2026-W45…W47 (late: the service's clock is past those deadlines), 郁山镇 W46 and W47.
  for (const p of ['2026-W45', '2026-W46', PERIOD]) {
    expect(
      (await call('/submissions', token('保家镇'), demoSubmission('保家镇', { period: p, rows: 12 }))).status,
    ).toBe(201);
    if (p !== '2026-W45')
      expect(
        (await call('/submissions', token('郁山镇'), demoSubmission('郁山镇', { period: p, rows: 8, seed: 3 }))).status,
      ).toBe(201);
  }
}, 240_000);

afterAll(() => env?.close());

async function open(tok: string, at: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.setFixedTime(new Date(at));
  await page.addInitScript(
    `localStorage.setItem('sige-yipi.api', ${JSON.stringify(JSON.stringify({ server: '', token: tok }))})`,
  );
  await page.goto(`${site.url}/taskpane.html?rows=5`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  expect(errors).toEqual([]);
  return page;
}

const fake = <T>(page: Page, fn: (f: FakeHost) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__fake)`) as Promise<T>;

describe('the period-state line above every tab', () => {
  it('reported (late) with the first submission’s date and time, on every tab', async () => {
    const page = await open(token('保家镇'), '2026-11-20T10:00:00+08:00');
    const state = page.locator('#period-state');
    await expect.poll(() => state.textContent()).toMatch(/^本周已上报 \d+月\d+日 \d\d:\d\d（逾期）$/u);
    expect(await state.getAttribute('data-kind')).toBe('late');
    await page.getByRole('tab', { name: '统计' }).click();
    expect(await state.isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'clerk-header-late.png') });
    await page.close();
  });

  it('not yet: the countdown to the deadline; past it: overdue', async () => {
    const page = await open(token('高谷镇'), '2026-11-18T10:00:00+08:00');
    const state = page.locator('#period-state');
    await expect.poll(() => state.textContent()).toBe('尚未上报，距截止 1天6小时');
    expect(await state.getAttribute('data-kind')).toBe('open');
    await page.screenshot({ path: join(SHOTS, 'clerk-header-not-yet.png') });
    await page.close();
    const late = await open(token('高谷镇'), '2026-11-19T16:30:00+08:00');
    await expect
      .poll(() => late.locator('#period-state').textContent())
      .toBe('尚未上报，已过截止时间 11月19日 16:00（逾期）');
    await late.close();
  });

  it('reported on time (the rule, in the pane’s own module)', () => {
    const receipt = {
      id: 'r1',
      unit: '保家镇',
      period: PERIOD,
      receivedAt: '2026-11-19T02:08:00.000Z',
      status: 'on-time' as const,
      rows: 3,
      contentHash: 'a'.repeat(64),
      warnings: 0,
      summary: null as never,
    };
    expect(periodState(PERIOD, [receipt], new Date('2026-11-19T05:00:00Z'))).toEqual({
      text: '本周已上报 10:08（按时）',
      kind: 'done',
    });
    // near miss: a receipt of another period does not count
    expect(periodState(PERIOD, [{ ...receipt, period: '2026-W46' }], new Date('2026-11-18T02:00:00Z')).text).toBe(
      `尚未上报，距截止 ${timeLeft(parsePeriod(PERIOD)?.due ?? new Date(), new Date('2026-11-18T02:00:00Z'))}`,
    );
  });
});

describe('week over week in the dry run (上报 tab)', () => {
  it('lists investment changes and newly 停产闲置 projects; nothing extra when there are none', () => {
    const base = {
      previous: { id: 'p', period: '2026-W46', receivedAt: '2026-11-12T02:00:00Z' },
      added: [],
      removed: [],
      reclassified: [],
    };
    const lines = describeDiff({
      ...base,
      investmentChanged: [{ code: 'A-1', name: '茶园', from: 10, to: 12.5 }],
      newlyIdle: [{ code: 'A-2', name: '冷库', category: '盘活' }],
    });
    expect(lines).toContain('项目实际投入变化 1 个：茶园 10→12.5 万元');
    expect(lines).toContain('新增停产闲置 1 个：冷库（A-2）');
    expect(describeDiff({ ...base, investmentChanged: [], newlyIdle: [] })).toHaveLength(4);
  });
});

describe('上报记录 and the 回执 sheet', () => {
  it('lists the unit’s receipts newest first and writes one as a 回执 worksheet', async () => {
    const page = await open(token('保家镇'), '2026-11-20T10:00:00+08:00');
    await page.getByRole('tab', { name: '上报' }).click();
    await page.getByRole('button', { name: '刷新上报记录' }).click();
    await page.waitForSelector('#receipt-list tbody tr');
    const rows = await page.$$eval('#receipt-list tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)),
    );
    expect(rows.map((r) => r[0])).toEqual([PERIOD, '2026-W46', '2026-W45']);
    expect(rows[0]?.slice(2, 4)).toEqual(['逾期', '12']);
    await page.locator('#receipt-list tbody tr').first().getByRole('button', { name: '打开' }).click();
    await page.waitForSelector('#receipt-detail h4');
    expect(await page.textContent('#receipt-detail')).toContain('项目 12 个');
    await page.getByRole('button', { name: '写成回执表' }).click();
    await page.waitForSelector('#message.ok');
    const sheet = await fake(page, (f) => f.workbook.sheets.find((s) => s.name === '回执-2026-W47')?.cells);
    expect(sheet?.[0]?.[0]).toBe('四个一批台账 报送回执');
    // Facts in two columns (a third is there when the receipt lists warnings).
    const fact = (r: number) => sheet?.[r]?.slice(0, 2);
    expect(fact(1)).toEqual(['报送单位', '保家镇']);
    expect(fact(4)).toEqual(['是否按时', '逾期']);
    expect(fact(5)).toEqual(['项目数', 12]);
    await page.screenshot({ path: join(SHOTS, 'clerk-receipts.png'), fullPage: true });
    await page.close();
  });
});

describe('the county board', () => {
  it('rates, 催报名单 copied with contacts, accept locks the unit until 退回', async () => {
    const page = await open(seeded.county, '2026-11-20T10:00:00+08:00');
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.fill('#county-period', PERIOD);
    await page.getByRole('button', { name: '查看报送率与催报名单' }).click();
    await page.waitForSelector('#rates');
    const status = await call<Status>(`/periods/${PERIOD}/status`, seeded.county);
    expect(status.reported).toBe(2);
    const rates = await page.textContent('#rates');
    expect(rates).toContain(`报送率 ${((2 / status.expected) * 100).toFixed(1)}%（已报 2 / 应报 ${status.expected}）`);
    expect(rates).toContain('及时率 0.0%');
    const chase = await page.$$eval('#chase-list li', (lis) => lis.map((li) => li.textContent));
    expect(chase).toHaveLength(status.expected - 2);
    const first = status.chase[0];
    expect(chase[0]).toBe(`${first?.unit}　${first?.contact.name}　${first?.contact.phone}`);
    expect(first?.contact.phone).toMatch(/^1\d{10}$/u);
    await page.click('#copy-chase');
    await page.waitForSelector('#message.ok');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(chaseText(status));

    await page.locator('#unit-board tr[data-unit="保家镇"]').getByRole('button', { name: '确认' }).click();
    await page.locator('.dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => page.locator('#unit-board tr[data-unit="保家镇"]').textContent()).toContain('已确认');
    await page.screenshot({ path: join(SHOTS, 'county-board.png'), fullPage: true });
    const refused = await call<{ error: { code: string; message: string } }>(
      '/submissions',
      token('保家镇'),
      demoSubmission('保家镇', { period: PERIOD, rows: 13, seed: 9 }),
    );
    expect(refused.status).toBe(409);
    expect(refused.error.message).toContain('已确认');
    await page.locator('#unit-board tr[data-unit="保家镇"]').getByRole('button', { name: '退回' }).click();
    await page.locator('.dialog').getByRole('button', { name: '退回' }).click();
    await expect.poll(() => page.locator('#unit-board tr[data-unit="保家镇"]').textContent()).not.toContain('已确认');
    await page.close();
  });

  it('drill-down by unit and category → a sheet of project rows; trend → sheets with a line chart; 统计表 with every unit', async () => {
    const page = await open(seeded.county, '2026-11-20T10:00:00+08:00');
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.fill('#county-period', PERIOD);
    await page.getByRole('button', { name: '查看报送率与催报名单' }).click();
    await page.waitForSelector('#rates');
    await page.selectOption('#drill-unit', '保家镇');
    await page.getByRole('button', { name: '明细写入工作表' }).click();
    await page.waitForSelector('#message.ok');
    const found = await call<ReturnType<typeof ProjectListSchema.parse>>(
      `/projects?period=${PERIOD}&unit=${encodeURIComponent('保家镇')}&limit=2000`,
      seeded.county,
    );
    const sheet = await fake(page, (f) => f.workbook.sheets.find((s) => s.name === '明细-2026-W47')?.cells);
    expect(sheet?.[0]?.[0]).toContain('保家镇');
    expect(sheet?.[1]?.slice(0, 3)).toEqual(['报送单位', '序号', '项目名称']);
    expect((sheet ?? []).slice(2).map((r) => r[3])).toEqual(found.projects.map((p) => p.code));
    // near miss: a category filter narrows the rows to that category
    const category = found.projects[0]?.category ?? '巩固';
    await page.selectOption('#drill-category', category);
    await page.getByRole('button', { name: '明细写入工作表' }).click();
    await expect
      .poll(() => fake(page, (f) => f.workbook.sheets.filter((s) => s.name.startsWith('明细-')).length))
      .toBe(2);
    const narrowed = await fake(page, (f) => f.workbook.sheets.filter((s) => s.name.startsWith('明细-'))[1]?.cells);
    const categoryCol = (narrowed?.[1] ?? []).indexOf('四个一批分类');
    const cats = new Set((narrowed ?? []).slice(2).map((r) => r[categoryCol]));
    expect([...cats]).toEqual([category]);

    await page.fill('#trend-from', '2026-W45');
    await page.getByRole('button', { name: '趋势写入工作表' }).click();
    await expect.poll(() => page.textContent('#message')).toContain('含折线图');
    const trend = await call<Trend>('/trend?from=2026-W45&to=2026-W47', seeded.county);
    const main = await fake(page, (f) => f.workbook.sheets.find((s) => s.name.startsWith('趋势-')));
    expect(main?.cells[2]?.slice(0, 6)).toEqual([
      '期次',
      '报送率',
      '及时率',
      '停产闲置率',
      '经营困难率',
      '未按约定联农带农率',
    ]);
    expect(main?.cells.slice(3, 6).map((r) => r.slice(0, 2))).toEqual(
      trend.county?.map((p) => [p.period, p.reportingRate]),
    );
    expect(main?.charts).toHaveLength(1);
    expect(main?.charts[0]).toMatchObject({
      type: 'Line',
      seriesBy: 'Columns',
      title: '全县报送率、及时率与三项比率趋势',
      rect: { top: 2, left: 0, rows: 4, cols: 6 },
    });
    const units = await fake(page, (f) => f.workbook.sheets.find((s) => s.name.startsWith('各单位趋势'))?.cells);
    expect(units?.[2]).toEqual(['停产闲置率', '2026-W45', '2026-W46', PERIOD]);

    await page.getByRole('button', { name: '拉取汇总' }).click();
    await expect.poll(() => page.textContent('#message')).toContain('汇总统计表');
    const summary = await call<ReturnType<typeof SummarySchema.parse>>(`/summary?period=${PERIOD}`, seeded.county);
    const table = await fake(page, (f) => f.workbook.sheets.find((s) => s.name.startsWith('汇总统计表'))?.cells);
    const names = (table ?? []).slice(4, 4 + summary.units.length).map((r) => r[1]);
    expect(names).toEqual(summary.units.map((u) => u.unit));
    const missing = (table ?? []).find((r) => r[1] === '高谷镇');
    expect(missing?.[2]).toBe('未报');
    expect((table ?? [])[4 + summary.units.length]?.[1]).toBe(`合计（已报 2 / 应报 ${summary.units.length} 个单位）`);
    expect(String((table ?? [])[5 + summary.units.length]?.[0])).toContain('说明：');
    await page.screenshot({ path: join(SHOTS, 'county-trend-pane.png'), fullPage: true });
    await page.close();
  });
});
