/**
 * Big ledgers without a browser: the stepwise engine gives the one-pass result, the worker's
 * messages put the report back together, issues group by rule and column, and the 校验结果 export
 * writes the CLI's builder output through both adapters, replacing only the sheet it wrote.
 */
import { describe, expect, it } from 'vitest';
import { checkLedger, drain } from '../../shared/index.js';
import { readLayout, readRecords } from '../../shared/ledger/read.js';
import { RESULT_SHEET_NAME, resultSheet } from '../../shared/result-sheet.js';
import { OutputAssembler, outputMessages } from '../engine/protocol.js';
import { chunkedEngine, inlineEngine } from '../engine/run.js';
import { CheckCancelled, checkSteps } from '../engine/steps.js';
import { createWorkbook } from '../excel.js';
import type { LedgerWorkbook } from '../host/types.js';
import { createWpsWorkbook } from '../host/wps/index.js';
import { groupByRule, shortMessage } from '../issue-groups.js';
import { exportIssues } from '../panels/export-issues.js';
import { fromLayout } from '../sheets.js';
import { isLedgerHeader, runCheck } from '../workflow.js';
import { cellValue, createFakeHost, type FakeWorkbook, fakeWorkbook } from './fake-host/index.js';
import { createWpsFake } from './fake-wps/index.js';
import { ledgerSheet } from './ledgers.js';

const input = (rows: number) => ({
  grid: ledgerSheet(rows),
  merges: [],
  origin: { row: 0, col: 0 },
  sheet: '台账',
  mode: 'editing' as const,
  now: new Date('2026-12-02T00:00:00Z'),
});

describe('the check in steps', () => {
  it('reports progress per chunk and gives the one-pass result, whatever the chunk', () => {
    const one = drain(checkSteps(input(1200), Number.POSITIVE_INFINITY));
    const steps = checkSteps(input(1200), 500);
    const seen: number[] = [];
    let next = steps.next();
    while (!next.done) {
      seen.push(next.value.done);
      next = steps.next();
    }
    expect(seen).toEqual([0, 500, 1000]);
    expect(next.value).toEqual(one);
    expect(one.report).toEqual(checkLedger(input(1200).grid, { fallbackUnit: '台账', now: input(1).now }));
  });

  it('the worker messages carry the report back without records, each slice small; records rebuilt when read', () => {
    const given = input(1000);
    const out = drain(checkSteps(given));
    const assembler = new OutputAssembler();
    let largest = 0;
    let sent = 0;
    for (const m of outputMessages(out)) {
      const copy = structuredClone(m);
      const size = JSON.stringify(copy).length;
      largest = Math.max(largest, size);
      sent += size;
      expect(m.type === 'part' ? Object.keys(JSON.parse(m.json)) : []).not.toContain('records');
      assembler.add(copy);
    }
    let rebuilt = 0;
    const back = assembler.result(() => {
      rebuilt++;
      return readRecords(readLayout(given.grid, { merges: given.merges, origin: given.origin })).records;
    });
    expect(rebuilt).toBe(0); // not until read
    // JSON keeps what a submission sends (blank cells simply absent)
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(out)));
    expect(rebuilt).toBe(1);
    expect(back.report.records).toBe(back.report.records); // built once
    expect(largest).toBeLessThan(400_000);
    // Less crosses than the whole report's JSON (which includes the records).
    expect(sent).toBeLessThan(JSON.stringify(out).length);
  });

  it('on the page: pauses between chunks, reports progress, and stops when cancelled', async () => {
    const progress: number[] = [];
    const out = await chunkedEngine(200)(input(1000), { progress: (done) => progress.push(done) });
    expect(progress).toEqual([0, 200, 400, 600, 800]);
    expect(out).toEqual(await inlineEngine(input(1000)));
    const controller = new AbortController();
    const run = chunkedEngine(200)(input(1000), {
      progress: (done) => {
        if (done >= 400) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(CheckCancelled);
  });
});

describe('issues grouped by rule and column', () => {
  const report = checkLedger(ledgerSheet(10000));

  it('one group per rule and column with its count, errors first', () => {
    const groups = groupByRule(report.issues);
    expect(groups.map((g) => g.title)).toEqual([
      '缺少有效联系电话 · 责任人及联系电话列 · 1,000 处',
      '未填四个一批分类 · 四个一批分类列 · 1,428 处',
    ]);
    expect(groupByRule(report.issues, true).map((g) => g.issues.length)).toEqual([1000]);
  });

  it('a row says neither its row nor its column again', () => {
    const issue = report.issues.find((i) => i.ruleId === 'contact.phone');
    expect(issue?.message).toMatch(/^第14行「责任人及联系电话」/u);
    expect(shortMessage(issue as NonNullable<typeof issue>)).toMatch(/^“王五”中没有有效电话/u);
  });
});

describe('导出问题清单到工作表', () => {
  const hosts: [string, (wb: FakeWorkbook) => LedgerWorkbook][] = [
    ['Office', (wb) => createWorkbook(createFakeHost(wb).host, { isLedgerHeader })],
    [
      'WPS',
      (wb) => {
        const fake = createWpsFake(wb);
        return createWpsWorkbook({ isLedgerHeader }, () => fake.application);
      },
    ],
  ];

  it.each(hosts)('%s: writes the builder’s rows, replaces its own sheet, never the clerk’s', async (_, open) => {
    const clerks = [['我自己的校验结果'], ['不要动']];
    const model = fakeWorkbook(
      [
        { name: '台账', cells: ledgerSheet(300) },
        { name: RESULT_SHEET_NAME, cells: clerks },
      ],
      '台账',
    );
    const wb = open(model);
    const session = await runCheck(wb, { mark: false });
    const at = new Date('2026-12-02T08:00:00Z');
    const written = await exportIssues(wb, session, at);
    expect(written).toEqual({ name: `${RESULT_SHEET_NAME} (2)`, replaced: false, clash: true });
    const first = written.name;
    const expected = fromLayout(resultSheet(session.report, '台账', at)).values;
    const sheetValues = () => {
      const sheet = model.sheets.find((s) => s.name === first);
      if (!sheet) return [];
      const width = Math.max(...expected.map((r) => r.length));
      return expected.map((_, r) => Array.from({ length: width }, (_, c) => cellValue(sheet, r, c)));
    };
    const blank = (v: unknown) => (v === null || v === undefined ? '' : v);
    const width = Math.max(...expected.map((r) => r.length));
    expect(sheetValues()).toEqual(expected.map((r) => Array.from({ length: width }, (_, c) => blank(r[c]))));
    // again, after the clerk fixed nothing: the same sheet, rewritten; the clerk's sheet as it was
    const again = await exportIssues(wb, session, at);
    expect(again).toEqual({ name: first, replaced: true, clash: true });
    expect(model.sheets.filter((s) => s.name.startsWith(RESULT_SHEET_NAME)).map((s) => s.name)).toEqual([
      RESULT_SHEET_NAME,
      `${RESULT_SHEET_NAME} (2)`,
    ]);
    const own = model.sheets.find((s) => s.name === RESULT_SHEET_NAME);
    expect([cellValue(own as never, 0, 0), cellValue(own as never, 1, 0)]).toEqual(['我自己的校验结果', '不要动']);
  });
});
