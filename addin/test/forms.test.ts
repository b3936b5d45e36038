/**
 * 选中行 → 生成申请表: the selection read through the adapter's host, the form layout as a SheetSpec,
 * and the pane's button in real Chromium on the fake host (new sheets only, the ledger untouched).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationForm } from '../../shared/forms/application.js';
import { checkRecords } from '../../shared/index.js';
import { validCells } from '../../shared/test/fixtures.js';
import { formSpec, selectedRows } from '../forms.js';
import { createFakeHost, type FakeHost, fakeWorkbook } from './fake-host/index.js';
import { type PaneEnv, startPaneEnv } from './pane-env.js';

describe('adapter pieces', () => {
  it('reads the rows of the selection on the active sheet', async () => {
    const fake = createFakeHost(fakeWorkbook([{ name: '台账' }, { name: '说明' }], '台账'));
    fake.workbook.selections.push({ sheet: '台账', address: 'B7:D9' }, { sheet: '说明', address: 'A1' });
    expect(await selectedRows(fake.host)).toEqual({ sheet: '台账', first: 7, last: 9 });
    fake.workbook.active = '说明';
    expect(await selectedRows(fake.host)).toEqual({ sheet: '说明', first: 1, last: 1 });
  });

  it('turns a form into a SheetSpec with its values, merges, borders and money format', () => {
    const row = checkRecords([{ row: 5, cells: validCells(1) }]).rows[0];
    if (!row) throw new Error('no row');
    const form = applicationForm(row, { county: '彭水自治县', tier: '乡镇（街道）', sheetName: 'PS2021-0001' });
    const spec = formSpec(form);
    expect(spec.name).toBe('PS2021-0001');
    expect(spec.values[0]?.[0]).toBe('彭水自治县经营性帮扶产业项目“四个一批”分类及处置措施申请表');
    const total = spec.values.findIndex((r) => r[2] === '合计（元）');
    expect(spec.values[total]?.[3]).toBe(1_000_000);
    expect(spec.numberFormats).toContainEqual({ rect: { top: total, left: 3, rows: 1, cols: 1 }, format: '#,##0' });
    expect(spec.merges).toHaveLength(form.merges.length);
    expect(spec.borders?.some((r) => r.top === total && r.left === 3)).toBe(true);
    expect(spec.print).toMatchObject({ paper: 'A4', orientation: 'portrait', fitToWidth: true, pagesWide: 1 });
  });
});

let env: PaneEnv;
let context: BrowserContext;
let site: PaneEnv['site'];

beforeAll(async () => {
  env = await startPaneEnv('forms');
  ({ context, site } = env);
});

afterAll(() => env?.close());

const fake = <T>(page: Page, fn: (f: FakeHost) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__fake)`) as Promise<T>;

describe('pane: 生成申请表 in Chromium', () => {
  it('writes one new sheet per selected project and touches nothing else', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/taskpane.html?rows=6&clean=1`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    const before = await fake(page, (f) => JSON.stringify(f.workbook.sheets.map((s) => [s.name, s.cells, s.merges])));
    await fake(page, (f) => {
      f.workbook.selections.push({ sheet: '台账', address: 'C6:D7' });
    });
    await page.getByRole('tab', { name: '统计' }).click();
    await page.getByRole('button', { name: '生成申请表' }).click();
    await page.waitForSelector('#message.ok');
    expect(await page.textContent('#message')).toContain('已生成申请表 2 份（新工作表：PS2021-0002、PS2021-0003）');
    const names = await fake(page, (f) => f.workbook.sheets.map((s) => s.name));
    expect(names).toEqual(['说明', '台账', 'PS2021-0002', 'PS2021-0003']);
    const after = await fake(page, (f) =>
      JSON.stringify(
        f.workbook.sheets.filter((s) => ['说明', '台账'].includes(s.name)).map((s) => [s.name, s.cells, s.merges]),
      ),
    );
    expect(after).toBe(before);
    const form = await fake(page, (f) => f.workbook.sheets.find((s) => s.name === 'PS2021-0002')?.cells);
    expect(form?.[0]?.[0]).toBe('彭水自治县经营性帮扶产业项目“四个一批”分类及处置措施申请表');
    expect(form?.[1]?.[0]).toBe('（乡镇（街道）主管项目）');
    const total = form?.findIndex((r) => r?.[2] === '合计（元）') ?? -1;
    expect(form?.[total]?.[3]).toBe(1_000_000);
    expect(form?.some((r) => r?.some((c) => String(c).includes('☑巩固')))).toBe(true);

    // A chosen tier wins over the unit's; the names do not collide with the sheets already made.
    // writeSheet activated the last form: the clerk goes back to the ledger (its selection is kept).
    await fake(page, (f) => {
      f.workbook.active = '台账';
    });
    await page.selectOption('#form-tier', '村本级');
    await page.getByRole('button', { name: '生成申请表' }).click();
    await page.waitForFunction(() => document.querySelector('#message')?.textContent?.includes('PS2021-0002(2)'));
    const village = await fake(
      page,
      (f) => f.workbook.sheets.find((s) => s.name === 'PS2021-0002(2)')?.cells?.[1]?.[0],
    );
    expect(village).toBe('（村本级主管和实施项目）');

    // Near miss: a selection outside the ledger's projects writes nothing and says why.
    const count = names.length + 2;
    await fake(page, (f) => {
      f.workbook.active = '台账';
      f.workbook.selections.push({ sheet: '台账', address: 'A1:A3' });
    });
    await page.getByRole('button', { name: '生成申请表' }).click();
    await page.waitForSelector('#message.error');
    expect(await page.textContent('#message')).toContain('选中的第1–3行没有项目');
    expect(await fake(page, (f) => f.workbook.sheets.length)).toBe(count);
    await page.close();
  });
});
