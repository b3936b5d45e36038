import { describe, expect, it } from 'vitest';
import { describePeriod, monthOf, parsePeriod, submissionStatus, weekOf } from './periods.js';
import { isWorkingDay, nthWorkingDay, publicityEnd } from './workdays.js';

const period = (id: string) => {
  const p = parsePeriod(id);
  if (!p) throw new Error(`bad period ${id}`);
  return p;
};

describe('periods (spec §6)', () => {
  it('a weekly period is due Thursday 16:00 Asia/Shanghai', () => {
    expect(period('2026-W47').due.toISOString()).toBe('2026-11-19T08:00:00.000Z');
    expect(period('2026-W01').due.toISOString()).toBe('2026-01-01T08:00:00.000Z');
    expect(period('2027-W01').due.toISOString()).toBe('2027-01-07T08:00:00.000Z');
  });

  it('on time up to 16:00:00, late from 16:00:01 (Shanghai), missing without a submission', () => {
    const p = period('2026-W47');
    expect(submissionStatus(p, new Date('2026-11-19T15:59:59+08:00'))).toBe('on-time');
    expect(submissionStatus(p, new Date('2026-11-19T16:00:00+08:00'))).toBe('on-time');
    expect(submissionStatus(p, new Date('2026-11-19T16:00:01+08:00'))).toBe('late');
    expect(submissionStatus(p, null)).toBe('missing');
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      expect(period('2026-W47').due.toISOString()).toBe('2026-11-19T08:00:00.000Z');
      expect(weekOf(new Date('2026-11-22T16:30:00Z'))).toBe('2026-W48');
    }
    process.env.TZ = before;
  });

  it('a monthly period is due on the 7th at 24:00', () => {
    const p = period('2026-12');
    expect(p.due.toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(submissionStatus(p, new Date('2026-12-07T23:59:59+08:00'))).toBe('on-time');
    expect(submissionStatus(p, new Date('2026-12-08T00:00:01+08:00'))).toBe('late');
  });

  it('knows the current week and month in Shanghai', () => {
    expect(weekOf(new Date('2026-11-22T01:00:00Z'))).toBe('2026-W47');
    expect(weekOf(new Date('2026-11-22T16:00:00Z'))).toBe('2026-W48');
    expect(weekOf(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(weekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(monthOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });

  it('rejects malformed and impossible ids', () => {
    for (const id of ['2026-W00', '2025-W53', '2026-W54', '2026-13', '2026-00', '2026W47', '26-W47', '', '2026-W47 ']) {
      expect(parsePeriod(id), id).toBeNull();
    }
    expect(parsePeriod('2026-W53')).not.toBeNull();
  });

  it('describes a period in Chinese', () => {
    expect(describePeriod(period('2026-W47'))).toBe('2026年第47周（截止 11月19日 16:00）');
    expect(describePeriod(period('2026-12'))).toBe('2026年12月（截止 12月7日 24:00）');
  });
});

describe('working days for 公示 (notice （十四）)', () => {
  it('follows the official calendar: holidays off, adjusted Saturdays on', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // 国庆节
    expect(isWorkingDay('2026-10-10')).toBe(true); // 调休上班 (Saturday)
    expect(isWorkingDay('2026-10-11')).toBe(false); // Sunday
  });

  it('a 公示 posted before 国庆 spans the holiday and counts the adjusted Saturday', () => {
    // 9/30 (1), holiday 10/1–10/7, 10/8 (2), 10/9 (3), Sat 10/10 (4), Mon 10/12 (5).
    expect(publicityEnd('2026-09-30')).toBe('2026-10-12');
  });

  it('a 公示 posted on a holiday starts counting on the next working day', () => {
    expect(nthWorkingDay('2026-10-03', 1)).toBe('2026-10-08');
    // 10/8 (1), 10/9 (2), Sat 10/10 (3), 10/12 (4), 10/13 (5).
    expect(publicityEnd('2026-10-03')).toBe('2026-10-13');
  });

  it('an ordinary week', () => {
    expect(publicityEnd('2026-11-16')).toBe('2026-11-20');
    expect(publicityEnd('2026-11-20')).toBe('2026-11-26');
  });
});
