/**
 * Loaded by the Chromium tests and the benchmark in place of office.js: defines `Office` and
 * `Excel` over the fake host, with a ledger workbook chosen by the page's query string
 * (?rows=60 → 60 projects with errors and warnings; &clean=1 → 60 valid projects).
 */
import { ledgerGrid, META_LINE, validCells } from '../../shared/test/fixtures.js';
import type { HostContext } from '../excel.js';
import { createFakeHost, fakeWorkbook, formatSnapshot, newSheet } from './fake-host/index.js';
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

// &theme=dark: Office's black theme (Office.context.officeTheme); __setTheme() changes it and
// raises OfficeThemeChanged to the handlers the pane registered.
const THEMES: Record<string, Record<string, string>> = {
  light: {
    bodyBackgroundColor: '#FFFFFF',
    bodyForegroundColor: '#262626',
    controlBackgroundColor: '#F3F3F3',
    controlForegroundColor: '#262626',
  },
  dark: {
    bodyBackgroundColor: '#262626',
    bodyForegroundColor: '#FFFFFF',
    controlBackgroundColor: '#3B3B3B',
    controlForegroundColor: '#F0F0F0',
  },
};
const themeHandlers: (() => void)[] = [];
const officeContext = {
  requirements: { isSetSupported: (name: string, version: string) => fake.host.isSetSupported(name, version) },
  // &theme=none: an Office without the theme API (the pane follows the system's preference).
  officeTheme: query.get('theme') === 'none' ? undefined : { ...THEMES[query.get('theme') ?? 'light'] },
  document: {
    addHandlerAsync: (type: string, handler: () => void) => {
      if (type === 'officeThemeChanged') themeHandlers.push(handler);
    },
  },
};

Object.assign(globalThis, {
  __setTheme: (name: string) => {
    officeContext.officeTheme = { ...THEMES[name] };
    for (const h of themeHandlers) h();
  },
  __fake: fake,
  __snapshot: () => formatSnapshot(fake.workbook),
  /** The fake model's own blank sheet, for tests that add a clerk's sheet from the page. */
  __newSheet: newSheet,
  Office: {
    HostType: { Excel: 'Excel' },
    onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
    EventType: { OfficeThemeChanged: 'officeThemeChanged' },
    context: officeContext,
  },
  Excel: { run: <T>(batch: (ctx: HostContext) => Promise<T>) => fake.host.run(batch) },
});
