import { describe, expect, it } from 'vitest';
import { COLUMNS, checkLedger } from '../../shared/index.js';
import {
  asCellValue,
  cellRuns,
  createWorkbook,
  freeName,
  MARKS_PREFIX,
  marksSheetName,
  OPTIONS_SHEET,
  sliceBySize,
} from '../excel.js';
import { dropdownPlan, isLedgerHeader, runCheck } from '../workflow.js';
import { cellValue, createFakeHost, type FakeHost, fakeWorkbook, formatSnapshot, newSheet } from './fake-host/index.js';
import { ledgerSheet } from './ledgers.js';

const FIVE_MB = 5 * 1024 * 1024;

function setup(rows: number, supported?: Record<string, string>): FakeHost & { wb: ReturnType<typeof createWorkbook> } {
  const fake = createFakeHost(
    fakeWorkbook(
      [
        { name: '说明', cells: [['本工作簿说明']] },
        { name: '台账', cells: ledgerSheet(rows) },
      ],
      '台账',
    ),
    supported,
  );
  return Object.assign(fake, { wb: createWorkbook(fake.host, { isLedgerHeader }) });
}

const formatOps = (f: FakeHost) => f.stats.ops.filter((o) => /^(format|cf|dv)\./u.test(o.kind));

describe('validation of a 10,000-row ledger against the fake host', () => {
  it('stays within the budget: ≤ 4 syncs, every request ≤ 5 MB, format ops independent of rows', async () => {
    const f = setup(10000);
    const session = await runCheck(f.wb);
    expect(session.report.rows).toHaveLength(10000);
    expect(session.report.errors).toBe(1000);
    expect(f.stats.syncs).toBeLessThanOrEqual(4);
    expect(Math.max(...f.stats.requests)).toBeLessThanOrEqual(FIVE_MB);
    expect(Math.max(...f.stats.responses)).toBeLessThanOrEqual(FIVE_MB);
    const small = setup(100);
    await runCheck(small.wb);
    expect(formatOps(f).length).toBe(formatOps(small).length);
    expect(formatOps(f).length).toBe(8); // 2 conditional formats × (add, formula, fill, font)
    // exactly one values assignment carries the flags
    const writes = f.stats.ops.filter((o) => o.kind === 'range.values' && o.target.startsWith(MARKS_PREFIX));
    expect(writes.length).toBe(2); // the owner-name cell and the flags grid
  });

  it('marks errors and warnings through a hidden flags sheet read by two conditional formats', async () => {
    const f = setup(30);
    const session = await runCheck(f.wb);
    const marks = f.workbook.sheets.find((s) => s.name === marksSheetName('台账'));
    expect(marks?.visibility).toBe('Hidden');
    const ledger = f.workbook.sheets.find((s) => s.name === '台账');
    expect(ledger?.conditionalFormats.map((cf) => cf.formula)).toEqual([
      `='${marksSheetName('台账')}'!A5=2`,
      `='${marksSheetName('台账')}'!A5=1`,
    ]);
    // row 10 (project 10) has a bad phone in 责任人及联系电话 (column G) → flag 2 at G of that row
    const issue = session.report.issues.find((i) => i.ruleId === 'contact.phone');
    expect(issue?.cell).toBe('G14');
    if (!marks) throw new Error('no marks sheet');
    expect(cellValue(marks, 13, 6)).toBe(2);
    // project 7: category missing is a warning in editing mode (column E, row 11)
    expect(cellValue(marks, 10, 4)).toBe(1);
    expect(cellValue(marks, 4, 0)).toBe(0);
  });

  it('mark + clear leaves every format exactly as it was, keeping the clerk’s own rules', async () => {
    const f = setup(50);
    const ledger = f.workbook.sheets[1];
    if (!ledger) throw new Error('no ledger');
    ledger.conditionalFormats.push({
      id: '{MINE}',
      rect: { top: 4, left: 1, rows: 50, cols: 1 },
      type: 'Custom',
      formula: '=B5=""',
      fill: '#00FF00',
      font: null,
    });
    ledger.validations.set('4,27', JSON.stringify({ list: { inCellDropDown: true, source: '是,否' } }));
    const before = formatSnapshot(f.workbook);
    await runCheck(f.wb);
    await runCheck(f.wb); // re-validating replaces the marks, never stacks them
    expect(ledger.conditionalFormats.filter((c) => c.formula.includes(MARKS_PREFIX))).toHaveLength(2);
    expect(formatSnapshot(f.workbook)).not.toBe(before);
    // a fresh adapter (pane reloaded) still finds its marks by their formula
    const again = createWorkbook(f.host, { isLedgerHeader });
    expect(await again.clearMarks()).toBe(1);
    expect(formatSnapshot(f.workbook)).toBe(before);
  });

  it('finds the ledger when the active sheet is not one, and reads header merges when ExcelApi 1.13 exists', async () => {
    const f = setup(20, { ExcelApi: '1.13' });
    f.workbook.active = '说明';
    f.workbook.sheets[1]?.merges.push({ top: 2, left: 8, rows: 1, cols: 3 });
    const grid = await f.wb.readLedger();
    expect(grid.sheet).toBe('台账');
    expect(grid.detected).toBe(true);
    expect(grid.merges).toEqual([{ top: 2, left: 8, bottom: 2, right: 10 }]);
    const plain = setup(20);
    expect(plain.wb.capabilities()).toEqual({ base: true, mergedAreas: false, links: true });
    expect((await plain.wb.readLedger()).merges).toEqual([]);
  });

  it('reads a sheet whose used range does not start at A1 and spans several chunks', async () => {
    const grid = ledgerSheet(12000).map((row) => [null, null, ...row]);
    const f = createFakeHost(fakeWorkbook([{ name: 'L', cells: [[], [], ...grid] }]));
    const wb = createWorkbook(f.host, { isLedgerHeader });
    const read = await wb.readLedger();
    expect(read.origin).toEqual({ row: 2, col: 2 });
    const report = checkLedger(read.grid, { origin: read.origin });
    expect(report.rows).toHaveLength(12000);
    expect(report.issues.find((i) => i.ruleId === 'contact.phone')?.cell).toBe('I16');
  });

  it('selects a cell after activating its sheet', async () => {
    const f = setup(5);
    f.workbook.active = '说明';
    await f.wb.selectCell('台账', 'G14');
    expect(f.workbook.selections).toEqual([{ sheet: '台账', address: 'G14' }]);
    expect(f.workbook.active).toBe('台账');
  });
});

