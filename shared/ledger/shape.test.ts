import { expect, it } from 'vitest';
import { COLUMN_KEYS } from './columns.js';
import { LEDGER_ROW_FIELDS, ledgerRowOf, rawCellsOf, rawValuesOf } from './shape.js';

it('the builders put values[i] under COLUMNS[i].key', () => {
  const row = ledgerRowOf(7, COLUMN_KEYS) as unknown as Record<string, unknown>;
  expect(Object.keys(row)).toEqual(['row', ...COLUMN_KEYS, 'causesOther']);
  expect(Object.keys(row)).toEqual(LEDGER_ROW_FIELDS);
  for (const key of COLUMN_KEYS) expect(row[key]).toBe(key);
  const cells = rawCellsOf(COLUMN_KEYS as string[]) as Record<string, unknown>;
  expect(Object.keys(cells)).toEqual(COLUMN_KEYS);
  for (const key of COLUMN_KEYS) expect(cells[key]).toBe(key);
  expect(rawValuesOf(cells as Parameters<typeof rawValuesOf>[0])).toEqual(COLUMN_KEYS);
});

it('blank raw cells vanish from JSON', () => {
  expect(JSON.stringify(rawCellsOf(['1', undefined, 'X']))).toBe('{"seq":"1","code":"X"}');
});
