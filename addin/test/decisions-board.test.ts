/**
 * 决策记录 on the county's 汇总 tab, real Chromium + the fake host against a real local `wrangler
 * dev` seeded with the demo county: 决策进度 (counts per unit by status, 公示中 with end dates),
 * 导出审定结果表 (a new worksheet in the CLI's layout), 导入审定结果 of an edited sheet — one bad row
 * refuses the whole sheet with its Chinese reason and stores nothing; fixed, it imports.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubmission } from '../../scripts/demo-ledger.js';
import { IMPORT_COLUMNS } from '../../shared/decisions-sheet.js';
import { boundedLines, countsLine, LIST_LIMIT } from '../panels/decisions-board.js';
import { type PaneEnv, type SeededCounty, startPaneEnv } from './pane-env.js';

const PERIOD = '2026-W47';
const UNIT = '保家镇';
const CODES = ['PSDEC-00001', 'PSDEC-00002'];
let env: PaneEnv;
let context: BrowserContext;
let site: PaneEnv['site'];
let seeded: SeededCounty;
const token = (name: string) => env.token(name);
const call = <T>(path: string, tok: string, body?: unknown, key?: string) => env.call<T>(path, tok, body, key);

type Listing = { units: { unit: string; counts: Record<string, number> }[] };
const countsOf = async (unit: string) =>
  (await call<Listing>(`/decisions/status?period=${PERIOD}`, seeded.county)).units.find((u) => u.unit === unit)
    ?.counts ?? {};

beforeAll(async () => {
  env = await startPaneEnv('decisions', { service: true });
  ({ context, site } = env);
  seeded = env.seeded as SeededCounty;
  // 保家镇 reports 6 projects for W47 and applies for two of them (its own token).
  const sub = demoSubmission(UNIT, { period: PERIOD, rows: 6, codePrefix: 'PSDEC' });
  expect((await call('/submissions', token(UNIT), sub)).status).toBe(201);
  for (const [i, code] of CODES.entries())
    expect(
      (
        await call('/decisions/events/application', token(UNIT), {
          code,
          name: `${UNIT}项目${i + 1}`,
          category: '提升',
          measures: '补齐冷库',
          tier: '乡镇（街道）',
        })
      ).status,
    ).toBe(201);
}, 240_000);

afterAll(() => env?.close());

async function open(tok: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(
    `localStorage.setItem('sige-yipi.api', ${JSON.stringify(JSON.stringify({ server: '', token: tok }))})`,
  );
  await page.goto(`${site.url}/taskpane.html?rows=5`);
  await page.waitForSelector('body[data-ready="1"][data-role]', { timeout: 30000 });
  expect(errors).toEqual([]);
  // 汇总 is shown to a county token only (roles.ts)
  if ((await page.getAttribute('body', 'data-role')) === 'county') {
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.fill('#county-period', PERIOD);
  }
  return page;
}

/** The 审定结果 sheet's cells in the fake workbook. */
const resultCells = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      (
        window as unknown as { __fake: { workbook: { sheets: { name: string; cells: unknown[][] }[] } } }
      ).__fake.workbook.sheets.find((s) => s.name === n)?.cells ?? null,
    name,
  );

/** Types `values` (column key → text) into the row of `code` on the sheet, as a clerk would. */
const fill = (page: Page, sheet: string, code: string, values: Record<string, string>) =>
  page.evaluate(
    ({ sheet, code, cols }) => {
      const wb = (
        window as unknown as {
          __fake: { workbook: { sheets: { name: string; cells: unknown[][] }[]; active: string } };
        }
      ).__fake.workbook;
      const s = wb.sheets.find((x) => x.name === sheet);
      const row = s?.cells.find((r) => r[1] === code);
      if (!row) throw new Error(`no row ${code}`);
      for (const [col, v] of cols) row[col] = v;
    },
    {
      sheet,
      code,
      cols: Object.entries(values).map(([k, v]) => [IMPORT_COLUMNS.findIndex((c) => c.key === k), v] as const),
    },
  );

const col = (key: string) => IMPORT_COLUMNS.findIndex((c) => c.key === key);
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('countsLine', () => {
  it('lists the statuses in their order and leaves zeros out', () => {
    expect(countsLine({ 公示中: 1, 未申请: 4, 已申请: 0 })).toBe('未申请 4，公示中 1');
    expect(countsLine({})).toBe('无项目');
  });

  it('bounds a list at LIST_LIMIT lines plus “等 N 个”, and leaves a short list alone', () => {
    const many = Array.from({ length: LIST_LIMIT + 7 }, (_, i) => `项目${i + 1}`);
    const shown = boundedLines(many, '项目');
    expect(shown).toHaveLength(LIST_LIMIT + 1);
    expect(shown[LIST_LIMIT - 1]).toBe(`项目${LIST_LIMIT}`);
    expect(shown.at(-1)).toBe(`…… 等 ${LIST_LIMIT + 7} 个项目（仅列出前 ${LIST_LIMIT} 个）`);
    const exact = many.slice(0, LIST_LIMIT);
    expect(boundedLines(exact, '项目')).toEqual(exact);
  });
});

