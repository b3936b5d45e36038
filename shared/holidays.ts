/**
 * The State Council's 节假日安排 (days off with the holiday's name, and adjusted working days) from
 * the `chinese-days` package's published data file: what the calendar (calendar.ts) counts working
 * days with when the county has not entered a year itself, and what the pane names a moved deadline
 * after. Only the data is bundled, not the package's code (its lunar calendar, solar terms and date
 * class were most of the Worker's size beyond zod), and of the data only the years from 2013 with
 * their Chinese names: `prepare` writes that part to holidays-data.json (scripts/holidays-data.mjs),
 * so a new year's arrangement arrives with `npm update chinese-days`. Until then the calendar counts
 * that year Monday–Friday and says so, and the county can enter the year itself
 * (`npm run admin -- holiday add`).
 */
import published from './holidays-data.json' with { type: 'json' };

/** Days off as runs (first day YYYY-MM-DD, number of days, the holiday's Chinese name) and adjusted working days. */
interface PublishedDays {
  holidays: readonly (readonly [string, number, string])[];
  workdays: readonly string[];
}

const DATA = published as unknown as PublishedDays;

interface YearDays {
  /** Day off → the holiday's name. */
  off: Map<string, string>;
  work: Set<string>;
}

/** Year → its days off and adjusted working days, built once from the published data. */
const byYear = new Map<number, YearDays>();
function yearOf(date: string): YearDays {
  const year = Number(date.slice(0, 4));
  let y = byYear.get(year);
  if (!y) {
    y = { off: new Map(), work: new Set() };
    byYear.set(year, y);
  }
  return y;
}
for (const [first, days, name] of DATA.holidays) {
  const day = new Date(`${first}T00:00:00Z`);
  for (let i = 0; i < days; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    const date = day.toISOString().slice(0, 10);
    yearOf(date).off.set(date, name);
  }
}
for (const date of DATA.workdays) yearOf(date).work.add(date);

/** The years the published data has an arrangement for. */
export function officialYears(): number[] {
  return [...byYear.keys()].sort((a, b) => a - b);
}

/** Whether the published data has the year's arrangement. */
export function officialYearKnown(year: number): boolean {
  return byYear.has(year);
}

/**
 * Whether `date` (YYYY-MM-DD) is an official working day: an adjusted working day, or Monday to
 * Friday and not a day off. Only for a year `officialYearKnown`.
 */
export function isOfficialWorkday(date: string): boolean {
  const y = byYear.get(Number(date.slice(0, 4)));
  if (y?.work.has(date)) return true;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !y?.off.has(date);
}

/** The holiday `date` (YYYY-MM-DD) is a day off for (“国庆节”), if the published data has one. */
export function officialHolidayName(date: string): string | undefined {
  return byYear.get(Number(date.slice(0, 4)))?.off.get(date);
}
