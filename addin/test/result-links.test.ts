/**
 * 导出问题清单到工作表 in both adapters: each 单元格 cell of the 校验结果 sheet carries an
 * internal hyperlink to that cell of the ledger (Office `range.hyperlink`, WPS `Hyperlinks.Add`),
 * and the summary line promises the links only when the host can write them.
 */
import { describe, expect, it } from 'vitest';
import { RESULT_LINK_HINT, RESULT_SHEET_NAME } from '../../shared/result-sheet.js';
import { createWorkbook, type LedgerWorkbook } from '../excel.js';
import { createWpsWorkbook } from '../host/wps/index.js';
import { exportIssues } from '../panels/export-issues.js';
import { isLedgerHeader, runCheck } from '../workflow.js';
import { createFakeHost, type FakeSheet, type FakeWorkbook, fakeWorkbook } from './fake-host/index.js';
import { createWpsFake } from './fake-wps/index.js';
import { ledgerSheet } from './ledgers.js';

const ROWS = 60;

function book(): FakeWorkbook {
  return fakeWorkbook(
    [
      { name: '说明', cells: [['本工作簿说明']] },
      { name: '台账', cells: ledgerSheet(ROWS) },
    ],
    '台账',
  );
}

type Host = { name: string; make: () => { wb: LedgerWorkbook; workbook: FakeWorkbook } };

const hosts: Host[] = [
  {
    name: 'Office.js (fake host, ExcelApi 1.8)',
    make: () => {
      const fake = createFakeHost(book());
      return { wb: createWorkbook(fake.host, { isLedgerHeader }), workbook: fake.workbook };
    },
  },
  ...(['property', 'method'] as const).map((members) => ({
    name: `WPS (members as ${members})`,
    make: () => {
      const fake = createWpsFake(book(), { members });
      return { wb: createWpsWorkbook({ isLedgerHeader }, () => fake.application), workbook: fake.workbook };
    },
  })),
];

const sheetOf = (wb: FakeWorkbook, name: string) => wb.sheets.find((s) => s.name === name) as FakeSheet;

/** 0-based row/col of an A1 address. */
function position(cell: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/u.exec(cell);
  if (!m) throw new Error(`not an A1 address: ${cell}`);
  const col = [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, col };
}

describe.each(hosts)('校验结果 links in $name', ({ make }) => {
  it('each 单元格 cell links to its cell of the ledger, and the summary says so', async () => {
    const { wb, workbook } = make();
    const session = await runCheck(wb, { mark: false });
    expect(session.report.issues.length).toBeGreaterThan(5);
    const written = await exportIssues(wb, session);
    expect(written.name).toBe(RESULT_SHEET_NAME);
    const sheet = sheetOf(workbook, RESULT_SHEET_NAME);
    expect(String(sheet.cells[1]?.[0])).toContain(RESULT_LINK_HINT);

    const dataRows = sheet.cells.slice(3);
    const cellsListed = dataRows.filter((r) => typeof r?.[3] === 'string' && r[3] !== '');
    expect(cellsListed.length).toBe(session.report.issues.filter((i) => i.row !== null).length);
    const links = sheet.hyperlinks ?? [];
    expect(links).toHaveLength(cellsListed.length);
    for (const link of links) {
      const row = sheet.cells[link.row] as unknown[];
      expect(link.col).toBe(3); // the 单元格 column
      expect(link.text).toBe(row[3]);
      expect(link.target).toBe(`'台账'!${row[3]}`);
      // The linked cell is on the issue's row (行号 column) of the ledger.
      expect(position(String(row[3])).row + 1).toBe(row[2]);
    }
    // The links land on the cells the issues name: the phone column's 王五 in row 14, for example.
    const phone = links.find((l) => l.target === "'台账'!G14");
    expect(phone).toBeDefined();
    const ledger = sheetOf(workbook, '台账');
    const { row, col } = position('G14');
    expect(String(ledger.cells[row]?.[col])).toContain('王五');
  });
});

describe('校验结果 where the host cannot write links', () => {
  it('Office without ExcelApi 1.7: no links, and the summary does not promise them', async () => {
    const fake = createFakeHost(book(), { ExcelApi: '1.6' });
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    expect(wb.capabilities().links).toBe(false);
    const session = await runCheck(wb, { mark: false });
    await exportIssues(wb, session);
    const sheet = sheetOf(fake.workbook, RESULT_SHEET_NAME);
    expect(sheet.hyperlinks ?? []).toEqual([]);
    const summary = String(sheet.cells[1]?.[0]);
    expect(summary).toMatch(/^项目 60 个；错误 \d+ 个，提示 \d+ 个。校验时间：/u);
    expect(summary).not.toContain('跳到');
    // The 单元格 column still names each cell.
    expect(sheet.cells.slice(3).filter((r) => typeof r?.[3] === 'string').length).toBeGreaterThan(5);
  });

  it('the fake refuses range.hyperlink below ExcelApi 1.7 (so the adapter must not write it)', async () => {
    const fake = createFakeHost(book(), { ExcelApi: '1.6' });
    await expect(
      fake.host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('说明').getRangeByIndexes(0, 0, 1, 1).hyperlink = {
          documentReference: "'台账'!A1",
          textToDisplay: 'A1',
        };
        await ctx.sync();
      }),
    ).rejects.toThrow(/ExcelApi 1\.7/u);
  });
});