describe('dropdowns', () => {
  it('puts list validation on the 8 enum columns only, lists on a hidden sheet', async () => {
    const f = setup(40);
    const ledger = f.workbook.sheets[1];
    if (!ledger) throw new Error('no ledger');
    ledger.validations.set('4,1', JSON.stringify({ custom: 'mine' }));
    const session = await runCheck(f.wb, { mark: false });
    const plan = dropdownPlan(session);
    expect(plan.columns).toHaveLength(8);
    f.reset();
    await f.wb.addDropdowns(session.ledger.sheet, plan.firstRow, plan.lastRow, plan.columns);
    expect(f.stats.syncs).toBe(2);
    const options = f.workbook.sheets.find((s) => s.name === OPTIONS_SHEET);
    expect(options?.visibility).toBe('Hidden');
    expect(cellValue(options as never, 0, 0)).toBe('四个一批分类');
    expect(cellValue(options as never, 1, 0)).toBe('巩固');
    expect(ledger.validations.get('4,1')).toBe(JSON.stringify({ custom: 'mine' }));
    const cols = new Set([...ledger.validations.keys()].map((k) => Number(k.split(',')[1])));
    const enumCols = COLUMNS.map((c, i) => (c.type === 'enum' ? i : -1)).filter((i) => i >= 0);
    expect([...cols].sort((a, b) => a - b)).toEqual([1, ...enumCols]);
    const category = JSON.parse(ledger.validations.get('4,4') ?? '{}');
    expect(category.list.source).toBe(`='${OPTIONS_SHEET}'!$A$2:$A$5`);
    expect(formatOps(f).length).toBe(3 * 8);
  });
});

