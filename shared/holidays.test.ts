import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { isOfficialWorkday, officialHolidayName, officialYearKnown, officialYears } from './holidays.js';

const DAY_MS = 86400 * 1000;

/**
 * The years from 2013 (the first project year, the first a period can have) that the package has an
 * arrangement for: those with any day off or adjusted working day.
 */
function packageYears(): number[] {
  const years = new Set<number>();
  for (let year = 2013; year <= 2100; year++) {
    const range = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);
    if (range.length > 0) years.add(year);
  }
  return [...years];
}

describe("the official holidays (the package's data file) against the package's own API", () => {
  it('has exactly the years the chinese-days package has from 2013 on', () => {
    const ours = officialYears();
    expect(ours.sort()).toEqual(packageYears().sort());
    expect(officialYearKnown(2012)).toBe(false);
    expect(officialYearKnown(2026)).toBe(true);
    expect(officialYearKnown(2027)).toBe(false);
  });

  it('agrees with the package on every day of every year it has, and on every holiday name', () => {
    const differ: string[] = [];
    let checked = 0;
    for (const year of officialYears()) {
      const end = Date.UTC(year, 11, 31);
      for (let t = Date.UTC(year, 0, 1); t <= end; t += DAY_MS) {
        const date = new Date(t).toISOString().slice(0, 10);
        const work = chineseDays.isWorkday(date);
        if (isOfficialWorkday(date) !== work) differ.push(date);
        // A day off the package lists names its holiday (“National Day,国庆节,3”); a weekend names its weekday.
        const name = chineseDays.getDayDetail(date).name.split(',')[1];
        if (!work && officialHolidayName(date) !== name) differ.push(`${date} ${name}`);
        checked++;
      }
    }
    expect(differ).toEqual([]);
    expect(checked).toBeGreaterThan(14 * 365);
  });

  it('knows the 2026 National Day week and its adjusted Saturday', () => {
    expect(isOfficialWorkday('2026-10-01')).toBe(false);
    expect(isOfficialWorkday('2026-10-07')).toBe(false);
    expect(isOfficialWorkday('2026-10-08')).toBe(true);
    expect(isOfficialWorkday('2026-10-10')).toBe(true);
    expect(isOfficialWorkday('2026-10-11')).toBe(false);
    expect(officialHolidayName('2026-10-01')).toBe('国庆节');
    expect(officialHolidayName('2026-09-25')).toBe('中秋');
    expect(officialHolidayName('2026-10-11')).toBeUndefined();
    expect(officialHolidayName('2027-10-01')).toBeUndefined();
  });
});
