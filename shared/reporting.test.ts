/** Reporting figures, the county table's coverage and 说明 line, period ranges and time left. */
import { describe, expect, it } from 'vitest';
import { countyStatsSheet } from './county-table.js';
import {
  countyCoverage,
  countyNotes,
  countyTotalLabel,
  nextPeriod,
  periodRange,
  reportingFigures,
  timeLeft,
} from './reporting.js';
import { emptyStats, mergeStats } from './stats.js';

describe('reporting figures (DHIS2)', () => {
  it('reporting rate over every expected unit; timeliness counts on-time first submissions only', () => {
    expect(reportingFigures(['on-time', 'late', 'missing', 'on-time', 'missing', 'missing'])).toEqual({
      expected: 6,
      reported: 3,
      onTime: 2,
      late: 1,
      missing: 3,
      reportingRate: 0.5,
      timelinessRate: 0.3333,
    });
    expect(reportingFigures([])).toMatchObject({ expected: 0, reportingRate: 0, timelinessRate: 0 });
  });
});

describe('county table coverage', () => {
  const a = { ...emptyStats('保家镇'), projects: 5, uncategorized: 2 };
  const b = { ...emptyStats('郁山镇'), projects: 3 };
  const units = [
    { unit: '保家镇', summary: a },
    { unit: '郁山镇', summary: b },
    { unit: '高谷镇', summary: null },
  ];

  it('says who is missing and which projects are unclassified', () => {
    const c = countyCoverage(units);
    expect(c).toEqual({
      expected: 3,
      reported: 2,
      missing: ['高谷镇'],
      unclassified: 2,
      unclassifiedUnits: [{ unit: '保家镇', count: 2 }],
    });
    expect(countyTotalLabel(c.reported, c.expected)).toBe('合计（已报 2 / 应报 3 个单位）');
    const notes = countyNotes(c);
    expect(notes).toContain('本表应报 3 个单位，已报 2 个');
    expect(notes).toContain('未报 1 个（高谷镇）');
    expect(notes).toContain('其中未分类 2 个（保家镇 2 个）');
  });

  it('near miss: everyone reported and classified → no 未报 / 未分类 clause', () => {
    const notes = countyNotes(countyCoverage(units.slice(1, 2)));
    expect(notes).toBe('说明：本表应报 1 个单位，已报 1 个。');
  });

  it('the 附件4 sheet has a row per unit (未报 marked, figures empty), the 合计 label and the 说明 line', () => {
    const sheet = countyStatsSheet({ units, total: mergeStats([a, b]) }, { unit: '县乡村振兴局' });
    const data = sheet.rows.filter((r) => r.role === 'data');
    expect(data.map((r) => r.cells[1])).toEqual(['保家镇', '郁山镇', '高谷镇']);
    expect(data[2]?.cells.slice(0, 4)).toEqual([3, '高谷镇', '未报', null]);
    expect(data[2]?.cells.slice(3).every((c) => c === null)).toBe(true);
    const total = sheet.rows.find((r) => r.role === 'total');
    expect(total?.cells[1]).toBe('合计（已报 2 / 应报 3 个单位）');
    expect(total?.cells[3]).toBe(8);
    const footer = sheet.rows.at(-1);
    expect(footer?.role).toBe('footer');
    expect(String(footer?.cells[0])).toContain('未报 1 个（高谷镇）');
    const last = sheet.rows.length - 1;
    expect(sheet.merges).toContainEqual({ top: last, left: 0, bottom: last, right: 31 });
  });
});

describe('periods for a trend', () => {
  it('weeks across a year end (2026 has 53 weeks), months across December', () => {
    expect(nextPeriod('2026-W52')).toBe('2026-W53');
    expect(nextPeriod('2026-W53')).toBe('2027-W01');
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(periodRange('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(periodRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodRange('2026-W10', '2026-W10')).toEqual(['2026-W10']);
  });

  it('refuses mixed kinds, reversed and too long ranges with a Chinese reason', () => {
    expect(periodRange('2026-W10', '2026-03')).toContain('同为周或同为月');
    expect(periodRange('2026-W11', '2026-W10')).toContain('晚于');
    expect(periodRange('2024-W01', '2026-W10')).toContain('最多 104 期');
    expect(periodRange('2026-W99', '2026-W10')).toContain('格式不对');
    expect(periodRange('2025-W01', '2026-W52')).toHaveLength(104);
  });
});

describe('time left before a deadline', () => {
  const due = new Date('2026-11-19T08:00:00Z');
  it('days and hours, hours and minutes, minutes; nothing once past', () => {
    expect(timeLeft(due, new Date('2026-11-18T02:00:00Z'))).toBe('1天6小时');
    expect(timeLeft(due, new Date('2026-11-19T04:40:00Z'))).toBe('3小时20分');
    expect(timeLeft(due, new Date('2026-11-19T07:55:00Z'))).toBe('5分钟');
    expect(timeLeft(due, new Date('2026-11-19T08:00:00Z'))).toBeNull();
  });
});
