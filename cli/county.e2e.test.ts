/**
 * The county's Thursday commands end to end, outside the workerd pool: `wrangler dev` on loopback
 * with a fresh local D1, units with contacts, ledgers sent with `cli submit`, then `status --json`
 * (the contract scripts rely on), `accept` → `submit` exits 1 with 已确认 → `reopen` → `submit` 0,
 * `close`, `audit`, and `trend --json` / `trend --out` (an .xlsx with a line chart, which
 * LibreOffice reads back as a chart).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUnitSql, issueTokenSql, unitContactSql } from '../scripts/admin-sql.js';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { applyMigrations, executeSql, freePort, startDev, stopDev, waitForServer } from '../scripts/wrangler.js';
import { parsePeriod } from '../shared/index.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { newToken } from '../worker/tokens.js';
import { cli } from './test/helpers.js';
import { writeLayout } from './workbook-write.js';

const PERIOD = '2026-W47';
const BEFORE = '2026-W46';
const UNITS = ['保家镇', '郁山镇', '高谷镇'] as const;

let dir = '';
let base = '';
let dev: ReturnType<typeof startDev> | null = null;
const tokens = new Map<string, string>();
let county = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sgyp-county-'));
  const state = join(dir, 'state');
  applyMigrations({ persistTo: state });
  const now = new Date();
  const statements: string[] = [];
  for (const [i, unit] of UNITS.entries()) {
    const t = await newToken();
    tokens.set(unit, t.token);
    statements.push(
      addUnitSql(unit, '乡镇', now),
      issueTokenSql(t, unit, 'e2e', now),
      unitContactSql(unit, `联系人${i + 1}`, `1380000000${i}`),
    );
  }
  const c = await newToken();
  county = c.token;
  statements.push(issueTokenSql(c, null, '县乡村振兴局 张科长', now));
  executeSql(statements.join('\n'), { persistTo: state });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = startDev({ port, persistTo: state, vars: { REQUEST_LOG: 'off' } });
  await waitForServer(`${base}/api/v1/me`, 90_000);
}, 120_000);

afterAll(async () => {
  if (dev) await stopDev(dev);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const server = () => ['--server', base, '--token', county];

async function ledgerFile(unit: string, period: string, rows: number, seed = 0): Promise<string> {
  const file = join(dir, `${unit}-${period}-${rows}-${seed}.xlsx`);
  const generated = demoSubmission(unit, { period, rows, seed });
  await writeLayout(
    ledgerTemplate({ unit, updatedAt: '2026-11-18', records: generated.rows.map((r) => r.cells) }),
    file,
  );
  return file;
}

async function submitAs(unit: string, period: string, rows: number, seed = 0) {
  const file = await ledgerFile(unit, period, rows, seed);
  return cli('submit', file, '--period', period, '--server', base, '--token', tokens.get(unit) ?? '');
}

describe('the Thursday commands against the county service', () => {
  it('status --json keeps its contract; accept locks submit (exit 1, 已确认) until reopen', async () => {
    for (const p of [BEFORE, PERIOD]) {
      expect((await submitAs('保家镇', p, 6)).code).toBe(0);
      expect((await submitAs('郁山镇', p, 4)).code).toBe(0);
    }

    // week over week in the dry run: one project fewer and other investments → warnings, not a refusal
    const dryFile = await ledgerFile('保家镇', PERIOD, 5, 2);
    const dry = await cli(
      'submit',
      dryFile,
      '--period',
      PERIOD,
      '--dry-run',
      '--server',
      base,
      '--token',
      tokens.get('保家镇') ?? '',
    );
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('减少了 1 个项目');
    expect(dry.out).toContain('项目实际投入变化');
    const same = await cli(
      'submit',
      await ledgerFile('保家镇', PERIOD, 6),
      '--period',
      PERIOD,
      '--dry-run',
      '--server',
      base,
      '--token',
      tokens.get('保家镇') ?? '',
    );
    expect(same.out).not.toContain('! 提示');

    const s = await cli('status', '--period', PERIOD, '--json', ...server());
    expect(s.code, s.err).toBe(0);
    const board = JSON.parse(s.out);
    expect(board).toMatchObject({
      period: PERIOD,
      deadline: parsePeriod(PERIOD)?.due.toISOString(),
      expected: 3,
      reportingRate: 0.6667,
    });
    const onTime = board.units.filter((u: { status: string }) => u.status === 'on-time').length;
    expect(board.timelinessRate).toBe(Math.round((onTime / 3) * 10000) / 10000);
    for (const u of board.units)
      expect(Object.keys(u)).toEqual(expect.arrayContaining(['unit', 'status', 'receivedAt', 'accepted', 'contact']));
    expect(board.units.find((u: { unit: string }) => u.unit === '高谷镇')).toMatchObject({
      status: 'missing',
      receivedAt: null,
      accepted: null,
      contact: { name: '联系人3', phone: '13800000002' },
    });
    const text = await cli('status', '--period', PERIOD, ...server());
    expect(text.out).toContain('报送率 66.7%');
    expect(text.out).toMatch(/催报名单（1 个单位）：\n {2}高谷镇 {2}联系人3 13800000002/u);

    const accepted = await cli('accept', '--period', PERIOD, '--unit', '保家镇', ...server());
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.out).toContain('已确认：保家镇');
    const locked = await submitAs('保家镇', PERIOD, 7, 3);
    expect(locked.code).toBe(1);
    expect(locked.out).toContain('已确认');
    expect(locked.out).toContain('县乡村振兴局 张科长');
    // near miss: another unit, and the same unit in another period, are not locked
    expect((await submitAs('郁山镇', PERIOD, 5, 1)).code).toBe(0);
    expect((await submitAs('保家镇', '2026-W48', 3)).code).toBe(0);
    const after = JSON.parse((await cli('status', '--period', PERIOD, '--json', ...server())).out);
    expect(after.units.find((u: { unit: string }) => u.unit === '保家镇').accepted).toMatchObject({
      by: '县乡村振兴局 张科长',
      current: true,
    });

    expect((await cli('reopen', '--period', PERIOD, '--unit', '保家镇', ...server())).code).toBe(0);
    expect((await submitAs('保家镇', PERIOD, 7, 3)).code).toBe(0);
    // a unit token cannot accept (exit 2, the server's 403 message)
    const denied = await cli(
      'accept',
      '--period',
      PERIOD,
      '--unit',
      '郁山镇',
      '--server',
      base,
      '--token',
      tokens.get('郁山镇') ?? '',
    );
    expect(denied.code).toBe(2);
    expect(denied.err).toContain('仅限县级');
  }, 120_000);

  it('close refuses a time before the deadline; after closing, submit exits 1; audit lists who and when', async () => {
    const early = await cli('close', '--period', PERIOD, '--at', '2026-11-19T15:00:00+08:00', ...server());
    expect(early.code).toBe(2);
    expect(early.err).toContain('早于本期截止时间');
    expect((await cli('close', '--period', PERIOD, '--at', 'tomorrow', ...server())).code).toBe(2);
    const closed = await cli('close', '--period', PERIOD, ...server());
    expect(closed.code, closed.err).toBe(0);
    const refused = await submitAs('郁山镇', PERIOD, 6, 2);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('截止收报');
    expect((await cli('exception', '--period', PERIOD, '--unit', '郁山镇', ...server())).code).toBe(0);
    expect((await submitAs('郁山镇', PERIOD, 6, 2)).code).toBe(0);

    const audit = JSON.parse((await cli('audit', '--period', PERIOD, '--json', ...server())).out);
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['accept', 'reopen', 'close', 'exception']);
    expect(audit.entries.every((e: { by: { label: string } }) => e.by.label === '县乡村振兴局 张科长')).toBe(true);
    const text = await cli('audit', '--period', PERIOD, ...server());
    expect(text.out).toMatch(/确认 {2}保家镇/u);
  }, 120_000);

  it('trend --json and trend --out: the rates per period and an .xlsx with a line chart', async () => {
    const json = await cli('trend', '--from', BEFORE, '--to', '2026-W48', '--json', ...server());
    expect(json.code, json.err).toBe(0);
    const t = JSON.parse(json.out);
    expect(t.periods).toEqual([BEFORE, PERIOD, '2026-W48']);
    expect(t.county.map((p: { reported: number }) => p.reported)).toEqual([2, 2, 1]);
    expect(t.county[2].reportingRate).toBe(0.3333);
    expect(t.units.find((u: { unit: string }) => u.unit === '高谷镇').series[0]).toMatchObject({
      status: 'missing',
      rates: null,
    });

    const bad = await cli('trend', '--from', '2026-W48', '--to', BEFORE, ...server());
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('晚于结束期次');

    const out = join(dir, '趋势.xlsx');
    const r = await cli('trend', '--from', BEFORE, '--to', '2026-W48', '--out', out, ...server());
    expect(r.code, r.err).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const chart = await zip.file('xl/charts/chart1.xml')?.async('string');
    expect(chart).toBeDefined();
    const doc = new DOMParser().parseFromString(chart ?? '', 'text/xml');
    expect(doc.getElementsByTagName('c:lineChart').length).toBe(1);
    const refs = Array.from(doc.getElementsByTagName('c:f')).map((f) => f.textContent);
    expect(refs).toContain("'调度趋势'!$B$4:$B$6");
    expect(refs).toContain("'调度趋势'!$A$4:$A$6");
    expect(doc.getElementsByTagName('c:ser').length).toBe(5);
    expect(await zip.file('xl/worksheets/sheet1.xml')?.async('string')).toMatch(/<drawing r:id="rIdChart1"\/>/u);
    expect(await zip.file('[Content_Types].xml')?.async('string')).toContain('/xl/charts/chart1.xml');
    // refused: an existing output without --force
    expect((await cli('trend', '--from', BEFORE, '--to', PERIOD, '--out', out, ...server())).code).toBe(2);

    // LibreOffice reads the chart back (it rewrites the workbook with its own chart part).
    if (spawnSync('which', ['soffice']).status === 0) {
      const outDir = join(dir, 'lo');
      spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'xlsx',
          '--outdir',
          outDir,
          out,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      const back = join(outDir, basename(out));
      expect(existsSync(back)).toBe(true);
      const lo = await JSZip.loadAsync(readFileSync(back));
      const charts = Object.keys(lo.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/u.test(f));
      expect(charts.length).toBe(1);
      const loChart = await lo.file(charts[0] ?? '')?.async('string');
      expect(loChart).toContain('lineChart');
      expect(loChart).toContain('$B$4:$B$6');
    }
  }, 180_000);
});
