/**
 * The 统计 and 分类 tabs in real Chromium, over both fakes (Excel build with the Office.js fake,
 * WPS build with the ET fake): what the pane says before writing a 附件4 (no ledger, no project,
 * errors → asked, 说明 written, warning banner), the 统计表 updated in place and only when the
 * add-in wrote it, 审核人/填报人 carried over, and 采纳 with its sticky count, jumps and 撤销.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeWorkbook } from './fake-host/index.js';
import { type PaneEnv, startPaneEnv } from './pane-env.js';
import { harnessBundle } from './serve.js';

let env: PaneEnv;
let wpsHarness = '';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

beforeAll(async () => {
  env = await startPaneEnv('stats-classify', { width: 350 });
  wpsHarness = await harnessBundle('wps');
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(() => env?.close());

interface Host {
  name: string;
  page: string;
  wps: boolean;
}
const HOSTS: Host[] = [
  { name: 'Office.js fake', page: '/taskpane.html', wps: false },
  { name: 'WPS ET fake', page: '/wps/taskpane.html', wps: true },
];

async function open(host: Host, query: string): Promise<Page> {
  const page = await env.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (host.wps) await page.addInitScript({ content: wpsHarness });
  await page.goto(`${env.site.url}${host.page}?${query}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  expect(errors).toEqual([]);
  return page;
}

/** Runs `fn` on the page's fake workbook (both fakes keep the same model). */
const book = <T>(page: Page, fn: (wb: FakeWorkbook) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__fake.workbook)`) as Promise<T>;

const sheetNames = (page: Page) => book(page, (wb) => wb.sheets.map((s) => s.name));

/** The message banner once it shows `kind` (ok / warn / error / info). */
async function banner(page: Page, kind: string): Promise<string> {
  await page.waitForSelector(`#message.${kind}:not([hidden])`);
  return (await page.textContent('#message')) ?? '';
}

/** Hides the banner, so the next wait sees the next message. */
const clearBanner = (page: Page) =>
  page.evaluate(() => {
    const m = document.querySelector('#message') as HTMLElement;
    m.className = 'message';
    m.hidden = true;
  });

/** A plain sheet of the clerk's, added to the fake workbook. */
function clerkSheet(page: Page, name: string, cells: unknown[][]): Promise<void> {
  return page.evaluate(
    ([n, c]) => {
      const w = window as unknown as {
        __fake: { workbook: FakeWorkbook };
        __newSheet: (name: string, cells: unknown[][]) => FakeWorkbook['sheets'][number];
      };
      w.__fake.workbook.sheets.push(w.__newSheet(n, c));
    },
    [name, cells] as [string, unknown[][]],
  );
}

async function writeStats(page: Page): Promise<void> {
  await clearBanner(page);
  await page.getByRole('tab', { name: '统计' }).click();
  await page.getByRole('button', { name: '生成本单位统计表' }).click();
}

/** Column E (四个一批分类) of the 台账 sheet, blanks as ''. */
const categories = (page: Page) =>
  book(page, (wb) =>
    (wb.sheets.find((s) => s.name === '台账')?.cells ?? []).map((r) => {
      const v = r?.[4];
      return v === undefined || v === null ? '' : v;
    }),
  );

