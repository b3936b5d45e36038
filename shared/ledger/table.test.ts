/**
 * The grid path normalises straight from the grid into a LedgerTable and builds rows and records
 * only when read. These properties hold it to the record path it replaced: for random grids, the
 * lazily built rows are exactly what normalizeRecord makes of each record readLedger reads, the
 * records are readLedger's, and the issues, suggestions and 统计表 row equal checkRecords' on them.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkLedger, checkRecords } from '../check.js';
import { summarize } from '../stats.js';
import { anyCell, cellsArb, messyCellsArb } from '../test/arbitraries.js';
import { ledgerGrid, validCells } from '../test/fixtures.js';
import { COLUMNS } from './columns.js';
import { normalizeWithFacts } from './normalize.js';
import { readLedger } from './read.js';
import { LedgerTable } from './table.js';

const KEYS = COLUMNS.map((c) => c.key);
const NOW = new Date('2026-11-20T00:00:00Z');

const gridArb = fc
  .record({
    rows: fc.array(
      fc.oneof(
        cellsArb,
        messyCellsArb,
        fc.dictionary(fc.constantFrom(...KEYS), anyCell).map((cells) => ({ ...validCells(3), ...cells })),
      ),
      { maxLength: 12 },
    ),
    drop: fc.subarray(KEYS, { maxLength: 3 }),
    total: fc.boolean(),
    blankRow: fc.boolean(),
    merged: fc.boolean(),
  })
  .map(({ rows, drop, total, blankRow, merged }) => {
    const grid = ledgerGrid(rows, { order: KEYS.filter((k) => !drop.includes(k)) });
    if (blankRow) grid.splice(5, 0, [null, '', '  ']);
    if (total) grid.splice(grid.length - 1, 0, ['合计', null, null, null, null, null, null, null, 300, 'x', 20]);
    const merges = merged && rows.length > 2 ? [{ top: 4, left: 5, bottom: 6, right: 5 }] : [];
    return { grid, merges };
  });

it('rows built lazily from the grid equal normalizeRecord of each record readLedger reads', () => {
  fc.assert(
    fc.property(gridArb, ({ grid, merges }) => {
      const read = readLedger(grid, { merges });
      const report = checkLedger(grid, { merges, now: NOW });
      const absent = new Set(KEYS.filter((k) => read.header && read.header.columns[k] === undefined));
      const expected = read.records.map((r) => normalizeWithFacts(r, () => {}, absent).row);
      expect(report.records).toEqual(read.records);
      expect(report.totals).toEqual(read.totals);
      expect(report.rows).toEqual(expected);
      // Every field present, in the one LedgerRow order.
      for (const [i, row] of report.rows.entries()) expect(Object.keys(row)).toEqual(Object.keys(expected[i] ?? {}));
    }),
    { numRuns: 200 },
  );
});

it('the grid path reports exactly what the record path reports on the records it reads', () => {
  fc.assert(
    fc.property(gridArb, fc.constantFrom('editing', 'submission' as const), ({ grid, merges }, mode) => {
      const report = checkLedger(grid, { merges, mode, now: NOW });
      if (!report.header) return;
      const again = checkRecords(report.records, {
        mode,
        meta: report.meta,
        columns: report.header.columns,
        labelRow: report.header.labelRow,
        columnsFromHeader: true,
        totals: report.totals,
        now: NOW,
      });
      const ledgerLevel = report.issues.filter((i) => i.ruleId === 'meta.unit-missing');
      expect(report.issues).toEqual([...ledgerLevel, ...again.issues]);
      expect(report.suggestions).toEqual(again.suggestions);
      expect(report.summary).toEqual(summarize(report.summary.unit, again.rows));
    }),
    { numRuns: 300 },
  );
});

it('a table of built rows gives them back, and its columns agree with them', () => {
  fc.assert(
    fc.property(gridArb, ({ grid, merges }) => {
      const rows = checkLedger(grid, { merges, now: NOW }).rows;
      const table = LedgerTable.of(rows);
      expect(table.rows()).toEqual(rows);
      rows.forEach((row, i) => {
        expect(table.row(i)).toEqual(row);
        for (const key of KEYS) expect(table.column(key)[i]).toBe(row[key]);
      });
    }),
    { numRuns: 100 },
  );
});

it('assigning a lazily built field replaces it, and spreading a report builds it', () => {
  const grid = ledgerGrid([validCells(1), validCells(2)]);
  const report = checkLedger(grid, { now: NOW });
  const copy = { ...report };
  expect(copy.rows.map((r) => r.code)).toEqual(['PS2021-0001', 'PS2021-0002']);
  expect(Object.getOwnPropertyDescriptor(copy, 'records')?.value).toHaveLength(2);
  report.rows = [];
  expect(report.rows).toEqual([]);
});
