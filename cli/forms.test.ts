/** `forms`: 申请表 workbooks from a ledger, read back with ExcelJS and rendered by LibreOffice. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fillTemplate, load, tempDir, text } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';

const tmp = tempDir('sige-forms-');
afterAll(() => tmp.remove());

const ledger = tmp.path('保家镇台账.xlsx');
const projects = [
  project(0, { code: 'PS/2021:001', investSpecial: 12.3456, investOther: 0.5, investTotal: 12.8456 }),
  variedProject(1),
  variedProject(2),
  variedProject(3),
];

beforeAll(async () => {
  const template = tmp.path('模板.xlsx');
  expect((await cli('template', '--out', template)).code).toBe(0);
  await fillTemplate(template, ledger, projects, { unit: '保家镇', updatedAt: '2026-11-19' });
});

/** The row (1-based) whose cell in `col` reads `label`, and the cell `offset` columns right of it. */
function right(ws: ExcelJS.Worksheet, label: string, offset = 1): ExcelJS.CellValue {
  for (let r = 1; r <= ws.rowCount; r++) {
    for (let c = 1; c <= 5; c++) {
      if (text(ws.getCell(r, c).value) === label) return ws.getCell(r, c + offset).value;
    }
  }
  throw new Error(`label ${label} not found`);
}

function sheetText(ws: ExcelJS.Worksheet): string {
  const out: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      out.push(text(cell.value));
    });
  });
  return out.join('\n');
}

describe('forms', () => {
  it('writes one A4 portrait sheet per project whose values equal the ledger row', async () => {
    const out = tmp.path('申请表.xlsx');
    const r = await cli('forms', ledger, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已生成申请表 4 份（乡镇（街道））');
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['PS_2021_001', 'PS-00002', 'PS-00003', 'PS-00004']);
    const first = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(text(first.getCell('A1').value)).toBe('彭水自治县经营性帮扶产业项目“四个一批”分类及处置措施申请表');
    expect(text(first.getCell('A2').value)).toBe('（乡镇（街道）主管项目）');
    expect(right(first, '项目编号')).toBe('PS/2021:001');
    expect(right(first, '项目名称')).toBe(projects[0]?.name);
    expect(right(first, '合计（元）')).toBe(128456);
    expect(right(first, '1.财政专项扶贫资金（衔接资金）')).toBe(123456);
    expect(right(first, '3.资产估值')).toBe(450000);
    expect(first.getCell(String(findAddress(first, '合计（元）', 1))).numFmt).toBe('#,##0');
    expect(first.pageSetup.paperSize).toBe(9);
    expect(first.pageSetup.orientation).toBe('portrait');
    expect(first.pageSetup.fitToHeight).toBe(1);
    const fourth = wb.worksheets[3] as ExcelJS.Worksheet;
    expect(text(right(fourth, '“四个一批”认定', 2))).toContain('☑重建');
    expect(text(right(fourth, '“四个一批”认定', 2))).toContain('☐巩固');
    expect(sheetText(fourth)).toContain('☑停产闲置');
    expect(text(right(fourth, '处置措施', 2))).toBe('资产处置后另起炉灶');
  });

  it('--rows picks worksheet rows; --tier chooses the variant; --archive adds the 归档目录', async () => {
    const out = tmp.path('申请表-选.xlsx');
    const r = await cli('forms', ledger, '--out', out, '--rows', '5,7-8', '--tier', '村', '--archive');
    expect(r.code).toBe(0);
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['PS_2021_001', 'PS-00003', 'PS-00004', '归档目录']);
    expect(text((wb.worksheets[1] as ExcelJS.Worksheet).getCell('A2').value)).toBe('（村本级主管和实施项目）');
    const archive = wb.getWorksheet('归档目录') as ExcelJS.Worksheet;
    expect(text(archive.getCell('B4').value)).toBe('村本级主管和实施项目台账');
    expect(text(archive.getCell('A9').value)).toBe('6');
    expect(text(archive.getCell('C10').value)).toBe('');
  });

  it('a 行业部门 unit gets 附件3 without --tier', async () => {
    const dept = tmp.path('农业农村委台账.xlsx');
    const template = tmp.path('模板3.xlsx');
    await cli('template', '--out', template);
    await fillTemplate(template, dept, [project(0)], { unit: '县农业农村委' });
    const out = tmp.path('申请表-部门.xlsx');
    expect((await cli('forms', dept, '--out', out)).code).toBe(0);
    const ws = (await load(out)).worksheets[0] as ExcelJS.Worksheet;
    expect(text(ws.getCell('A2').value)).toBe('（行业部门主管项目）');
  });

  it('refuses rows that hold no project, a bad tier or range, and writes nothing', async () => {
    const out = tmp.path('不应写出.xlsx');
    const r = await cli('forms', ledger, '--out', out, '--rows', '5,40');
    expect(r.code).toBe(2);
    expect(r.err).toContain('第40行不是项目行');
    expect(existsSync(out)).toBe(false);
    const t = await cli('forms', ledger, '--out', out, '--tier', '县级');
    expect(t.code).toBe(2);
    expect(t.err).toContain('--tier “县级”不对：应为 村本级、乡镇（街道）、行业部门');
    const g = await cli('forms', ledger, '--out', out, '--rows', '9-7');
    expect(g.code).toBe(2);
    expect(g.err).toContain('行号范围“9-7”不对');
    expect(existsSync(out)).toBe(false);
  });
});

function findAddress(ws: ExcelJS.Worksheet, label: string, offset: number): string {
  for (let r = 1; r <= ws.rowCount; r++)
    for (let c = 1; c <= 5; c++) if (text(ws.getCell(r, c).value) === label) return ws.getCell(r, c + offset).address;
  throw new Error(label);
}

describe('forms rendered by LibreOffice', () => {
  it('prints one readable A4 portrait page per project, and the 归档目录', async () => {
    const out = tmp.path('申请表-打印.xlsx');
    expect((await cli('forms', ledger, '--out', out, '--rows', '5-7', '--archive')).code).toBe(0);
    const pdfDir = tmp.path('pdf');
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${tmp.path('lo-profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        pdfDir,
        out,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const pdf = join(pdfDir, basename(out).replace(/\.xlsx$/u, '.pdf'));
    expect(existsSync(pdf), r.stderr).toBe(true);
    const info = spawnSync('pdfinfo', ['-l', '10', pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/^Pages:\s+4$/mu);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gmu)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ]);
    expect(sizes).toEqual([
      [595, 842],
      [595, 842],
      [595, 842],
      [595, 842],
    ]);
    const pages = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
      .stdout.split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(4);
    for (const page of pages.slice(0, 3)) {
      const flat = page.replace(/\s+/gu, '');
      for (const label of [
        '分类及处置措施申请表',
        '项目名称',
        '项目编号',
        '产业类型',
        '投资规模',
        '合计（元）',
        '运营模式',
        '项目现状',
        '联农带农',
        '“四个一批”认定',
        '处置措施',
        '村委会意见',
        '乡镇（街道）意见',
        '县实施乡村振兴战略领导小组意见',
        '盖章',
      ])
        expect(flat).toContain(label);
      expect(page).toMatch(/[☑☐]/u);
    }
    expect(pages[0]?.replace(/\s+/gu, '')).toContain('128,456');
    expect(pages[3]?.replace(/\s+/gu, '')).toContain('乡镇（街道）主管项目台账');
  }, 120_000);
});
