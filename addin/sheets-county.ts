/**
 * Sheets of the Thursday routine the pane writes (SheetSpecs for the adapter): the county 统计表
 * with every unit (shared/county-table.ts), a 回执 sheet for printing a receipt, the drill-down's
 * project rows, and the trend sheets with a line chart (shared/trend-layout.ts).
 */
import type { Summary, Trend } from '../shared/api.js';
import type { Receipt } from '../shared/contract.js';
import { countyStatsSheet } from '../shared/county-table.js';
import { beijingTime, COLUMNS, type Issue, type LedgerRow } from '../shared/index.js';
import type { StatsSheetOptions } from '../shared/layout/stats-sheet.js';
import { trendLayout } from '../shared/trend-layout.js';
import type { ProjectRow } from './api-county.js';
import type { CellValue, Rect, SheetSpec } from './excel.js';
import { fromLayout } from './sheets.js';

const rect = (top: number, left: number, rows: number, cols: number): Rect => ({ top, left, rows, cols });

/** 附件4 for the county: a row per registered unit (未报 marked), 合计（已报 N / 应报 M）, 说明. */
export function countySummarySheet(
  summary: Summary,
  options: { name: string } & Omit<StatsSheetOptions, 'rows' | 'total'>,
): SheetSpec {
  const { name, ...rest } = options;
  return fromLayout(countyStatsSheet(summary, rest), name);
}

const STATUS = { 'on-time': '按时', late: '逾期', missing: '未报' } as const;

/** A receipt as a printable sheet: the facts, then its warnings (row, column, message). */
export function receiptSheet(r: Receipt, issues: readonly Issue[], name: string): SheetSpec {
  const facts: [string, CellValue][] = [
    ['报送单位', r.unit],
    ['报送期次', r.period],
    ['收到时间（北京时间）', beijingTime(r.receivedAt)],
    ['是否按时', STATUS[r.status]],
    ['项目数', r.rows],
    ['提示数', r.warnings],
    ['回执编号', r.id],
    ['内容校验码（SHA-256）', r.contentHash],
  ];
  const warnings = issues.filter((i) => i.severity === 'warning');
  const head = facts.length + 2;
  const values: CellValue[][] = [
    ['四个一批台账 报送回执'],
    ...facts.map(([k, v]) => [k, v]),
    [],
    warnings.length > 0 ? ['行', '单元格', '提示'] : ['本次报送没有提示。'],
    ...warnings.map((i) => [i.row ?? '', i.cell ?? '', i.message]),
  ];
  return {
    name,
    values,
    merges: [rect(0, 0, 1, 3)],
    columnWidths: [22, 12, 70],
    bold: [rect(0, 0, 1, 3), rect(1, 0, facts.length, 1), rect(head, 0, 1, 3)],
    fontSize: [{ rect: rect(0, 0, 1, 3), size: 16 }],
    center: [rect(0, 0, 1, 3)],
    wrap: [rect(head + 1, 2, Math.max(1, warnings.length), 1)],
    borders: [rect(1, 0, facts.length, 2), ...(warnings.length > 0 ? [rect(head, 0, warnings.length + 1, 3)] : [])],
  };
}

function cell(v: unknown): CellValue {
  if (Array.isArray(v)) return v.join('、');
  if (v === null || v === undefined) return null;
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : String(v);
}

/** Drill-down: the project rows found (报送单位 + the 28 ledger columns), with what was asked in the title. */
export function projectsSheet(
  page: { total: number; projects: readonly ProjectRow[] },
  title: string,
  name: string,
): SheetSpec {
  const header = ['报送单位', ...COLUMNS.map((c) => c.label)];
  const rows = page.projects.map((p) => [
    p.reportingUnit,
    ...COLUMNS.map((c) => cell((p as unknown as LedgerRow)[c.key as keyof LedgerRow])),
  ]);
  const shown =
    page.total > rows.length ? `（共 ${page.total} 个，显示前 ${rows.length} 个）` : `（共 ${page.total} 个）`;
  return {
    name,
    values: [[`${title}${shown}`], header, ...rows],
    merges: [rect(0, 0, 1, Math.min(header.length, 10))],
    columnWidths: [14, ...COLUMNS.map((c) => Math.min(c.width ?? 10, 24))],
    bold: [rect(0, 0, 2, header.length)],
    wrap: [rect(1, 0, 1, header.length)],
    borders: [rect(1, 0, rows.length + 1, header.length)],
    freeze: { rows: 2, cols: 3 },
  };
}

/** The trend: main sheet (rates per period) with a line chart, and the per-unit sheet for the county. */
export function trendSheets(t: Trend, names: { main: string; units: string }): SheetSpec[] {
  const layout = trendLayout(t);
  const c = layout.chart;
  const [main, units] = layout.sheets;
  if (!main) return [];
  const spec = fromLayout(main, names.main);
  const lastSeries = Math.max(...c.seriesCols);
  if (c.lastDataRow >= c.firstDataRow)
    spec.chart = {
      type: 'Line',
      // 期次 and the rate columns side by side: one contiguous source range, series by column
      data: rect(c.headerRow, c.categoryCol, c.lastDataRow - c.headerRow + 1, lastSeries - c.categoryCol + 1),
      title: c.title,
      anchor: rect(c.anchor.top, c.anchor.left, c.anchor.bottom - c.anchor.top + 1, c.anchor.right - c.anchor.left + 1),
    };
  return units ? [spec, fromLayout(units, names.units)] : [spec];
}
