/**
 * The State Council's 节假日安排 from 2004 on (days off and adjusted working days), as data: what
 * the calendar (calendar.ts) counts working days with when the county has not entered a year
 * itself. Taken from the `chinese-days` package (holidays.test.ts checks every day against it),
 * which the Worker and the CLI no longer bundle: its lunar calendar, solar terms and date class
 * were most of the Worker's size beyond zod. A new year's arrangement goes here when it is
 * published; until then the calendar counts that year Monday–Friday and says so.
 */

/** Year → days off (`MM-DD`, or a range `MM-DD..MM-DD`) and adjusted working days (调休上班). */
export const OFFICIAL_HOLIDAYS: Readonly<Record<number, { off: string; work: string }>> = {
  2026: {
    off: '01-01..01-03 02-15..02-23 04-04..04-06 05-01..05-05 06-19..06-21 09-25..09-27 10-01..10-07',
    work: '01-04 02-14 02-28 05-09 09-20 10-10',
  },
  2025: {
    off: '01-01 01-28..02-04 04-04..04-06 05-01..05-05 05-31..06-02 10-01..10-08',
    work: '01-26 02-08 04-27 09-28 10-11',
  },
  2024: {
    off: '01-01 02-10..02-17 04-04..04-06 05-01..05-05 06-10 09-15..09-17 10-01..10-07',
    work: '02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12',
  },
  2023: {
    off: '01-01..01-02 01-21..01-27 04-05 04-29..05-03 06-22..06-24 09-29..10-06',
    work: '01-28 01-29 04-23 05-06 06-25 10-07 10-08',
  },
  2022: {
    off: '01-01..01-03 01-31..02-06 04-03..04-05 04-30..05-04 06-03..06-05 09-10..09-12 10-01..10-07 12-31',
    work: '01-29 01-30 04-02 04-24 05-07 10-08 10-09',
  },
  2021: {
    off: '01-01..01-03 02-11..02-17 04-03..04-05 05-01..05-05 06-12..06-14 09-19..09-21 10-01..10-07',
    work: '02-07 02-20 04-25 05-08 09-18 09-26 10-09',
  },
  2020: {
    off: '01-01 01-24..02-02 04-04..04-06 05-01..05-05 06-25..06-27 10-01..10-08',
    work: '01-19 04-26 05-09 06-28 09-27 10-10',
  },
  2019: {
    off: '01-01 02-04..02-10 04-05..04-07 05-01..05-04 06-07..06-09 09-13..09-15 10-01..10-07',
    work: '02-02 02-03 04-28 05-05 09-29 10-12',
  },
  2018: {
    off: '01-01 02-15..02-21 04-05..04-07 04-29..05-01 06-18 09-24 10-01..10-07 12-30..12-31',
    work: '02-11 02-24 04-08 04-28 09-29 09-30 12-29',
  },
  2017: {
    off: '01-01..01-02 01-27..02-02 04-02..04-04 05-01 05-28..05-30 10-01..10-08',
    work: '01-22 02-04 04-01 05-27 09-30',
  },
  2016: {
    off: '01-01 02-07..02-13 04-04 05-01..05-02 06-09..06-11 09-15..09-17 10-01..10-07',
    work: '02-06 02-14 06-12 09-18 10-08 10-09',
  },
  2015: {
    off: '01-01..01-03 02-18..02-24 04-05..04-06 05-01 06-20 06-22 09-03..09-04 09-27 10-01..10-07',
    work: '01-04 02-15 02-28 09-06 10-10',
  },
  2014: {
    off: '01-01 01-31..02-06 04-05..04-07 05-01..05-03 06-02 09-08 10-01..10-07',
    work: '01-26 02-08 05-04 09-28 10-11',
  },
  2013: {
    off: '01-01..01-03 02-09..02-15 04-04..04-06 04-29..05-01 06-10..06-12 09-19..09-21 10-01..10-07',
    work: '01-05 01-06 02-16 02-17 04-07 04-27 04-28 06-08 06-09 09-22 09-29 10-12',
  },
  2012: {
    off: '01-01..01-03 01-22..01-28 04-02..04-04 04-29..05-01 06-22 06-24 09-30..10-07',
    work: '01-21 01-29 03-31 04-01 04-28 09-29',
  },
  2011: {
    off: '01-01..01-03 02-02..02-08 04-03..04-05 04-30..05-02 06-04 06-06 09-10..09-12 10-01..10-07',
    work: '01-30 02-12 04-02 10-08 10-09 12-31',
  },
  2010: {
    off: '01-01..01-03 02-13..02-19 04-03..04-05 05-01..05-03 06-14..06-16 09-22..09-24 10-01..10-07',
    work: '02-20 02-21 06-12 06-13 09-19 09-25 09-26 10-09',
  },
  2009: {
    off: '01-01..01-03 01-25..01-31 04-04..04-06 05-01..05-03 05-28..05-30 10-01..10-08',
    work: '01-04 01-24 02-01 05-31 09-27 10-10',
  },
  2008: {
    off: '01-01 02-06..02-12 04-04..04-06 05-01..05-03 06-07..06-09 09-13..09-15 09-29..10-05',
    work: '02-02 02-03 05-04 09-27 09-28',
  },
  2007: {
    off: '01-01..01-03 02-18..02-24 05-01..05-07 10-01..10-07 12-30..12-31',
    work: '02-17 02-25 04-28 04-29 09-29 09-30 12-29',
  },
  2006: {
    off: '01-01..01-03 01-29..02-04 05-01..05-07 10-01..10-07',
    work: '01-28 02-05 04-29 04-30 09-30 10-08 12-30 12-31',
  },
  2005: { off: '01-01..01-03 02-09..02-15 05-01..05-07 10-01..10-07', work: '02-05 02-06 04-30 05-08 10-08 10-09' },
  2004: { off: '01-01 01-22..01-28 05-01..05-07 10-01..10-07', work: '01-17 01-18 05-08 05-09 10-09 10-10' },
};

interface YearDays {
  off: ReadonlySet<string>;
  work: ReadonlySet<string>;
}

const DAY_MS = 86400 * 1000;
const expanded = new Map<number, YearDays>();

/** Every `MM-DD` of a space-separated list of days and ranges, as YYYY-MM-DD of `year`. */
function days(year: number, list: string): Set<string> {
  const out = new Set<string>();
  for (const item of list.split(' ')) {
    if (item === '') continue;
    const [from, to = from] = item.split('..') as [string, string?];
    const end = Date.parse(`${year}-${to}T00:00:00Z`);
    for (let t = Date.parse(`${year}-${from}T00:00:00Z`); t <= end; t += DAY_MS)
      out.add(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function yearDays(year: number): YearDays | undefined {
  const table = OFFICIAL_HOLIDAYS[year];
  if (!table) return undefined;
  let y = expanded.get(year);
  if (!y) {
    y = { off: days(year, table.off), work: days(year, table.work) };
    expanded.set(year, y);
  }
  return y;
}

/** Whether the table has the year's arrangement. */
export function officialYearKnown(year: number): boolean {
  return OFFICIAL_HOLIDAYS[year] !== undefined;
}

/**
 * Whether `date` (YYYY-MM-DD) is an official working day: an adjusted working day, or Monday to
 * Friday and not a day off. Only for a year `officialYearKnown`.
 */
export function isOfficialWorkday(date: string): boolean {
  const y = yearDays(Number(date.slice(0, 4)));
  if (y?.work.has(date)) return true;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !y?.off.has(date);
}
