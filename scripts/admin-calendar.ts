/**
 * The county's calendar commands (spec §6), as pure functions the admin CLI calls: parse what the
 * clerk typed (a JSON file or date lists with ranges), check it, and build the SQL for
 * `wrangler d1 execute` (no bound parameters there: every value goes through sqlText).
 */
import { beijingStamp, shanghaiDate } from '../shared/beijing-time.js';
import { type HolidayYear, holidayYearProblems, ISO_DATE } from '../shared/calendar.js';
import { parsePeriod } from '../shared/periods.js';
import { periodFormatError } from '../shared/wording.js';
import { AdminInputError, sqlText } from './admin-sql.js';

const DAY_MS = 86400_000;
const MAX_DATES = 366;

/** Milliseconds of a real YYYY-MM-DD date (no roll-over: 2027-02-30 is null). */
function dayNumber(text: string): number | null {
  if (!ISO_DATE.test(text)) return null;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text ? t : null;
}

/** “2027-10-01~2027-10-07,2027-01-01” → the dates, ranges expanded (also “..” and full-width separators). */
export function parseDateList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、\s]+/u).filter(Boolean)) {
    const [from, to, extra] = part.split(/~|～|\.\./u);
    if (extra !== undefined || !from)
      throw new AdminInputError(`无法识别的日期“${part}”：应为 2027-10-01 或 2027-10-01~2027-10-07`);
    const start = dayNumber(from);
    const end = dayNumber(to ?? from);
    if (start === null || end === null)
      throw new AdminInputError(`无法识别的日期“${part}”：应为 2027-10-01 或 2027-10-01~2027-10-07`);
    if (end < start) throw new AdminInputError(`日期范围“${part}”的结束早于开始`);
    for (let t = start; t <= end && out.length <= MAX_DATES; t += DAY_MS)
      out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** A year's holiday list from `--file` JSON ({"holidays": [...], "workdays": [...]}) or from the flags. */
export function holidayYear(
  yearText: string,
  input: { json?: string; holidays?: string; workdays?: string },
): HolidayYear {
  const year = Number(yearText);
  let holidays: string[] = [];
  let workdays: string[] = [];
  if (input.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.json);
    } catch {
      throw new AdminInputError(
        '节假日文件不是有效的 JSON：应为 {"holidays": ["2027-10-01~2027-10-07"], "workdays": ["2027-10-09"]}',
      );
    }
    const o = parsed as { holidays?: unknown; workdays?: unknown };
    const list = (v: unknown, name: string): string[] => {
      if (v === undefined) return [];
      if (!Array.isArray(v) || !v.every((d) => typeof d === 'string'))
        throw new AdminInputError(`节假日文件中的“${name}”应为日期字符串数组`);
      return v.flatMap((d) => parseDateList(d));
    };
    holidays = list(o.holidays, 'holidays');
    workdays = list(o.workdays, 'workdays');
  }
  holidays.push(...parseDateList(input.holidays ?? ''));
  workdays.push(...parseDateList(input.workdays ?? ''));
  const y: HolidayYear = { year, holidays: [...new Set(holidays)].sort(), workdays: [...new Set(workdays)].sort() };
  if (y.holidays.length === 0) throw new AdminInputError(`没有给出 ${yearText} 年的放假日期：用 --holidays 或 --file`);
  const problems = holidayYearProblems(y);
  if (problems.length > 0) throw new AdminInputError(problems.join('；'));
  return y;
}

export function saveHolidayYearSql(y: HolidayYear, now: Date): string {
  return `INSERT INTO holiday_years (year, holidays, workdays, updated_at)
VALUES (${y.year}, ${sqlText(JSON.stringify(y.holidays))}, ${sqlText(JSON.stringify(y.workdays))}, ${sqlText(now.toISOString())})
ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, workdays = excluded.workdays, updated_at = excluded.updated_at
RETURNING year;`;
}

export function removeHolidayYearSql(year: number): string {
  if (!Number.isInteger(year)) throw new AdminInputError(`年份“${year}”无效`);
  return `DELETE FROM holiday_years WHERE year = ${year} RETURNING year;`;
}

export const LIST_HOLIDAY_YEARS_SQL = 'SELECT year, holidays, workdays, updated_at FROM holiday_years ORDER BY year;';

/**
 * “2026-10-09T16:00”, “2026-10-09 16:00” (Beijing time) or an ISO instant with its offset → the
 * instant. Beijing time has no daylight saving: a fixed +08:00.
 */
export function parseBeijingDateTime(text: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/u.exec(text.trim());
  const wrong = () =>
    new AdminInputError(`截止时间“${text}”无法识别：应为北京时间 2026-10-09T16:00（或 "2026-10-09 16:00"）`);
  if (!m) throw wrong();
  const [, day, hour, minute, second, offset] = m as unknown as [string, string, string, string, string?, string?];
  const at = new Date(`${day}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}${offset ?? '+08:00'}`);
  if (!Number.isFinite(at.getTime())) throw wrong();
  // No silent roll-over (2026-02-30 → March): the wall-clock day must be the one typed.
  if (offset === undefined && shanghaiDate(at) !== day) throw wrong();
  return at;
}

export function checkPeriod(id: string): string {
  if (!parsePeriod(id)) throw new AdminInputError(periodFormatError(id));
  return id;
}

export function setDeadlineSql(period: string, due: Date, now: Date): string {
  return `INSERT INTO period_deadlines (period, due_at, updated_at)
VALUES (${sqlText(checkPeriod(period))}, ${sqlText(due.toISOString())}, ${sqlText(now.toISOString())})
ON CONFLICT (period) DO UPDATE SET due_at = excluded.due_at, updated_at = excluded.updated_at RETURNING period;`;
}

export function clearDeadlineSql(period: string): string {
  return `DELETE FROM period_deadlines WHERE period = ${sqlText(checkPeriod(period))} RETURNING period;`;
}

export const LIST_DEADLINES_SQL = 'SELECT period, due_at, updated_at FROM period_deadlines ORDER BY period;';

/** 2026-10-09T08:00:00.000Z → “2026-10-09 16:00（北京时间）”. */
export function beijingText(iso: string): string {
  return `${beijingStamp(iso)}（北京时间）`;
}
