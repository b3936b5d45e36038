import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import officeCrypto from 'officecrypto-tool';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cli, fillTemplate, messyWorkbook, tempDir } from './test/helpers.js';
import { project } from './test/projects.js';
import { openWorkbook } from './workbook.js';

const tmp = tempDir();
const good = tmp.path('good.xlsx');

beforeAll(async () => {
  expect((await cli('template', '--out', good)).code).toBe(0);
});
afterAll(() => tmp.remove());

/** Each bad file, and the words its one-line reason must contain. */
const cases: { name: string; make: (file: string) => Promise<void> | void; reason: RegExp }[] = [
  {
    name: 'a text file renamed .xlsx',
    make: (f) => writeFileSync(f, '项目名称,项目编号\n蔬菜基地,PS-1\n'),
    reason: /不是 Excel 工作簿/u,
  },
  {
    name: 'a truncated zip',
    make: (f) => {
      const bytes = readFileSync(good);
      writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
    reason: /已损坏或不完整/u,
  },
  { name: 'an empty (0-byte) file', make: (f) => writeFileSync(f, ''), reason: /空文件/u },
  {
    name: 'an empty workbook',
    make: async (f) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1');
      await wb.xlsx.writeFile(f);
    },
    reason: /空工作簿/u,
  },
  {
    name: 'a workbook with no ledger sheet',
    make: async (f) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('通知');
      ws.getCell('A1').value = '关于报送经营性帮扶产业项目的通知';
      ws.getCell('A3').value = '姓名';
      ws.getCell('B3').value = '电话';
      await wb.xlsx.writeFile(f);
    },
    reason: /找不到管理台账.*“通知”/u,
  },
  {
    name: 'a password-protected (encrypted) workbook',
    make: async (f) => {
      writeFileSync(f, await officeCrypto.encrypt(readFileSync(good), { password: '123456' }));
    },
    reason: /设置了打开密码/u,
  },
  {
    name: 'a zip that is not a workbook',
    make: async (f) => {
      // An .xlsx is a zip; a zip without a workbook inside must not pass either.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.writeFile(f);
    },
    reason: /没有任何工作表|空工作簿/u,
  },
  { name: 'a missing file', make: () => undefined, reason: /找不到文件/u },
];

describe('unreadable files: exit 2, one Chinese line on stderr, nothing written', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const file = tmp.path(`${c.name}.xlsx`);
      await c.make(file);
      const out = tmp.path(`${c.name}-标注.xlsx`);
      const r = await cli('validate', file, '--annotate', out);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^错误：[^\n]+\n$/u);
      expect(r.err).toMatch(c.reason);
      expect(existsSync(out)).toBe(false);
      const json = await cli('validate', file, '--json');
      expect(json.code).toBe(2);
      expect(json.out).toBe('');
    });
  }

  it('the real executable prints no stack trace and exits 2', () => {
    const file = tmp.path('renamed.xlsx');
    writeFileSync(file, 'just text');
    const r = bin('validate', file, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\bat\s|Error:/u);
  });

  it('the real executable exits 1 on errors and 0 on a clean ledger', async () => {
    const clean = tmp.path('clean.xlsx');
    await fillTemplate(good, clean, [project(0)], { unit: '保家镇', updatedAt: '2026-11-19' });
    expect(bin('validate', clean, '--submission').code).toBe(0);
    // The blank template has no project: ledger.empty, an error (issue 10, item 9).
    const blank = bin('validate', good, '--submission', '--json');
    expect(blank.code).toBe(1);
    expect(JSON.parse(blank.out).issues.map((i: { ruleId: string }) => i.ruleId)).toEqual([
      'meta.unit-missing',
      'ledger.empty',
    ]);
    const bad = tmp.path('bad.xlsx');
    await messyWorkbook(bad, [project(0, { contact: '李四' })]);
    const r = bin('validate', bad, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).issues.some((i: { ruleId: string }) => i.ruleId === 'contact.phone')).toBe(true);
  });

  it('whole-column validations stay one rule each when read (ExcelJS alone expands them per cell)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ['序号', '项目名称', '项目编号', '实施年度', '四个一批分类', '责任单位', '产业类型'].forEach((label, i) => {
      ws.getCell(3, i + 1).value = label;
    });
    const validations = (ws as unknown as { dataValidations: { add(a: string, v: object): void } }).dataValidations;
    for (const col of ['E', 'F', 'G']) {
      validations.add(`${col}1:${col}1048576`, { type: 'list', allowBlank: true, formulae: ['"巩固,提升,盘活,重建"'] });
    }
    const file = tmp.path('whole-column.xlsx');
    await wb.xlsx.writeFile(file);
    const book = await openWorkbook(file);
    const model = (book.workbook.getWorksheet('台账') as unknown as { dataValidations: { model: object } })
      .dataValidations.model;
    expect(Object.keys(model).sort()).toEqual(['E1:E1048576', 'F1:F1048576', 'G1:G1048576']);
    const r = await cli('validate', file, '--json');
    expect(r.code).toBe(1); // required columns are missing
    expect(JSON.parse(r.out).issues.some((i: { ruleId: string }) => i.ruleId === 'header.missing-column')).toBe(true);
  });
});
