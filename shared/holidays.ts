/**
 * The State Council's 节假日安排 from 2004 on (days off with the holiday's name, and adjusted
 * working days), as data: what the calendar (calendar.ts) counts working days with when the county
 * has not entered a year itself, and what the pane names a moved deadline after. Taken from the
 * `chinese-days` package (holidays.test.ts checks every day and name against it), which the Worker
 * and the pane no longer bundle: its lunar calendar, solar terms and date class were most of the
 * Worker's size beyond zod. A new year's arrangement goes here when it is published; until then
 * the calendar counts that year Monday–Friday and says so.
 */

/**
 * Year → days off (a holiday's name, then its days: `MM-DD` or a range `MM-DD..MM-DD`) and the
 * adjusted working days (调休上班).
 */
export const OFFICIAL_HOLIDAYS: Readonly<Record<number, { off: string; work: string }>> = {
  2026: {
    off: '元旦 01-01..01-03 春节 02-15..02-23 清明 04-04..04-06 劳动节 05-01..05-05 端午 06-19..06-21 中秋 09-25..09-27 国庆节 10-01..10-07',
    work: '01-04 02-14 02-28 05-09 09-20 10-10',
  },
  2025: {
    off: '元旦 01-01 春节 01-28..02-04 清明 04-04..04-06 劳动节 05-01..05-05 端午 05-31..06-02 国庆节 10-01..10-05 中秋 10-06 国庆节 10-07..10-08',
    work: '01-26 02-08 04-27 09-28 10-11',
  },
  2024: {
    off: '元旦 01-01 春节 02-10..02-17 清明 04-04..04-06 劳动节 05-01..05-05 端午 06-10 中秋 09-15..09-17 国庆节 10-01..10-07',
    work: '02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12',
  },
  2023: {
    off: '元旦 01-01..01-02 春节 01-21..01-27 清明 04-05 劳动节 04-29..05-03 端午 06-22..06-24 中秋 09-29 国庆节 09-30..10-06',
    work: '01-28 01-29 04-23 05-06 06-25 10-07 10-08',
  },
  2022: {
    off: '元旦 01-01..01-03 春节 01-31..02-06 清明 04-03..04-05 劳动节 04-30..05-04 端午 06-03..06-05 中秋 09-10..09-12 国庆节 10-01..10-07 元旦 12-31',
    work: '01-29 01-30 04-02 04-24 05-07 10-08 10-09',
  },
  2021: {
    off: '元旦 01-01..01-03 春节 02-11..02-17 清明 04-03..04-05 劳动节 05-01..05-05 端午 06-12..06-14 中秋 09-19..09-21 国庆节 10-01..10-07',
    work: '02-07 02-20 04-25 05-08 09-18 09-26 10-09',
  },
  2020: {
    off: '元旦 01-01 春节 01-24..02-02 清明 04-04..04-06 劳动节 05-01..05-05 端午 06-25..06-27 国庆节 10-01..10-08',
    work: '01-19 04-26 05-09 06-28 09-27 10-10',
  },
  2019: {
    off: '元旦 01-01 春节 02-04..02-10 清明 04-05..04-07 劳动节 05-01..05-04 端午 06-07..06-09 中秋 09-13..09-15 国庆节 10-01..10-07',
    work: '02-02 02-03 04-28 05-05 09-29 10-12',
  },
  2018: {
    off: '元旦 01-01 春节 02-15..02-21 清明 04-05..04-07 劳动节 04-29..05-01 端午 06-18 中秋 09-24 国庆节 10-01..10-07 元旦 12-30..12-31',
    work: '02-11 02-24 04-08 04-28 09-29 09-30 12-29',
  },
  2017: {
    off: '元旦 01-01..01-02 春节 01-27..02-02 清明 04-02..04-04 劳动节 05-01 端午 05-28..05-30 国庆节 10-01..10-03 中秋 10-04 国庆节 10-05..10-08',
    work: '01-22 02-04 04-01 05-27 09-30',
  },
  2016: {
    off: '元旦 01-01 春节 02-07..02-13 清明 04-04 劳动节 05-01..05-02 端午 06-09..06-11 中秋 09-15..09-17 国庆节 10-01..10-07',
    work: '02-06 02-14 06-12 09-18 10-08 10-09',
  },
  2015: {
    off: '元旦 01-01..01-03 春节 02-18..02-24 清明 04-05..04-06 劳动节 05-01 端午 06-20 06-22 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日 09-03..09-04 中秋 09-27 国庆节 10-01..10-07',
    work: '01-04 02-15 02-28 09-06 10-10',
  },
  2014: {
    off: '元旦 01-01 春节 01-31..02-06 清明 04-05..04-07 劳动节 05-01..05-03 端午 06-02 中秋 09-08 国庆节 10-01..10-07',
    work: '01-26 02-08 05-04 09-28 10-11',
  },
  2013: {
    off: '元旦 01-01..01-03 春节 02-09..02-15 清明 04-04..04-06 劳动节 04-29..05-01 端午 06-10..06-12 中秋 09-19..09-21 国庆节 10-01..10-07',
    work: '01-05 01-06 02-16 02-17 04-07 04-27 04-28 06-08 06-09 09-22 09-29 10-12',
  },
  2012: {
    off: '元旦 01-01..01-03 春节 01-22..01-28 清明 04-02..04-04 劳动节 04-29..05-01 端午 06-22 06-24 中秋 09-30 国庆节 10-01..10-07',
    work: '01-21 01-29 03-31 04-01 04-28 09-29',
  },
  2011: {
    off: '元旦 01-01..01-03 春节 02-02..02-08 清明 04-03..04-05 劳动节 04-30..05-02 端午 06-04 06-06 中秋 09-10..09-12 国庆节 10-01..10-07',
    work: '01-30 02-12 04-02 10-08 10-09 12-31',
  },
  2010: {
    off: '元旦 01-01..01-03 春节 02-13..02-19 清明 04-03..04-05 劳动节 05-01..05-03 端午 06-14..06-16 中秋 09-22..09-24 国庆节 10-01..10-07',
    work: '02-20 02-21 06-12 06-13 09-19 09-25 09-26 10-09',
  },
  2009: {
    off: '元旦 01-01..01-03 春节 01-25..01-31 清明 04-04..04-06 劳动节 05-01..05-03 端午 05-28..05-30 国庆节 10-01..10-02 中秋 10-03 国庆节 10-04..10-08',
    work: '01-04 01-24 02-01 05-31 09-27 10-10',
  },
  2008: {
    off: '元旦 01-01 春节 02-06..02-12 清明 04-04..04-06 劳动节 05-01..05-03 端午 06-07..06-09 中秋 09-13..09-15 国庆节 09-29..10-05',
    work: '02-02 02-03 05-04 09-27 09-28',
  },
  2007: {
    off: '元旦 01-01..01-03 春节 02-18..02-24 劳动节 05-01..05-07 国庆节 10-01..10-07 元旦 12-30..12-31',
    work: '02-17 02-25 04-28 04-29 09-29 09-30 12-29',
  },
  2006: {
    off: '元旦 01-01..01-03 春节 01-29..02-04 劳动节 05-01..05-07 国庆节 10-01..10-07',
    work: '01-28 02-05 04-29 04-30 09-30 10-08 12-30 12-31',
  },
  2005: {
    off: '元旦 01-01..01-03 春节 02-09..02-15 劳动节 05-01..05-07 国庆节 10-01..10-07',
    work: '02-05 02-06 04-30 05-08 10-08 10-09',
  },
  2004: {
    off: '元旦 01-01 春节 01-22..01-28 劳动节 05-01..05-07 国庆节 10-01..10-07',
    work: '01-17 01-18 05-08 05-09 10-09 10-10',
  },
};

