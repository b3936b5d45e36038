import { describe, expect, it } from 'vitest';
import { createCalendar, holidayYearProblems, libraryCalendar } from './calendar.js';
import { describePeriod, submissionStatus } from './periods.js';

/** 2027's holidays as the State Council might publish them (a test fixture, not the real list). */
const COUNTY_2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
  workdays: ['2027-10-09'],
};

describe('deadlines on working days (spec §6)', () => {
  it('2026-W40 is due Thursday 10-08 16:00: the Thursday 10-01 is 国庆', () => {
    const r = libraryCalendar.resolve('2026-W40');
    expect(r?.nominalDue.toISOString()).toBe('2026-10-01T08:00:00.000Z');
    expect(r?.period.due.toISOString()).toBe('2026-10-08T08:00:00.000Z');
    expect(r?.source).toBe('calendar');
    expect(r?.warnings).toEqual([]);
    expect(r?.start.toISOString()).toBe('2026-09-27T16:00:00.000Z'); // Monday 09-28 00:00 Beijing
    expect(libraryCalendar.resolve('2026-11')?.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(describePeriod(r?.period as never)).toBe('2026年第40周（截止 10月8日 16:00）');
    const p = r?.period as NonNullable<typeof r>['period'];
    expect(submissionStatus(p, new Date('2026-10-08T16:00:00+08:00'))).toBe('on-time');
    expect(submissionStatus(p, new Date('2026-10-08T16:00:01+08:00'))).toBe('late');
  });

  it('near miss: an ordinary week keeps its Thursday', () => {
    expect(libraryCalendar.resolve('2026-W41')?.period.due.toISOString()).toBe('2026-10-08T08:00:00.000Z');
    expect(libraryCalendar.resolve('2026-W47')?.period.due.toISOString()).toBe('2026-11-19T08:00:00.000Z');
  });

  it('a month whose 7th is a holiday is due at the end of the next working day', () => {
    // 2026-10-07 is 国庆; 10-08 is a working day: due 10-08 24:00.
    const r = libraryCalendar.resolve('2026-10');
    expect(r?.period.due.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(describePeriod(r?.period as never)).toBe('2026年10月（截止 10月8日 24:00）');
    // Near miss: 2026-12-07 is a Monday.
    expect(libraryCalendar.resolve('2026-12')?.period.due.toISOString()).toBe('2026-12-07T16:00:00.000Z');
  });

  it('a deadline set by the county wins over the calendar', () => {
    const cal = createCalendar({ deadlines: { '2026-W40': '2026-10-09T16:00:00+08:00' } });
    const r = cal.resolve('2026-W40');
    expect(r?.source).toBe('county');
    expect(r?.period.due.toISOString()).toBe('2026-10-09T08:00:00.000Z');
    expect(describePeriod(r?.period as never)).toBe('2026年第40周（截止 10月9日 16:00）');
    expect(cal.resolve('2026-W41')?.source).toBe('calendar');
  });

  it('an invalid period id resolves to null', () => {
    expect(libraryCalendar.resolve('2026-W60')).toBeNull();
  });
});

describe('calendar coverage (spec §6)', () => {
  it('a year the library does not know is counted Monday–Friday, with a warning', () => {
    expect(libraryCalendar.sourceOf(2026)).toBe('library');
    expect(libraryCalendar.sourceOf(2027)).toBe('weekdays');
    // 2027-10-01 is a Friday; without data it counts as a working day — and says so.
    const r = libraryCalendar.publicityEnd('2027-09-30');
    expect(r.end).toBe('2027-10-06');
    expect(r.warnings).toEqual([
      { code: 'calendar-year-missing', year: 2027, message: '2027 年节假日数据未收录，按周一至周五计算' },
    ]);
    expect(libraryCalendar.resolve('2027-W39')?.warnings.map((w) => w.message)).toEqual([
      '2027 年节假日数据未收录，按周一至周五计算',
    ]);
  });

  it('a 2027 公示 with the holidays the county added skips them, without a warning', () => {
    const cal = createCalendar({ years: [COUNTY_2027] });
    expect(cal.sourceOf(2027)).toBe('county');
    // 9/30 (1), 10/1 off, Sat 10/2 and Sun 10/3 off, 10/4–10/7 off, 10/8 (2), Sat 10/9 调休 (3), 10/11 (4), 10/12 (5).
    expect(cal.publicityEnd('2027-09-30')).toEqual({ end: '2027-10-12', warnings: [] });
    expect(cal.isWorkingDay('2027-10-09')).toBe(true);
    expect(cal.isWorkingDay('2027-10-10')).toBe(false);
  });

  it('a 公示 crossing into an uncovered year warns about that year only', () => {
    // 12/29 (1), 12/30 (2), 12/31 (3), 2027-01-01 counted as a Friday (4) — hence the warning —, 01/04 (5).
    const r = libraryCalendar.publicityEnd('2026-12-29');
    expect(r.end).toBe('2027-01-04');
    expect(r.warnings.map((w) => w.year)).toEqual([2027]);
    expect(libraryCalendar.publicityEnd('2026-12-01').warnings).toEqual([]);
  });

  it('county data for a year the library knows replaces the library for that year', () => {
    const cal = createCalendar({ years: [{ year: 2026, holidays: ['2026-11-19'], workdays: [] }] });
    expect(cal.isWorkingDay('2026-11-19')).toBe(false);
    expect(cal.resolve('2026-W47')?.period.due.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(libraryCalendar.isWorkingDay('2026-11-19')).toBe(true);
  });

  it('checks what the county enters', () => {
    expect(holidayYearProblems(COUNTY_2027)).toEqual([]);
    expect(holidayYearProblems({ year: 2027, holidays: ['2027-02-30', '2026-10-01'], workdays: [] })).toEqual([
      '放假日期“2027-02-30”不是有效日期（格式 YYYY-MM-DD）',
      '放假日期“2026-10-01”不在 2027 年',
    ]);
    expect(holidayYearProblems({ year: 2027, holidays: ['2027-10-09'], workdays: ['2027-10-09'] })).toEqual([
      '“2027-10-09”同时出现在放假日期和调休上班日期中',
    ]);
  });
});
