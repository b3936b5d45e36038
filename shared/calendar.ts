/**
 * The official working-day calendar (spec §6) as one injectable object, shared by the Worker, the
 * CLI and the pane. Pure: the official table (holidays.ts) plus what the county stored itself —
 * a year's holidays and adjusted working days (preferred over the official table for that year) and
 * explicit deadlines per period (they win over every computed deadline). Where neither knows a
 * year, Monday–Friday are counted as working days and every answer carries a warning saying so;
 * a holiday is never counted as a working day silently.
 */
import { SHANGHAI_OFFSET_MS } from './beijing-time.js';
import { isOfficialWorkday, officialYearKnown } from './holidays.js';
import { periodStart } from './period-window.js';
import { type Period, parsePeriod } from './periods.js';

const DAY_MS = 86400 * 1000;
/** Enough to cross the longest holiday (Spring Festival, 国庆: 8–9 days) many times over. */
const MAX_SCAN_DAYS = 400;

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** A year's calendar as the county entered it (the State Council's 节假日安排 of that year). */
export interface HolidayYear {
  year: number;
  /** Days off, YYYY-MM-DD (weekends need not be listed). */
  holidays: readonly string[];
  /** Adjusted working days (调休上班), usually weekends, YYYY-MM-DD. */
  workdays: readonly string[];
}

export interface CalendarOverrides {
  years?: readonly HolidayYear[];
  /** Period id → deadline instant (ISO 8601) set by the county. */
  deadlines?: Readonly<Record<string, string>>;
}

/** Structured, so every front end can print it; `message` is what the clerk reads. */
export interface CalendarWarning {
  code: 'calendar-year-missing';
  year: number;
  message: string;
}

export type CalendarSource = 'county' | 'library' | 'weekdays';

export interface ResolvedPeriod {
  /** The period with its effective deadline. */
  period: Period;
  /** The deadline before any move: Thursday 16:00 / the 7th 24:00. */
  nominalDue: Date;
  /** When the period opens: Monday 00:00 of the ISO week / the 1st 00:00 (Asia/Shanghai). */
  start: Date;
  /** Where the deadline comes from: set by the county, or computed on the working-day calendar. */
  source: 'county' | 'calendar';
  warnings: CalendarWarning[];
}

export interface Calendar {
  /** Who knows this year's holidays: the county's own list, the official table (holidays.ts), or nobody (Mon–Fri). */
  sourceOf(year: number): CalendarSource;
  isWorkingDay(date: string): boolean;
  /** `date` itself when it is a working day, else the next one. */
  nextWorkingDay(date: string): string;
  /** The n-th working day counting `start` as day 1 when it is itself a working day. */
  nthWorkingDay(start: string, n: number): string;
  /** Last day of a 公示 posted on `start` lasting `days` working days, with warnings for uncovered years. */
  publicityEnd(start: string, days?: number): { end: string; warnings: CalendarWarning[] };
  /** The period with its effective deadline (county-set, else moved to a working day); null if the id is invalid. */
  resolve(id: string): ResolvedPeriod | null;
  /** Warnings for the years the given dates (YYYY-MM-DD) fall in. */
  warningsFor(dates: readonly string[]): CalendarWarning[];
}

export const PUBLICITY_WORKING_DAYS = 5;

export function missingYearMessage(year: number): string {
  return `${year} 年节假日数据未收录，按周一至周五计算`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** Checks a county-entered year; returns the Chinese reasons it cannot be stored (empty = fine). */
export function holidayYearProblems(y: HolidayYear): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(y.year) || y.year < 2000 || y.year > 2100)
    problems.push(`年份“${y.year}”无效（应为 2000–2100）`);
  const seen = new Map<string, string>();
  for (const [kind, list] of [
    ['放假日期', y.holidays],
    ['调休上班日期', y.workdays],
  ] as const) {
    if (list.length > 366) problems.push(`${kind}最多 366 个，收到 ${list.length} 个`);
    for (const d of list) {
      const m = ISO_DATE.exec(d);
      const valid = m !== null && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
      if (!valid) problems.push(`${kind}“${d}”不是有效日期（格式 YYYY-MM-DD）`);
      else if (Number(m[1]) !== y.year) problems.push(`${kind}“${d}”不在 ${y.year} 年`);
      const other = seen.get(d);
      if (other && other !== kind) problems.push(`“${d}”同时出现在放假日期和调休上班日期中`);
      seen.set(d, kind);
    }
  }
  return problems.slice(0, 20);
}

