/**
 * Loaded by the Chromium tests and the benchmark in place of office.js: defines `Office` and
 * `Excel` over the fake host, with a ledger workbook chosen by the page's query string
 * (?rows=60 → 60 projects with errors and warnings; &clean=1 → 60 valid projects).
 */
import { ledgerGrid, validCells } from '../../shared/test/fixtures.js';
import type { HostContext } from '../excel.js';
import { createFakeHost, fakeWorkbook } from './fake-host.js';
import { ledgerRows } from './ledgers.js';

const query = new URLSearchParams(globalThis.location?.search ?? '');
const rows = Number(query.get('rows') ?? 60);
const clean = query.get('clean') === '1';
const cells = clean ? Array.from({ length: rows }, (_, i) => validCells(i + 1)) : ledgerRows(rows);
const fake = createFakeHost(
  fakeWorkbook(
    [
      { name: '说明', cells: [['本工作簿用于测试']] },
      { name: '台账', cells: ledgerGrid(cells) },
    ],
    '台账',
  ),
);

Object.assign(globalThis, {
  __fake: fake,
  Office: {
    HostType: { Excel: 'Excel' },
    onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      requirements: { isSetSupported: (name: string, version: string) => fake.host.isSetSupported(name, version) },
    },
  },
  Excel: { run: <T>(batch: (ctx: HostContext) => Promise<T>) => fake.host.run(batch) },
});
