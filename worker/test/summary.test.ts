/**
 * The county summary: status around the deadline, the 统计表 equal to the shared engine's aggregate
 * of the same ledgers, the latest submission winning; drill-down, changes and dry runs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSubmission } from '../../scripts/demo-ledger.js';
import { ChangesSchema, DryRunReceiptSchema, ProjectListSchema, SummarySchema } from '../../shared/api.js';
import type { Submission } from '../../shared/contract.js';
import { checkRecords, mergeStats, parsePeriod, summarize, summaryRows } from '../../shared/index.js';
import { api, ledger, makeCounty, makeUnit, storedCounts, submit } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

function engineStats(unit: string, s: Submission) {
  return summarize(unit, checkRecords(s.rows, { mode: 'submission', meta: s.meta }).rows);
}

async function summaryOf(county: string, period: string) {
  const res = await api(`/summary?period=${period}`, { token: county });
  expect(res.status).toBe(200);
  return SummarySchema.parse(await res.json());
}

describe('status around the deadline (Thursday 16:00 Asia/Shanghai)', () => {
  it('15:59:59 is on time, 16:00:01 is late, no submission is missing', async () => {
    const period = '2026-W47';
    expect(parsePeriod(period)?.due.toISOString()).toBe('2026-11-19T08:00:00.000Z');
    const [early, late, absent] = [await makeUnit(), await makeUnit(), await makeUnit()];
    const county = await makeCounty();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-19T07:59:59.000Z'));
    const r1 = await submit(early.token, ledger(early.name, 2, period));
    expect(((await r1.json()) as { status: string }).status).toBe('on-time');
    vi.setSystemTime(new Date('2026-11-19T08:00:01.000Z'));
    const r2 = await submit(late.token, ledger(late.name, 2, period));
    expect(((await r2.json()) as { status: string }).status).toBe('late');
    // A resubmission after the deadline does not make an on-time unit late.
    const r3 = await submit(early.token, ledger(early.name, 3, period, 1));
    expect(r3.status).toBe(201);
    vi.useRealTimers();

    const s = await summaryOf(county, period);
    const byUnit = new Map(s.units.map((u) => [u.unit, u]));
    expect(byUnit.get(early.name)).toMatchObject({
      status: 'on-time',
      submissions: 2,
      firstReceivedAt: '2026-11-19T07:59:59.000Z',
      receivedAt: '2026-11-19T08:00:01.000Z',
    });
    expect(byUnit.get(late.name)).toMatchObject({ status: 'late', submissions: 1 });
    expect(byUnit.get(absent.name)).toMatchObject({ status: 'missing', submissions: 0, receivedAt: null });
    expect(s.periodLabel).toContain('2026年第47周');
  });
});

describe('the consolidated 统计表', () => {
  it('equals the shared aggregate of the same ledgers; the latest submission wins', async () => {
    const period = '2026-W20';
    const county = await makeCounty();
    const units = [await makeUnit(), await makeUnit(), await makeUnit()];
    const counted: Submission[] = [];
    for (const [i, u] of units.entries()) {
      const first = ledger(u.name, 20 + i * 7, period, 1);
      expect((await submit(u.token, first)).status).toBe(201);
      if (i === 0) {
        // Unit 0 resubmits a different ledger: only that one counts.
        const second = ledger(u.name, 11, period, 2);
        expect((await submit(u.token, second)).status).toBe(201);
        counted.push(second);
      } else counted.push(first);
    }
    const s = await summaryOf(county, period);
    const expected = units.map((u, i) => engineStats(u.name, counted[i] as Submission));
    const mine = summaryRows(s).filter((r) => units.some((u) => u.name === r.unit));
    expect(mine).toEqual(expected);
    // Every unit with a submission in this period is one of ours, so the 合计 is theirs.
    expect(summaryRows(s)).toHaveLength(3);
    expect(s.total).toEqual(mergeStats(expected));
    expect(s.total.projects).toBe(11 + 27 + 34);
    expect(s.units.find((u) => u.unit === units[0]?.name)?.submissions).toBe(2);
  });

  it('drill-down lists the counted projects by category, cause and unit', async () => {
    const period = '2026-W21';
    const county = await makeCounty();
    const u = await makeUnit();
    const v = await makeUnit();
    const lu = ledger(u.name, 40, period);
    const lv = ledger(v.name, 25, period);
    expect((await submit(u.token, lu)).status).toBe(201);
    expect((await submit(v.token, lv)).status).toBe(201);
    const stats = mergeStats([engineStats(u.name, lu), engineStats(v.name, lv)]);

    const list = async (query: string) => {
      const res = await api(`/projects?period=${period}${query}`, { token: county });
      expect(res.status).toBe(200);
      return ProjectListSchema.parse(await res.json());
    };
    expect((await list('')).total).toBe(65);
    for (const category of ['巩固', '提升', '盘活', '重建'] as const) {
      const found = await list(`&category=${encodeURIComponent(category)}&limit=2000`);
      expect(found.total).toBe(stats.categories[category]);
      expect(found.projects.every((p) => p.category === category)).toBe(true);
    }
    const onlyV = await list(`&unit=${encodeURIComponent(v.name)}&limit=10&offset=20`);
    expect(onlyV.total).toBe(25);
    expect(onlyV.projects).toHaveLength(5);
    expect(onlyV.projects.every((p) => p.reportingUnit === v.name)).toBe(true);
    const cause = await list(`&cause=${encodeURIComponent('自然灾害')}`);
    expect(cause.total).toBe(stats.idleCauses.自然灾害);
    expect((await api(`/projects?period=${period}&category=其他`, { token: county })).status).toBe(400);
  });
});

describe('changes and dry runs', () => {
  it('changes: new, removed and re-classified projects against the previous period', async () => {
    const u = await makeUnit();
    const before = demoSubmission(u.name, { period: '2026-W30', rows: 6, cycle: true });
    const after = demoSubmission(u.name, { period: '2026-W31', rows: 6, cycle: true });
    after.rows = after.rows.slice(1); // project 1 removed
    after.rows.push({ ...(before.rows[0] as (typeof before.rows)[number]), row: 99 }); // …and back in the list at the end
    after.rows = after.rows.filter((r) => r.cells.code !== before.rows[2]?.cells.code); // project 3 removed
    const extra = demoSubmission(u.name, { period: '2026-W31', rows: 7, cycle: true }).rows[6];
    if (!extra) throw new Error('fixture has no 7th row');
    after.rows.push({ ...extra, row: 100 }); // project 7 new
    // A 巩固 project (not the removed one) becomes 提升.
    const target = before.rows.find((r, i) => i !== 0 && i !== 2 && r.cells.category === '巩固');
    const moved = after.rows.find((r) => r.cells.code === target?.cells.code);
    if (!moved) throw new Error('fixture has no 巩固 project to re-classify');
    moved.cells = { ...moved.cells, category: '提升', measures: '完善管理制度' };
    expect((await submit(u.token, before)).status).toBe(201);
    expect((await submit(u.token, after)).status).toBe(201);

    const res = await api('/changes?period=2026-W31', { token: u.token });
    expect(res.status).toBe(200);
    const changes = ChangesSchema.parse(await res.json());
    expect(changes.previous?.period).toBe('2026-W30');
    expect(changes.added.map((p) => p.code)).toEqual([extra.cells.code]);
    expect(changes.removed.map((p) => p.code)).toEqual([before.rows[2]?.cells.code]);
    expect(changes.reclassified).toEqual([
      { code: moved.cells.code, name: moved.cells.name, from: '巩固', to: '提升' },
    ]);
  });

  it('a dry run validates and returns the would-be receipt and diff, storing nothing', async () => {
    const u = await makeUnit();
    expect((await submit(u.token, ledger(u.name, 5, '2026-W32'))).status).toBe(201);
    const before = await storedCounts();
    const next = ledger(u.name, 8, '2026-W33');
    const res = await api('/submissions?dryRun=1', { token: u.token, body: next });
    expect(res.status).toBe(200);
    const dry = DryRunReceiptSchema.parse(await res.json());
    expect(dry.rows).toBe(8);
    expect(dry.summary).toEqual(engineStats(u.name, next));
    expect(dry.diff.previous?.period).toBe('2026-W32');
    expect(dry.diff.added).toHaveLength(3);
    expect(await storedCounts()).toEqual(before);
  });
});
