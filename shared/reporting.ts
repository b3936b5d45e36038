/**
 * The Thursday routine's figures (spec §10), pure: reporting and timeliness rates per period
 * (DHIS2 definitions, expected = the registered units), and what a county 统计表 covers and leaves
 * out (spec §5: every expected unit has a row, 未报 marked; 合计 says 已报 N / 应报 M; a 说明 line).
 * County-table notes only: the unit-table notes (unclassified / erroneous ledgers) live with the
 * engine; the lead may merge both into one module.
 */
import { parsePeriod, type SubmissionStatus, weekOf } from './periods.js';
import type { StatsRow } from './stats.js';
import { countyTotalLabel, names, unclassifiedOf } from './stats-notes.js';
import { periodFormatError, STATUS_LABEL } from './wording.js';

export { countyTotalLabel };

/** 0.8333 for 5 of 6 (four decimals, as the 统计表 rates); 0 when nothing is expected. */
export function fraction(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000;
}

export interface ReportingFigures {
  /** Registered units. */
  expected: number;
  /** Units with a stored submission for the period. */
  reported: number;
  /** Units whose first submission arrived by the deadline. */
  onTime: number;
  late: number;
  missing: number;
  /** reported / expected */
  reportingRate: number;
  /** onTime / expected */
  timelinessRate: number;
}

/** Reporting rate and timeliness rate from each expected unit's status (first submission decides). */
export function reportingFigures(statuses: readonly SubmissionStatus[]): ReportingFigures {
  const onTime = statuses.filter((s) => s === 'on-time').length;
  const late = statuses.filter((s) => s === 'late').length;
  const expected = statuses.length;
  const reported = onTime + late;
  return {
    expected,
    reported,
    onTime,
    late,
    missing: expected - reported,
    reportingRate: fraction(reported, expected),
    timelinessRate: fraction(onTime, expected),
  };
}

/** “83.3%” */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The value a 未报 unit shows in its row's first figure column. */
export const NOT_REPORTED = STATUS_LABEL.missing;

export interface CountyCoverage {
  expected: number;
  reported: number;
  /** Units without a submission, in unit order. */
  missing: string[];
  /** Projects without a category over the counted submissions (项目数 − the four category counts). */
  unclassified: number;
  /** The units those projects belong to, with their counts. */
  unclassifiedUnits: { unit: string; count: number }[];
}

/** What a county table covers, from every expected unit and its counted 统计表 row (null = 未报). */
export function countyCoverage(units: readonly { unit: string; summary: StatsRow | null }[]): CountyCoverage {
  const reported = units.filter((u) => u.summary !== null);
  const unclassifiedUnits = reported.flatMap((u) =>
    u.summary && unclassifiedOf(u.summary) > 0 ? [{ unit: u.unit, count: unclassifiedOf(u.summary) }] : [],
  );
  return {
    expected: units.length,
    reported: reported.length,
    missing: units.filter((u) => u.summary === null).map((u) => u.unit),
    unclassified: unclassifiedUnits.reduce((n, u) => n + u.count, 0),
    unclassifiedUnits,
  };
}

/**
 * The county table's 说明 line: who is not in 合计 and which projects are in 项目数 but in none of
 * the four category columns. Always says how many units the table covers.
 */
export function countyNotes(c: CountyCoverage): string {
  const parts = [`本表应报 ${c.expected} 个单位，已报 ${c.reported} 个`];
  if (c.missing.length > 0) parts.push(`未报 ${c.missing.length} 个（${names(c.missing)}），其行为空，不计入合计`);
  if (c.unclassified > 0)
    parts.push(
      `项目数中其中未分类 ${c.unclassified} 个（${names(c.unclassifiedUnits.map((u) => `${u.unit} ${u.count} 个`))}），不在四类分类列中`,
    );
  return `说明：${parts.join('；')}。`;
}

/** Longest trend: two years of weeks. */
export const MAX_TREND_PERIODS = 104;

/** The period after `id` of the same kind (null when `id` does not parse). */
export function nextPeriod(id: string): string | null {
  const p = parsePeriod(id);
  if (!p) return null;
  if (p.kind === 'week') return weekOf(new Date(p.due.getTime() + 7 * 86400_000));
  const [y, m] = id.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The periods from `from` to `to` inclusive; a Chinese reason when they cannot form a trend. */
export function periodRange(from: string, to: string, max = MAX_TREND_PERIODS): string[] | string {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (!a || !b) return periodFormatError(!a ? from : to);
  if (a.kind !== b.kind) return `起止期次须同为周或同为月：“${from}”与“${to}”不同`;
  if (from > to) return `起始期次“${from}”晚于结束期次“${to}”`;
  const out: string[] = [];
  for (let p: string | null = from; p !== null && p <= to; p = nextPeriod(p)) {
    out.push(p);
    if (out.length > max) return `趋势最多 ${max} 期：${from} 至 ${to} 超出了`;
  }
  return out;
}

/** GLOB of a period kind's ids (weeks or months), for SQL. */
export function periodGlob(id: string): string {
  return parsePeriod(id)?.kind === 'week' ? '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' : '[0-9][0-9][0-9][0-9]-[0-9][0-9]';
}

/** “1天6小时” / “3小时20分” / “5分钟”: how long until an instant (0 or less → null). */
export function timeLeft(until: Date, now: Date): string | null {
  const ms = until.getTime() - now.getTime();
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d}天${h}小时`;
  if (h > 0) return `${h}小时${m}分`;
  return `${Math.max(m, 1)}分钟`;
}
