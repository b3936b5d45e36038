/** The 分类统计表 (附件4) as a layout. */
import { DEFAULT_COUNTY, type LayoutRow, type SheetLayout, STATS_SHEET_NAME } from '../layout.js';
import type { MergeArea } from '../ledger/read.js';
import { STATS_HEADER, type StatsRow, statsCells, statsTitle } from '../stats.js';
import { chineseDate, metaSegments, twoLevelHeader } from './parts.js';
import { planPrint, withoutPlan } from './print.js';
import { MONEY_FORMAT, ROLE_FONT_PT } from './style.js';

export interface StatsSheetOptions {
  county?: string;
  /** 填报单位 of the table (the county office, or the unit for its own table). */
  unit?: string | null;
  /** 审核人 and 填报人 of the meta line (a unit's own table: from its ledger's meta); blank when absent. */
  reviewer?: string | null;
  filler?: string | null;
  updatedAt?: string | null;
  /** Period shown on the meta line, e.g. “2026年第47周”. */
  periodLabel?: string | null;
  rows: readonly StatsRow[];
  total: StatsRow;
  /**
   * The 说明 line under the table (spec §5), e.g. notesLine(statsNotes(…)) from shared/stats-notes.ts:
   * written in one merged row below 合计. Omitted = no 说明 row.
   */
  notes?: string | null;
}

const STATS_WIDTHS: Record<string, number> = { 序号: 5, 地区: 16, '项目实际投入（万元）': 12, 项目数: 7 };

function statsWidths(groups: readonly { label: string; subs: readonly string[] }[]): number[] {
  return groups.flatMap((g) => (g.subs.length === 0 ? [STATS_WIDTHS[g.label] ?? 9] : g.subs.map(() => 6)));
}

/** The 分类统计表 (附件4): title, meta line, two header rows, one row per unit, 合计. */
export function statsSheet(options: StatsSheetOptions): SheetLayout {
  const county = options.county ?? DEFAULT_COUNTY;
  const groups = STATS_HEADER.map((h) => ({ label: h.label, subs: h.subs ?? [] }));
  const width = groups.reduce((n, g) => n + Math.max(1, g.subs.length), 0);
  const rows: LayoutRow[] = [];
  const merges: MergeArea[] = [];

  const widths = statsWidths(groups);
  const print = planPrint(widths, {
    fontPt: ROLE_FONT_PT.data,
    repeatRows: { top: 2, bottom: 3 },
    repeatCols: { left: 0, right: 1 },
  });
  const firstLast = print.firstPageCols - 1;
  rows.push({ role: 'title', cells: [statsTitle(county)], height: 32 });
  merges.push({ top: 0, left: 0, bottom: 0, right: firstLast });
  const segments = [
    `填报单位：${options.unit ?? ''}`,
    `审核人：${options.reviewer ?? ''}`,
    `填报人：${options.filler ?? ''}`,
    `更新时间：${chineseDate(options.updatedAt)}`,
  ];
  if (options.periodLabel) segments.push(`报送期次：${options.periodLabel}`);
  const meta = metaSegments(segments, width, print.firstPageCols);
  rows.push({ role: 'meta', cells: meta.cells, height: 22 });
  merges.push(...meta.merges);

  const header = twoLevelHeader(groups, 2);
  rows.push({ role: 'header', cells: header.rows[0], height: 30 });
  rows.push({ role: 'header', cells: header.rows[1], height: 80 });
  merges.push(...header.merges);

  options.rows.forEach((row, i) => {
    rows.push({ role: 'data', cells: statsCells(row, i + 1) });
  });
  rows.push({ role: 'total', cells: statsCells(options.total, null) });
  if (options.notes) {
    rows.push({ role: 'footer', cells: [options.notes], height: 36 });
    merges.push({ top: rows.length - 1, left: 0, bottom: rows.length - 1, right: firstLast });
  }

  const numberFormats: (string | null)[] = groups.flatMap((g) =>
    g.subs.length === 0 ? [g.label === '项目实际投入（万元）' ? MONEY_FORMAT : null] : g.subs.map(() => null),
  );
  return {
    name: STATS_SHEET_NAME,
    state: 'visible',
    rows,
    merges,
    widths,
    numberFormats,
    validations: [],
    freeze: { rows: 4, cols: 2 },
    print: withoutPlan(print),
  };
}
