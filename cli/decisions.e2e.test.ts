/**
 * The decision process end to end, outside the workerd pool: `wrangler dev` on loopback with a
 * fresh local D1; a unit submits and applies, the county exports the 审定结果 sheet, fills it in
 * (first with a bad row: nothing stored), imports it, lists the status; the ledger is then checked
 * against the approved categories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUnitSql, issueTokenSql } from '../scripts/admin-sql.js';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { applyMigrations, executeSql, freePort, startDev, stopDev, waitForServer } from '../scripts/wrangler.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { newToken } from '../worker/tokens.js';
import { cli } from './test/helpers.js';
import { writeLayout } from './workbook-write.js';

const PERIOD = '2026-W47';
let dir = '';
let base = '';
let dev: ReturnType<typeof startDev> | null = null;
let unitToken = '';
let county = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sgyp-dec-'));
  const state = join(dir, 'state');
  applyMigrations({ persistTo: state });
  const now = new Date();
  const u = await newToken();
  unitToken = u.token;
  const c = await newToken();
  county = c.token;
  executeSql(
    [
      addUnitSql('保家镇', '乡镇', now),
      issueTokenSql(u, '保家镇', 'e2e', now),
      issueTokenSql(c, null, 'e2e', now),
    ].join('\n'),
    { persistTo: state },
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = startDev({ port, persistTo: state, vars: { REQUEST_LOG: 'off' } });
  await waitForServer(`${base}/api/v1/me`, 90_000);
}, 120_000);

afterAll(async () => {
  if (dev) await stopDev(dev);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const asUnit = (...args: string[]) => cli(...args, '--server', base, '--token', unitToken);
const asCounty = (...args: string[]) => cli(...args, '--server', base, '--token', county);

describe('decisions from the command line', () => {
  it('apply → export → import (bad file refused whole, then good) → status → check', async () => {
    const ledgerFile = join(dir, '保家镇.xlsx');
    const generated = demoSubmission('保家镇', { period: PERIOD, rows: 4, cycle: true });
    const rows = generated.rows.map((r) => r.cells);
    await writeLayout(ledgerTemplate({ unit: '保家镇', updatedAt: '2026-11-18', records: rows }), ledgerFile);
    const submitted = await asUnit('submit', ledgerFile, '--period', PERIOD);
    expect(submitted.code, submitted.out + submitted.err).toBe(0);
    const codes = rows.map((r) => String(r.code));

    const applied = await asUnit('decisions', 'apply', ledgerFile, '--rows', '5-6');
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toContain(`已登记申请 2 个项目：${codes[0]}、${codes[1]}`);
    // The county cannot apply for a unit.
    const countyApplies = await asCounty('decisions', 'apply', ledgerFile, '--rows', '5');
    expect(countyApplies.code).toBe(2);
    expect(countyApplies.err).toContain('县级令牌不能代替单位申请');

    const sheet = join(dir, '审定结果.xlsx');
    const exported = await asCounty('decisions', 'export', '--out', sheet);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain('2 个已申请项目');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sheet);
    const ws = wb.getWorksheet('审定结果') as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '单位',
      '项目编号',
      '项目名称',
      '申请分类',
      '审定分类',
      '纪要号',
      '纪要日期',
      '批复文号',
      '批复日期',
      '公示开始日期',
    ]);
    expect(ws.getCell('B2').value).toBe(codes[0]);
    const other = rows[0]?.category === '重建' ? '盘活' : '重建';
    ws.getRow(2).values = [
      '保家镇',
      codes[0],
      null,
      null,
      other,
      '纪要5号',
      '2026-09-20',
      '彭振兴组发〔2026〕5号',
      '2026-09-22',
      '2026-09-29',
    ];
    ws.getRow(3).values = ['保家镇', codes[1], null, null, '改造', '纪要5号', '2026-09-20'];
    const bad = join(dir, '审定结果-错.xlsx');
    await wb.xlsx.writeFile(bad);
    const refused = await asCounty('decisions', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('审定结果有 1 行不能导入，整个文件未导入');
    expect(refused.out).toContain(`✗ 第3行（保家镇 ${codes[1]}）「审定分类」“改造”不对`);
    const before = JSON.parse((await asCounty('decisions', '--period', PERIOD, '--json')).out);
    expect(before.units[0].counts).toMatchObject({ 已申请: 2, 未申请: 2 });

    ws.getRow(3).values = ['保家镇', codes[1]];
    const good = join(dir, '审定结果-好.xlsx');
    await wb.xlsx.writeFile(good);
    const imported = await asCounty('decisions', 'import', good);
    expect(imported.code, imported.out + imported.err).toBe(0);
    expect(imported.out).toContain('新增记录 4 条');

    const status = await asCounty('decisions', '--period', PERIOD, '--as-of', '2026-10-09');
    expect(status.code).toBe(0);
    expect(status.out).toContain(`公示中  ${codes[0]}`);
    expect(status.out).toContain('公示至 2026-10-10');
    const listing = JSON.parse(
      (await asCounty('decisions', '--period', PERIOD, '--json', '--as-of', '2026-12-01')).out,
    );
    expect(listing.units[0].counts).toMatchObject({ 处置中: 1, 已申请: 1, 未申请: 2 });

    // The ledger still has the applied category: contradicts the 审定 → an error for submission.
    const check = await asUnit('decisions', 'check', ledgerFile, '--submission', '--json');
    expect(check.code).toBe(1);
    const issue = JSON.parse(check.out).issues.find((i: { ruleId: string }) => i.ruleId === 'category.unapproved');
    expect(issue).toMatchObject({ row: 5, severity: 'error' });
    expect(issue.message).toContain(`已审定为“${other}”（批复文号：彭振兴组发〔2026〕5号）`);
    const editing = await asUnit('decisions', 'check', ledgerFile, '--json');
    expect(
      JSON.parse(editing.out).issues.find((i: { ruleId: string }) => i.ruleId === 'category.unapproved').severity,
    ).toBe('warning');
  }, 180_000);

  it('archive: the county ticks a line, the unit sees it, the checklist prints', async () => {
    const ticked = await asCounty(
      'decisions',
      'archive',
      '--unit',
      '保家镇',
      '--tick',
      '9',
      '--date',
      '2026-11-20',
      '--note',
      '纸质',
    );
    expect(ticked.code, ticked.err).toBe(0);
    expect(ticked.out).toContain('保家镇 归档目录（乡镇（街道））：已收 1 / 6');
    expect(ticked.out).toContain(
      '☑  9 乡镇（街道）主管项目台账｜经营性帮扶产业项目“四个一批”管理台账（2026-11-20 收到） 纸质',
    );
    const outside = await asCounty('decisions', 'archive', '--unit', '保家镇', '--tick', '1', '--date', '2026-11-20');
    expect(outside.code).toBe(2);
    expect(outside.err).toContain('第 1 项不属于保家镇的归档目录');
    const byUnit = await asUnit('decisions', 'archive', '--tick', '9', '--date', '2026-11-20');
    expect(byUnit.code).toBe(2);
    expect(byUnit.err).toContain('仅限县级');
    const out = join(dir, '归档目录.xlsx');
    const seen = await asUnit('decisions', 'archive', '--out', out);
    expect(seen.code, seen.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('归档目录') as ExcelJS.Worksheet;
    expect(ws.getCell('B4').value).toBe('乡镇（街道）主管项目台账');
    expect(ws.getCell('C6').value).toBe('经营性帮扶产业项目“四个一批”管理台账');
    expect(ws.getCell('D6').value).toBe('已收（2026-11-20） 纸质');
    expect(ws.getCell('D5').value).toBeNull();
  }, 60_000);
});
