/** Ledgers for the add-in tests and benchmark, built on the domain's fixtures. */
import { type Cells, ledgerGrid, validCells } from '../../shared/test/fixtures.js';

/** n projects; every 10th has an error (bad phone), every 7th a warning (category missing). */
export function ledgerRows(n: number): Cells[] {
  const rows: Cells[] = [];
  for (let i = 1; i <= n; i++) {
    const cells = validCells(i);
    if (i % 10 === 0) cells.contact = '王五';
    if (i % 7 === 0) cells.category = null;
    rows.push(cells);
  }
  return rows;
}

export function ledgerSheet(n: number): unknown[][] {
  return ledgerGrid(ledgerRows(n));
}
