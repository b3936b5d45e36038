/**
 * Loaded by the Chromium tests and the benchmark in place of office.js: defines `Office` and
 * `Excel` over the fake host, with a ledger workbook chosen by the page's query string
 * (?rows=60 → 60 projects with errors and warnings; &clean=1 → 60 valid projects).
 */
import { ledgerGrid, META_LINE, validCells } from '../../shared/test/fixtures.js';
import type { HostContext } from '../excel.js';
import { createFakeHost, fakeWorkbook, formatSnapshot } from './fake-host/index.js';
import { ledgerRows } from './ledgers.js';

const query = new URLSearchParams(globalThis.location?.search ?? '');
const rows = Number(query.get('rows') ?? 60);
const clean = query.get('clean') === '1';
// &unit=郁山镇: the ledger of another seeded unit (its token only accepts its own ledger).
const unit = query.get('unit');
const cells = (clean ? Array.from({ length: rows }, (_, i) => validCells(i + 1)) : ledgerRows(rows)).map((c) =>
  unit ? { ...c, unit: `${unit}人民政府`, location: unit } : c,
);
const meta = unit ? [`填报单位：${unit}`, ...META_LINE.slice(1)] : META_LINE;
const fake = createFakeHost(
  fakeWorkbook(
    [
      { name: '说明', cells: [['本工作簿用于测试']] },
      { name: '台账', cells: ledgerGrid(cells, { meta }) },
    ],
    '台账',
  ),
);

Object.assign(globalThis, {
  __fake: fake,
  __snapshot: () => formatSnapshot(fake.workbook),
  Office: {
    HostType: { Excel: 'Excel' },
    onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      requirements: { isSetSupported: (name: string, version: string) => fake.host.isSetSupported(name, version) },
    },
  },
  Excel: { run: <T>(batch: (ctx: HostContext) => Promise<T>) => fake.host.run(batch) },
});
