/**
 * The county's calendar commands end to end: `npm run admin -- holiday …/deadline …` against a real
 * local D1 (wrangler, fresh state), then the stored rows read back as the shared calendar.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../shared/calendar.js';
import { holidayYear, parseBeijingDateTime, parseDateList } from './admin-calendar.js';
import { applyMigrations, executeSql, ROOT } from './wrangler.js';

const state = mkdtempSync(join(tmpdir(), 'sgyp-cal-'));
beforeAll(() => applyMigrations({ persistTo: state }), 120_000);
afterAll(() => rmSync(state, { recursive: true, force: true }));

function admin(...args: string[]) {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/admin.ts', ...args, '--persist-to', state], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('what the clerk types', () => {
  it('date lists with ranges; Beijing wall-clock deadlines', () => {
    expect(parseDateList('2027-10-01~2027-10-03，2027-01-01')).toEqual([
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
      '2027-01-01',
    ]);
    expect(() => parseDateList('2027-10-07~2027-10-01')).toThrow('结束早于开始');
    expect(() => parseDateList('10月1日')).toThrow('无法识别的日期“10月1日”');
    expect(() => parseDateList('2027-02-30')).toThrow('无法识别的日期“2027-02-30”');
    expect(parseBeijingDateTime('2026-10-09T16:00').toISOString()).toBe('2026-10-09T08:00:00.000Z');
    expect(parseBeijingDateTime('2026-10-09 9:30').toISOString()).toBe('2026-10-09T01:30:00.000Z');
    expect(parseBeijingDateTime('2026-10-09T16:00:00Z').toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(() => parseBeijingDateTime('2026-02-30T16:00')).toThrow('无法识别');
    expect(() => parseBeijingDateTime('下周四')).toThrow('应为北京时间 2026-10-09T16:00');
  });

  it('a year from a JSON file and flags together', () => {
    const y = holidayYear('2027', {
      json: '{"holidays": ["2027-10-01~2027-10-07"], "workdays": ["2027-09-26"]}',
      holidays: '2027-01-01',
    });
    expect(y.holidays).toHaveLength(8);
    expect(y.workdays).toEqual(['2027-09-26']);
    expect(() => holidayYear('2027', { json: '{"holidays": "2027-10-01"}' })).toThrow('应为日期字符串数组');
    expect(() => holidayYear('2027', { holidays: '2028-01-01' })).toThrow('不在 2027 年');
    expect(() => holidayYear('2027', {})).toThrow('没有给出 2027 年的放假日期');
  });
});

describe('admin holiday / deadline on a local D1', () => {
  it('stores a year and a deadline; the stored data makes the shared calendar', () => {
    const file = join(state, '2027.json');
    writeFileSync(
      file,
      JSON.stringify({ holidays: ['2027-01-01', '2027-10-01~2027-10-07'], workdays: ['2027-10-09'] }),
    );
    const added = admin('holiday', 'add', '2027', '--file', file);
    expect(added.err).toBe('');
    expect(added.out).toContain(
      '已保存 2027 年节假日安排：放假 8 天（2027-01-01、2027-10-01~2027-10-07），调休上班 1 天（2027-10-09）',
    );
    expect(admin('holiday', 'list').out).toContain('2027 年（本县录入）');

    const bad = admin('holiday', 'add', '2027', '--holidays', '2027-02-30');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('无法识别的日期“2027-02-30”');

    expect(admin('deadline', 'set', '2026-W40', '2026-10-09T16:00').out).toContain(
      '已指定 2026-W40 的截止时间：2026-10-09 16:00（北京时间）',
    );
    expect(admin('deadline', 'set', '2026-W99', '2026-10-09T16:00').err).toContain('报送期次“2026-W99”格式不对');

    const [years] = executeSql('SELECT year, holidays, workdays FROM holiday_years', { persistTo: state });
    const [deadlines] = executeSql('SELECT period, due_at FROM period_deadlines', { persistTo: state });
    const calendar = createCalendar({
      years: (years ?? []).map((r) => ({
        year: Number(r.year),
        holidays: JSON.parse(String(r.holidays)),
        workdays: JSON.parse(String(r.workdays)),
      })),
      deadlines: Object.fromEntries((deadlines ?? []).map((r) => [String(r.period), String(r.due_at)])),
    });
    // 9/30 (1), 10/1–10/7 off, 10/8 (2), Sat 10/9 调休 (3), 10/11 (4), 10/12 (5).
    expect(calendar.publicityEnd('2027-09-30')).toEqual({ end: '2027-10-12', warnings: [] });
    expect(calendar.resolve('2026-W40')?.period.due.toISOString()).toBe('2026-10-09T08:00:00.000Z');

    // Removing it brings the library back for 2027.
    expect(admin('holiday', 'remove', '2027').out).toContain('已删除本县录入的 2027 年节假日安排');
  }, 240_000);
});
