/** The period picker's words: quick choices and the deadline with the reason it moved. */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar.js';
import { deadlineText, quickPeriods } from '../period-text.js';

describe('deadlineText', () => {
  it('a week whose Thursday is 国庆 says so', () => {
    expect(deadlineText('2026-W40')).toEqual({
      ok: true,
      text: '2026-W40 · 截止 10月8日（星期四）16:00，因国庆节顺延',
    });
  });

  it('near miss: an ordinary week and a month on a working 7th do not claim a move', () => {
    expect(deadlineText('2026-W41').text).toBe('2026-W41 · 截止 10月8日（星期四）16:00');
    expect(deadlineText(' 2026-W49 ').text).toBe('2026-W49 · 截止 12月3日（星期四）16:00');
    expect(deadlineText('2026-12').text).toBe('2026-12 · 截止 12月7日（星期一）24:00');
  });

  it('a month whose 7th is a holiday reads 24:00 of the next working day', () => {
    expect(deadlineText('2026-10').text).toBe('2026-10 · 截止 10月8日（星期四）24:00，因国庆节顺延');
  });

  it('a deadline the county set, and a year nobody knows, say so', () => {
    const county = createCalendar({ deadlines: { '2026-W40': '2026-10-09T16:00:00+08:00' } });
    expect(deadlineText('2026-W40', county).text).toBe('2026-W40 · 截止 10月9日（星期五）16:00，县里设定');
    expect(deadlineText('2027-W10').text).toContain('2027 年节假日数据未收录，按周一至周五计算');
  });

  it('a typed id that is no period explains the format', () => {
    expect(deadlineText('2026-W60')).toEqual({ ok: false, text: '期次格式：2026-W47（周）或 2026-11（月）' });
    expect(deadlineText('W49').ok).toBe(false);
  });
});

describe('quickPeriods', () => {
  it('本周 / 上周 / 本月 on the Shanghai calendar, across a year boundary', () => {
    // Monday 2027-01-04 00:30 Beijing = Sunday 16:30 UTC: still 2026-W53's neighbour in UTC, not here.
    const at = new Date('2027-01-03T16:30:00Z');
    expect(quickPeriods(at).map((q) => [q.label, q.id])).toEqual([
      ['本周', '2027-W01'],
      ['上周', '2026-W53'],
      ['本月', '2027-01'],
    ]);
  });
});