export function createCalendar(overrides: CalendarOverrides = {}): Calendar {
  const county = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  for (const y of overrides.years ?? [])
    county.set(y.year, { holidays: new Set(y.holidays), workdays: new Set(y.workdays) });
  const deadlines = overrides.deadlines ?? {};

  const sourceOf = (year: number): CalendarSource =>
    county.has(year) ? 'county' : officialYearKnown(year) ? 'library' : 'weekdays';

  function isWorkingDay(date: string): boolean {
    const year = Number(date.slice(0, 4));
    const own = county.get(year);
    if (own) {
      if (own.holidays.has(date)) return false;
      if (own.workdays.has(date)) return true;
      return isWeekday(date);
    }
    return officialYearKnown(year) ? isOfficialWorkday(date) : isWeekday(date);
  }

  function nextWorkingDay(date: string): string {
    let d = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++, d = addDays(d, 1)) if (isWorkingDay(d)) return d;
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${date}`);
  }

  function nthWorkingDay(start: string, n: number): string {
    if (n < 1) throw new RangeError('n must be at least 1');
    let d = nextWorkingDay(start);
    for (let k = 1; k < n; k++) d = nextWorkingDay(addDays(d, 1));
    return d;
  }

  function warningsFor(dates: readonly string[]): CalendarWarning[] {
    const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
    return years
      .filter((y) => sourceOf(y) === 'weekdays')
      .map((year) => ({ code: 'calendar-year-missing' as const, year, message: missingYearMessage(year) }));
  }

  /** Every year from the first date to the last. */
  const span = (from: string, to: string): string[] => {
    const out: string[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(`${y}-01-01`);
    return out;
  };

  function publicityEnd(start: string, days: number = PUBLICITY_WORKING_DAYS) {
    const end = nthWorkingDay(start, days);
    return { end, warnings: warningsFor(span(start, end)) };
  }

  function resolve(id: string): ResolvedPeriod | null {
    const nominal = parsePeriod(id);
    if (!nominal) return null;
    const start = periodStart(nominal);
    const set = deadlines[id];
    if (set !== undefined && Number.isFinite(Date.parse(set)))
      return {
        period: { ...nominal, due: new Date(set) },
        nominalDue: nominal.due,
        start,
        source: 'county',
        warnings: [],
      };
    // The due day: Thursday (16:00) or the 7th (24:00 = the 8th 00:00, so step back to the 7th).
    const local = nominal.due.getTime() + SHANGHAI_OFFSET_MS - (nominal.kind === 'month' ? 1 : 0);
    const dueDay = new Date(local).toISOString().slice(0, 10);
    const moved = nextWorkingDay(dueDay);
    const shift = Date.parse(`${moved}T00:00:00Z`) - Date.parse(`${dueDay}T00:00:00Z`);
    return {
      period: { ...nominal, due: new Date(nominal.due.getTime() + shift) },
      nominalDue: nominal.due,
      start,
      source: 'calendar',
      warnings: warningsFor(span(dueDay, moved)),
    };
  }

  return { sourceOf, isWorkingDay, nextWorkingDay, nthWorkingDay, publicityEnd, resolve, warningsFor };
}

/** The library's calendar alone (no county data): for front ends without a server. */
export const libraryCalendar: Calendar = createCalendar();
