/** Sheets written through the adapter: the 附件5 template (shared/layout.ts) and 统计表 sheets. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLayout } from '../../cli/workbook-write.js';
import { checkLedger, emptyStats, mergeStats, statsCells } from '../../shared/index.js';
import { ledgerTemplate } from '../../shared/layout/ledger-sheet.js';
import { statsSheet as statsLayout } from '../../shared/layout/stats-sheet.js';
import { LIST_SHEET_NAME, type SheetLayout } from '../../shared/layout.js';
import { createWorkbook, OPTIONS_SHEET } from '../excel.js';
import { fromLayout, ledgerTemplateSheets, ratesSheet, statsSheet } from '../sheets.js';
import { dropdownPlan, isLedgerHeader, runCheck } from '../workflow.js';
import { cellValue, createFakeHost, type FakeSheet, fakeWorkbook } from './fake-host/index.js';
import { ledgerSheet } from './ledgers.js';

const grid = (cells: unknown[][]) => cells.map((r) => Array.from(r ?? [], (v) => (v === undefined ? null : v)));

describe('插入标准台账', () => {
  it('writes the hidden list sheet and a ledger the engine recognises, with dropdowns pointing at the lists', async () => {
    const fake = createFakeHost(fakeWorkbook([{ name: 'Sheet1' }]));
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    const names: string[] = [];
    for (const spec of ledgerTemplateSheets()) names.push(await wb.writeSheet(spec));
    expect(OPTIONS_SHEET).toBe(LIST_SHEET_NAME);
    expect(names).toEqual([LIST_SHEET_NAME, '管理台账']);
    const list = fake.workbook.sheets.find((s) => s.name === LIST_SHEET_NAME);
    expect(list?.visibility).toBe('Hidden');
    const ledger = fake.workbook.sheets.find((s) => s.name === '管理台账');
    if (!ledger) throw new Error('no ledger sheet');
    expect(fake.workbook.active).toBe('管理台账');
    const report = checkLedger(grid(ledger.cells));
    expect(report.header?.labelRow).toBe(3);
    expect(report.issues.filter((i) => i.ruleId.startsWith('header'))).toEqual([]);
    const category = JSON.parse(ledger.validations.get('4,4') ?? '{}');
    expect(category.list.source).toBe(`='${LIST_SHEET_NAME}'!$A$2:$A$5`);
    expect(cellValue(list as never, 1, 0)).toBe('巩固');
    expect(ledger.merges.length).toBe(ledgerTemplate().sheets[0]?.merges.length);
    expect(ledger.frozen).toEqual({ rows: 4, cols: 3 });

    // A second insert reuses the list sheet and names the new ledger freely.
    for (const spec of ledgerTemplateSheets()) names.push(await wb.writeSheet(spec));
    expect(names.slice(2)).toEqual([LIST_SHEET_NAME, '管理台账 (2)']);
    expect(fake.workbook.sheets.filter((s) => s.name === LIST_SHEET_NAME)).toHaveLength(1);
  });

  it('下拉选项 on a clerk’s ledger writes the same list sheet the template uses', async () => {
    const fake = createFakeHost(fakeWorkbook([{ name: '台账', cells: ledgerSheet(10) }]));
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    const session = await runCheck(wb, { mark: false });
    const plan = dropdownPlan(session);
    await wb.addDropdowns('台账', plan.firstRow, plan.lastRow, plan.columns);
    const list = fake.workbook.sheets.find((s) => s.name === LIST_SHEET_NAME);
    const expected = ledgerTemplate()
      .sheets.find((s) => s.name === LIST_SHEET_NAME)
      ?.rows.map((r) => r.cells);
    const written = expected?.map((row, r) => row.map((_, c) => cellValue(list as never, r, c)));
    expect(written).toEqual(expected?.map((row) => row.map((v) => v ?? '')));
    // the data region ends above the 填表说明 footer
    expect(plan.lastRow).toBe(4 + 10 - 1);
  });
});

describe('统计表 sheets', () => {
  it('writes 附件4 with one line per unit and the 合计 line, as values', async () => {
    const fake = createFakeHost(fakeWorkbook([{ name: '台账', cells: ledgerSheet(20) }]));
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    const session = await runCheck(wb, { mark: false });
    const a = session.report.summary;
    const b = { ...a, unit: '=HYPERLINK("http://x")' };
    const name = await wb.writeSheet(statsSheet([a, b], { name: '统计表' }));
    const sheet = fake.workbook.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error('no sheet');
    expect(sheet.cells[4]?.slice(0, 32)).toEqual(statsCells(a, 1));
    expect(sheet.cells[5]?.[1]).toBe('=HYPERLINK("http://x")'); // text, not { formula } (escaped with a leading ')
    const write = fake.stats.ops.find((o) => o.kind === 'range.values' && o.target.startsWith(name));
    expect(write).toBeDefined();
    expect(sheet.cells[6]?.slice(0, 32)).toEqual(statsCells(mergeStats([a, b]), null));
  });

  it('rates sheet: one line per unit + 合计, percent formats, a stacked chart over units × categories', () => {
    const s = {
      ...emptyStats('保家镇'),
      projects: 4,
      categories: { 巩固: 1, 提升: 1, 盘活: 1, 重建: 1 },
      rates: { idle: 0.25, difficult: 0.25, linkage: 0.5 },
    };
    const spec = ratesSheet([s], { name: '比率', period: '2026-W47', total: s });
    expect(spec.values[2]).toEqual(['保家镇', 1, 1, 1, 1, 4, 0.25, 0.25, 0.5]);
    expect(spec.values[3]?.[0]).toBe('合计');
    expect(spec.chart?.data).toEqual({ top: 1, left: 0, rows: 2, cols: 5 });
    expect(spec.numberFormats?.[0]?.format).toBe('0.00%');
    expect(fromLayout(ledgerTemplate().sheets[0] as never).hidden).toBe(false);
  });
});

/** The look of a cell as the fake host recorded it: the last write of each property over the cell. */
function paneLook(sheet: FakeSheet, row: number, col: number) {
  const last = (prop: string) =>
    sheet.formats
      .filter(
        (f) =>
          f.prop === prop &&
          row >= f.rect.top &&
          row < f.rect.top + f.rect.rows &&
          col >= f.rect.left &&
          col < f.rect.left + f.rect.cols,
      )
      .at(-1)?.value;
  return {
    bold: last('font.bold') === true,
    size: last('font.size'),
    center: last('horizontalAlignment') === 'Center',
    wrap: last('wrapText') === true,
    border: last('border.EdgeTop.style') === 'Continuous',
    numberFormat: ((last('numberFormat') as unknown[][] | undefined)?.[0]?.[0] as string | undefined) ?? null,
  };
}