describe.each(HOSTS)('统计 — $name', (host) => {
  it('says plainly when there is no ledger or no project, and writes nothing', async () => {
    const page = await open(host, 'rows=5');
    await book(page, (wb) => {
      const ledger = wb.sheets.find((s) => s.name === '台账');
      if (ledger) ledger.cells = [['第一季度工作安排'], ['1', '整修村道']];
    });
    const before = await sheetNames(page);
    await writeStats(page);
    const none = await banner(page, 'warn');
    expect(none).toContain('没有找到台账表头');
    expect(none).toContain('统计表没有生成');
    expect(await sheetNames(page)).toEqual(before);
    await page.close();

    const empty = await open(host, 'rows=0');
    const names = await sheetNames(empty);
    await writeStats(empty);
    const text = await banner(empty, 'warn');
    expect(text).toContain('还没有项目（0 个）');
    expect(text).toContain('统计表没有生成');
    expect(await sheetNames(empty)).toEqual(names);
    // 一键校验 on the same empty ledger never says 没有错误
    await empty.getByRole('tab', { name: '校验' }).click();
    await empty.getByRole('button', { name: '一键校验' }).click();
    const check = await banner(empty, 'warn');
    expect(check).toContain('0 个');
    expect(check).not.toContain('没有错误');
    await empty.close();
  });

  it('after 插入标准台账, 一键校验 says the ledger has no project (not 没有错误)', async () => {
    const page = await open(host, 'rows=5');
    await page.locator('#check-more').click(); // secondary actions are under 更多
    await page.getByRole('button', { name: '插入标准台账' }).click();
    await banner(page, 'ok');
    await page.getByRole('button', { name: '一键校验' }).click();
    const text = await banner(page, 'warn');
    expect(text).toContain('还没有项目（0 个）');
    expect(text).not.toContain('没有错误');
    await page.close();
  });

  it('asks before a 附件4 from a ledger with errors; written, it carries the 说明 and a warning, and the ledger’s signatures', async () => {
    const page = await open(host, 'rows=30');
    const before = await sheetNames(page);
    await writeStats(page);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const asked = (await dialog.textContent()) ?? '';
    expect(asked).toMatch(/台账还有 \d+ 个错误，统计表将注明/u);
    expect(asked).toContain('仍要生成吗');
    await page.getByRole('button', { name: '取消' }).click();
    expect(await banner(page, 'info')).toContain('没有生成统计表');
    expect(await sheetNames(page)).toEqual(before);

    await writeStats(page);
    await page.getByRole('button', { name: '仍要生成' }).click();
    const text = await banner(page, 'warn');
    expect(text).toContain('已新建工作表「统计表-保家镇」');
    expect(text).toMatch(/台账还有 \d+ 个错误/u);
    expect(await page.getAttribute('#message', 'class')).not.toContain('ok');
    const cells = await book(page, (wb) => wb.sheets.find((s) => s.name === '统计表-保家镇')?.cells ?? []);
    const meta = (cells[1] ?? []).filter((v) => typeof v === 'string');
    expect(meta).toEqual(
      expect.arrayContaining([
        '填报单位：保家镇',
        '审核人：张三',
        '填报人：李四 13800000000',
        '更新时间：2026年11月19日',
      ]),
    );
    const notes = String(cells[6]?.[0] ?? '');
    expect(notes).toMatch(/^说明：/u);
    expect(notes).toMatch(/以下单位的台账仍有错误，已计入本表、数字待核实：保家镇（\d+ 个错误）/u);
    expect(await page.textContent('#stats-notes')).toBe(notes);
    if (!host.wps) await page.screenshot({ path: join(ARTIFACTS, 'pane-stats-errors.png') });
    await page.close();
  });

  it('updates its own 统计表 in place on a second run, never adding 统计表-保家镇 (2)', async () => {
    const page = await open(host, 'rows=12&clean=1');
    await writeStats(page);
    expect(await banner(page, 'ok')).toContain('已新建工作表「统计表-保家镇」');
    const mark = await book(page, (wb) => wb.sheets.find((s) => s.name === '统计表-保家镇')?.names);
    expect(mark).toEqual([{ name: 'SGYP_PANE_SHEET', formula: '="统计表-保家镇"', visible: false }]);
    // the clerk adds a sheet after it: the table is redone where it was
    await clerkSheet(page, '备注', [['我的备注']]);
    const order = await sheetNames(page);
    await writeStats(page);
    expect(await banner(page, 'ok')).toContain('已更新工作表「统计表-保家镇」');
    expect(await sheetNames(page)).toEqual(order);
    const row = await book(page, (wb) => wb.sheets.find((s) => s.name === '统计表-保家镇')?.cells[4]?.slice(0, 4));
    expect(row?.[0]).toBe(1);
    expect(row?.[1]).toBe('保家镇');
    expect(row?.[3]).toBe(12);
    expect(await book(page, (wb) => wb.active)).toBe('统计表-保家镇');
    await page.close();
  });

  it('never replaces the clerk’s own sheet of that name: writes a new one and says so, then updates that one', async () => {
    const page = await open(host, 'rows=12&clean=1');
    await clerkSheet(page, '统计表-保家镇', [['我自己做的统计']]);
    await writeStats(page);
    const first = await banner(page, 'ok');
    expect(first).toContain('已有一张名为「统计表-保家镇」的工作表不是本加载项生成的，没有改动它');
    expect(first).toContain('已新建工作表「统计表-保家镇 (2)」');
    await writeStats(page);
    expect(await banner(page, 'ok')).toContain('已更新工作表「统计表-保家镇 (2)」');
    const names = await sheetNames(page);
    expect(names.filter((n) => n.startsWith('统计表-保家镇'))).toEqual(['统计表-保家镇', '统计表-保家镇 (2)']);
    expect(await book(page, (wb) => wb.sheets.find((s) => s.name === '统计表-保家镇')?.cells)).toEqual([
      ['我自己做的统计'],
    ]);
    await page.close();
  });
});

