/**
 * The Thursday routine (spec §10) in workerd with the real D1: reporting and timeliness rates on a
 * fixture county, acceptance locks and reopening, closing time with exceptions, the audit, the
 * role matrix, the trend and week-over-week warnings.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminInputError, checkContactName, checkPhone, unitContactSql } from '../../scripts/admin-sql.js';
import { AuditSchema, DryRunReceiptSchema, StatusSchema, SummarySchema, TrendSchema } from '../../shared/api.js';
import { checkRecords, mergeStats, summarize } from '../../shared/index.js';
import { api, count, ledger, makeCounty, makeUnit, refused, submit } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

const at = (iso: string) => vi.setSystemTime(new Date(iso));

async function status(county: string, period: string, query = '') {
  const res = await api(`/periods/${period}/status${query}`, { token: county });
  expect(res.status, await res.clone().text()).toBe(200);
  return StatusSchema.parse(await res.json());
}

async function act(county: string, period: string, what: string, body: unknown) {
  return api(`/periods/${period}/${what}`, { token: county, body });
}

async function registered(): Promise<number> {
  return count('units');
}

describe('reporting and timeliness rates (DHIS2: over every registered unit)', () => {
  it('counts first submissions on time, late and missing; the 催报名单 lists the missing with contacts', async () => {
    const period = '2026-W30'; // due 2026-07-23 16:00 Beijing = 08:00Z
    const county = await makeCounty();
    const [a, b, c, d] = [await makeUnit(), await makeUnit(), await makeUnit(), await makeUnit()];
    await env.DB.prepare('UPDATE units SET contact_name = ?, contact_phone = ? WHERE name = ?')
      .bind('张三', '13800000000', d.name)
      .run();
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-07-22T02:00:00.000Z');
    expect((await submit(a.token, ledger(a.name, 3, period))).status).toBe(201);
    expect((await submit(c.token, ledger(c.name, 2, period))).status).toBe(201);
    at('2026-07-23T08:00:01.000Z');
    expect((await submit(b.token, ledger(b.name, 2, period))).status).toBe(201);
    // a late resubmission does not make c late: the first submission decides
    expect((await submit(c.token, ledger(c.name, 4, period, 1))).status).toBe(201);
    vi.useRealTimers();

    const expected = await registered();
    const s = await status(county, period);
    expect(s.expected).toBe(expected);
    expect(s.reported).toBe(3);
    expect(s.onTime).toBe(2);
    expect(s.late).toBe(1);
    expect(s.missing).toBe(expected - 3);
    expect(s.reportingRate).toBe(Math.round((3 / expected) * 10000) / 10000);
    expect(s.timelinessRate).toBe(Math.round((2 / expected) * 10000) / 10000);
    expect(s.deadline).toBe('2026-07-23T08:00:00.000Z');
    const byUnit = new Map(s.units.map((u) => [u.unit, u]));
    expect(byUnit.get(c.name)).toMatchObject({ status: 'on-time', submissions: 2, projects: 4, accepted: null });
    expect(byUnit.get(b.name)).toMatchObject({ status: 'late' });
    expect(s.chase).toContainEqual({ unit: d.name, contact: { name: '张三', phone: '13800000000' } });
    expect(s.chase.map((x) => x.unit)).not.toContain(a.name);

    // The county 统计表 (/summary) covers the same units as data: a row per unit, 未报 marked.
    const sum = SummarySchema.parse(await (await api(`/summary?period=${period}`, { token: county })).json());
    expect(sum.units).toHaveLength(expected);
    expect(sum.coverage).toMatchObject({ expected, reported: 3 });
    expect(sum.coverage?.missing).toContain(d.name);
    expect(sum.coverage?.missing).not.toContain(b.name);
    expect(sum.totalLabel).toBe(`合计（已报 3 / 应报 ${expected} 个单位）`);
    expect(sum.notes).toContain(`未报 ${expected - 3} 个`);
    expect(sum.notes).toContain(d.name);
  });

  it('a period nobody reported: both rates 0, everyone on the 催报名单', async () => {
    const county = await makeCounty();
    const s = await status(county, '2019-W02');
    expect(s).toMatchObject({ reported: 0, reportingRate: 0, timelinessRate: 0 });
    expect(s.chase).toHaveLength(s.expected);
  });
});

describe('acceptance locks the period for the unit until reopened', () => {
  it('refuses a new submission naming who accepted and when; reopen allows it again', async () => {
    const period = '2026-W31';
    const county = await makeCounty();
    const u = await makeUnit();
    const other = await makeUnit();
    const first = await submit(u.token, ledger(u.name, 2, period), 'key-first-0001');
    expect(first.status).toBe(201);
    expect((await submit(other.token, ledger(other.name, 2, period))).status).toBe(201);
    const ok = await act(county, period, 'accept', { unit: u.name });
    expect(ok.status).toBe(201);
    const s = await status(county, period);
    expect(s.units.find((x) => x.unit === u.name)?.accepted).toMatchObject({
      current: true,
      by: { label: '县乡村振兴局 测试' },
    });

    const before = await count('submissions');
    // A fixed key: the refusal must free its claim (read in the same batch as the lock), so the same
    // submission goes through once the period is reopened.
    const error = await refused(
      await submit(u.token, ledger(u.name, 3, period, 2), 'key-locked-0001'),
      409,
      'period-accepted',
    );
    expect(error.message).toContain('已确认');
    expect(error.message).toContain('县乡村振兴局 测试');
    expect(error.message).toMatch(/\d+月\d+日 \d\d:\d\d/u);
    expect(await count('submissions')).toBe(before);
    // near misses: a retry of the accepted submission replays its receipt; other units, other periods are open
    const replay = await submit(u.token, ledger(u.name, 2, period), 'key-first-0001');
    expect(replay.status).toBe(200);
    expect((await submit(other.token, ledger(other.name, 3, period, 1))).status).toBe(201);
    expect((await submit(u.token, ledger(u.name, 2, '2026-W32'))).status).toBe(201);

    expect((await act(county, period, 'reopen', { unit: u.name })).status).toBe(201);
    expect((await submit(u.token, ledger(u.name, 3, period, 2), 'key-locked-0001')).status).toBe(201);
    await refused(await act(county, period, 'reopen', { unit: u.name }), 409, 'not-accepted');
  });

  it('nothing to accept for a unit that has not reported; an unknown unit is 404', async () => {
    const county = await makeCounty();
    const u = await makeUnit();
    await refused(await act(county, '2026-W33', 'accept', { unit: u.name }), 409, 'nothing-to-accept');
    await refused(await act(county, '2026-W33', 'accept', { unit: '不存在镇' }), 404, 'not-found');
    await refused(await act(county, '2026-W99', 'accept', { unit: u.name }), 400, 'invalid-period');
  });
});

describe('closing a period for everyone, with per-unit exceptions', () => {
  it('refuses after the closing time, not before; an exception lets one unit through', async () => {
    const period = '2026-W34'; // due 2026-08-20T08:00Z
    const county = await makeCounty();
    const [u, v] = [await makeUnit(), await makeUnit()];
    await refused(await act(county, period, 'close', { at: '2026-08-20T07:59:00Z' }), 400, 'close-before-deadline');
    expect((await act(county, period, 'close', { at: '2026-08-20T10:00:00Z' })).status).toBe(201);
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-08-20T09:59:59.000Z');
    expect((await submit(u.token, ledger(u.name, 2, period))).status).toBe(201);
    at('2026-08-20T10:00:00.000Z');
    const e = await refused(await submit(u.token, ledger(u.name, 3, period, 1)), 409, 'period-closed');
    expect(e.message).toContain('截止收报');
    vi.useRealTimers();
    expect((await act(county, period, 'exceptions', { unit: v.name, allow: true })).status).toBe(201);
    await refused(await act(county, period, 'exceptions', { unit: v.name, allow: true }), 409, 'exception-exists');
    expect((await submit(v.token, ledger(v.name, 2, period))).status).toBe(201);
    await refused(await submit(u.token, ledger(u.name, 3, period, 1)), 409, 'period-closed');
    const s = await status(county, period);
    expect(s.closesAt).toBe('2026-08-20T10:00:00.000Z');
    expect(s.units.find((x) => x.unit === v.name)?.exception).toBe(true);
    expect((await act(county, period, 'exceptions', { unit: v.name, allow: false })).status).toBe(201);
    await refused(await submit(v.token, ledger(v.name, 3, period, 1)), 409, 'period-closed');
  });
});

describe('audit', () => {
  it('keeps every accept, reopen, close and exception with who and when, in order', async () => {
    const period = '2026-W35';
    const county = await makeCounty();
    const u = await makeUnit();
    expect((await submit(u.token, ledger(u.name, 2, period))).status).toBe(201);
    await act(county, period, 'accept', { unit: u.name });
    await act(county, period, 'reopen', { unit: u.name });
    await act(county, period, 'close', { at: '2026-08-27T09:00:00Z' });
    await act(county, period, 'exceptions', { unit: u.name, allow: true });
    await act(county, period, 'exceptions', { unit: u.name, allow: false });
    // refused actions write nothing
    await act(county, period, 'reopen', { unit: u.name });
    const res = await api(`/periods/${period}/audit`, { token: county });
    const audit = AuditSchema.parse(await res.json());
    expect(audit.entries.map((e) => e.action)).toEqual(['accept', 'reopen', 'close', 'exception', 'exception-removed']);
    for (const e of audit.entries) {
      expect(e.by.label).toBe('县乡村振兴局 测试');
      expect(e.by.credentialId).toMatch(/^\w+$/u);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    expect(audit.entries[0]).toMatchObject({ unit: u.name, submissionId: expect.any(String) });
    expect(audit.entries[2]).toMatchObject({ unit: null, detail: '2026-08-27T09:00:00.000Z' });
  });
});

describe('role matrix', () => {
  it('a unit cannot accept, reopen, close, see the board or audit, nor read another unit’s trend', async () => {
    const u = await makeUnit();
    const other = await makeUnit();
    const period = '2026-W36';
    for (const [what, body] of [
      ['accept', { unit: u.name }],
      ['reopen', { unit: u.name }],
      ['close', {}],
      ['exceptions', { unit: u.name, allow: true }],
    ] as const)
      await refused(await api(`/periods/${period}/${what}`, { token: u.token, body }), 403, 'forbidden');
    await refused(await api(`/periods/${period}/status`, { token: u.token }), 403, 'forbidden');
    await refused(await api(`/periods/${period}/audit`, { token: u.token }), 403, 'forbidden');
    await refused(
      await api(`/trend?from=2026-W30&to=2026-W36&unit=${encodeURIComponent(other.name)}`, { token: u.token }),
      403,
      'forbidden',
    );
    await refused(await api(`/periods/${period}/status`), 401, 'unauthorized');
    const own = TrendSchema.parse(await (await api('/trend?from=2026-W30&to=2026-W36', { token: u.token })).json());
    expect(own.county).toBeNull();
    expect(own.units.map((x) => x.unit)).toEqual([u.name]);
  });
});

describe('trend', () => {
  it('the three rates and the reporting rate per period, per unit and for the county', async () => {
    const county = await makeCounty();
    const [u, v] = [await makeUnit(), await makeUnit()];
    const weeks = ['2026-W10', '2026-W11', '2026-W12'];
    const sent = new Map<string, ReturnType<typeof ledger>>();
    for (const [i, w] of weeks.entries()) {
      const lu = ledger(u.name, 4 + i, w, i);
      sent.set(`${u.name}|${w}`, lu);
      expect((await submit(u.token, lu)).status).toBe(201);
      if (i !== 1) {
        const lv = ledger(v.name, 3, w, 10 + i);
        sent.set(`${v.name}|${w}`, lv);
        expect((await submit(v.token, lv)).status).toBe(201);
      }
    }
    const res = await api('/trend?from=2026-W10&to=2026-W12', { token: county });
    const t = TrendSchema.parse(await res.json());
    expect(t.periods).toEqual(weeks);
    const expected = await registered();
    const engine = (unit: string, w: string) => {
      const s = sent.get(`${unit}|${w}`);
      return s ? summarize(unit, checkRecords(s.rows, { mode: 'submission', meta: s.meta }).rows) : null;
    };
    for (const [i, w] of weeks.entries()) {
      const point = t.county?.[i];
      const rows = [engine(u.name, w), engine(v.name, w)].filter((x) => x !== null);
      expect(point).toMatchObject({ period: w, expected, reported: rows.length, projects: mergeStats(rows).projects });
      expect(point?.rates).toEqual(mergeStats(rows).rates);
      expect(point?.reportingRate).toBe(Math.round((rows.length / expected) * 10000) / 10000);
    }
    const vSeries = t.units.find((x) => x.unit === v.name)?.series;
    expect(vSeries?.[1]).toEqual({ period: '2026-W11', status: 'missing', projects: null, rates: null });
    expect(vSeries?.[0]?.rates).toEqual(engine(v.name, '2026-W10')?.rates);
    await refused(await api('/trend?from=2026-W12&to=2026-W10', { token: county }), 400, 'invalid-range');
    await refused(await api('/trend?from=2026-W10&to=2026-03', { token: county }), 400, 'invalid-range');
    await refused(await api('/trend?from=2024-W01&to=2026-W12', { token: county }), 400, 'invalid-range');
  });
});

describe('week over week (warnings, never refusals)', () => {
  it('the dry run and the county board list removed projects, investment changes, category changes', async () => {
    const county = await makeCounty();
    const u = await makeUnit();
    expect((await submit(u.token, ledger(u.name, 5, '2026-W20', 0))).status).toBe(201);
    // near miss: the same ledger again → no week-over-week warning
    const same = DryRunReceiptSchema.parse(
      await (await submit(u.token, ledger(u.name, 5, '2026-W21', 0), 'k', '?dryRun=1')).json(),
    );
    expect(same.diff.warnings).toEqual([]);
    const changed = ledger(u.name, 4, '2026-W21', 7);
    const dry = DryRunReceiptSchema.parse(await (await submit(u.token, changed, 'k', '?dryRun=1')).json());
    expect(dry.diff.removed).toHaveLength(1);
    expect(dry.diff.investmentChanged?.length).toBeGreaterThan(0);
    const text = dry.diff.warnings?.join('\n') ?? '';
    expect(text).toContain('减少了 1 个项目');
    expect(text).toContain('项目实际投入变化');
    expect((await submit(u.token, changed)).status).toBe(201);
    const s = await status(county, '2026-W21', '?changes=1');
    expect(s.units.find((x) => x.unit === u.name)?.changes.join('\n')).toContain('减少了 1 个项目');
  });
});

describe('unit contacts (admin command `unit contact`)', () => {
  it('sets name and phone through the admin SQL; the board shows them; bad phones are refused', async () => {
    const county = await makeCounty();
    const u = await makeUnit();
    const { results } = await env.DB.prepare(
      unitContactSql(u.name, checkContactName(' 李四 '), checkPhone('023-78441234')),
    ).all();
    expect(results).toEqual([{ name: u.name, contact_name: '李四', contact_phone: '023-78441234' }]);
    // only the phone: the name stays
    await env.DB.prepare(unitContactSql(u.name, null, checkPhone('13800000000'))).all();
    const s = await status(county, '2026-W40');
    // 国庆: Thursday 2026-10-01 is a holiday, so the week is due the next working day, 10-08 16:00.
    expect(s.deadline).toBe('2026-10-08T08:00:00.000Z');
    expect((await status(county, '2026-W39')).deadline).toBe('2026-09-24T08:00:00.000Z');
    expect(s.chase).toContainEqual({ unit: u.name, contact: { name: '李四', phone: '13800000000' } });
    expect((await env.DB.prepare(unitContactSql('不存在镇', '王五', null)).all()).results).toEqual([]);
    expect(() => checkPhone('1380000')).not.toThrow();
    expect(() => checkPhone('123456')).toThrow(/联系电话“123456”无效/u);
    expect(() => checkPhone('13800000000x')).toThrow(AdminInputError);
    expect(() => unitContactSql(u.name, null, null)).toThrow(/--name/u);
  });
});
