/**
 * Working days in the official Chinese calendar (public holidays and adjusted working weekends),
 * for the 公示 period of at least 5 working days (notice （十四）). The library's calendar alone;
 * with the county's own holiday lists and the coverage warnings, use shared/calendar.ts.
 */
import { libraryCalendar, PUBLICITY_WORKING_DAYS } from './calendar.js';

export { PUBLICITY_WORKING_DAYS };

export function isWorkingDay(date: string): boolean {
  return libraryCalendar.isWorkingDay(date);
}

/** The n-th working day counting `start` as day 1 when it is itself a working day. */
export function nthWorkingDay(start: string, n: number): string {
  return libraryCalendar.nthWorkingDay(start, n);
}

/** Last day of a 公示 posted on `start` that must run `days` working days (posting day counts if it is a working day). */
export function publicityEnd(start: string, days: number = PUBLICITY_WORKING_DAYS): string {
  return libraryCalendar.publicityEnd(start, days).end;
}
