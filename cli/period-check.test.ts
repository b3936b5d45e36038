/** `aggregate --period` checks each ledger's 更新时间 against the period (spec §6, issue 9). */
import { afterAll, describe, expect, it } from 'vitest';
import { libraryCalendar } from '../shared/calendar.js';
import { checkUpdatedAt } from './period-check.js';
import { cli, fillTemplate, tempDir } from './test/helpers.js';
import { project } from './test/projects.js';

const period = (id: string) => libraryCalendar.resolve(id) as NonNullable<ReturnType<typeof libraryCalendar.resolve>>;
const tmp = tempDir('sige-period-');
afterAll(() => tmp.remove());

describe('更新时间 against the period', () => {
  it('inside the week (Monday to the deadline day) is fine; outside is flagged', () => {
    const w48 = period('2026-W48'); // Monday 11-23, due Thursday 11-26 16:00
    expect(checkUpdatedAt('2026-11-23', w48)).toEqual({ status: 'within', updatedAt: '2026-11-23', message: null });
    expect(checkUpdatedAt('2026-11-26', w48).status).toBe('within');
    expect(checkUpdatedAt('2026-11-22', w48)).toEqual({
      status: 'before',
      updatedAt: '2026-11-22',
      message:
        '更新时间 2026-11-22 早于2026年第48周（截止 11月26日 16:00）的开始（2026-11-23）：可能不是本期台账，请核实',
    });
    expect(checkUpdatedAt('2026-11-27', w48).status).toBe('after');
    expect(checkUpdatedAt(null, w48).status).toBe('unknown');
  });

  it('the deadline moved by a holiday moves the check: 2026-W40 runs to 10-08', () => {
    expect(checkUpdatedAt('2026-10-08', period('2026-W40')).status).toBe('within');
    expect(checkUpdatedAt('2026-10-09', period('2026-W40')).status).toBe('after');
  });

  it('a month runs from the 1st to the 7th', () => {
    expect(checkUpdatedAt('2026-12-07', period('2026-12')).status).toBe('within');
    expect(checkUpdatedAt('2026-12-08', period('2026-12')).status).toBe('after');
  });
});

describe('cli aggregate --period', () => {
  it('warns about a ledger updated in November 2023 and reports it per file in --json', async () => {
    const template = tmp.path('模板.xlsx');
    await cli('template', '--out', template, '--rows', '3');
    const dir = tmp.path('台账');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    await fillTemplate(template, `${dir}/旧.xlsx`, [project(0)], { unit: '保家镇', updatedAt: '2023-11-20' });
    await fillTemplate(template, `${dir}/新.xlsx`, [project(1)], { unit: '郁山镇', updatedAt: '2026-11-24' });
    const text = await cli('aggregate', dir, '--period', '2026-W48');
    expect(text.out).toContain('更新时间与报送期次不符：');
    expect(text.out).toMatch(/旧\.xlsx（保家镇）：更新时间 2023-11-20 早于2026年第48周/u);
    expect(text.out).not.toMatch(/新\.xlsx（郁山镇）：更新时间/u);
    const json = JSON.parse((await cli('aggregate', dir, '--period', '2026-W48', '--json')).out);
    const byFile = Object.fromEntries(
      json.files.map((f: { file: string; period: { status: string } }) => [f.file.split('/').pop(), f.period.status]),
    );
    expect(byFile).toEqual({ '旧.xlsx': 'before', '新.xlsx': 'within' });
    // Without --period nothing is checked.
    const plain = JSON.parse((await cli('aggregate', dir, '--json')).out);
    expect(plain.files[0].period).toBeUndefined();
  });

  it('a period in a year without holiday data says so', async () => {
    const template = tmp.path('模板2.xlsx');
    await cli('template', '--out', template, '--rows', '3');
    const file = tmp.path('台账2027.xlsx');
    await fillTemplate(template, file, [project(0)], { unit: '保家镇', updatedAt: '2027-03-02' });
    const r = await cli('aggregate', file, '--period', '2027-W09');
    expect(r.err).toContain('提示：2027 年节假日数据未收录，按周一至周五计算');
    const near = await cli('aggregate', file, '--period', '2026-W09');
    expect(near.err).not.toContain('节假日数据未收录');
  });
});
