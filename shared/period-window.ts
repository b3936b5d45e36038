/**
 * When a period is open for submissions (spec §7): from its start — Monday 00:00 of the ISO week,
 * the 1st of the month, Asia/Shanghai — and only for years 2013 (the first ledgers) to next year.
 * Kept apart from periods.ts (deadlines) on purpose: one job each.
 */
import { SHANGHAI_OFFSET_MS } from './beijing-time.js';
import { MONTH_PERIOD, type Period, parsePeriod, WEEK_PERIOD } from './periods.js';
import { periodFormatError } from './wording.js';

export const FIRST_PERIOD_YEAR = 2013;
const DAY_MS = 86400 * 1000;

/** Monday 00:00 (as a UTC-based wall-clock date) of ISO week 1 of `year`. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

/**
 * The instant a period opens: Monday 00:00 (week) or the 1st 00:00 (month), Asia/Shanghai.
 * Computed from the id, not from the deadline (a deadline can move for a holiday; the start does not).
 */
export function periodStart(period: Pick<Period, 'id'>): Date {
  const w = WEEK_PERIOD.exec(period.id);
  if (w) return new Date(isoWeekOneMonday(Number(w[1])) + (Number(w[2]) - 1) * 7 * DAY_MS - SHANGHAI_OFFSET_MS);
  const m = MONTH_PERIOD.exec(period.id);
  if (!m) throw new Error(`not a period id: ${period.id}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) - SHANGHAI_OFFSET_MS);
}

function shanghaiText(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/**
 * Why a submission for `id` cannot be accepted at `now` (Chinese, for the clerk), or null when the
 * period is open: not a period id, a year outside 2013 … next year, or a period not started yet.
 */
export function periodClosedReason(id: string, now: Date): string | null {
  const period = parsePeriod(id);
  if (!period) return periodFormatError(id);
  const year = Number(id.slice(0, 4));
  const nextYear = new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear() + 1;
  if (year < FIRST_PERIOD_YEAR || year > nextYear) {
    return `报送期次“${id}”的年份 ${year} 不在可报送范围内：只接受 ${FIRST_PERIOD_YEAR} 年至 ${nextYear} 年的期次`;
  }
  const start = periodStart(period);
  if (now.getTime() < start.getTime()) {
    return `报送期次“${id}”尚未开始（${shanghaiText(start)} 0 时起才可报送）：请报送本期或已开始的期次`;
  }
  return null;
}
