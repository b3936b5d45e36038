/**
 * The WPS adapter against the behavioural ET fake, in both member styles (properties, and the
 * zero-argument methods of some WPS builds): same outcomes as the Office adapter's tests, plus the
 * WPS budget (calls into the object model do not grow with the rows) and the WPS quirks.
 */
import { describe, expect, it } from 'vitest';
import { COLUMNS, checkLedger } from '../../shared/index.js';
import { MARKS_PREFIX, marksSheetName, OPTIONS_SHEET } from '../host/common.js';
import { toGrid } from '../host/wps/et.js';
import { createWpsWorkbook } from '../host/wps/index.js';
import { markFormula } from '../host/wps/marks.js';
import { ledgerTemplateSheets, statsSheet } from '../sheets.js';
import { randomUUID } from '../uuid.js';
import { categoryWrites, differingSuggestions, dropdownPlan, isLedgerHeader, runCheck } from '../workflow.js';
import { settingsStore } from '../wps/compat.js';
import { cellValue, fakeWorkbook, formatSnapshot, newSheet } from './fake-host/index.js';
import { createWpsFake, type WpsFake } from './fake-wps/index.js';
import { ledgerSheet } from './ledgers.js';

type Members = 'property' | 'method';

function setup(rows: number, members: Members): WpsFake & { wb: ReturnType<typeof createWpsWorkbook> } {
  const fake = createWpsFake(
    fakeWorkbook(
      [
        { name: '说明', cells: [['本工作簿说明']] },
        { name: '台账', cells: ledgerSheet(rows) },
      ],
      '台账',
    ),
    { members },
  );
  return Object.assign(fake, { wb: createWpsWorkbook({ isLedgerHeader }, () => fake.application) });
}

