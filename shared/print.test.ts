import { describe, expect, it } from 'vitest';
import { mergeStats } from './index.js';
import { ledgerTemplate } from './layout/ledger-sheet.js';
import { columnWidthPt, MIN_PRINTED_FONT_PT, planPrint, printableWidthPt, printedFontPt } from './layout/print.js';
import { statsSheet } from './layout/stats-sheet.js';

const opts = { fontPt: 10, repeatRows: { top: 2, bottom: 3 }, repeatCols: { left: 0, right: 1 } };

describe('print planning from the column widths (spec §5)', () => {
  it('A3 landscape printable width', () => {
    expect(printableWidthPt('A3', 'landscape')).toBeCloseTo(1190.55 - 0.6 * 72, 2);
    expect(columnWidthPt(10)).toBe(56.25);
  });

  it('a sheet that fits one page wide at ≥ 8 pt is fitted to one page', () => {
    const p = planPrint(Array(20).fill(10), opts); // 1125 pt: fits at ~98 %
    expect(p).toMatchObject({ fitToWidth: true, pagesWide: 1, repeatCols: null, paper: 'A3' });
    expect(printedFontPt(p)).toBeGreaterThanOrEqual(MIN_PRINTED_FONT_PT);
  });

  it('near miss: one that would fall below 8 pt goes two pages wide with the title columns repeated', () => {
    const p = planPrint(Array(30).fill(10), opts); // 1688 pt: one page would be 66 %
    expect(p.fitToWidth).toBe(false);
    expect(p.pagesWide).toBe(2);
    expect(p.repeatCols).toEqual({ left: 0, right: 1 });
    expect(printedFontPt(p)).toBeGreaterThanOrEqual(MIN_PRINTED_FONT_PT);
    expect(p.firstPageCols).toBeLessThan(30);
  });

  it('never below 8 pt: a sheet too wide for two pages prints more pages', () => {
    const p = planPrint(Array(60).fill(10), opts);
    expect(p.scale).toBe(80);
    expect(p.pagesWide).toBeGreaterThan(2);
  });

  it('the 台账 prints two pages wide, breaking between header groups, title and meta on page 1', () => {
    const [ledger] = ledgerTemplate().sheets;
    const print = ledger?.print;
    expect(print).toMatchObject({ paper: 'A3', orientation: 'landscape', pagesWide: 2, fitToWidth: false });
    expect(printedFontPt(print as NonNullable<typeof print>)).toBeGreaterThanOrEqual(8);
    const title = ledger?.merges.find((m) => m.top === 0);
    const metaRight = Math.max(...(ledger?.merges.filter((m) => m.top === 1).map((m) => m.right) ?? []));
    expect(metaRight).toBe(title?.right);
    expect(title?.right).toBeLessThan(27);
    // The break falls where a level-1 header group starts (项目现状).
    expect(ledger?.rows[2]?.cells[(title?.right ?? 0) + 1]).toBe('项目现状');
  });

  it('the 统计表 fits one page wide', () => {
    const s = statsSheet({ rows: [], total: mergeStats([]) });
    expect(s.print).toMatchObject({ paper: 'A3', orientation: 'landscape', pagesWide: 1, fitToWidth: true });
    expect(printedFontPt(s.print as NonNullable<typeof s.print>)).toBeGreaterThanOrEqual(8);
  });
});
