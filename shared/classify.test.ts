import { describe, expect, it } from 'vitest';
import { checkRecords } from './check.js';
import { CLASSIFY_RULES, classify } from './classify.js';
import { type Cells, record, validCells } from './test/fixtures.js';

/** The suggestion as the engine makes it (with the row's unknown cells). */
function suggest(changes: Cells) {
  const { suggestions } = checkRecords([record(5, { ...validCells(1), ...changes })]);
  return suggestions[0] as NonNullable<(typeof suggestions)[0]>;
}

describe('classification (spec §4)', () => {
  const table: [string, Cells, string | null, string][] = [
    ['classify.rebuild', { operation: '终止经营' }, '重建', '（六）2、3'],
    ['classify.rebuild', { functionStatus: '灭失', useStatus: '闲置' }, '重建', '（六）2、3'],
    ['classify.revitalize', { problems: '停产' }, '盘活', '（五）'],
    ['classify.revitalize', { useStatus: '闲置' }, '盘活', '（五）'],
    ['classify.revitalize', { problems: '合作主体持续经营存在重大不确定性' }, '盘活', '（五）'],
    ['classify.revitalize', { problems: '到期未全额返还本金' }, '盘活', '（五）'],
    ['classify.revitalize', { problems: '未足额分红' }, '盘活', '（五）'],
    ['classify.upgrade', { operation: '经营困难' }, '提升', '（四）'],
    ['classify.upgrade', { functionStatus: '损坏' }, '提升', '（四）'],
    ['classify.upgrade', { linkage: '不充分' }, '提升', '（四）'],
    ['classify.upgrade', { problems: '亏损' }, '提升', '（四）'],
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

  it('the reason names every fact that matched and refers to (参照) the clause', () => {
    expect(suggest({ problems: '停产', useStatus: '闲置' }).reason).toBe(
      '台账记载：存在问题含停产；使用现状=闲置。参照分类标准（五），建议盘活',
    );
  });

  it('（四） and （三）: the clause own conditions are confirmed by the 实地调研 (十二)', () => {
    const upgrade = suggest({ operation: '经营困难', functionStatus: '损坏', causes: '技术原因、管理不善' }).reason;
    expect(upgrade).toMatch(
      /^台账记载：生产经营情况=经营困难；功能现状=损坏；原因分析=技术原因、管理不善。参照分类标准（四），建议提升；/u,
    );
    expect(upgrade).toContain('须经实地调研（十二）确认');
    const consolidate = suggest({}).reason;
    expect(consolidate).toContain('参照分类标准（三），建议巩固');
    expect(consolidate).toContain('须经实地调研（十二）确认');
    // （五）/（六） name the ledger facts themselves: no survey clause.
    expect(suggest({ operation: '终止经营' }).reason).toBe(
      '台账记载：生产经营情况=终止经营。参照分类标准（六）2、3，建议重建',
    );
  });

  it('never says 属 or 符合 a clause on ledger facts alone', () => {
    const cases: Cells[] = [
      {},
      { operation: '经营困难' },
      { useStatus: '闲置' },
      { functionStatus: '灭失', useStatus: '闲置' },
    ];
    for (const c of cases) expect(suggest(c).reason).not.toMatch(/属|符合/u);
  });

  it('an invalid 存在问题 item leaves the catch-all undecided (no 巩固 on unknown facts)', () => {
    const s = suggest({ problems: '停产、天气' });
    expect(s).toMatchObject({ ruleId: 'classify.insufficient', category: null });
    expect(s.reason).toContain('「项目现状/存在问题」');
    // A known fact of a later column still decides.
    expect(suggest({ problems: '天气', operation: '终止经营', causes: '自然灾害' }).category).toBe('重建');
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