describe.each<Members>(['property', 'method'])('WPS adapter, members as %s', (members) => {
  it('validates 10,000 rows with as many object-model calls as 100 rows, writing flags in blocks', async () => {
    const big = setup(10000, members);
    const session = await runCheck(big.wb);
    expect(session.report.rows).toHaveLength(10000);
    expect(session.report.errors).toBe(1000);
    const small = setup(100, members);
    await runCheck(small.wb);
    // Reads and flag writes go in blocks of 150,000 cells: 10,000 × 30 columns is two or three blocks.
    expect(big.stats.calls - small.stats.calls).toBeLessThanOrEqual(4);
    expect(big.stats.calls).toBeLessThan(150);
    expect(big.stats.byMember['FormatConditions.Add()']).toBe(2);
    expect(big.stats.byMember['Range.Value2=']).toBeLessThanOrEqual(4);
    // never per cell: no format write outside the two conditional formats
    expect(Object.keys(big.stats.byMember).filter((k) => /^Range\.(Interior|Font|Borders)/u.test(k))).toEqual([]);
  });

  it('marks through a hidden flags sheet and two expression formats, keeps the active sheet', async () => {
    const f = setup(30, members);
    f.workbook.active = '台账';
    const session = await runCheck(f.wb);
    const marks = f.workbook.sheets.find((s) => s.name === marksSheetName('台账'));
    expect(marks?.visibility).toBe('Hidden');
    const ledger = f.workbook.sheets.find((s) => s.name === '台账');
    expect(ledger?.conditionalFormats.map((cf) => [cf.formula, cf.fill, cf.font])).toEqual([
      [markFormula(marksSheetName('台账'), 2), '#FFC7CE', '#9C0006'],
      [markFormula(marksSheetName('台账'), 1), '#FFEB9C', '#9C5700'],
    ]);
    expect(ledger?.conditionalFormats[0]?.rect).toEqual(session.plan?.region);
    if (!marks) throw new Error('no marks sheet');
    expect(cellValue(marks, 0, 0)).toBe('台账');
    expect(cellValue(marks, 13, 6)).toBe(2); // bad phone of project 10 at G14
    expect(cellValue(marks, 10, 4)).toBe(1); // category missing of project 7 at E11
    expect(cellValue(marks, 4, 0)).toBe(0);
    expect(f.workbook.active).toBe('台账'); // Worksheets.Add activated the flags sheet; we moved back
    expect(f.displayAlerts).toBe(true); // restored after the quiet delete
  });

  it('mark + clear restores every format exactly, keeping the clerk’s own rules', async () => {
    const f = setup(50, members);
    const ledger = f.workbook.sheets[1];
    if (!ledger) throw new Error('no ledger');
    ledger.conditionalFormats.push({
      id: '{MINE}',
      rect: { top: 4, left: 1, rows: 50, cols: 1 },
      type: 'Expression',
      formula: '=B5=""',
      fill: '#00FF00',
      font: null,
    });
    const before = formatSnapshot(f.workbook);
    const active = f.workbook.active;
    await runCheck(f.wb);
    await runCheck(f.wb); // re-validating replaces the marks, never stacks them
    expect(ledger.conditionalFormats.filter((c) => c.formula.includes(MARKS_PREFIX))).toHaveLength(2);
    expect(formatSnapshot(f.workbook)).not.toBe(before);
    const again = createWpsWorkbook({ isLedgerHeader }, () => f.application);
    expect(await again.clearMarks()).toBe(1);
    expect(formatSnapshot(f.workbook)).toBe(before);
    expect(f.workbook.active).toBe(active);
    expect(await again.clearMarks()).toBe(0);
  });

  it('finds the ledger when the active sheet is not one, and its header merges by halving blocks', async () => {
    const f = setup(20, members);
    f.workbook.active = '说明';
    const ledger = f.workbook.sheets[1];
    ledger?.merges.push({ top: 2, left: 8, rows: 1, cols: 3 }, { top: 0, left: 0, rows: 1, cols: 30 });
    f.reset();
    const grid = await f.wb.readLedger();
    expect(grid.sheet).toBe('台账');
    expect(grid.detected).toBe(true);
    expect(grid.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 29 },
      { top: 2, left: 8, bottom: 2, right: 10 },
    ]);
    expect(f.stats.byMember['Range.MergeCells'] ?? 0).toBeLessThan(60); // not one per header cell (22 × 30)
    // near miss: a sheet without merges costs one MergeCells call
    const plain = setup(20, members);
    plain.reset();
    expect((await plain.wb.readLedger()).merges).toEqual([]);
    expect(plain.stats.byMember['Range.MergeCells']).toBe(1);
  });

  it('finds every merge of the official 附件5 header with calls bounded by the header, not the rows', async () => {
    const template = ledgerTemplateSheets().find((spec) => !spec.hidden);
    const merges = template?.merges ?? [];
    expect(merges.length).toBeGreaterThan(10);
    const counts: number[] = [];
    for (const rows of [100, 5000]) {
      const f = setup(rows, members);
      f.workbook.sheets[1]?.merges.push(...merges);
      f.reset();
      const grid = await f.wb.readLedger();
      expect(grid.merges).toEqual(
        merges
          .filter((m) => m.top < 22) // the header block: rows 1–22, as the Office adapter reads
          .map((m) => ({ top: m.top, left: m.left, bottom: m.top + m.rows - 1, right: m.left + m.cols - 1 }))
          .sort((a, b) => a.top - b.top || a.left - b.left),
      );
      counts.push((f.stats.byMember['Range.MergeCells'] ?? 0) + (f.stats.byMember['Range.MergeArea'] ?? 0));
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThan(200); // 22 merged areas in a 22 × 28 header (616 cells)
  });

  it('reads a used range that does not start at A1 over several blocks', async () => {
    const grid = ledgerSheet(12000).map((row) => [null, null, ...row]);
    const f = createWpsFake(fakeWorkbook([{ name: 'L', cells: [[], [], ...grid] }]), { members });
    const wb = createWpsWorkbook({ isLedgerHeader }, () => f.application);
    const read = await wb.readLedger();
    expect(read.origin).toEqual({ row: 2, col: 2 });
    const report = checkLedger(read.grid, { origin: read.origin });
    expect(report.rows).toHaveLength(12000);
    expect(report.issues.find((i) => i.ruleId === 'contact.phone')?.cell).toBe('I16');
  });

  it('selects a cell after activating its sheet', async () => {
    const f = setup(5, members);
    f.workbook.active = '说明';
    await f.wb.selectCell('台账', 'G14');
    expect(f.workbook.selections).toEqual([{ sheet: '台账', address: 'G14' }]);
    expect(f.workbook.active).toBe('台账');
  });

  it('puts list validation on the 8 enum columns only, lists on a hidden sheet', async () => {
    const f = setup(40, members);
    const ledger = f.workbook.sheets[1];
    if (!ledger) throw new Error('no ledger');
    ledger.validations.set('4,1', JSON.stringify({ custom: 'mine' }));
    const session = await runCheck(f.wb, { mark: false });
    const plan = dropdownPlan(session);
    await f.wb.addDropdowns(session.ledger.sheet, plan.firstRow, plan.lastRow, plan.columns);
    const options = f.workbook.sheets.find((s) => s.name === OPTIONS_SHEET);
    expect(options?.visibility).toBe('Hidden');
    expect(cellValue(options as never, 0, 0)).toBe('四个一批分类');
    expect(cellValue(options as never, 1, 0)).toBe('巩固');
    expect(ledger.validations.get('4,1')).toBe(JSON.stringify({ custom: 'mine' }));
    const cols = new Set([...ledger.validations.keys()].map((k) => Number(k.split(',')[1])));
    const enumCols = COLUMNS.map((c, i) => (c.type === 'enum' ? i : -1)).filter((i) => i >= 0);
    expect([...cols].sort((a, b) => a - b)).toEqual([1, ...enumCols]);
    const category = JSON.parse(ledger.validations.get('4,4') ?? '{}');
    expect(category.list).toEqual({ inCellDropDown: true, source: `='${OPTIONS_SHEET}'!$A$2:$A$5` });
    expect(category.errorAlert).toMatchObject({ showAlert: true, style: 'Warning', title: '四个一批分类' });
    // again: Validation.Add on a range that has one fails in WPS, so the adapter deletes first
    await f.wb.addDropdowns(session.ledger.sheet, plan.firstRow, plan.lastRow, plan.columns);
    expect(f.workbook.sheets.filter((s) => s.name === OPTIONS_SHEET)).toHaveLength(1);
  });

  it('adopts suggested categories as vertical runs, and refuses once the clerk switched workbooks', async () => {
    const f = setup(30, members);
    const session = await runCheck(f.wb);
    const writes = categoryWrites(session, differingSuggestions(session.report));
    await f.wb.writeCells(session.ledger.sheet, writes);
    expect(cellValue(f.workbook.sheets[1] as never, 10, 4)).toBe('巩固');
    // the task pane outlives a window switch: the next write must not land in another workbook
    f.books.push({ name: '别的.xlsx', fullName: 'D:\\别的.xlsx', workbook: fakeWorkbook([{ name: '台账' }]) });
    f.activeBook = 1;
    await expect(f.wb.writeCells(session.ledger.sheet, writes)).rejects.toThrow(/不是刚才校验的工作簿「台账.xlsx」/u);
    expect(f.books[1]?.workbook.sheets[0]?.cells).toEqual([]);
    f.activeBook = 0;
    await expect(f.wb.writeCells(session.ledger.sheet, writes)).resolves.toBeUndefined();
  });

  it('updates its own 统计表 in place (hidden sheet-level name), never the clerk’s sheet of that name', async () => {
    const f = setup(3, members);
    const session = await runCheck(f.wb, { mark: false });
    const stats = session.report.summary;
    const spec = () => statsSheet([stats], { name: `统计表-${stats.unit}`, unit: stats.unit });
    expect(await f.wb.writeOwnedSheet(spec())).toEqual({ name: '统计表-保家镇', replaced: false, clash: false });
    f.workbook.sheets.push(newSheet('备注', [['我的备注']]));
    const order = f.workbook.sheets.map((s) => s.name);
    expect(await f.wb.writeOwnedSheet(spec())).toEqual({ name: '统计表-保家镇', replaced: true, clash: false });
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(order);
    const own = f.workbook.sheets.find((s) => s.name === '统计表-保家镇');
    expect(own?.names).toEqual([{ name: 'SGYP_PANE_SHEET', formula: '="统计表-保家镇"', visible: false }]);
    expect(own?.cells[4]?.slice(0, 2)).toEqual([1, '保家镇']);
    expect(f.workbook.active).toBe('统计表-保家镇');
    expect(f.displayAlerts).toBe(true);
    // a clerk's sheet under the name (no mark) is left; the table goes next to it, and is updated there
    const g = setup(3, members);
    g.workbook.sheets.push(newSheet('统计表-保家镇', [['我自己的表']]));
    expect(await g.wb.writeOwnedSheet(spec())).toEqual({ name: '统计表-保家镇 (2)', replaced: false, clash: true });
    expect(await g.wb.writeOwnedSheet(spec())).toEqual({ name: '统计表-保家镇 (2)', replaced: true, clash: true });
    expect(g.workbook.sheets.find((s) => s.name === '统计表-保家镇')?.cells).toEqual([['我自己的表']]);
    expect(g.workbook.sheets.filter((s) => s.name.startsWith('统计表-'))).toHaveLength(2);
  });

  it('reads a rectangle of raw values, blanks as empty text', async () => {
    const f = setup(10, members);
    const grid = await f.wb.readRange('台账', { top: 9, left: 4, rows: 3, cols: 1 });
    expect(grid).toEqual([['巩固'], [''], ['巩固']]);
  });

  it('writes a new 统计表 sheet under a free name with merges, widths in characters and a chart', async () => {
    const f = setup(3, members);
    f.workbook.sheets.push(newSheet('统计表-保家镇'));
    const session = await runCheck(f.wb, { mark: false });
    const stats = session.report.summary;
    const name = await f.wb.writeSheet(statsSheet([stats], { name: `统计表-${stats.unit}`, unit: stats.unit }));
    expect(name).toBe('统计表-保家镇 (2)');
    const sheet = f.workbook.sheets.find((s) => s.name === name);
    expect(sheet?.cells[4]?.slice(0, 2)).toEqual([1, '保家镇']);
    expect(sheet?.merges.length).toBeGreaterThan(0);
    expect(f.workbook.active).toBe(name);
    expect(f.displayAlerts).toBe(true);
    // Printed as spec §5 says, through PageSetup: A3 landscape, the two header rows repeated.
    expect(sheet?.pageLayout).toMatchObject({
      'PageSetup.Orientation': 2,
      'PageSetup.PaperSize': 8,
      'PageSetup.PrintTitleRows': '$3:$4',
    });
    const chart = await f.wb.writeSheet({
      name: '图',
      values: [['=HYPERLINK("x")', '+1', 5]],
      columnWidths: [10],
      chart: {
        type: 'ColumnStacked',
        data: { top: 0, left: 0, rows: 1, cols: 3 },
        title: '分类',
        anchor: { top: 3, left: 0, rows: 10, cols: 6 },
      },
    });
    const written = f.workbook.sheets.find((s) => s.name === chart);
    expect(written?.cells[0]).toEqual(['=HYPERLINK("x")', '+1', 5]); // text, never formulas
    expect(written?.charts[0]).toMatchObject({ title: '分类', type: '52', seriesBy: 'Columns' });
    expect(written?.formats.find((x) => x.prop === 'ColumnWidth')?.value).toBe(10);
  });

  it('the fake keeps WPS’s quirks: 1-based items, dialogs without DisplayAlerts, Select on an inactive sheet', () => {
    const f = createWpsFake(fakeWorkbook([{ name: 'A', cells: [[1]] }, { name: 'B' }]), { members });
    const app = f.application as unknown as {
      ActiveWorkbook: unknown;
    };
    const read = <T>(v: unknown): T => (typeof v === 'function' ? (v as () => T)() : (v as T));
    const book = read<{ Worksheets: unknown }>(app.ActiveWorkbook);
    const sheets = read<{
      Item(i: number | string): { Delete(): void; Range(a: string): { Select(): void; Value2: unknown } };
    }>(book.Worksheets);
    expect(() => sheets.Item(0)).toThrow(/下标越界/u);
    expect(() => sheets.Item('B').Delete()).toThrow(/DisplayAlerts/u);
    expect(() => sheets.Item(2).Range('A1').Select()).toThrow(/Select/u);
    expect(read(sheets.Item(1).Range('A1').Value2)).toBe(1); // one cell: a scalar
    expect(read(sheets.Item(1).Range('A1:B1').Value2)).toEqual([[1, undefined]]);
  });
});