/** The same through ExcelJS, as the CLI wrote it. */
function cliLook(cell: ExcelJS.Cell) {
  return {
    bold: cell.font?.bold === true,
    size: cell.font?.size,
    center: cell.alignment?.horizontal === 'center',
    wrap: cell.alignment?.wrapText === true,
    border: cell.border?.top?.style === 'thin',
    numberFormat: cell.numFmt || null,
  };
}

describe('one look for both writers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sige-look-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the pane and the CLI draw every row of 附件5 and 附件4 with the same font size, bold, centring, wrap, borders and number format', async () => {
    const s = { ...emptyStats('保家镇'), projects: 2 };
    const layouts: SheetLayout[] = [
      ledgerTemplate({ blankRows: 3 }).sheets[0] as SheetLayout,
      statsLayout({ rows: [s], total: mergeStats([s]), notes: '说明：测试' }),
    ];
    const file = join(dir, 'look.xlsx');
    await writeLayout({ sheets: layouts }, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const fake = createFakeHost(fakeWorkbook([{ name: 'Sheet1' }]));
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    for (const layout of layouts) {
      const name = await wb.writeSheet(fromLayout(layout));
      const pane = fake.workbook.sheets.find((x) => x.name === name) as FakeSheet;
      const cli = book.getWorksheet(layout.name) as ExcelJS.Worksheet;
      const roles = new Set<string>();
      layout.rows.forEach((row, r) => {
        roles.add(row.role);
        // the first column, and a money column of the data rows (a number format)
        const cols = [0, layout.numberFormats.findIndex((f) => f !== null)].filter((c) => c >= 0);
        for (const c of cols)
          expect(paneLook(pane, r, c), `${layout.name} row ${r + 1} (${row.role}) column ${c + 1}`).toEqual(
            cliLook(cli.getCell(r + 1, c + 1)),
          );
      });
      expect(roles.size).toBeGreaterThanOrEqual(5);
    }
  });
});
