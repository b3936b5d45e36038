import { describe, expect, it } from 'vitest';
import { checkRecords } from './check.js';
import { CLASSIFY_RULES, classify } from './classify.js';
import { type Cells, record, validCells } from './test/fixtures.js';

function suggest(changes: Cells) {
  const { rows } = checkRecords([record(5, { ...validCells(1), ...changes })]);
  return classify(rows[0] as NonNullable<(typeof rows)[0]>);
}

describe('classification (spec §4)', () => {
  const table: [string, Cells, string | null, string][] = [
    ['classify.rebuild', { operation: '终止经营' }, '重建', '（六）2、3'],
    ['classify.rebuild', { functionStatus: '灭失', useStatus: '闲置' }, '重建', '（六）2、3'],
    ['classify.revitalize', { problems: '停产' }, '盘活', '（五）'],
    ['classify.revitalize', { useStatus: '闲置' }, '盘活', '（五）'],
    ['classify.revitalize', { problems: '合作主体持续经营存在重大不确定性' }, '盘活', '（五）'],
    ['classify.revitalize', { problems: '到期未全额返还本金' }, '盘活', '（五）'],
    ['classify.upgrade', { operation: '经营困难' }, '提升', '（四）'],
    ['classify.upgrade', { functionStatus: '损坏' }, '提升', '（四）'],
    ['classify.upgrade', { linkage: '不充分' }, '提升', '（四）'],
    ['classify.upgrade', { problems: '亏损' }, '提升', '（四）'],
    ['classify.upgrade', { problems: '未足额分红' }, '提升', '（四）'],
    ['classify.upgrade', { problems: '未落实联农带农' }, '提升', '（四）'],
    ['classify.upgrade', { causes: '技术原因' }, '提升', '（四）'],
    ['classify.consolidate', {}, '巩固', '（三）'],
  ];
  for (const [ruleId, changes, category, clause] of table) {
    it(`${ruleId} for ${JSON.stringify(changes)}`, () => {
      const s = suggest(changes);
      expect(s).toMatchObject({ ruleId, category, clause, row: 5, entered: '巩固' });
      expect(s.reason).toMatch(/[\u4e00-\u9fa5]/u);
    });
  }

  it('first match wins: 停产 and 终止经营 together → 重建', () => {
    expect(suggest({ problems: '停产', operation: '终止经营' }).category).toBe('重建');
    expect(suggest({ useStatus: '闲置', operation: '经营困难' }).category).toBe('盘活');
  });

  it('the reason names every fact that matched', () => {
    expect(suggest({ problems: '停产', useStatus: '闲置' }).reason).toBe(
      '「项目现状/存在问题」含“停产”，「项目现状/使用现状」为“闲置”，属分类标准（五）盘活类情形',
    );
  });

  it('classify.insufficient when a status field is missing or invalid', () => {
    const s = suggest({ linkage: null });
    expect(s).toMatchObject({ ruleId: 'classify.insufficient', category: null, clause: null });
    expect(s.reason).toContain('「联农带农情况/发挥联农带农作用」');
    expect(suggest({ operation: '不知道' }).ruleId).toBe('classify.insufficient');
  });

  it('a fact that is known still decides when another field is missing', () => {
    expect(suggest({ operation: '终止经营', linkage: null }).category).toBe('重建');
  });

  it('the table is data: one object per rule with its clause, in spec order', () => {
    expect(CLASSIFY_RULES.map((r) => [r.id, r.category, r.clause])).toEqual([
      ['classify.rebuild', '重建', '（六）2、3'],
      ['classify.revitalize', '盘活', '（五）'],
      ['classify.upgrade', '提升', '（四）'],
      ['classify.consolidate', '巩固', '（三）'],
    ]);
  });

  it('a county can adjust the table without touching the engine', () => {
    const { rows } = checkRecords([record(5, { ...validCells(1), problems: '亏损', causes: '管理不善' })]);
    const row = rows[0] as NonNullable<(typeof rows)[0]>;
    const strict = [
      {
        id: 'x.lossIsRevitalize',
        category: '盘活' as const,
        clause: '（五）',
        when: [{ field: 'problems' as const, includes: '亏损' }],
      },
      ...CLASSIFY_RULES,
    ];
    expect(classify(row, strict).ruleId).toBe('x.lossIsRevitalize');
  });
});
