import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, columnLetters } from '../shared/index.js';
import { ledgerFooter } from '../shared/layout/ledger-sheet.js';
import { cli, fillTemplate, load, merges, tempDir, text } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';

const tmp = tempDir();
const template = tmp.path('模板.xlsx');
let wb: ExcelJS.Workbook;
let ws: ExcelJS.Worksheet;

const letter = (key: string) => columnLetters(COLUMNS.findIndex((c) => c.key === key));

beforeAll(async () => {
  const r = await cli('template', '--out', template, '--unit', '郁山镇人民政府', '--rows', '30');
  expect(r.code).toBe(0);
  wb = await load(template);
  ws = wb.getWorksheet('管理台账') as ExcelJS.Worksheet;
});
afterAll(() => tmp.remove());

describe('template: the official blank 附件5 ledger', () => {
  it('has the title, the meta line and both header rows with the notice’s merges', () => {
    expect(text(ws.getCell('A1').value)).toBe('彭水自治县经营性帮扶产业项目“四个一批”管理台账');
    // Title and meta line over the first printed page's columns (A–R; the ledger prints two pages wide).
    const metaLine = [1, 5, 9, 13].map((c) => text(ws.getCell(2, c).value)).join(' ');
    expect(metaLine).toMatch(/^填报单位：郁山镇人民政府 审核人： 填报人及联系电话： 更新时间：\s+年\s+月\s+日$/u);
    const m = merges(ws);
    expect(m).toContain('A1:R1');
    // Single labels span both header rows; grouped labels span their level-2 labels.
    for (const single of ['A3:A4', 'B3:B4', 'E3:E4', 'L3:L4', 'AB3:AB4']) expect(m).toContain(single);
    expect(m).toContain('I3:K3'); // 投资规模（万元）: 小计 专项资金 其他资金
    expect(m).toContain('O3:R3'); // 项目现值
    expect(m).toContain('S3:W3'); // 项目现状
    expect(m).toContain('X3:Y3'); // 联农带农情况
    expect(text(ws.getCell('I3').value)).toBe('投资规模（万元）');
    expect(['I4', 'J4', 'K4'].map((a) => text(ws.getCell(a).value))).toEqual(['小计', '专项资金', '其他资金']);
    expect(text(ws.getCell('Y4').value)).toBe('未充分发挥联农带农作用原因');
    expect(text(ws.getCell('AA3').value)).toBe('处置整改进展情况');
    COLUMNS.forEach((c, i) => {
      expect(ws.getColumn(i + 1).width).toBe(c.width);
    });
  });

  it('ships placeholder rows holding only a 序号, then the 填表说明 footer', () => {
    expect(ws.getCell('A5').value).toBe(1);
    expect(ws.getCell('A34').value).toBe(30);
    expect(ws.getCell('B5').value).toBeNull();
    expect(text(ws.getCell('A35').value)).toBe(ledgerFooter());
    expect(merges(ws)).toContain('A35:R35');
  });

  it('has dropdowns on every enum column, fed by a hidden list sheet', () => {
    const lists = wb.getWorksheet('下拉选项') as ExcelJS.Worksheet;
    expect(lists.state).toBe('hidden');
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations
      .model;
    const enums = COLUMNS.filter((c) => c.type === 'enum');
    expect(enums.map((c) => c.key)).toEqual([
      'category',
      'industry',
      'mode',
      'functionStatus',
      'useStatus',
      'operation',
      'linkage',
      'linkageShortfall',
    ]);
    for (const c of enums) {
      const rule = dv[`${letter(c.key)}5:${letter(c.key)}34`];
      expect(rule?.type).toBe('list');
      const m = /^'下拉选项'!\$([A-Z])\$2:\$\1\$(\d+)$/u.exec(String(rule?.formulae[0]));
      expect(m).not.toBeNull();
      const col = m?.[1] as string;
      const values = Array.from({ length: Number(m?.[2]) - 1 }, (_, i) => text(lists.getCell(`${col}${i + 2}`).value));
      expect(values).toEqual([...(c as { values: readonly string[] }).values]);
    }
    for (const c of COLUMNS.filter((x) => x.type === 'number')) {
      const rule = dv[`${letter(c.key)}5:${letter(c.key)}34`];
      expect(rule).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    }
    expect(dv['D5:D34']).toMatchObject({ type: 'whole', formulae: [2013, 2100] });
  });

  it('freezes the header and sets up printing (A3 landscape, two pages wide at 90 %, repeated header rows and 序号/项目名称)', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: false,
      scale: 90,
      pageOrder: 'overThenDown',
    });
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
    expect(ws.pageSetup.printTitlesColumn).toBe('A:B');
    expect(ws.pageSetup.paperSize).toBe(8);
  });

  it('round trip: the blank template reads clean but has no project; filled by a clerk, it reads back every value', async () => {
    const blank = JSON.parse((await cli('validate', template, '--json')).out);
    // Its header and meta line read without any issue; only ledger.empty (issue 10, item 9).
    expect(blank).toMatchObject({ sheet: '管理台账', unit: '郁山镇人民政府', projects: 0 });
    expect(blank.issues.map((i: { ruleId: string }) => i.ruleId)).toEqual(['ledger.empty']);
    const filled = tmp.path('已填.xlsx');
    const rows = [project(0), variedProject(1), variedProject(2), variedProject(3), variedProject(4)];
    await fillTemplate(template, filled, rows, { updatedAt: '2026年11月19日' });
    const r = await cli('validate', filled, '--json');
    const json = JSON.parse(r.out);
    expect(r.code).toBe(0);
    expect(json.issues).toEqual([]);
    expect(json.reportDate).toBe('2026-11-19');
    expect(json.projects).toBe(5);
    expect(json.summary.categories).toEqual({ 巩固: 1, 提升: 2, 盘活: 1, 重建: 1 });
    expect(json.summary.investment).toBe(rows.reduce((n, p) => n + Number(p.investTotal), 0));
    expect(json.suggestions.map((s: { category: string }) => s.category)).toEqual([
      '巩固',
      '提升',
      '盘活',
      '重建',
      '提升',
    ]);
  });

  it('never overwrites an existing file without --force; bad options exit 2', async () => {
    const again = await cli('template', '--out', template);
    expect(again.code).toBe(2);
    expect(again.err).toContain('已存在');
    expect((await cli('template', '--out', template, '--force')).code).toBe(0);
    expect((await cli('template', '--out', tmp.path('x.xlsx'), '--rows', 'abc')).code).toBe(2);
    expect((await cli('template', '--out', tmp.path('x.xlsx'), '--date', '2026-13-40')).code).toBe(2);
    expect((await cli('template', '--out', tmp.path('x.txt'))).code).toBe(2);
    expect((await cli('template')).code).toBe(2);
  });

  it('--county and --date appear in the title and meta line', async () => {
    const out = tmp.path('郁山.xlsx');
    await cli('template', '--out', out, '--county', '酉阳自治县', '--date', '2026-11-20');
    const sheet = (await load(out)).getWorksheet('管理台账') as ExcelJS.Worksheet;
    expect(text(sheet.getCell('A1').value)).toBe('酉阳自治县经营性帮扶产业项目“四个一批”管理台账');
    expect(text(sheet.getCell('M2').value)).toBe('更新时间：2026年11月20日');
    expect(JSON.parse((await cli('validate', out, '--json')).out).reportDate).toBe('2026-11-20');
  });
});
