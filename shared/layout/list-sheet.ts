/** The dropdown lists: which ledger columns get one, and the hidden 下拉选项 sheet that holds them. */

import { type LayoutRow, LIST_SHEET_NAME, type SheetLayout } from '../layout.js';
import { COLUMNS, type ColumnKey } from '../ledger/columns.js';
import { columnName } from './parts.js';

/** Ledger columns that get a dropdown (single-choice enums), in column order. */
export const DROPDOWN_COLUMNS: readonly ColumnKey[] = COLUMNS.filter((c) => c.type === 'enum').map((c) => c.key);

/** The values of a dropdown column's list. */
export function dropdownValues(key: ColumnKey): readonly string[] {
  const c = COLUMNS.find((x) => x.key === key);
  return c && 'values' in c && c.type === 'enum' ? c.values : [];
}

/**
 * The fixed column of a dropdown key on the list sheet (0-based): its place in DROPDOWN_COLUMNS,
 * whatever columns a given ledger has — so every writer (the CLI's template, the pane's 下拉选项)
 * points the same key at the same list, in any order.
 */
export function dropdownListColumn(key: ColumnKey): number {
  const i = DROPDOWN_COLUMNS.indexOf(key);
  if (i < 0) throw new Error(`${key} has no dropdown list`);
  return i;
}

/** Worksheet formula of a key's list (no leading =), e.g. `'下拉选项'!$C$2:$C$6`. */
export function dropdownListSource(key: ColumnKey): string {
  const i = dropdownListColumn(key);
  const letter = String.fromCharCode(65 + i);
  return `'${LIST_SHEET_NAME}'!$${letter}$2:$${letter}$${dropdownValues(key).length + 1}`;
}

/** The hidden sheet with every dropdown list, one fixed column per key: row 1 names the column, values below. */
export function dropdownListSheet(): SheetLayout {
  const dropdownNames = DROPDOWN_COLUMNS.map(columnName);
  const lists = DROPDOWN_COLUMNS.map((k) => dropdownValues(k));
  const height = Math.max(...lists.map((l) => l.length));
  const rows: LayoutRow[] = [{ role: 'list', cells: dropdownNames }];
  for (let r = 0; r < height; r++) rows.push({ role: 'list', cells: lists.map((l) => l[r] ?? null) });
  return {
    name: LIST_SHEET_NAME,
    state: 'hidden',
    rows,
    merges: [],
    widths: lists.map(() => 30),
    numberFormats: [],
    validations: [],
    freeze: null,
    print: null,
  };
}
