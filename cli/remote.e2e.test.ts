/**
 * End to end, outside the workerd pool: `wrangler dev` on loopback (free port, fresh local D1 in a
 * temporary directory), three generated unit workbooks sent with `cli submit`, the county table
 * fetched with `cli summary --out`, compared cell by cell with `cli aggregate --out` of the same files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUnitSql, issueTokenSql } from '../scripts/admin-sql.js';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { applyMigrations, executeSql, freePort, startDev, stopDev, waitForServer } from '../scripts/wrangler.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { newToken } from '../worker/tokens.js';
import { fetchSummary } from './remote.js';
import { cli } from './test/helpers.js';
import { openWorkbook, readSheet } from './workbook.js';
import { writeLayout } from './workbook-write.js';

const PERIOD = '2026-W47';
const UNITS = ['保家镇', '郁山镇', '县农业农村委'] as const;
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

let dir = '';
let base = '';
let dev: ReturnType<typeof startDev> | null = null;
const tokens = new Map<string, string>();
let county = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sgyp-e2e-'));
  const state = join(dir, 'state');
  applyMigrations({ persistTo: state });
  const now = new Date();
  const statements: string[] = [];
  for (const unit of [...UNITS, '高谷镇']) {
    const t = await newToken();
    tokens.set(unit, t.token);
    statements.push(addUnitSql(unit, unit.startsWith('县') ? '部门' : '乡镇', now), issueTokenSql(t, unit, 'e2e', now));
  }
  const c = await newToken();
  county = c.token;
  statements.push(issueTokenSql(c, null, 'e2e', now));
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

async function sheetGrid(file: string): Promise<unknown[][]> {
  const book = await openWorkbook(file);
  const sheet = readSheet(book, book.workbook.worksheets[0]?.name ?? '');
  return sheet.grid;
}

describe('CLI ↔ county service', () => {
  it('cli submit of three workbooks, then cli summary --out, equals cli aggregate of the same files', async () => {
    const files: string[] = [];
    for (const [i, unit] of UNITS.entries()) {
      const file = join(dir, `${String(i + 1).padStart(2, '0')}-${unit}.xlsx`);
      const generated = demoSubmission(unit, { period: PERIOD, rows: 15 + i * 10 });
      await writeLayout(
        ledgerTemplate({ unit, updatedAt: '2026-11-18', records: generated.rows.map((r) => r.cells) }),
        file,
      );
      files.push(file);
    }

    for (const [i, unit] of UNITS.entries()) {
      const submit = [
        'submit',
        files[i] as string,
        '--period',
        PERIOD,
        '--server',
        base,
        '--token',
        tokens.get(unit) ?? '',
      ];
      const first = await cli(...submit, '--json');
      expect(first.code, first.err).toBe(0);
      const receipt = JSON.parse(first.out) as { unit: string; rows: number; replayed: boolean; id: string };
      expect(receipt).toMatchObject({ unit, rows: 15 + i * 10, replayed: false });
      // Every run is a new submission (a fresh Idempotency-Key); the county counts the latest.
      const again = await cli(...submit);
      expect(again.code).toBe(0);
      expect(again.out).toContain('报送成功');
      expect(again.out).not.toContain(receipt.id);
      if (i === 0) {
        // Submit A, then B, then A again: the third is stored and the county counts A.
        const a = readFileSync(files[0] as string);
        const b = demoSubmission(unit, { period: PERIOD, rows: 3 });
        await writeLayout(
          ledgerTemplate({ unit, updatedAt: '2026-11-18', records: b.rows.map((r) => r.cells) }),
          files[0] as string,
        );
        expect((await cli(...submit)).out).toContain('项目 3 个');
        writeFileSync(files[0] as string, a);
        const third = await cli(...submit, '--json');
        expect(JSON.parse(third.out)).toMatchObject({ rows: 15, replayed: false });
      }
    }

    const aggregateOut = join(dir, '汇总-aggregate.xlsx');
    const aggregate = await cli('aggregate', ...files, '--period', PERIOD, '--date', TODAY, '--out', aggregateOut);
    expect(aggregate.code, aggregate.err).toBe(0);

    const summaryOut = join(dir, '汇总-server.xlsx');
    const summary = await cli('summary', '--period', PERIOD, '--out', summaryOut, '--server', base, '--token', county);
    expect(summary.code, summary.err).toBe(0);
    expect(summary.out).toContain(`已写入统计表：${summaryOut}`);

    // The tables agree; each 说明 line says what its own table leaves out (spec §5), so it is compared apart.
    const _table = (grid: unknown[][]) => grid.filter((row) => !String(row[0] ?? '').startsWith('说明：'));
    const [fromServer, fromFiles] = [await sheetGrid(summaryOut), await sheetGrid(aggregateOut)];
    expect(fromServer.length).toBeGreaterThan(5);
    // The county table has a row for every registered unit: 高谷镇 has not reported (未报, no
    // figures); 合计 says how many it covers; a 说明 line follows. The rest equals aggregate's.
    const missing = fromServer.findIndex((r) => r[1] === '高谷镇');
    expect(fromServer[missing]?.[2]).toBe('未报');
    const totalAt = fromServer.findIndex((r) => String(r[1]).startsWith('合计'));
    expect(fromServer[totalAt]?.[1]).toBe('合计（已报 3 / 应报 4 个单位）');
    expect(String(fromServer[totalAt + 1]?.[0])).toContain('未报 1 个（高谷镇）');
    const comparable = fromServer
      .filter((_, i) => i !== missing && i <= totalAt)
      .map((r, i, all) => (i === all.length - 1 ? [r[0], '合计', ...r.slice(2)] : r));
    expect(comparable).toEqual(fromFiles.slice(0, comparable.length));
    expect(String(fromFiles.at(-1)?.[0])).toMatch(/^说明：项目均已分类/u);
    const total = await fetchSummary(base, county, PERIOD);
    expect(total.total.projects).toBe(15 + 25 + 35);

    const status = await cli('status', '--period', PERIOD, '--json', '--server', base, '--token', county);
    expect(status.code).toBe(0);
    const board = JSON.parse(status.out) as {
      expected: number;
      missing: number;
      units: { unit: string; status: string }[];
    };
    expect(board).toMatchObject({ expected: 4, missing: 1 });
    expect(board.units.find((u) => u.unit === '高谷镇')?.status).toBe('missing');
  }, 120_000);
});
