import { mkdirSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecords, mergeStats, STATS_HEADER, type StatsRow, statsCells, summarize } from '../shared/index.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { type Io, run } from './index.js';
import { statsJson } from './json.js';
import { cli, load, merges, messyWorkbook, tempDir, text } from './test/helpers.js';
import { type Project, project, variedProject } from './test/projects.js';
import { writeLayout } from './workbook-write.js';

const tmp = tempDir();
const folder = tmp.path('各单位');
/** What each readable file should contribute, computed by the core straight from the records. */
const expected: StatsRow[] = [];
/** The same for each of the four unit files alone. */
const perFile: StatsRow[] = [];

function expectedRow(unit: string, projects: readonly Project[]): StatsRow {
  const { rows } = checkRecords(projects.map((cells, i) => ({ row: i + 5, cells })));
  return summarize(unit, rows);
}

const units = ['保家镇', '郁山镇', '高谷镇', '县农业农村委'];
const errorRows = [project(0), project(1, { contact: '没有电话' })];

beforeAll(async () => {
  mkdirSync(`${folder}/第二批`, { recursive: true });
  for (const [u, unit] of units.entries()) {
    const projects = Array.from({ length: 7 + u * 3 }, (_, i) => variedProject(i, `U${u}`));
    await writeLayout(ledgerTemplate({ unit, records: projects, updatedAt: '2026-11-18' }), `${folder}/${unit}.xlsx`);
    expected.push(expectedRow(unit, projects));
    perFile.push(expectedRow(unit, projects));
  }
  // A second file of 保家镇 in a subfolder: merged into the same unit row.
  const more = Array.from({ length: 4 }, (_, i) => variedProject(i + 2, 'BJ2'));
  await writeLayout(ledgerTemplate({ unit: '保家镇', records: more }), `${folder}/第二批/保家镇-补报.xlsx`);
  expected[0] = mergeStats([expected[0] as StatsRow, expectedRow('保家镇', more)], '保家镇');
  // No 填报单位: the file name is the unit.
  const anonymous = [variedProject(3, 'NN'), variedProject(4, 'NN')];
  await writeLayout(ledgerTemplate({ records: anonymous }), `${folder}/普子镇.xlsx`);
  expected.push(expectedRow('普子镇', anonymous));
  // A clerk's messy workbook with a validation error.
  await messyWorkbook(`${folder}/桑柘镇.xlsx`, errorRows);
  // Not ledgers: an unreadable file, an Excel lock file and a text file (ignored: not .xlsx).
  writeFileSync(`${folder}/坏文件.xlsx`, '这不是工作簿');
  writeFileSync(`${folder}/~$保家镇.xlsx`, 'lock');
  writeFileSync(`${folder}/说明.txt`, '说明');
});
afterAll(() => tmp.remove());

