/**
 * The trend workbook (spec §10): the county's reporting rate, timeliness rate and the three rates
 * (停产闲置率, 经营困难率, 未按约定联农带农率) per period, with a line chart over them; and the three
 * rates per unit and period on a second sheet. The same layout feeds the CLI (ExcelJS + a chart
 * part) and the pane (Office.js + charts.add).
 */
import type { Trend } from './api.js';
import { listPrint } from './layout/print.js';
import type { LayoutRow, SheetLayout } from './layout.js';
import { DEFAULT_COUNTY } from './layout.js';
import type { MergeArea } from './ledger/read.js';

export const TREND_SHEET_NAME = '调度趋势';
export const TREND_UNITS_SHEET_NAME = '各单位趋势';
const PERCENT = '0.0%';

const STATUS_TEXT = { 'on-time': '按时', late: '逾期', missing: '未报' } as const;

/** The line chart over the main table: categories in the first column, one series per rate column. */
export interface TrendChart {
  title: string;
  /** 0-based header row; the data rows follow it. */
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  /** Category column (期次) and the rate columns drawn as lines (0-based, contiguous after it). */
  categoryCol: number;
  seriesCols: number[];
  /** Where the chart goes, 0-based inclusive corners. */
  anchor: MergeArea;
}

export interface TrendLayout {
  sheets: SheetLayout[];
  chart: TrendChart;
}

function sheet(name: string, rows: LayoutRow[], widths: number[], formats: (string | null)[], merges: MergeArea[]) {
  const layout: SheetLayout = {
    name,
    state: 'visible',
    rows,
    merges,
    widths,
    numberFormats: formats,
    validations: [],
    freeze: { rows: 3, cols: 1 },
    print: listPrint(widths, { orientation: 'landscape', paper: 'A4', repeatRows: { top: 2, bottom: 2 } }),
  };
  return layout;
}

/**
 * The county's trend (a county token's answer), or one unit's own series when `county` is null:
 * then the first table shows that unit's rates and its 按时 / 逾期 / 未报 per period.
 */
export function trendLayout(trend: Trend, options: { county?: string } = {}): TrendLayout {
  const county = options.county ?? DEFAULT_COUNTY;
  const own = trend.county === null ? trend.units[0] : undefined;
  const scope = own ? own.unit : county;
  const title = `${scope}“四个一批”调度趋势（${trend.from} 至 ${trend.to}）`;
  const header = own
    ? ['期次', '停产闲置率', '经营困难率', '未按约定联农带农率', '报送情况', '项目数']
    : ['期次', '报送率', '及时率', '停产闲置率', '经营困难率', '未按约定联农带农率', '已报/应报', '项目数'];
  const width = header.length;
  const rows: LayoutRow[] = [
    { role: 'title', cells: [title], height: 28 },
    {
      role: 'meta',
      cells: [
        own
          ? `单位：${own.unit}　报送率、及时率见县级汇总`
          : '报送率 = 已报单位 / 应报单位（全部登记单位）；及时率 = 首次报送在截止前的单位 / 应报单位',
      ],
      height: 20,
    },
    { role: 'header', cells: header, height: 24 },
  ];
  if (own) {
    for (const p of own.series)
      rows.push({
        role: 'data',
        cells: [
          p.period,
          p.rates?.idle ?? null,
          p.rates?.difficult ?? null,
          p.rates?.linkage ?? null,
          STATUS_TEXT[p.status],
          p.projects,
        ],
      });
  } else {
    for (const p of trend.county ?? [])
      rows.push({
        role: 'data',
        cells: [
          p.period,
          p.reportingRate,
          p.timelinessRate,
          p.rates.idle,
          p.rates.difficult,
          p.rates.linkage,
          `${p.reported}/${p.expected}`,
          p.projects,
        ],
      });
  }
  const last = rows.length - 1;
  const rateCols = own ? [1, 2, 3] : [1, 2, 3, 4, 5];
  const formats = header.map((_, i) => (rateCols.includes(i) ? PERCENT : null));
  const merges: MergeArea[] = [
    { top: 0, left: 0, bottom: 0, right: width - 1 },
    { top: 1, left: 0, bottom: 1, right: width - 1 },
  ];
  const main = sheet(TREND_SHEET_NAME, rows, [12, ...header.slice(1).map(() => 12)], formats, merges);
  const chart: TrendChart = {
    title: own ? `${own.unit}三项比率趋势` : '全县报送率、及时率与三项比率趋势',
    headerRow: 2,
    firstDataRow: 3,
    lastDataRow: last,
    categoryCol: 0,
    seriesCols: rateCols,
    anchor: { top: last + 2, left: 0, bottom: last + 22, right: Math.max(width - 1, 7) },
  };
  const sheets = [main];
  if (!own && trend.units.length > 0) sheets.push(unitsSheet(trend, county));
  return { sheets, chart };
}

/** Three blocks (one per rate): a row per unit, a column per period; 未报 periods stay blank. */
function unitsSheet(trend: Trend, county: string): SheetLayout {
  const width = trend.periods.length + 1;
  const rows: LayoutRow[] = [
    { role: 'title', cells: [`${county}各单位三项比率趋势（${trend.from} 至 ${trend.to}）`], height: 28 },
    { role: 'meta', cells: ['空白 = 该期未报'], height: 20 },
  ];
  const merges: MergeArea[] = [
    { top: 0, left: 0, bottom: 0, right: width - 1 },
    { top: 1, left: 0, bottom: 1, right: width - 1 },
  ];
  for (const [key, label] of [
    ['idle', '停产闲置率'],
    ['difficult', '经营困难率'],
    ['linkage', '未按约定联农带农率'],
  ] as const) {
    rows.push({ role: 'header', cells: [label, ...trend.periods], height: 22 });
    for (const u of trend.units)
      rows.push({ role: 'data', cells: [u.unit, ...u.series.map((p) => p.rates?.[key] ?? null)] });
  }
  return sheet(
    TREND_UNITS_SHEET_NAME,
    rows,
    [18, ...trend.periods.map(() => 10)],
    [null, ...trend.periods.map(() => PERCENT)],
    merges,
  );
}
