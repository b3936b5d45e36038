/**
 * Sheets the pane writes, as SheetSpecs for the adapter. The 附件5 ledger and the 附件4 统计表 come
 * from shared/layout.ts (the same layouts the CLI writes with ExcelJS); the weekly-rates sheet with
 * its category chart is the add-in's own.
 */

import { CATEGORIES, mergeStats, RATE_KEYS, RATE_LABELS, type StatsRow } from '../shared/index.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { type StatsSheetOptions, statsSheet as statsLayout } from '../shared/layout/stats-sheet.js';
import { PERCENT_FORMAT, ROLE_STYLE, type RoleStyle } from '../shared/layout/style.js';
import { DEFAULT_COUNTY, type SheetLayout } from '../shared/layout.js';
import type { CellValue, Rect, SheetSpec, ValidationSpec } from './excel.js';

export const COUNTY = DEFAULT_COUNTY;

const rect = (top: number, left: number, rows: number, cols: number): Rect => ({ top, left, rows, cols });
const fromArea = (m: { top: number; left: number; bottom: number; right: number }): Rect =>
  rect(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1);

/** Consecutive rows whose role's look passes `test`, as [first, last] pairs. */
function styleRuns(layout: SheetLayout, test: (style: RoleStyle) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  layout.rows.forEach((row, i) => {
    const style = ROLE_STYLE[row.role];
    if (!style.formatted || !test(style)) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

/** A shared SheetLayout → the adapter's SheetSpec; each role's look comes from ROLE_STYLE (shared/layout/style.ts). */
export function fromLayout(layout: SheetLayout, name = layout.name): SheetSpec {
  const width = Math.max(1, layout.widths.length, ...layout.rows.map((r) => r.cells.length));
  const values: CellValue[][] = layout.rows.map((r) => r.cells.map((c) => c));
  const span = (test: (style: RoleStyle) => boolean) =>
    styleRuns(layout, test).map(([a, b]) => rect(a, 0, b - a + 1, width));
  const numberFormats: SheetSpec['numberFormats'] = [];
  for (const [a, b] of styleRuns(layout, (s) => s.numbers))
    layout.numberFormats.forEach((format, col) => {
      if (format) numberFormats.push({ rect: rect(a, col, b - a + 1, 1), format });
    });
  const sizes = [...new Set(layout.rows.map((r) => ROLE_STYLE[r.role].fontPt))];
  const validations: ValidationSpec[] = layout.validations.map((v) => {
    const r = fromArea(v.range);
    if (v.kind === 'list')
      return { kind: 'list', rect: r, source: v.source, title: v.title, prompt: v.prompt, error: v.error };
    if (v.kind === 'prompt') return { kind: 'prompt', rect: r, title: v.title, prompt: v.prompt };
    return { kind: v.kind, rect: r, min: v.min, max: v.max, title: v.title, prompt: v.prompt, error: v.error };
  });
  return {
    name,
    hidden: layout.state === 'hidden',
    values,
    merges: layout.merges.map(fromArea),
    columnWidths: layout.widths,
    rowHeights: layout.rows.flatMap((r, i) => (r.height ? [{ row: i, height: r.height }] : [])),
    bold: span((s) => s.bold),
    fontSize: sizes.flatMap((size) => span((s) => s.fontPt === size).map((r) => ({ rect: r, size }))),
    // The adapters centre both ways; the roles drawn centred are vertically centred as well.
    center: span((s) => s.horizontal === 'center'),
    wrap: span((s) => s.wrap),
    borders: span((s) => s.border),
    numberFormats,
    validations,
    freeze: layout.freeze ?? undefined,
    print: layout.print ?? undefined,
    links: layout.links?.map((l) => ({ ...l })),
  };
}

/** The blank 附件5 workbook: hidden list sheet first (the ledger's dropdowns point at it), then the ledger. */
export function ledgerTemplateSheets(): SheetSpec[] {
  const { sheets } = ledgerTemplate();
  return [...sheets]
    .sort((a, b) => (a.state === 'hidden' ? -1 : b.state === 'hidden' ? 1 : 0))
    .map((s) => fromLayout(s));
}

/** 附件4 for some units plus 合计 (mergeStats unless the server gave one). */
export function statsSheet(
  units: readonly StatsRow[],
  options: { name: string; total?: StatsRow } & Omit<StatsSheetOptions, 'rows' | 'total'>,
): SheetSpec {
  const { name, total, ...rest } = options;
  return fromLayout(statsLayout({ ...rest, rows: units, total: total ?? mergeStats(units) }), name);
}

const RATE_HEADER = ['单位', ...CATEGORIES.map((c) => `${c}项目`), '项目数', ...RATE_KEYS.map((k) => RATE_LABELS[k])];

/** Weekly dispatch rates per unit + 合计, and a stacked column chart of the category mix per unit. */
export function ratesSheet(
  units: readonly StatsRow[],
  options: { name: string; period: string; total?: StatsRow },
): SheetSpec {
  const total = options.total ?? mergeStats(units);
  const line = (s: StatsRow, unit = s.unit): CellValue[] => [
    unit,
    ...CATEGORIES.map((c) => s.categories[c]),
    s.projects,
    ...RATE_KEYS.map((k) => s.rates[k]),
  ];
  const width = RATE_HEADER.length;
  const n = units.length;
  return {
    name: options.name,
    values: [
      [`${options.period} 周调度比率（按单位）`],
      RATE_HEADER,
      ...units.map((u) => line(u)),
      line(total, '合计'),
    ],
    merges: [rect(0, 0, 1, width)],
    columnWidths: [16, 9, 9, 9, 9, 8, 11, 11, 18],
    bold: [rect(0, 0, 2, width), rect(n + 2, 0, 1, width)],
    center: [rect(1, 0, n + 2, width)],
    borders: [rect(1, 0, n + 2, width)],
    numberFormats: [{ rect: rect(2, 6, n + 1, 3), format: PERCENT_FORMAT }],
    freeze: { rows: 2, cols: 0 },
    chart:
      n > 0
        ? {
            type: 'ColumnStacked',
            // unit names and the four category counts side by side: one contiguous source range
            data: rect(1, 0, n + 1, 1 + CATEGORIES.length),
            title: '各单位“四个一批”分类构成',
            anchor: rect(n + 5, 0, 18, width),
          }
        : undefined,
  };
}
