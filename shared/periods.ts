/**
 * Reporting periods and deadlines (spec §6). Weekly `YYYY-Www` (ISO week) due Thursday 16:00
 * Asia/Shanghai; monthly `YYYY-MM` due the 7th at 24:00. China has no daylight saving time, so
 * Asia/Shanghai is a fixed UTC+8 and the arithmetic below does not depend on the machine's zone.
 */
import { SHANGHAI_OFFSET_MS, shanghaiDate } from './beijing-time.js';

const DAY_MS = 86400 * 1000;

export type PeriodKind = 'week' | 'month';
export interface Period {
  id: string;
  kind: PeriodKind;
  /** Deadline as an instant. */
  due: Date;
}

export const WEEK_PERIOD = /^(\d{4})-W(\d{2})$/u;
export const MONTH_PERIOD = /^(\d{4})-(\d{2})$/u;

/** Monday 00:00 (Shanghai wall clock, as a UTC-based date) of ISO week 1 of `year`. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday * DAY_MS;
}

function isoWeeksInYear(year: number): number {
  return Math.round((isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY_MS));
}

/** Parses a period id; null when it is not a valid week or month. */
export function parsePeriod(id: string): Period | null {
  const w = WEEK_PERIOD.exec(id);
  if (w) {
    const [year, week] = [Number(w[1]), Number(w[2])];
    if (week < 1 || week > isoWeeksInYear(year)) return null;
    const thursday = isoWeekOneMonday(year) + ((week - 1) * 7 + 3) * DAY_MS;
    return { id, kind: 'week', due: new Date(thursday + 16 * 3600 * 1000 - SHANGHAI_OFFSET_MS) };
  }
  const m = MONTH_PERIOD.exec(id);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12) return null;
    return { id, kind: 'month', due: new Date(Date.UTC(year, month - 1, 8) - SHANGHAI_OFFSET_MS) };
  }
  return null;
}

/** The ISO week (Shanghai calendar) an instant falls in, e.g. "2026-W47". */
export function weekOf(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const thursday = day + (3 - ((local.getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekOneMonday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The month (Shanghai calendar) an instant falls in, e.g. "2026-11". */
export function monthOf(at: Date): string {
  return shanghaiDate(at).slice(0, 7);
}

export type SubmissionStatus = 'on-time' | 'late' | 'missing';

/** On time when received at or before the deadline; late after it; missing without a submission. */
export function submissionStatus(period: Period, receivedAt: Date | null): SubmissionStatus {
  if (!receivedAt) return 'missing';
  return receivedAt.getTime() <= period.due.getTime() ? 'on-time' : 'late';
}

/** “2026年第47周（截止 11月19日 16:00）” — how a period reads in Chinese. */
export function describePeriod(period: Period): string {
  // A deadline at 00:00 reads as 24:00 of the day before (the 7th 24:00), any other as its hour.
  const shifted = period.due.getTime() + SHANGHAI_OFFSET_MS;
  const midnight = shifted % DAY_MS === 0;
  const local = new Date(shifted - (midnight ? 1 : 0));
  const clock = midnight
    ? '24:00'
    : `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const due = `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${clock}`;
  const [year, part] = period.id.split(/-W?/u);
  const name = period.kind === 'week' ? `${year}年第${Number(part)}周` : `${year}年${Number(part)}月`;
  return `${name}（截止 ${due}）`;
}
