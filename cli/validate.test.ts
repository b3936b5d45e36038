import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, load, messyColumn, messyWorkbook, tempDir } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';

const tmp = tempDir();
const file = tmp.path('保家镇台账.xlsx');

/** Rows 5–10 of the messy sheet. */
const projects = [
  project(0),
  variedProject(1),
  project(2, { contact: '李四' }),
  project(3, { investTotal: 100, investSpecial: 40, investOther: 10 }),
  project(4, { category: null }),
  { ...variedProject(7), category: '提升' },
];

beforeAll(async () => {
  await messyWorkbook(file, projects);
});
afterAll(() => tmp.remove());

describe('validate on a workbook as clerks send it', () => {
  it('prints exactly the JSON contract', async () => {
    const r = await cli('validate', file, '--json');
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      'file',
      'sheet',
      'unit',
      'reportDate',
      'projects',
      'issues',
      'issuesTotal',
      'suggestions',
      'summary',
    ]);
    expect(json.file).toBe(file);
    expect(json.sheet).toBe('台账（保家镇）');
    expect(json.unit).toBe('保家镇人民政府');
    expect(json.reportDate).toBe('2026-11-18');
    // Placeholder rows, the 合计 row and anything after 填表说明 are not projects.
    expect(json.projects).toBe(6);
    for (const issue of json.issues)
      expect(Object.keys(issue)).toEqual(['row', 'field', 'cell', 'ruleId', 'severity', 'message']);
    expect(json.suggestions).toHaveLength(6);
    for (const s of json.suggestions)
      expect(Object.keys(s)).toEqual(['row', 'entered', 'category', 'ruleId', 'clause']);
    expect(json.suggestions.map((s: { row: number }) => s.row)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(Object.keys(json.summary)).toEqual([
      'unit',
      'investment',
      'projects',
      'categories',
      'idleCauses',
      'difficultProjects',
      'difficultCauses',
      'linkageShortfalls',
      'rates',
    ]);
    expect(json.summary.unit).toBe('保家镇人民政府');
    expect(json.summary.categories).toEqual({ 巩固: 3, 提升: 2, 盘活: 0, 重建: 0 });
    expect(r.code).toBe(1);
  });

  it('maps columns by label despite line breaks, typos and an extra column, and names the right cells', async () => {
    const json = JSON.parse((await cli('validate', file, '--json')).out);
    const find = (ruleId: string) => json.issues.filter((i: { ruleId: string }) => i.ruleId === ruleId);
    expect(find('contact.phone')).toEqual([
      expect.objectContaining({ row: 7, field: 'contact', cell: `${messyColumn('contact')}7`, severity: 'error' }),
    ]);
    expect(find('invest.sum')).toEqual([
      expect.objectContaining({ row: 8, field: 'investTotal', cell: 'I8', severity: 'error' }),
    ]);
    expect(find('category.missing')).toEqual([
      expect.objectContaining({ row: 9, field: 'category', cell: 'E9', severity: 'warning' }),
    ]);
    const mismatch = find('category.mismatch');
    expect(mismatch).toEqual([expect.objectContaining({ row: 10, cell: 'E10', severity: 'warning' })]);
    expect(mismatch[0].message).toContain('盘活');
    // The 合计 row (小计 off by 1) is checked against the sums, never counted.
    expect(find('total.mismatch').length).toBeGreaterThan(0);
    // 处置整改进展情况 (typo 外置…) sits after the extra 村名 column: no missing-column issue at all.
    expect(find('header.missing-column')).toEqual([]);
    const suggestion = json.suggestions.find((s: { row: number }) => s.row === 10);
    expect(suggestion).toEqual({
      row: 10,
      entered: '提升',
      category: '盘活',
      ruleId: 'classify.revitalize',
      clause: '（五）',
    });
  });

  it('prints a readable Chinese report grouped by row, errors before warnings, counts at the end', async () => {
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toContain('台账（保家镇）');
    expect(lines[1]).toContain('填报单位：保家镇人民政府');
    const row7 = lines.findIndex((l) => l.startsWith('第7行'));
    const row8 = lines.findIndex((l) => l.startsWith('第8行'));
    expect(row7).toBeGreaterThan(0);
    expect(row8).toBeGreaterThan(row7);
    expect(lines[row7 + 1]).toMatch(/✗ 错误 \[G7\].*电话/u);
    const groupedRows = lines.filter((l) => /^第\d+行/u.test(l)).map((l) => Number(/^第(\d+)行/u.exec(l)?.[1]));
    expect(groupedRows).toEqual([...groupedRows].sort((a, b) => a - b));
    // Within every row group, no error line follows a warning line.
    let seenWarning = false;
    for (const line of lines) {
      if (/^第\d+行/u.test(line)) seenWarning = false;
      if (line.startsWith('  ! ')) seenWarning = true;
      if (line.startsWith('  ✗ ')) expect(seenWarning).toBe(false);
    }
    const json = JSON.parse((await cli('validate', file, '--json')).out);
    const errors = json.issues.filter((i: { severity: string }) => i.severity === 'error').length;
    const warnings = json.issues.length - errors;
    expect(lines.at(-1)).toBe(`共 6 个项目；错误 ${errors} 个，提示 ${warnings} 个。有错误，请按上面的说明修改。`);
  });

  it('a cell merged down over several projects counts for each of them', async () => {
    const merged = tmp.path('merged.xlsx');
    await messyWorkbook(merged, [project(0), project(1), project(2)]);
    const wb = await load(merged);
    const ws = wb.getWorksheet('台账（保家镇）') as ExcelJS.Worksheet;
    for (const r of [6, 7]) ws.getCell(`F${r}`).value = null;
    ws.mergeCells('F5:F7');
    await wb.xlsx.writeFile(merged);
    const json = JSON.parse((await cli('validate', merged, '--json')).out);
    expect(json.issues.filter((i: { field: string }) => i.field === 'unit')).toEqual([]);
    expect(json.projects).toBe(3);
  });

  it('--submission makes a blank category an error', async () => {
    const editing = JSON.parse((await cli('validate', file, '--json')).out);
    const submission = JSON.parse((await cli('validate', file, '--json', '--submission')).out);
    const missing = (j: { issues: { ruleId: string; severity: string }[] }) =>
      j.issues.filter((i) => i.ruleId === 'category.missing').map((i) => i.severity);
    expect(missing(editing)).toEqual(['warning']);
    expect(missing(submission)).toEqual(['error']);
  });

  it('a ledger with no errors exits 0', async () => {
    const clean = tmp.path('clean.xlsx');
    await messyWorkbook(clean, [project(0), variedProject(1), variedProject(2)]);
    const r = await cli('validate', clean, '--json');
    const json = JSON.parse(r.out);
    expect(json.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('--sheet chooses the sheet; an unknown or non-ledger sheet is exit 2 with the reason', async () => {
    expect((await cli('validate', file, '--sheet', '台账（保家镇）', '--json')).code).toBe(1);
    const unknown = await cli('validate', file, '--sheet', '不存在');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe('');
    expect(unknown.err).toMatch(/^错误：.*没有名为“不存在”的工作表.*“填报说明”/u);
    const notLedger = await cli('validate', file, '--sheet', '统计表');
    expect(notLedger.code).toBe(2);
    expect(notLedger.err).toContain('不是管理台账');
  });

  it('usage mistakes exit 2, help exits 0 in Chinese and English', async () => {
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('validate', file, '--bogus')).code).toBe(2);
    const help = await cli('validate', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('校验一个台账工作簿');
    expect(help.out).toContain('Validate one ledger workbook');
    const top = await cli('--help');
    expect(top.out).toMatch(/template[\s\S]*生成空白标准台账（附件5）/u);
    expect(top.out).toMatch(/aggregate[\s\S]*add up ledgers into the 统计表/u);
  });
});
