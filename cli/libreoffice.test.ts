/**
 * Round trips through a spreadsheet program nobody here wrote: LibreOffice Calc (headless) re-saves
 * our template and an annotated copy, and renders the template to PDF.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fillTemplate, load, tempDir } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';

const tmp = tempDir('sige-lo-');
afterAll(() => tmp.remove());

let profiles = 0;
/** Converts with LibreOffice in its own profile; returns the output path. */
function convert(file: string, to: 'xlsx' | 'pdf' | 'xls', outDir: string): string {
  const profile = tmp.path(`profile-${++profiles}`);
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      to,
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const out = join(outDir, basename(file).replace(/\.xlsx$/u, `.${to}`));
  if (!existsSync(out)) throw new Error(`soffice did not write ${out}: ${r.stderr} ${r.stdout}`);
  return out;
}

function pdfText(pdf: string): string {
  const r = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

const validateJson = async (file: string) => {
  const json = JSON.parse((await cli('validate', file, '--json')).out);
  return { ...json, file: null };
};

describe('LibreOffice round trip', () => {
  it('a template re-saved by LibreOffice reads identically and keeps its dropdowns', async () => {
    const template = tmp.path('模板.xlsx');
    expect((await cli('template', '--out', template, '--unit', '鹿角镇')).code).toBe(0);
    const resaved = convert(template, 'xlsx', tmp.path('lo1'));
    expect(await validateJson(resaved)).toEqual(await validateJson(template));
    const ws = (await load(resaved)).getWorksheet('管理台账') as ExcelJS.Worksheet;
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations
      .model;
    const category = Object.entries(dv).find(([address]) => address.startsWith('E5'));
    expect(category?.[1].type).toBe('list');
    expect(String(category?.[1].formulae[0])).toContain('下拉选项');
  }, 60_000);

  it('a filled, annotated copy re-saved by LibreOffice reads identically', async () => {
    const template = tmp.path('模板2.xlsx');
    await cli('template', '--out', template, '--unit', '黄家镇');
    const filled = tmp.path('已填.xlsx');
    await fillTemplate(
      template,
      filled,
      [
        project(0),
        variedProject(1),
        project(2, { contact: '王五', investTotal: 70 }),
        variedProject(3),
        project(4, { category: null }),
      ],
      { updatedAt: '2026-11-19' },
    );
    const annotated = tmp.path('已填-标注.xlsx');
    expect((await cli('validate', filled, '--annotate', annotated)).code).toBe(1);
    const before = await validateJson(annotated);
    expect(before.issues.length).toBeGreaterThan(2);
    const resaved = convert(annotated, 'xlsx', tmp.path('lo2'));
    expect(await validateJson(resaved)).toEqual(before);
    expect(await validateJson(resaved)).toEqual(await validateJson(filled));
    const wb = await load(resaved);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['管理台账', '下拉选项', '校验结果']);
  }, 60_000);

  it('the PDF of the template shows the merged two-level header intact, on every page across', async () => {
    const template = tmp.path('打印.xlsx');
    await cli('template', '--out', template, '--rows', '200');
    const pdf = convert(template, 'pdf', tmp.path('pdf'));
    const pages = pdfText(pdf)
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    const groups = [
      ['投资规模（万元）', ['小计', '专项资金', '其他资金']],
      ['项目现值', ['结余资金', '待收待返资金', '资产估值']],
      ['项目现状', ['功能现状', '使用现状', '生产经营情况', '存在问题', '原因分析']],
    ] as const;
    // Printed two pages wide (spec §5): every group on the pages of its half, never cut by the break.
    for (const [group] of groups) expect(pages.filter((p) => p.includes(group)).length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      const lines = page.split('\n');
      const at = (label: string) => lines.findIndex((l) => l.includes(label));
      // Each merged level-1 label printed once, on the line above its level-2 labels.
      for (const [group, subs] of groups) {
        if (!page.includes(group)) continue;
        expect(page.split(group).length - 1).toBe(1);
        const groupLine = at(group);
        expect(groupLine).toBeGreaterThanOrEqual(0);
        // Level-2 labels below the group label (a long one wraps: its first four characters, maybe a line off).
        const lineOf = (sub: string) => at(sub.slice(0, 4));
        for (const sub of subs) expect(lineOf(sub), sub).toBeGreaterThan(groupLine);
        // The group label sits above its first level-2 label's column span, not elsewhere.
        const groupAt = lines[groupLine]?.indexOf(group) ?? -1;
        const firstSub = lines[lineOf(subs[0])]?.indexOf(subs[0].slice(0, 4)) ?? -1;
        const last = subs.at(-1) as string;
        const lastSub = lines[lineOf(last)]?.indexOf(last.slice(0, 4)) ?? -1;
        expect(groupAt).toBeGreaterThanOrEqual(firstSub - 2);
        expect(groupAt).toBeLessThanOrEqual(lastSub + 2);
      }
      if (i === 0) expect(page).toContain('彭水自治县经营性帮扶产业项目“四个一批”管理台账');
    }
    // Across then down: the footer ends the left half (it spans the first page's columns).
    expect(pages.filter((p) => p.includes('填表说明：'))).toHaveLength(1);
  }, 60_000);

  it('an old Excel 97-2003 (.xls) workbook is exit 2 with advice to save it as .xlsx', async () => {
    const template = tmp.path('旧格式.xlsx');
    await cli('template', '--out', template);
    const xls = convert(template, 'xls', tmp.path('xls'));
    const r = await cli('validate', xls, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^错误：.*旧版 Excel 97-2003（\.xls）文件.*另存为/u);
  }, 60_000);
});
