/**
 * The county's 分类统计表 (spec §5): a row for every registered unit — 未报 units marked, their
 * figures empty — a 合计 row that says how many units it covers (`合计（已报 N / 应报 M 个单位）`) and
 * a 说明 line under the table. Built on the 附件4 layout (`statsSheet`), so the CLI (`summary --out`)
 * and the pane (汇总) write the same table. County-level counterpart of the engine's unit-table notes.
 */

import { type StatsSheetOptions, statsSheet } from './layout/stats-sheet.js';
import type { SheetLayout } from './layout.js';
import { countyCoverage, countyNotes, countyTotalLabel, NOT_REPORTED } from './reporting.js';
import { type StatsRow, statsCells } from './stats.js';

export interface CountyTableInput {
  /** Every expected unit in unit order; `summary` null = 未报. */
  units: readonly { unit: string; summary: StatsRow | null }[];
  total: StatsRow;
}

export function countyStatsSheet(
  input: CountyTableInput,
  options: Omit<StatsSheetOptions, 'rows' | 'total'>,
): SheetLayout {
  const base = statsSheet({ ...options, rows: [], total: input.total });
  const coverage = countyCoverage(input.units);
  const totalAt = base.rows.findIndex((r) => r.role === 'total');
  const width = base.widths.length;
  const unitRows = input.units.map((u, i) => {
    if (u.summary) return { role: 'data' as const, cells: statsCells({ ...u.summary, unit: u.unit }, i + 1) };
    const cells: (string | number | null)[] = Array.from({ length: width }, () => null);
    cells[0] = i + 1;
    cells[1] = u.unit;
    cells[2] = NOT_REPORTED;
    return { role: 'data' as const, cells };
  });
  const total = base.rows[totalAt];
  const totalCells = [...(total?.cells ?? [])];
  totalCells[1] = countyTotalLabel(coverage.reported, coverage.expected);
  const rows = [
    ...base.rows.slice(0, totalAt),
    ...unitRows,
    { role: 'total' as const, cells: totalCells },
    { role: 'footer' as const, cells: [countyNotes(coverage)], height: 36 },
  ];
  const footer = rows.length - 1;
  return {
    ...base,
    rows,
    merges: [...base.merges, { top: footer, left: 0, bottom: footer, right: width - 1 }],
  };
}
