import { describe, expect, it } from 'vitest';
import { periodClosedReason, periodStart } from './period-window.js';
import { parsePeriod } from './periods.js';

// 2026-12-02 10:00 Asia/Shanghai: a Wednesday in ISO week 2026-W49.
const NOW = new Date('2026-12-02T02:00:00Z');

describe('periodStart', () => {
  it('a week opens Monday 00:00 Shanghai, a month on the 1st 00:00', () => {
    expect(periodStart({ id: '2026-W49' }).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(periodStart({ id: '2026-W01' }).toISOString()).toBe('2025-12-28T16:00:00.000Z');
    expect(periodStart({ id: '2026-12' }).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('is three days and sixteen hours before the weekly deadline', () => {
    const p = parsePeriod('2026-W47');
    if (!p) throw new Error('period');
    expect(p.due.getTime() - periodStart(p).getTime()).toBe((3 * 24 + 16) * 3600_000);
  });
});

describe('periodClosedReason', () => {
  it('refuses periods that have not started: 2026-W50, 2027-W10, 2027-01', () => {
    for (const id of ['2026-W50', '2027-W10', '2027-01']) {
      expect(periodClosedReason(id, NOW)).toMatch(/尚未开始/u);
    }
  });

  it('refuses years outside 2013 … next year: 9999-W52, 0000-01, 2012-W10, 2028-01', () => {
    for (const id of ['9999-W52', '0000-01', '2012-W10', '2028-01']) {
      expect(periodClosedReason(id, NOW)).toMatch(/不在可报送范围内/u);
    }
  });

  it('accepts the current and earlier periods (near miss: the week started on Monday)', () => {
    for (const id of ['2026-W49', '2026-12', '2026-W48', '2013-01', '2024-W52']) {
      expect(periodClosedReason(id, NOW)).toBeNull();
    }
    // One millisecond before Monday 00:00 of W49 it had not started.
    expect(periodClosedReason('2026-W49', new Date('2026-11-29T15:59:59.999Z'))).toMatch(/尚未开始/u);
    expect(periodClosedReason('2026-W49', new Date('2026-11-29T16:00:00.000Z'))).toBeNull();
  });

  it('refuses an id that is not a period', () => {
    expect(periodClosedReason('2026-W54', NOW)).toMatch(/格式不对/u);
  });
});
