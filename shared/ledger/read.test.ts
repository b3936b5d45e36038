import { describe, expect, it } from 'vitest';
import { ledgerGrid, NOTICE_HEADER, validCells } from '../test/fixtures.js';
import { COLUMNS, type ColumnKey } from './columns.js';
import { parseDate, parseMetaLine, readLedger } from './read.js';

const ALL_KEYS = COLUMNS.map((c) => c.key);

describe('header detection', () => {
  it("maps every column of the notice's own messy header", () => {
    const grid = [
      ['彭水自治县经营性帮扶产业项目“四个一批”管理台账'],
      ['   填报单位：'],
      ...NOTICE_HEADER,
      [1],
      [2],
      ['填表说明：1运营模式。'],
    ];
    const read = readLedger(grid);
    expect(read.issues).toEqual([]);
    expect(read.header?.labelRow).toBe(3);
    expect(read.header?.lastRow).toBe(4);
    expect(Object.keys(read.header?.columns ?? {}).sort()).toEqual([...ALL_KEYS].sort());
    expect(ALL_KEYS.map((k) => read.header?.columns[k])).toEqual(ALL_KEYS.map((_, i) => i));
    expect(read.records).toEqual([]);
  });

  it('maps by label, not position: shuffled order and extra columns', () => {
    const order = [...ALL_KEYS].reverse() as ColumnKey[];
    const grid = ledgerGrid([validCells(1)], { order });
    // An extra column the county does not know about, inserted at the front.
    for (const row of grid) row.unshift(row === grid[2] ? '村名' : null);
    const read = readLedger(grid);
    expect(read.issues).toEqual([]);
    expect(read.header?.columns.remarks).toBe(1);
    expect(read.header?.columns.seq).toBe(28);
    expect(read.records[0]?.cells.name).toBe('食用菌种植基地1');
    expect(read.records[0]?.cells.investSpecial).toBe(80);
  });

  it('reports each missing required column, and not optional ones', () => {
    const order = ALL_KEYS.filter((k) => k !== 'code' && k !== 'remarks' && k !== 'contact');
    const read = readLedger(ledgerGrid([validCells(1)], { order }));
    expect(read.issues.map((i) => [i.ruleId, i.field])).toEqual([
      ['header.missing-column', 'code'],
      ['header.missing-column', 'contact'],
    ]);
    expect(read.issues[0]?.message).toContain('「项目编号」');
  });

  it('folds full-width brackets and accepts known typos and synonyms', () => {
    const [top, sub] = NOTICE_HEADER.map((r) => [...r]) as [string[], string[]];
    top[8] = '投资规模(万元)';
    top[4] = '“四个一批”分类';
    sub[10] = '其它资金';
    const read = readLedger([...[top, sub], ['1', '项目A']]);
    expect(read.issues).toEqual([]);
    expect(read.header?.columns.investOther).toBe(10);
    expect(read.header?.columns.category).toBe(4);
  });

  it('uses merged-area info when level-1 labels repeat or are blank', () => {
    const [top, sub] = NOTICE_HEADER.map((r) => [...r]) as [string[], string[]];
    // ExcelJS repeats a merged value into every cell of the area.
    for (let c = 19; c <= 22; c++) top[c] = '项目现状';
    const read = readLedger([top, sub], { merges: [{ top: 0, left: 18, bottom: 0, right: 22 }] });
    expect(read.header?.columns.causes).toBe(22);
  });

  it('reports header.not-found on a sheet that is not a ledger, without throwing', () => {
    for (const grid of [[], [[]], [['姓名', '电话']], [[null, undefined, 3]], 'x' as unknown as unknown[][]]) {
      const read = readLedger(grid);
      expect(read.header).toBeNull();
      expect(read.issues.map((i) => i.ruleId)).toEqual(['header.not-found']);
    }
  });

  it('only looks in the first 20 rows', () => {
    const grid = ledgerGrid([validCells(1)]);
    const late = [...Array.from({ length: 20 }, () => [] as unknown[]), ...grid.slice(2)];
    expect(readLedger(late).header).toBeNull();
    const inTime = [...Array.from({ length: 17 }, () => [] as unknown[]), ...grid.slice(2)];
    expect(readLedger(inTime).header?.labelRow).toBe(18);
  });

  it('applies the worksheet origin to rows and columns', () => {
    const read = readLedger(ledgerGrid([validCells(1)]), { origin: { row: 2, col: 1 } });
    expect(read.header?.labelRow).toBe(5);
    expect(read.header?.columns.seq).toBe(1);
    expect(read.records[0]?.row).toBe(7);
  });
});

describe('data region', () => {
  it('skips placeholder rows, recognises totals, stops at 填表说明', () => {
    const grid = ledgerGrid([validCells(1)]);
    grid.splice(5, 0, [2], [], ['小计', '', '', '', '', '', '', '', 100], [' 合 计 ']);
    grid.push([null, '填表说明后面的项目', 'X-9']);
    const read = readLedger(grid);
    expect(read.records.map((r) => r.row)).toEqual([5]);
    expect(read.totals.map((r) => r.row)).toEqual([8]);
  });

  it('a text cell merged down counts for every project it spans; a merged amount does not', () => {
    const grid = ledgerGrid([validCells(1), { ...validCells(2), unit: null, investTotal: null }, validCells(3)]);
    // 责任单位 (F) and 投资规模/小计 (I) merged over rows 5–6 (grid rows 4–5).
    const merges = [
      { top: 4, left: 5, bottom: 5, right: 5 },
      { top: 4, left: 8, bottom: 5, right: 8 },
    ];
    const read = readLedger(grid, { merges });
    expect(read.records[1]?.cells.unit).toBe('保家镇人民政府');
    expect(read.records[1]?.cells.investTotal).toBeUndefined();
    expect(grid[5]?.[5]).toBeNull(); // the caller's grid is not changed
  });

  it('keeps a row with content even without a 序号', () => {
    const grid = ledgerGrid([{ ...validCells(1), seq: null }]);
    expect(readLedger(grid).records).toHaveLength(1);
  });
});

describe('meta line', () => {
  it('reads the fields from one cell', () => {
    expect(
      parseMetaLine('填报单位：保家镇  审核人：张三  填报人及联系电话：李四 13800000000  更新时间：2026年 11月 19日'),
    ).toEqual({
      unit: '保家镇',
      reviewer: '张三',
      filler: '李四 13800000000',
      updatedAt: '2026-11-19',
    });
  });

  it('reads the fields spread over cells, with a real date and an Excel serial', () => {
    const grid = ledgerGrid([validCells(1)], {
      meta: ['填报单位：', '郁山镇', '审核人:', '', '更新时间：', new Date(Date.UTC(2026, 10, 19))],
    });
    expect(readLedger(grid).meta).toEqual({ unit: '郁山镇', reviewer: null, filler: null, updatedAt: '2026-11-19' });
    const serial = ledgerGrid([validCells(1)], { meta: ['填报单位：郁山镇', '更新时间：', 46345] });
    expect(readLedger(serial).meta.updatedAt).toBe('2026-11-19');
  });

  it('leaves a blank template date as null', () => {
    expect(parseMetaLine('填报单位：  审核人：  更新时间：  年  月  日')).toEqual({
      unit: null,
      reviewer: null,
      updatedAt: null,
    });
  });

  it('parses dates strictly', () => {
    expect(parseDate('2026/2/30')).toBeNull();
    expect(parseDate('2026.2.3')).toBe('2026-02-03');
    expect(parseDate('去年')).toBeNull();
  });
});