describe('writing sheets and cells', () => {
  it('writes a new sheet under a free name, server text as values never formulas', async () => {
    const f = setup(3);
    const name = await f.wb.writeSheet({
      name: '台账',
      values: [['=HYPERLINK("x")', '+1', '-2', '@a', 'ok', 5]],
      merges: [{ top: 0, left: 0, rows: 1, cols: 2 }],
      columnWidths: [10, 20],
      chart: {
        type: 'ColumnStacked',
        data: { top: 0, left: 0, rows: 1, cols: 6 },
        title: '分类',
        anchor: { top: 3, left: 0, rows: 10, cols: 6 },
      },
    });
    expect(name).toBe('台账 (2)');
    const sheet = f.workbook.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error('no sheet');
    expect(sheet.cells[0]).toEqual(['=HYPERLINK("x")', '+1', '-2', '@a', 'ok', 5]);
    const unescaped = createFakeHost(fakeWorkbook([{ name: 'A' }]));
    await unescaped.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1').values = [['=1+1']];
    });
    expect(unescaped.workbook.sheets[0]?.cells[0]?.[0]).toEqual({ formula: '=1+1' });
    const write = f.stats.ops.find((o) => o.kind === 'range.values' && o.target.startsWith(name));
    expect(write).toBeDefined();
    expect(sheet.merges).toHaveLength(1);
    expect(sheet.charts[0]?.title).toBe('分类');
    expect(f.workbook.active).toBe(name);
  });

  it('updates its own sheet in place (hidden sheet-level name, same place), never the clerk’s sheet of that name', async () => {
    const f = setup(3);
    const spec = { name: '统计表-保家镇', values: [['第一次']] };
    expect(await f.wb.writeOwnedSheet(spec)).toEqual({ name: '统计表-保家镇', replaced: false, clash: false });
    f.workbook.sheets.push(newSheet('备注', [['我的备注']]));
    const order = f.workbook.sheets.map((s) => s.name);
    const syncs = f.stats.syncs;
    const again = await f.wb.writeOwnedSheet({ ...spec, values: [['第二次']] });
    expect(again).toEqual({ name: '统计表-保家镇', replaced: true, clash: false });
    expect(f.stats.syncs - syncs).toBeLessThanOrEqual(7); // a few batches, whatever the sheet holds
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(order);
    const own = f.workbook.sheets.find((s) => s.name === '统计表-保家镇');
    expect(own?.cells).toEqual([['第二次']]);
    expect(own?.names).toEqual([{ name: 'SGYP_PANE_SHEET', formula: '="统计表-保家镇"', visible: false }]);
    expect(f.workbook.active).toBe('统计表-保家镇');

    const g = setup(3);
    g.workbook.sheets.push(newSheet('统计表-保家镇', [['我自己的表']]));
    expect(await g.wb.writeOwnedSheet(spec)).toEqual({ name: '统计表-保家镇 (2)', replaced: false, clash: true });
    expect(await g.wb.writeOwnedSheet(spec)).toEqual({ name: '统计表-保家镇 (2)', replaced: true, clash: true });
    expect(g.workbook.sheets.find((s) => s.name === '统计表-保家镇')?.cells).toEqual([['我自己的表']]);
    expect(g.workbook.sheets.filter((s) => s.name.startsWith('统计表-'))).toHaveLength(2);
  });

  it('reads a rectangle of raw values, blanks as empty text', async () => {
    const f = setup(10);
    expect(await f.wb.readRange('台账', { top: 9, left: 4, rows: 3, cols: 1 })).toEqual([['巩固'], [''], ['巩固']]);
  });

  it('writes chosen cells as vertical runs', async () => {
    const f = setup(10);
    await f.wb.writeCells('台账', [
      { row: 5, col: 4, value: '提升' },
      { row: 4, col: 4, value: '巩固' },
      { row: 9, col: 4, value: '重建' },
    ]);
    expect(f.stats.ops.filter((o) => o.kind === 'range.values')).toHaveLength(2);
    const ledger = f.workbook.sheets[1];
    expect(ledger && [cellValue(ledger, 4, 4), cellValue(ledger, 5, 4), cellValue(ledger, 9, 4)]).toEqual([
      '巩固',
      '提升',
      '重建',
    ]);
  });

  it('helpers: escaping, slicing by size, runs, free names', () => {
    expect(asCellValue('=1+1')).toBe("'=1+1");
    expect(asCellValue('正常')).toBe('正常');
    expect(asCellValue(-3)).toBe(-3);
    const rows = Array.from({ length: 100 }, () => ['x'.repeat(100)]);
    const slices = sliceBySize(rows, 1000);
    expect(slices.length).toBeGreaterThan(10);
    expect(slices.flatMap((s) => s.rows)).toHaveLength(100);
    expect(
      cellRuns([
        { row: 1, col: 0, value: 1 },
        { row: 2, col: 0, value: 2 },
      ]),
    ).toHaveLength(1);
    expect(freeName('a', new Set(['a', 'a (2)']))).toBe('a (3)');
    expect(freeName('x'.repeat(40), new Set()).length).toBe(31);
  });

  it('the fake refuses to read unloaded properties and to select on an inactive sheet', async () => {
    const f = createFakeHost(fakeWorkbook([{ name: 'A' }, { name: 'B' }]));
    await expect(
      f.host.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('A').getRange('A1');
        return r.values;
      }),
    ).rejects.toThrow(/PropertyNotLoaded/u);
    await expect(
      f.host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('B').getRange('A1').select();
        await ctx.sync();
      }),
    ).rejects.toThrow(/InvalidSelection/u);
    f.workbook.sheets.push(newSheet('C'));
    expect(f.workbook.sheets).toHaveLength(3);
  });
});
