import { existsSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, load, merges, messyColumn, messyWorkbook, sha256, tempDir, text } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';

const tmp = tempDir();
const input = tmp.path('台账.xlsx');
const output = tmp.path('台账-标注.xlsx');
const SHEET = '台账（保家镇）';
let before: string;
let original: ExcelJS.Workbook;
let annotated: ExcelJS.Workbook;
let report: {
  issues: { row: number | null; cell: string | null; severity: string; message: string; ruleId: string }[];
  suggestions: { row: number; category: string | null }[];
};

beforeAll(async () => {
  await messyWorkbook(input, [
    project(0),
    project(1, { contact: '李四', investTotal: 99 }),
    project(2, { category: null }),
    variedProject(3),
  ]);
  before = sha256(input);
  const r = await cli('validate', input, '--json', '--annotate', output);
  expect(r.code).toBe(1);
  expect(r.err).toContain('已写入标注副本');
  report = JSON.parse(r.out);
  original = await load(input);
  annotated = await load(output);
});
afterAll(() => tmp.remove());

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const noteOf = (cell: ExcelJS.Cell) => {
  const note = cell.note as unknown;
  if (typeof note === 'string') return note;
  return ((note as { texts?: { text: string }[] })?.texts ?? []).map((t) => t.text).join('');
};

describe('validate --annotate', () => {
  it('never touches the input file', () => {
    expect(sha256(input)).toBe(before);
  });

  it('fills flagged cells (errors red-ish, warnings yellow-ish) with a note carrying their messages', () => {
    const ws = annotated.getWorksheet(SHEET) as ExcelJS.Worksheet;
    const phone = ws.getCell(`${messyColumn('contact')}6`);
    expect(fillOf(phone)).toBe('FFFFC7CE');
    const phoneIssue = report.issues.find((i) => i.ruleId === 'contact.phone');
    expect(noteOf(phone)).toContain(phoneIssue?.message);
    const blankCategory = ws.getCell('E7');
    expect(fillOf(blankCategory)).toBe('FFFFEB9C');
    expect(noteOf(blankCategory)).toContain('【提示】');
    // Every issue with a cell is marked on that cell.
    for (const issue of report.issues.filter((i) => i.cell)) {
      expect(noteOf(ws.getCell(issue.cell as string))).toContain(issue.message);
      expect(fillOf(ws.getCell(issue.cell as string))).toMatch(/^FF(FFC7CE|FFEB9C)$/u);
    }
    // An unflagged cell keeps no fill.
    expect(fillOf(ws.getCell('L5'))).toBeUndefined();
  });

  it('puts the suggested category as a note on each 四个一批分类 cell', () => {
    const ws = annotated.getWorksheet(SHEET) as ExcelJS.Worksheet;
    for (const s of report.suggestions) {
      const note = noteOf(ws.getCell(`E${s.row}`));
      expect(note).toContain('【分类建议】');
      if (s.category) expect(note).toContain(s.category);
    }
    expect(noteOf(ws.getCell('E8'))).toMatch(/【分类建议】重建（参照分类标准（六）2、3）/u);
  });

  it('adds a 校验结果 sheet listing every issue, linked to its cell', () => {
    const result = annotated.getWorksheet('校验结果') as ExcelJS.Worksheet;
    expect(result).toBeDefined();
    expect(['A3', 'B3', 'C3', 'D3', 'E3', 'F3', 'G3'].map((a) => text(result.getCell(a).value))).toEqual([
      '序号',
      '级别',
      '行号',
      '单元格',
      '栏目',
      '规则',
      '说明',
    ]);
    report.issues.forEach((issue, i) => {
      const row = result.getRow(4 + i);
      expect(text(row.getCell(7).value)).toBe(issue.message);
      expect(text(row.getCell(6).value)).toBe(issue.ruleId);
      if (issue.cell) {
        const link = row.getCell(4).value as ExcelJS.CellFormulaValue;
        expect(link.formula).toBe(`HYPERLINK("#'${SHEET}'!${issue.cell}","${issue.cell}")`);
        expect(link.result).toBe(issue.cell);
      }
    });
    expect(text(result.getRow(4 + report.issues.length).getCell(7).value)).toBe('');
  });

  it('keeps values, formats, merges, column widths, notes and the other sheets intact', () => {
    expect(annotated.worksheets.map((w) => w.name)).toEqual([...original.worksheets.map((w) => w.name), '校验结果']);
    for (const ws of original.worksheets) {
      const copy = annotated.getWorksheet(ws.name) as ExcelJS.Worksheet;
      expect(copy.state).toBe(ws.state);
      expect(merges(copy)).toEqual(merges(ws));
      for (let c = 1; c <= ws.columnCount; c++) expect(copy.getColumn(c).width).toBe(ws.getColumn(c).width);
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          const other = copy.getCell(r, c);
          expect(other.value).toEqual(cell.value);
          expect(other.numFmt).toEqual(cell.numFmt);
          // A cell without a font of its own shows the workbook default; a flagged one may get it spelled out.
          if (cell.font !== undefined) expect(other.font).toEqual(cell.font);
        });
      });
    }
    const ws = annotated.getWorksheet(SHEET) as ExcelJS.Worksheet;
    expect(noteOf(ws.getCell('B5'))).toBe('原有批注：请核实项目名称');
    expect(ws.getCell('B3').font).toMatchObject({ bold: true });
  });

  it('the annotated copy validates exactly like the original', async () => {
    const again = JSON.parse((await cli('validate', output, '--json')).out);
    expect({ ...again, file: null }).toEqual({ ...report, file: null });
  });

  it('annotating an annotated copy replaces its 校验结果 sheet instead of adding another', async () => {
    const twice = tmp.path('twice.xlsx');
    expect((await cli('validate', output, '--annotate', twice)).code).toBe(1);
    const wb = await load(twice);
    expect(wb.worksheets.filter((w) => w.name.startsWith('校验结果'))).toHaveLength(1);
  });

  it('refuses to write over the input or an existing file', async () => {
    const same = await cli('validate', input, '--annotate', input);
    expect(same.code).toBe(2);
    expect(same.err).toContain('不会覆盖原文件');
    expect(sha256(input)).toBe(before);
    const exists = await cli('validate', input, '--annotate', output);
    expect(exists.code).toBe(2);
    expect(exists.err).toContain('--force');
    const missingDir = tmp.path('no/such/dir/out.xlsx');
    const r = await cli('validate', input, '--annotate', missingDir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：无法写入/u);
    expect(existsSync(missingDir)).toBe(false);
  });
});
