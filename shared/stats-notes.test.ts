import { describe, expect, it } from 'vitest';
import { checkRecords } from './check.js';
import { statsSheet } from './layout/stats-sheet.js';
import { mergeStats, summarize } from './stats.js';
import { notesLine, statsNotes, totalLabel } from './stats-notes.js';
import { type Cells, record, validCells } from './test/fixtures.js';

const unit = (name: string, cells: Cells[]) =>
  summarize(name, checkRecords(cells.map((c, i) => record(5 + i, c))).rows);
const projects = (n: number, uncategorized = 0) =>
  Array.from({ length: n }, (_, i) => ({ ...validCells(i + 1), category: i < uncategorized ? null : '巩固' }));

describe('the 说明 line (spec §5)', () => {
  it('says how many projects are unclassified: 项目数 − the four category counts', () => {
    const notes = statsNotes({ rows: [unit('保家镇', projects(18, 1))] });
    expect(notes.unclassified).toBe(1);
    expect(notes.text).toBe('其中未分类 1 个：项目数 18 个，四类合计 17 个，未分类项目未计入四类。');
    expect(notes.coverage).toBeNull();
  });

  it('near miss: every project classified says so', () => {
    const notes = statsNotes({ rows: [unit('保家镇', projects(3))] });
    expect(notes.unclassified).toBe(0);
    expect(notes.text).toBe('项目均已分类：四类合计等于项目数 3 个。');
  });

  it('names the units with unclassified projects in a table of several', () => {
    const rows = [unit('保家镇', projects(4, 2)), unit('郁山镇', projects(3)), unit('高谷镇', projects(2, 1))];
    const notes = statsNotes({ rows });
    expect(notes.unclassifiedByUnit).toEqual([
      { unit: '保家镇', count: 2 },
      { unit: '高谷镇', count: 1 },
    ]);
    expect(notes.text).toMatch(/^其中未分类 3 个（保家镇 2 个、高谷镇 1 个）/u);
  });

  it('names the ledgers that still had errors, counted or left out', () => {
    const rows = [unit('保家镇', projects(2))];
    const notes = statsNotes({
      rows,
      erroneous: [
        { unit: '保家镇', errors: 3, included: true },
        { unit: '郁山镇', errors: 1, included: false },
      ],
    });
    expect(notes.text).toBe(
      '项目均已分类：四类合计等于项目数 2 个；以下单位的台账仍有错误，已计入本表、数字待核实：保家镇（3 个错误）；以下单位的台账有错误，未计入本表：郁山镇（1 个错误）。',
    );
  });

  it('county table: reported vs expected units, with the 合计 label', () => {
    const rows = [unit('保家镇', projects(2)), unit('郁山镇', projects(1))];
    const notes = statsNotes({ rows, expectedUnits: ['保家镇', '郁山镇', '高谷镇', '县商务委'] });
    expect(notes.coverage).toEqual({ reported: 2, expected: 4, missing: ['高谷镇', '县商务委'] });
    expect(notes.text).toContain('已报 2 / 应报 4 个单位，未报：高谷镇、县商务委（合计不含未报单位）');
    expect(totalLabel(notes)).toBe('合计（已报 2 / 应报 4 个单位）');
    const all = statsNotes({ rows, expectedUnits: ['保家镇', '郁山镇'] });
    expect(all.text).toContain('应报 2 个单位均已报送');
    expect(totalLabel(statsNotes({ rows }))).toBe('合计');
  });

  it('stays bounded: at most 12 names, then the count', () => {
    const rows = Array.from({ length: 40 }, (_, i) => unit(`单位${i}`, projects(2, 1)));
    const notes = statsNotes({ rows, expectedUnits: Array.from({ length: 80 }, (_, i) => `单位${i}`) });
    expect(notes.text).toContain('单位11 1 个等 40 个');
    expect(notes.text).toContain('单位51等 40 个');
    expect(notes.text.length).toBeLessThan(600);
  });

  it('is written in one merged row under the 附件4 table', () => {
    const rows = [unit('保家镇', projects(3, 1))];
    const text = notesLine(statsNotes({ rows }));
    const sheet = statsSheet({ rows, total: mergeStats(rows), notes: text });
    const last = sheet.rows[sheet.rows.length - 1];
    expect(last).toMatchObject({ role: 'footer', cells: [text] });
    expect(sheet.rows[sheet.rows.length - 2]?.role).toBe('total');
    expect(sheet.merges).toContainEqual({
      top: sheet.rows.length - 1,
      left: 0,
      bottom: sheet.rows.length - 1,
      right: 31,
    });
    // near miss: without notes the table ends at 合计
    expect(statsSheet({ rows, total: mergeStats(rows) }).rows.at(-1)?.role).toBe('total');
  });
});
