import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { isOfficialWorkday, OFFICIAL_HOLIDAYS, officialYearKnown } from './holidays.js';

const DAY_MS = 86400 * 1000;

/** The years the package has an arrangement for: those with any day off or adjusted working day. */
function packageYears(): number[] {
  const years = new Set<number>();
  for (let year = 2000; year <= 2100; year++) {
    const range = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);
    if (range.length > 0) years.add(year);
  }
  return [...years];
}

describe('the official holiday table', () => {
  it('has exactly the years the chinese-days package has', () => {
    const ours = Object.keys(OFFICIAL_HOLIDAYS).map(Number);
    expect(ours.sort()).toEqual(packageYears().sort());
    expect(officialYearKnown(2026)).toBe(true);
    expect(officialYearKnown(2027)).toBe(false);
  });

  it('agrees with the package on every day of every year it has', () => {
    const differ: string[] = [];
    let checked = 0;
    for (const year of Object.keys(OFFICIAL_HOLIDAYS).map(Number)) {
      const end = Date.UTC(year, 11, 31);
      for (let t = Date.UTC(year, 0, 1); t <= end; t += DAY_MS) {
        const date = new Date(t).toISOString().slice(0, 10);
        if (isOfficialWorkday(date) !== chineseDays.isWorkday(date)) differ.push(date);
        checked++;
      }
    }
    expect(differ).toEqual([]);
    expect(checked).toBeGreaterThan(23 * 365);
  });

  it('knows the 2026 National Day week and its adjusted Saturday', () => {
    expect(isOfficialWorkday('2026-10-01')).toBe(false);
    expect(isOfficialWorkday('2026-10-07')).toBe(false);
    expect(isOfficialWorkday('2026-10-08')).toBe(true);
    expect(isOfficialWorkday('2026-10-10')).toBe(true);
    expect(isOfficialWorkday('2026-10-11')).toBe(false);
  });
});