describe('Value2 shapes', () => {
  it('normalises scalars, flat rows and columns, blanks and dates', () => {
    expect(toGrid(5, 1, 1)).toEqual([[5]]);
    expect(toGrid(undefined, 1, 1)).toEqual([['']]);
    expect(toGrid([1, null, 3], 1, 3)).toEqual([[1, '', 3]]);
    expect(toGrid([1, 2], 2, 1)).toEqual([[1], [2]]);
    expect(toGrid([[1, undefined]], 1, 2)).toEqual([[1, '']]);
    expect(toGrid(new Date(2026, 10, 23), 1, 1)).toEqual([[46349]]);
  });
});

describe('what the WPS pane needs from its browser', () => {
  it('idempotency keys are version 4 UUIDs without crypto.randomUUID', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => randomUUID()));
    expect(keys.size).toBe(1000);
    for (const k of [...keys].slice(0, 20))
      expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
  });

  it('settings live in localStorage, else in WPS’s PluginStorage, else nowhere', () => {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = { localStorage: g.localStorage, wps: g.wps };
    try {
      const plugin = new Map<string, string>();
      g.wps = {
        PluginStorage: { getItem: (k: string) => plugin.get(k), setItem: (k: string, v: string) => plugin.set(k, v) },
      };
      g.localStorage = {
        setItem: () => {
          throw new Error('SecurityError');
        },
      };
      const fallback = settingsStore();
      fallback?.setItem('k', 'v');
      expect(plugin.get('k')).toBe('v');
      expect(fallback?.getItem('missing')).toBeNull();
      const local = new Map<string, string>();
      g.localStorage = {
        setItem: (k: string, v: string) => local.set(k, v),
        getItem: (k: string) => local.get(k) ?? null,
        removeItem: (k: string) => local.delete(k),
      };
      settingsStore()?.setItem('k', 'local');
      expect(local.get('k')).toBe('local');
      expect(plugin.get('k')).toBe('v');
      g.localStorage = undefined;
      g.wps = undefined;
      expect(settingsStore()).toBeNull();
    } finally {
      g.localStorage = saved.localStorage;
      g.wps = saved.wps;
    }
  });
});
