/**
 * Working days in the official Chinese calendar (public holidays and adjusted working weekends),
 * for the 公示 period of at least 5 working days (notice （十四）). The calendar comes from the
 * `chinese-days` package, which tracks the State Council's yearly 节假日安排 and ships the data
 * (no network at run time). Kept apart from periods.ts so front ends that need no calendar do
 * not carry its data.
 */
import { findWorkday, isWorkday } from 'chinese-days';

export const PUBLICITY_WORKING_DAYS = 5;

export function isWorkingDay(date: string): boolean {
  return isWorkday(date);
}

/** The n-th working day counting `start` as day 1 when it is itself a working day. */
export function nthWorkingDay(start: string, n: number): string {
  if (n < 1) throw new RangeError('n must be at least 1');
  return isWorkday(start) ? (n === 1 ? start : findWorkday(n - 1, start)) : findWorkday(n, start);
}

/** Last day of a 公示 posted on `start` that must run `days` working days (posting day counts if it is a working day). */
export function publicityEnd(start: string, days: number = PUBLICITY_WORKING_DAYS): string {
  return nthWorkingDay(start, days);
}
