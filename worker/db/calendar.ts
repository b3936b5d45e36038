/**
 * The county's calendar data in D1 (migration 0004) as the shared Calendar: the library's holidays
 * plus the years and deadlines the county stored with `npm run admin -- holiday …/deadline …`.
 * One query round trip; call it wherever a deadline, on-time/late or a 公示 end is computed.
 */
import { type Calendar, type CalendarOverrides, createCalendar, type HolidayYear } from '../../shared/calendar.js';

interface YearRow {
  year: number;
  holidays: string;
  workdays: string;
}

function dates(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string') : [];
}

/** What the county stored, as calendar overrides. */
export async function loadCalendarOverrides(db: D1Database): Promise<CalendarOverrides> {
  const [years, deadlines] = await db.batch(calendarStatements(db));
  return overridesOf(years, deadlines);
}

/** The two reads behind `loadCalendar`, for a caller's own batch (their results go to `calendarOf`). */
export function calendarStatements(db: D1Database): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db.prepare('SELECT year, holidays, workdays FROM holiday_years ORDER BY year'),
    db.prepare('SELECT period, due_at FROM period_deadlines'),
  ];
}

/** The calendar from the results (or their rows) of `calendarStatements`, in their order. */
export function calendarOf(
  years: D1Result | readonly unknown[] | undefined,
  deadlines: D1Result | readonly unknown[] | undefined,
): Calendar {
  return createCalendar(overridesOf(years, deadlines));
}

const rowsOf = (r: D1Result | readonly unknown[] | undefined): readonly unknown[] =>
  r === undefined ? [] : Array.isArray(r) ? r : ((r as D1Result).results ?? []);

function overridesOf(
  years: D1Result | readonly unknown[] | undefined,
  deadlines: D1Result | readonly unknown[] | undefined,
): CalendarOverrides {
  return {
    years: (rowsOf(years) as YearRow[]).map(
      (r): HolidayYear => ({ year: r.year, holidays: dates(r.holidays), workdays: dates(r.workdays) }),
    ),
    deadlines: Object.fromEntries(
      (rowsOf(deadlines) as { period: string; due_at: string }[]).map((r) => [r.period, r.due_at]),
    ),
  };
}

export async function loadCalendar(db: D1Database): Promise<Calendar> {
  return createCalendar(await loadCalendarOverrides(db));
}
