/** The pure parts of 采纳/撤销 and of the add-in's own sheets: undo plans and which sheet to replace. */
import { describe, expect, it } from 'vitest';
import { adoptBatch, batchRect, planUndo, rowList, sameValue, valueAt } from '../adopt-undo.js';
import { isVariantOf, ownerFormula, ownerOf, planOwned } from '../host/common.js';

describe('撤销采纳 plan', () => {
  const writes = [
    { row: 9, col: 4, value: '巩固' },
    { row: 16, col: 4, value: '提升' },
    { row: 20, col: 4, value: '盘活' },
  ];
  const rect = batchRect(writes);
  const before = [['']]; // row 9: blank
  const grid = Array.from({ length: rect.rows }, () => [''] as (string | number | boolean | null)[]);
  grid[16 - rect.top] = ['其他（说明）'];
  grid[20 - rect.top] = ['重建'];

  it('keeps blanks and free text exactly, and covers the cells with one rectangle', () => {
    expect(rect).toEqual({ top: 9, left: 4, rows: 12, cols: 1 });
    expect(valueAt(before, { top: 9, left: 4 }, 9, 4)).toBe('');
    const batch = adoptBatch('台账', writes, (r, c) => valueAt(grid, rect, r, c));
    expect(batch.cells.map((c) => c.before)).toEqual(['', '其他（说明）', '重建']);
    const now = (r: number) => writes.find((w) => w.row === r)?.value ?? '';
    const plan = planUndo(batch, (r) => now(r));
    expect(plan.edited).toEqual([]);
    expect(plan.writes).toEqual([
      { row: 9, col: 4, value: '' },
      { row: 16, col: 4, value: '其他（说明）' },
      { row: 20, col: 4, value: '重建' },
    ]);
  });

  it('leaves a cell the clerk changed since, naming its row', () => {
    const batch = adoptBatch('台账', writes, (r, c) => valueAt(grid, rect, r, c));
    const now = (r: number) => (r === 16 ? '巩固' : (writes.find((w) => w.row === r)?.value ?? ''));
    const plan = planUndo(batch, (r) => now(r));
    expect(plan.edited).toEqual([17]);
    expect(plan.writes.map((w) => w.row)).toEqual([9, 20]);
    expect(rowList(plan.edited)).toBe('第17行');
    expect(rowList([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe('第1、2、3、4、5、6、7、8行等 10 行');
  });

  it('treats a blank the same however the host reports it', () => {
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue('巩固', '巩固 ')).toBe(false);
    expect(sameValue(1, '1')).toBe(true);
  });
});

describe('the add-in’s own sheets', () => {
  it('marks with the wanted name as a text constant and reads it back', () => {
    expect(ownerFormula('统计表-"甲"')).toBe('="统计表-""甲"""');
    expect(ownerOf(ownerFormula('统计表-"甲"'))).toBe('统计表-"甲"');
    expect(ownerOf('=Sheet1!$A$1')).toBeNull();
    expect(ownerOf(undefined)).toBeNull();
  });

  it('recognises free-name variants only', () => {
    expect(isVariantOf('统计表-保家镇', '统计表-保家镇')).toBe(true);
    expect(isVariantOf('统计表-保家镇 (3)', '统计表-保家镇')).toBe(true);
    expect(isVariantOf('统计表-保家 (3)', '统计表-保家镇')).toBe(false);
    expect(isVariantOf('统计表-保家镇 第47周', '统计表-保家镇')).toBe(false);
  });

  it('replaces its own sheet, never the clerk’s', () => {
    const wanted = '统计表-保家镇';
    expect(planOwned(wanted, [])).toEqual({ replace: null, clash: false });
    expect(planOwned(wanted, [{ name: wanted, owner: wanted }])).toEqual({ replace: wanted, clash: false });
    // the clerk's sheet of that name: a new sheet, said as a clash
    expect(planOwned(wanted, [{ name: wanted, owner: null }])).toEqual({ replace: null, clash: true });
    // …and the add-in's own next to it (written on a clash earlier) is the one updated
    expect(
      planOwned(wanted, [
        { name: wanted, owner: null },
        { name: `${wanted} (2)`, owner: wanted },
      ]),
    ).toEqual({ replace: `${wanted} (2)`, clash: true });
    // a sheet marked for another unit is not ours for this name
    expect(planOwned(wanted, [{ name: wanted, owner: '统计表-郁山镇' }])).toEqual({ replace: null, clash: true });
  });
});