describe.each(HOSTS)('分类 — $name', (host) => {
  async function suggestions(page: Page): Promise<void> {
    await page.getByRole('tab', { name: '分类' }).click();
    await page.getByRole('button', { name: '生成分类建议' }).click();
    await page.waitForSelector('#suggestions li.suggestion');
  }

  async function adopt(page: Page): Promise<string> {
    await clearBanner(page);
    await page.getByRole('button', { name: '采纳所选' }).click();
    await page.getByRole('dialog').waitFor();
    const text = (await page.getByRole('dialog').textContent()) ?? '';
    await page.getByRole('button', { name: '采纳', exact: true }).click();
    await page.waitForSelector('#message.ok:not([hidden])');
    return text;
  }

  const tick = (page: Page, row: number) => page.getByRole('checkbox', { name: `选择第${row}行` }).check();

  it('counts ticked rows in a bar next to 采纳所选, with select all / none, and jumps to a row’s 分类 cell', async () => {
    const page = await open(host, 'rows=30');
    await suggestions(page);
    const count = () => page.textContent('#picked-count');
    expect(await count()).toBe('已选 0 项');
    await tick(page, 11);
    await tick(page, 25);
    expect(await count()).toBe('已选 2 项');
    await page.getByRole('button', { name: '全选', exact: true }).click();
    expect(await count()).toBe('已选 4 项');
    await page.getByRole('button', { name: '全不选' }).click();
    expect(await count()).toBe('已选 0 项');
    expect(await page.locator('#suggestions input:checked').count()).toBe(0);
    // the bar holds the count and the action together
    expect(await page.locator('#adopt-bar').getByRole('button', { name: '采纳所选' }).count()).toBe(1);

    await page.locator('#suggestions button.jump').nth(1).click();
    await expect
      .poll(() => book(page, (wb) => wb.selections[wb.selections.length - 1]))
      .toEqual({ sheet: '台账', address: 'E18' });
    await page.close();
  });

  it('keeps the count bar in view while a long list scrolls', async () => {
    const page = await open(host, 'rows=400');
    await suggestions(page);
    expect(await page.locator('#suggestions li.suggestion').count()).toBeGreaterThan(50);
    await page.getByRole('button', { name: '全选', exact: true }).click();
    await page.locator('#suggestions li.suggestion').last().scrollIntoViewIfNeeded();
    const box = await page.locator('#adopt-bar').boundingBox();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(500);
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(10);
    expect(await page.locator('#picked-count').isVisible()).toBe(true);
    if (!host.wps) await page.screenshot({ path: join(ARTIFACTS, 'pane-classify-sticky.png') });
    await page.close();
  });

  it('undoes 采纳 batch by batch, restoring blanks and the clerk’s text exactly', async () => {
    const page = await open(host, 'rows=30');
    await book(page, (wb) => {
      const ledger = wb.sheets.find((s) => s.name === '台账');
      const row = ledger?.cells[17];
      if (row) row[4] = '其他（说明）';
    });
    const original = await categories(page);
    await suggestions(page);
    await tick(page, 11);
    expect(await adopt(page)).toContain('可点“撤销采纳”恢复');
    await page.getByRole('button', { name: '全选', exact: true }).click();
    await adopt(page);
    const adopted = await categories(page);
    expect(adopted[10]).toBe('巩固');
    expect(adopted[17]).not.toBe('其他（说明）');
    expect(await page.textContent('#undo-adopt')).toBe('撤销采纳（3 行）');

    await clearBanner(page);
    await page.click('#undo-adopt');
    expect(await banner(page, 'ok')).toContain('已撤销 3 行');
    const once = await categories(page);
    expect(once[10]).toBe('巩固');
    expect(once[17]).toBe('其他（说明）');
    expect(once.filter((_, i) => i !== 10)).toEqual(original.filter((_, i) => i !== 10));
    expect(await page.textContent('#undo-adopt')).toBe('撤销采纳（1 行）');

    await clearBanner(page);
    await page.click('#undo-adopt');
    await banner(page, 'ok');
    expect(await categories(page)).toEqual(original);
    expect(await page.locator('#undo-adopt').isDisabled()).toBe(true);
    await page.close();
  });

  it('leaves rows the clerk changed after 采纳, says which, and refuses when all were changed', async () => {
    const page = await open(host, 'rows=30');
    const original = await categories(page);
    await suggestions(page);
    await tick(page, 11);
    await tick(page, 18);
    await adopt(page);
    await book(page, (wb) => {
      const row = wb.sheets.find((s) => s.name === '台账')?.cells[17];
      if (row) row[4] = '提升';
    });
    await clearBanner(page);
    await page.click('#undo-adopt');
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('第18行的分类在采纳后已被修改');
    await page.getByRole('button', { name: '撤销其余行' }).click();
    const text = await banner(page, 'warn');
    expect(text).toContain('已撤销 1 行');
    expect(text).toContain('第18行保留了您采纳后的修改');
    const after = await categories(page);
    expect(after[10]).toBe(original[10]);
    expect(after[17]).toBe('提升');

    // a batch whose every cell was changed since: nothing is written, and the pane says why
    await tick(page, 25);
    await adopt(page);
    await book(page, (wb) => {
      const row = wb.sheets.find((s) => s.name === '台账')?.cells[24];
      if (row) row[4] = '盘活';
    });
    await clearBanner(page);
    await page.click('#undo-adopt');
    const refused = await banner(page, 'error');
    expect(refused).toContain('无法撤销');
    expect(refused).toContain('第25行');
    expect((await categories(page))[24]).toBe('盘活');
    await page.close();
  });
});
