/**
 * Injected before the WPS task pane's own script (Playwright addInitScript), as WPS injects its
 * object model: defines `Application` and `wps` over the ET fake, with the same ledger workbook as
 * the Office harness (?rows=60 → 60 projects with errors and warnings; &clean=1 → valid projects).
 */
import { ledgerGrid, META_LINE, validCells } from '../../shared/test/fixtures.js';
import { fakeWorkbook, formatSnapshot, newSheet } from './fake-host/index.js';
import { createWpsFake } from './fake-wps/index.js';
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
const fake = createWpsFake(
  fakeWorkbook(
    [
      { name: '说明', cells: [['本工作簿用于测试']] },
      { name: '台账', cells: ledgerGrid(cells, { meta }) },
    ],
    '台账',
  ),
  { members: query.get('members') === 'method' ? 'method' : 'property' },
);
const plugin = new Map<string, string>();

Object.assign(globalThis, {
  __fake: fake,
  __snapshot: () => formatSnapshot(fake.workbook),
  /** The fake model's own blank sheet, for tests that add a clerk's sheet from the page. */
  __newSheet: newSheet,
  Application: fake.application,
  wps: {
    EtApplication: () => fake.application,
    PluginStorage: {
      getItem: (k: string) => plugin.get(k) ?? null,
      setItem: (k: string, v: string) => plugin.set(k, v),
    },
  },
});
