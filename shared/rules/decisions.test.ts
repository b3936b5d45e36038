import { describe, expect, it } from 'vitest';
import { checkRecords } from '../check.js';
import { validProject } from '../sample.js';

const record = (row: number, code: string, category: string | null) => ({
  row,
  cells: {
    ...validProject({
      seq: row,
      name: `项目${row}`,
      code,
      year: 2021,
      unit: '保家镇人民政府',
      contact: '张明 13800000001',
      investSpecial: 40,
      investOther: 10,
      content: '建设蔬菜大棚',
      location: '保家镇',
      valueAssets: 45,
    }),
    category,
    measures: '补齐冷库',
  },
});

const approved = {
  'PS-1': { category: '巩固' as const, replyNo: '彭振兴组发〔2026〕9号' },
  'PS-2': { category: '提升' as const, replyNo: null },
};

const unapproved = (mode: 'editing' | 'submission', records = [record(5, 'PS-1', '提升'), record(6, 'PS-2', '巩固')]) =>
  checkRecords(records, { mode, approved }).issues.filter((i) => i.ruleId === 'category.unapproved');

describe('category.unapproved', () => {
  it('is an error at submission naming both categories and the 批复文号', () => {
    const issues = unapproved('submission');
    expect(issues.map((i) => [i.row, i.severity, i.field])).toEqual([
      [5, 'error', 'category'],
      [6, 'error', 'category'],
    ]);
    expect(issues[0]?.message).toBe(
      '第5行「四个一批分类」为“提升”，但县实施乡村振兴战略领导小组已审定为“巩固”（批复文号：彭振兴组发〔2026〕9号）：台账分类应与审定结果一致；如需改变分类，须在处置完毕后由县级重新分类（通知第十五条）。',
    );
    expect(issues[1]?.message).toContain('审定已记录，批复文号尚未登记');
  });

  it('is a warning while editing', () => {
    expect(unapproved('editing').map((i) => i.severity)).toEqual(['warning', 'warning']);
  });

  it('is silent when the category agrees, is blank, or no decision / no map is given', () => {
    expect(
      unapproved('submission', [record(5, 'PS-1', '巩固'), record(6, 'PS-3', '重建'), record(7, 'PS-2', null)]),
    ).toEqual([]);
    const without = checkRecords([record(5, 'PS-1', '提升')], { mode: 'submission' });
    expect(without.issues.filter((i) => i.ruleId === 'category.unapproved')).toEqual([]);
  });
});