describe('aggregate', () => {
  it('equals the core’s merge of the per-file rows; a bad file does not stop the rest', async () => {
    const r = await cli('aggregate', folder, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['units', 'total', 'files', 'notes']);
    const messy = expectedRow('保家镇人民政府', errorRows);
    const all = [expected[0], messy, ...expected.slice(1)] as StatsRow[];
    const byUnit = new Map(json.units.map((u: { unit: string }) => [u.unit, u]));
    expect(byUnit.size).toBe(6);
    for (const row of [...expected, messy]) expect(byUnit.get(row.unit)).toEqual(statsJson(row));
    expect(json.total).toEqual(statsJson(mergeStats(all)));
    expect(json.total.unit).toBe('合计');
    expect(json.total.projects).toBe(7 + 10 + 13 + 16 + 4 + 2 + 2);

    const files = json.files.map((f: { file: string }) => f.file.slice(folder.length + 1));
    expect(files.sort()).toEqual(
      [
        '县农业农村委.xlsx',
        '保家镇.xlsx',
        '坏文件.xlsx',
        '普子镇.xlsx',
        '桑柘镇.xlsx',
        '第二批/保家镇-补报.xlsx',
        '郁山镇.xlsx',
        '高谷镇.xlsx',
      ].sort(),
    );
    const bad = json.files.find((f: { file: string }) => f.file.endsWith('坏文件.xlsx'));
    expect(bad).toMatchObject({ unit: null, included: false, errors: 0 });
    expect(bad.problem).toContain('不是 Excel 工作簿');
    const flagged = json.files.find((f: { file: string }) => f.file.endsWith('桑柘镇.xlsx'));
    expect(flagged).toMatchObject({ unit: '保家镇人民政府', included: true });
    expect(flagged.errors).toBeGreaterThan(0);
    expect(flagged.problem).toContain('已计入');
    for (const f of json.files)
      expect(Object.keys(f)).toEqual(['file', 'unit', 'errors', 'warnings', 'unclassified', 'included', 'problem']);
    // The 说明 line names the ledger with errors that was counted (never silently).
    expect(json.notes.erroneous).toEqual([{ unit: '保家镇人民政府', errors: flagged.errors, included: true }]);
    expect(json.notes.unclassified).toBe(
      json.total.projects - Object.values(json.total.categories as Record<string, number>).reduce((a, b) => a + b, 0),
    );
    expect(json.notes.text).toContain(
      `以下单位的台账仍有错误，已计入本表、数字待核实：保家镇人民政府（${flagged.errors} 个错误）`,
    );
  });

  it('reads the same in one thread and in a pool of workers', async () => {
    const one = await cli('aggregate', folder, '--json', '--jobs', '1');
    const three = await cli('aggregate', folder, '--json', '--jobs', '3');
    expect(one.code).toBe(1);
    expect(three.out).toBe(one.out);
    expect((await cli('aggregate', folder, '--jobs', '0')).code).toBe(2);
  });

  it('--strict leaves out ledgers with errors', async () => {
    const r = await cli('aggregate', folder, '--json', '--strict');
    const json = JSON.parse(r.out);
    expect(json.units.map((u: { unit: string }) => u.unit)).not.toContain('保家镇人民政府');
    expect(json.total).toEqual(statsJson(mergeStats(expected)));
    expect(json.files.find((f: { file: string }) => f.file.endsWith('桑柘镇.xlsx'))).toMatchObject({ included: false });
    expect(json.notes.erroneous).toMatchObject([{ unit: '保家镇人民政府', included: false }]);
    expect(json.notes.text).toContain('以下单位的台账有错误，未计入本表：保家镇人民政府');
  });

  it('writes the 附件4 统计表: title, meta line, two-level merged header, one row per unit, 合计', async () => {
    const out = tmp.path('统计表.xlsx');
    const files = units.map((u) => `${folder}/${u}.xlsx`);
    const r = await cli('aggregate', ...files, '--out', out, '--period', '2026-W47', '--unit', '彭水自治县乡村振兴局');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已写入统计表');
    const ws = (await load(out)).getWorksheet('分类统计表') as ExcelJS.Worksheet;
    expect(text(ws.getCell('A1').value)).toBe('彭水自治县经营性帮扶产业项目“四个一批”分类统计表');
    const meta = Array.from({ length: 32 }, (_, c) => text(ws.getCell(2, c + 1).value)).join('');
    expect(meta).toContain('填报单位：彭水自治县乡村振兴局');
    expect(meta).toContain('报送期次：2026年第47周');
    const m = merges(ws);
    expect(m).toContain('A1:AF1');
    expect(m).toContain('A3:A4');
    expect(m).toContain('E3:H3'); // “四个一批”分类统计
    expect(m).toContain('I3:R3'); // 停产闲置原因 × 10
    expect(m).toContain('S3:S4'); // 生产经营遇到困难项目数
    expect(m).toContain('T3:AC3');
    expect(m).toContain('AD3:AF3');
    expect(text(ws.getCell('E3').value)).toBe('“四个一批”分类统计');
    expect(text(ws.getCell('H4').value)).toBe('另起炉灶(重建)项目');
    let col = 0;
    for (const h of STATS_HEADER) {
      expect(text(ws.getCell(3, col + 1).value)).toBe(h.label);
      h.subs?.forEach((s, i) => {
        expect(text(ws.getCell(4, col + i + 1).value)).toBe(s);
      });
      col += h.subs?.length ?? 1;
    }
    expect(col).toBe(32);
    const cells = (row: number) => Array.from({ length: 32 }, (_, c) => ws.getCell(row, c + 1).value ?? '');
    const rows = perFile.slice(0, 4);
    rows.forEach((row, i) => {
      expect(cells(5 + i)).toEqual(statsCells(row, i + 1));
    });
    expect(cells(9)).toEqual(statsCells(mergeStats(rows), null));
    expect(text(ws.getCell(9, 2).value)).toBe('合计');
    expect(ws.getCell(5, 3).numFmt).toBe('0.00');
    // The 说明 row under 合计, merged across the table, as the terminal prints it.
    expect(text(ws.getCell('A10').value)).toMatch(/^说明：项目均已分类：四类合计等于项目数 \d+ 个。$/u);
    expect(m).toContain('A10:AF10');
    expect(r.out).toContain(text(ws.getCell('A10').value));
  });

  it('no ledger at all is exit 2; an invalid period is exit 2; the output is never an input', async () => {
    const empty = tmp.path('空文件夹');
    mkdirSync(empty);
    const none = await cli('aggregate', empty);
    expect(none.code).toBe(2);
    expect(none.err).toContain('没有找到 .xlsx');
    const onlyBad = await cli('aggregate', `${folder}/坏文件.xlsx`);
    expect(onlyBad.code).toBe(2);
    expect(onlyBad.err).toMatch(/^错误：没有可汇总的台账/u);
    expect((await cli('aggregate', folder, '--period', '2026-W60')).code).toBe(2);
    const self = await cli('aggregate', `${folder}/郁山镇.xlsx`, '--out', `${folder}/郁山镇.xlsx`);
    expect(self.code).toBe(2);
  });

  it('shows a progress bar when given a terminal', async () => {
    let drawn = '';
    const terminal = new Writable({
      write(chunk, _encoding, done) {
        drawn += String(chunk);
        done();
      },
    });
    Object.assign(terminal, { isTTY: true, columns: 120 });
    const io: Io = { out: () => {}, err: () => {}, progress: terminal, env: {} };
    expect(await run(['aggregate', folder, '--json'], io)).toBe(1);
    expect(drawn).toContain('汇总中');
    expect(drawn).toContain('8/8');
  });

  it('prints a readable table without --json', async () => {
    const r = await cli('aggregate', folder);
    expect(r.out).toMatch(/^地区\t项目数\t投资（万元）/u);
    expect(r.out).toContain('合计\t54\t');
    expect(r.out).toContain('共读取 8 个文件，计入 7 个，单位 6 个。');
    expect(r.out).toMatch(
      /\n说明：.*以下单位的台账仍有错误，已计入本表、数字待核实：保家镇人民政府（\d+ 个错误）。\n/u,
    );
    expect(r.out.split('\n')[0]).toBe(
      '地区\t项目数\t投资（万元）\t巩固\t提升\t盘活\t重建\t停产闲置率\t经营困难率\t未按约定联农带农率',
    );
    expect(r.out).toMatch(/坏文件\.xlsx：.*不是 Excel 工作簿/u);
  });
});
