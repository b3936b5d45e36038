/** shared/layout.ts as data: what both the CLI and the add-in draw. */
import { describe, expect, it } from 'vitest';
import { COLUMNS, emptyStats, headerGroups, type MergeArea, mergeStats, STATS_HEADER } from '../shared/index.js';
import { ledgerFooter, ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { DROPDOWN_COLUMNS } from '../shared/layout/list-sheet.js';
import { statsSheet } from '../shared/layout/stats-sheet.js';
import { LIST_SHEET_NAME, type SheetLayout } from '../shared/layout.js';

/** Every cell of rows `top..bottom` is covered by at most one merge, and the header by exactly one label. */
function coverage(sheet: SheetLayout, top: number, bottom: number, width: number): number[][] {
  const grid = Array.from({ length: bottom - top + 1 }, () => Array(width).fill(0));
  for (const m of sheet.merges as MergeArea[]) {
    for (let r = Math.max(m.top, top); r <= Math.min(m.bottom, bottom); r++)
      for (let c = m.left; c <= m.right; c++) {
        const row = grid[r - top] as number[];
        row[c] = (row[c] ?? 0) + 1;
      }
  }
  return grid;
}

describe('ledgerTemplate', () => {
  const { sheets } = ledgerTemplate({ unit: '保家镇', blankRows: 3 });
  const [ledger, lists] = sheets as [SheetLayout, SheetLayout];

  it('has 28 columns, one header label per column, merges that never overlap', () => {
    expect(ledger.widths).toHaveLength(28);
    const [level1, level2] = [ledger.rows[2]?.cells ?? [], ledger.rows[3]?.cells ?? []];
    COLUMNS.forEach((c, i) => {
      if ('sub' in c) expect(level2[i]).toBe(c.sub);
      else expect(level1[i]).toBe(c.label);
    });
    for (const row of coverage(ledger, 0, ledger.rows.length - 1, 28))
      for (const n of row) expect(n).toBeLessThanOrEqual(1);
    // A header cell is either labelled itself or merged into a labelled one.
    const header = coverage(ledger, 2, 3, 28);
    for (let c = 0; c < 28; c++) {
      const labelled = level2[c] !== null || level1[c] !== null;
      expect(labelled || (header[0]?.[c] ?? 0) + (header[1]?.[c] ?? 0) > 0).toBe(true);
    }
    expect(headerGroups().map((g) => g.label)).toEqual([...new Set(COLUMNS.map((c) => c.label))]);
  });

  it('validations cover exactly the data rows; list sources point at the hidden sheet’s values', () => {
    const first = 4;
    const last = ledger.rows.length - 2;
    expect(ledger.rows[last + 1]?.cells[0]).toBe(ledgerFooter());
    for (const v of ledger.validations) {
      expect(v.range.top).toBe(first);
      expect(v.range.bottom).toBe(last);
      if (v.kind !== 'list') continue;
      const m = /^'下拉选项'!\$([A-Z])\$2:\$\1\$(\d+)$/u.exec(v.source);
      expect(m).not.toBeNull();
      const [, letter = '', end = ''] = m ?? [];
      const col = letter.charCodeAt(0) - 65;
      const values = lists.rows.slice(1, Number(end)).map((r) => r.cells[col]);
      expect(values).toEqual(v.values);
      expect(v.values).toEqual((COLUMNS[v.range.left] as { values: readonly string[] }).values);
    }
    expect(ledger.validations.filter((v) => v.kind === 'list')).toHaveLength(DROPDOWN_COLUMNS.length);
    expect(lists).toMatchObject({ name: LIST_SHEET_NAME, state: 'hidden' });
  });

  it('fills records by column key and numbers them when 序号 is blank', () => {
    const { sheets: filled } = ledgerTemplate({ records: [{ name: '蔬菜基地', investTotal: 12.5 }, { seq: 9 }] });
    const rows = (filled[0] as SheetLayout).rows;
    expect(rows[4]?.cells.slice(0, 2)).toEqual([1, '蔬菜基地']);
    expect(rows[4]?.cells[8]).toBe(12.5);
    expect(rows[5]?.cells[0]).toBe(9);
    expect(rows).toHaveLength(4 + 2 + 1);
  });
});

describe('statsSheet', () => {
  it('has the 32 附件4 columns, a row per unit and 合计 last', () => {
    const rows = [emptyStats('保家镇'), emptyStats('郁山镇')];
    const sheet = statsSheet({ rows, total: mergeStats(rows), periodLabel: '2026年第47周' });
    expect(sheet.widths).toHaveLength(32);
    expect(STATS_HEADER.reduce((n, h) => n + (h.subs?.length ?? 1), 0)).toBe(32);
    expect(sheet.rows.map((r) => r.role)).toEqual(['title', 'meta', 'header', 'header', 'data', 'data', 'total']);
    expect(sheet.rows.at(-1)?.cells.slice(0, 2)).toEqual(['', '合计']);
    expect(sheet.rows[1]?.cells.filter((c) => c !== null).at(-1)).toBe('报送期次：2026年第47周');
    for (const row of coverage(sheet, 0, sheet.rows.length - 1, 32))
      for (const n of row) expect(n).toBeLessThanOrEqual(1);
  });
});
