/**
 * A period as the pane's picker says it, deadline included and why it moved:
 * “2026-W40 · 截止 10月8日（星期四）16:00，因国庆节顺延”. The deadline comes from the shared
 * calendar (period-window / calendar: holidays and 调休 of the library, or the county's own).
 */
import { type Calendar, libraryCalendar } from '../shared/calendar.js';
import { officialHolidayName } from '../shared/holidays.js';
import { monthOf, weekOf } from '../shared/index.js';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86400 * 1000;
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** Shanghai wall clock of a deadline; 00:00 reads as 24:00 of the day before (the 7th 24:00). */
function wallClock(at: Date): { date: string; text: string } {
  const shifted = at.getTime() + SHANGHAI_OFFSET_MS;
  const midnight = shifted % DAY_MS === 0;
  const local = new Date(shifted - (midnight ? 1 : 0));
  const clock = midnight
    ? '24:00'
    : `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return {
    date: local.toISOString().slice(0, 10),
    text: `${local.getUTCMonth() + 1}月${local.getUTCDate()}日（${WEEKDAYS[local.getUTCDay()]}）${clock}`,
  };
}

/** Why the deadline day `date` was not a working day: the holiday's Chinese name, else 周末. */
function closedBecause(date: string, calendar: Calendar): string {
  if (calendar.sourceOf(Number(date.slice(0, 4))) === 'library') {
    const name = officialHolidayName(date);
    if (name) return name;
  }
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6 ? '周末' : '放假';
}

/** “2026-W40 · 截止 10月8日（星期四）16:00，因国庆节顺延”, or the reason the id is not a period. */
export function deadlineText(id: string, calendar: Calendar = libraryCalendar): { ok: boolean; text: string } {
  const r = calendar.resolve(id.trim());
  if (!r) return { ok: false, text: '期次格式：2026-W47（周）或 2026-11（月）' };
  const due = wallClock(r.period.due);
  let why = '';
  if (r.source === 'county') why = '，县里设定';
  else if (r.period.due.getTime() !== r.nominalDue.getTime())
    why = `，因${closedBecause(wallClock(r.nominalDue).date, calendar)}顺延`;
  const warnings = r.warnings.map((w) => `；${w.message}`).join('');
  return { ok: true, text: `${r.period.id} · 截止 ${due.text}${why}${warnings}` };
}

export type QuickPeriod = 'this-week' | 'last-week' | 'this-month';

/** The picker's quick choices at `now`: label and period id. */
export function quickPeriods(now: Date): { key: QuickPeriod; label: string; id: string }[] {
  return [
    { key: 'this-week', label: '本周', id: weekOf(now) },
    { key: 'last-week', label: '上周', id: weekOf(new Date(now.getTime() - 7 * DAY_MS)) },
    { key: 'this-month', label: '本月', id: monthOf(now) },
  ];
}