describe('决策记录 on the 汇总 tab (county token)', () => {
  it('shows status counts, exports the sheet, refuses a bad row whole, then imports the fixed sheet', async () => {
    const page = await open(seeded.county);

    // 决策进度: 4 not applied, 2 applied; nothing in 公示中 yet.
    await page.getByRole('button', { name: '查看决策进度' }).click();
    const line = page.locator(`#decision-counts li[data-unit="${UNIT}"]`);
    await expect.poll(() => line.textContent()).toBe(`${UNIT}：未申请 4，已申请 2`);
    expect(await page.textContent('#decision-publicity')).toBe('目前没有公示中的项目。');

    // 导出审定结果表: a new sheet in the shared layout, one row per applied project.
    await page.getByRole('button', { name: '导出审定结果表' }).click();
    await page.waitForSelector('#message.ok');
    expect(await page.textContent('#message')).toContain('已新建工作表「审定结果」：2 个已申请项目');
    const cells = await resultCells(page, '审定结果');
    expect(cells?.[0]).toEqual(IMPORT_COLUMNS.map((c) => c.label));
    expect(cells?.slice(1).map((r) => [r[col('unit')], r[col('code')], r[col('applied')]])).toEqual(
      CODES.map((c) => [UNIT, c, '提升']),
    );

    // The clerk fills it in; the second row's 审定分类 is not one of the four.
    await fill(page, '审定结果', CODES[0] as string, {
      category: '盘活',
      minutesNo: '彭振兴组〔2026〕5号',
      minutesDate: '2026-11-10',
      publicityStart: today,
    });
    await fill(page, '审定结果', CODES[1] as string, {
      category: '改造',
      minutesNo: '彭振兴组〔2026〕5号',
      minutesDate: '2026-11-10',
    });
    await page.getByRole('button', { name: '导入审定结果' }).click();
    await page.waitForSelector('#message.error');
    const refused = page.locator('#decision-refused li');
    expect(await refused.count()).toBe(1);
    expect(await refused.first().textContent()).toBe(
      `第3行（${UNIT} ${CODES[1]}）「审定分类」“改造”不对：应为 巩固、提升、盘活、重建 之一。`,
    );
    expect(await page.textContent('#decisions-import')).toContain('整个表未导入（未保存任何数据）');
    // Nothing stored: the good row is still only 已申请.
    expect(await countsOf(UNIT)).toMatchObject({ 未申请: 4, 已申请: 2 });

    // Fixed — and the clerk is back on the ledger: the sheet named 审定结果 is read.
    await fill(page, '审定结果', CODES[1] as string, { category: '巩固' });
    await page.evaluate(() => {
      (window as unknown as { __fake: { workbook: { active: string } } }).__fake.workbook.active = '台账';
    });
    await page.getByRole('button', { name: '导入审定结果' }).click();
    await page.waitForSelector('#message.ok');
    expect(await page.textContent('#message')).toContain('已导入 2 行审定结果');
    expect(await page.locator('#decision-refused').count()).toBe(0);
    const after = await countsOf(UNIT);
    expect(after.已申请 ?? 0).toBe(0);
    expect(after.公示中).toBe(1);
    expect(after.已审定).toBe(1);

    // 决策进度 again: the counts and the project in 公示中 with its end date.
    await page.getByRole('button', { name: '查看决策进度' }).click();
    await expect.poll(() => line.textContent()).toBe(`${UNIT}：未申请 4，已审定 1，公示中 1`);
    expect(await page.textContent('#decision-publicity')).toMatch(
      new RegExp(`^${UNIT}　${CODES[0]} .+　公示至 \\d{4}-\\d\\d-\\d\\d$`, 'u'),
    );
    await page.close();
  }, 120_000);

  it('the unit’s 一键校验 warns category.unapproved where its ledger contradicts a recorded decision', async () => {
    // After the import above: PSDEC-00001 approved 盘活, PSDEC-00002 approved 巩固.
    const page = await open(token(UNIT));
    await page.evaluate(
      ({ codes }) => {
        const wb = (window as unknown as { __fake: { workbook: { sheets: { name: string; cells: unknown[][] }[] } } })
          .__fake.workbook;
        const cells = wb.sheets.find((s) => s.name === '台账')?.cells ?? [];
        const header = cells.findIndex((r) => r.includes('项目编号'));
        const code = cells[header]?.indexOf('项目编号') ?? -1;
        const category = cells[header]?.findIndex((v) => String(v).includes('四个一批')) ?? -1;
        const first = cells.findIndex((r, i) => i > header + 1 && typeof r[code] === 'string' && r[code] !== '');
        const [contradicts, agrees] = [cells[first] ?? [], cells[first + 1] ?? []];
        contradicts[code] = codes[0];
        contradicts[category] = '提升'; // the approved category is 盘活
        agrees[code] = codes[1];
        agrees[category] = '巩固'; // near miss: as approved
      },
      { codes: CODES },
    );
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '一键校验' }).click();
    await page.waitForSelector('#issue-list .group');
    const text = (await page.textContent('#panel-check')) ?? '';
    expect(text).toContain('已审定为“盘活”');
    expect(text.split('县实施乡村振兴战略领导小组已审定为').length - 1).toBe(1);
    await page.close();
  }, 60_000);

  it('a sheet without the 审定结果 header imports nothing and says why', async () => {
    const page = await open(seeded.county);
    await page.evaluate(() => {
      const wb = (window as unknown as { __fake: { workbook: { sheets: { name: string }[]; active: string } } }).__fake
        .workbook;
      wb.active = '台账';
    });
    const before = await countsOf(UNIT);
    await page.getByRole('button', { name: '导入审定结果' }).click();
    await page.waitForSelector('#message.error');
    expect(await page.textContent('#message')).toContain('工作表“台账”前 20 行中没有审定结果表头');
    expect(await countsOf(UNIT)).toEqual(before);
    await page.close();
  }, 60_000);
});
