/**
 * End to end, outside the workerd pool: `wrangler dev` on loopback (free port, fresh local D1 in a
 * temporary directory), three generated unit workbooks submitted through cli/remote.ts, the summary
 * written as the 统计表 workbook, compared cell by cell with `cli aggregate --out` of the same files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUnitSql, issueTokenSql } from '../scripts/admin-sql.js';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { applyMigrations, executeSql, freePort, startDev, stopDev, waitForServer } from '../scripts/wrangler.js';
import { ledgerTemplate } from '../shared/layout.js';
import { newToken } from '../worker/tokens.js';
import { run } from './index.js';
import { fetchStatus, fetchSummary, ledgerSubmission, submitLedger, summaryWorkbook } from './remote.js';
import { openWorkbook, readSheet, writeLayout } from './workbook.js';

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
  it('submitted workbooks give the same 统计表 as cli aggregate of the same files', async () => {
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
      const submission = await ledgerSubmission(files[i] as string, PERIOD);
      expect(submission.meta.unit).toBe(unit);
      const first = await submitLedger(base, tokens.get(unit) ?? '', submission, `e2e-key-${i}`);
      expect(first.replayed).toBe(false);
      expect(first.receipt.rows).toBe(15 + i * 10);
      // A retry with the same key is answered with the first receipt.
      const again = await submitLedger(base, tokens.get(unit) ?? '', submission, `e2e-key-${i}`);
      expect(again).toEqual({ receipt: first.receipt, replayed: true });
    }

    const aggregateOut = join(dir, '汇总-aggregate.xlsx');
    const io = { out: () => {}, err: () => {}, progress: null, env: {} };
    const code = await run(['aggregate', ...files, '--period', PERIOD, '--date', TODAY, '--out', aggregateOut], io);
    expect(code).toBe(0);

    const summary = await fetchSummary(base, county, PERIOD);
    const summaryOut = join(dir, '汇总-server.xlsx');
    await writeLayout(summaryWorkbook(summary, { updatedAt: TODAY }), summaryOut);

    const [fromServer, fromFiles] = [await sheetGrid(summaryOut), await sheetGrid(aggregateOut)];
    expect(fromServer.length).toBeGreaterThan(5);
    expect(fromServer).toEqual(fromFiles);
    expect(summary.total.projects).toBe(15 + 25 + 35);

    const status = await fetchStatus(base, county, PERIOD);
    expect(status.counts).toEqual({ onTime: expect.any(Number), late: expect.any(Number), missing: 1 });
    expect(status.units.find((u) => u.unit === '高谷镇')?.status).toBe('missing');
  }, 120_000);
});
