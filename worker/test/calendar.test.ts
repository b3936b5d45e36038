/**
 * The county's calendar in D1 (migration 0004) decides on-time / late: a stored holiday moves the
 * deadline, a county-set deadline wins, and a year nobody entered says so in the receipt.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReceiptSchema } from '../../shared/contract.js';
import { loadCalendar } from '../db/calendar.js';
import { api, ledger, makeCounty, makeUnit, submit } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

async function submitAt(at: string, period: string) {
  const unit = await makeUnit();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  const res = await submit(unit.token, ledger(unit.name, 2, period));
  vi.useRealTimers();
  expect(res.status).toBe(201);
  return { unit, receipt: ReceiptSchema.parse(await res.json()) };
}

async function statusOf(token: string, period: string): Promise<string | undefined> {
  const res = await api(`/submissions?period=${period}`, { token });
  const body = (await res.json()) as { submissions: { status: string }[] };
  return body.submissions[0]?.status;
}

describe('deadlines on the county calendar', () => {
  it('2026-W40 (国庆 Thursday) is due 10-08 16:00 from the library alone', async () => {
    const { receipt } = await submitAt('2026-10-08T07:59:00.000Z', '2026-W40');
    expect(receipt).toMatchObject({ status: 'on-time', due: '2026-10-08T08:00:00.000Z' });
    expect(receipt.calendarWarnings).toBeUndefined();
    const late = await submitAt('2026-10-08T08:00:01.000Z', '2026-W40');
    expect(late.receipt.status).toBe('late');
  });

  it('a holiday the county stored for 2027 turns a Friday submission from late into on time', async () => {
    // 2027-W40: Thursday 2027-10-07. The library has no 2027 data.
    const period = '2027-W40';
    const { unit, receipt } = await submitAt('2027-10-08T02:00:00.000Z', period);
    expect(receipt.status).toBe('late');
    expect(receipt.due).toBe('2027-10-07T08:00:00.000Z');
    expect(receipt.calendarWarnings?.map((w) => w.message)).toEqual(['2027 年节假日数据未收录，按周一至周五计算']);

    const county = await makeCounty();
    await env.DB.prepare('INSERT INTO holiday_years (year, holidays, workdays, updated_at) VALUES (?, ?, ?, ?)')
      .bind(2027, JSON.stringify(['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07']), '[]', 'now')
      .run();
    try {
      expect(await statusOf(unit.token, period)).toBe('on-time');
      const summary = (await (await api(`/summary?period=${period}`, { token: county })).json()) as {
        units: { unit: string; status: string }[];
      };
      expect(summary.units.find((u) => u.unit === unit.name)?.status).toBe('on-time');
      // Near miss: after 16:00 on the moved due day it is still late.
      const after = await submitAt('2027-10-08T08:00:01.000Z', period);
      expect(after.receipt).toMatchObject({ status: 'late', due: '2027-10-08T08:00:00.000Z' });
      expect(after.receipt.calendarWarnings).toBeUndefined();
    } finally {
      await env.DB.prepare('DELETE FROM holiday_years WHERE year = 2027').run();
    }
    expect(await statusOf(unit.token, period)).toBe('late');
  });

  it('a deadline the county set wins over the calendar', async () => {
    const period = '2026-W30';
    const { unit, receipt } = await submitAt('2026-07-24T02:00:00.000Z', period); // Friday after
    expect(receipt.status).toBe('late');
    await env.DB.prepare('INSERT INTO period_deadlines (period, due_at, updated_at) VALUES (?, ?, ?)')
      .bind(period, '2026-07-24T08:00:00.000Z', 'now')
      .run();
    try {
      expect(await statusOf(unit.token, period)).toBe('on-time');
      expect((await loadCalendar(env.DB)).resolve(period)?.source).toBe('county');
      // The summary reads the calendar in its credential lookup's batch: the same deadline.
      const summary = (await (await api(`/summary?period=${period}`, { token: await makeCounty() })).json()) as {
        due: string;
        units: { unit: string; status: string }[];
      };
      expect(summary.due).toBe('2026-07-24T08:00:00.000Z');
      expect(summary.units.find((u) => u.unit === unit.name)?.status).toBe('on-time');
    } finally {
      await env.DB.prepare('DELETE FROM period_deadlines WHERE period = ?').bind(period).run();
    }
    expect(await statusOf(unit.token, period)).toBe('late');
  });
});