interface YearDays {
  /** Day off → the holiday's name. */
  off: ReadonlyMap<string, string>;
  work: ReadonlySet<string>;
}

const DAY_MS = 86400 * 1000;
const expanded = new Map<number, YearDays>();

/** Every day of a list of `MM-DD` days and ranges (each after the name it falls under) as YYYY-MM-DD of `year` → name. */
function days(year: number, list: string): Map<string, string> {
  const out = new Map<string, string>();
  let name = '';
  for (const item of list.split(' ')) {
    if (item === '') continue;
    if (!/^\d/u.test(item)) {
      name = item;
      continue;
    }
    const [from, to = from] = item.split('..') as [string, string?];
    const end = Date.parse(`${year}-${to}T00:00:00Z`);
    for (let t = Date.parse(`${year}-${from}T00:00:00Z`); t <= end; t += DAY_MS)
      out.set(new Date(t).toISOString().slice(0, 10), name);
  }
  return out;
}

function yearDays(year: number): YearDays | undefined {
  const table = OFFICIAL_HOLIDAYS[year];
  if (!table) return undefined;
  let y = expanded.get(year);
  if (!y) {
    y = { off: days(year, table.off), work: new Set(days(year, table.work).keys()) };
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

/** The holiday `date` (YYYY-MM-DD) is a day off for (“国庆节”), if it is one in the table. */
export function officialHolidayName(date: string): string | undefined {
  return yearDays(Number(date.slice(0, 4)))?.off.get(date);
}
