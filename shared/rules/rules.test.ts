/**
 * Every rule id of spec §3, table-driven: one case that triggers it and one near-miss that must
 * not. Each case is a change to a fully valid project row.
 */
import { describe, expect, it } from 'vitest';
import { checkLedger, checkRecords, ROW_RULES } from '../check.js';
import type { Mode } from '../ledger/types.js';
import { type Cells, ledgerGrid, record, validCells } from '../test/fixtures.js';
import { RULE_IDS } from './ids.js';

interface Case {
  ruleId: string;
  severity: 'error' | 'warning';
  field: string | null;
  trigger: Cells;
  nearMiss: Cells;
  mode?: Mode;
}

const cases: Case[] = [
  { ruleId: 'required', severity: 'error', field: 'name', trigger: { name: null }, nearMiss: { name: '种植基地' } },
  {
    ruleId: 'required',
    severity: 'error',
    field: 'industry',
    trigger: { industry: '  ' },
    nearMiss: { industry: '养殖' },
  },
  {
    ruleId: 'required',
    severity: 'error',
    field: 'investSpecial',
    trigger: { investSpecial: null, investTotal: 20 },
    nearMiss: { investSpecial: 0, investTotal: 20 },
  },
  {
    ruleId: 'enum',
    severity: 'error',
    field: 'industry',
    trigger: { industry: '渔业' },
    nearMiss: { industry: '休闲农业与乡村旅游' },
  },
  {
    ruleId: 'enum',
    severity: 'error',
    field: 'mode',
    trigger: { mode: '承包' },
    nearMiss: { mode: '合作发展（入股）' },
  },
  {
    ruleId: 'enum',
    severity: 'error',
    field: 'category',
    trigger: { category: '优秀' },
    nearMiss: { category: '巩固一批' },
  },
  {
    ruleId: 'multi.enum',
    severity: 'error',
    field: 'causes',
    trigger: { operation: '经营困难', category: '提升', measures: '引进技术', causes: '资金短缺、天气不好' },
    nearMiss: { operation: '经营困难', category: '提升', measures: '引进技术', causes: '资金短缺；技术原因' },
  },
  {
    ruleId: 'linkage.multiple-shortfalls',
    severity: 'error',
    field: 'linkageShortfall',
    trigger: {
      linkage: '不充分',
      category: '提升',
      measures: '签订带农协议',
      linkageShortfall: '未按约定有效带动农户发展生产、未按约定吸纳农村劳动力稳定就业',
    },
    nearMiss: {
      linkage: '不充分',
      category: '提升',
      measures: '签订带农协议',
      linkageShortfall: '未按约定吸纳农村劳动力稳定就业',
    },
  },
  {
    ruleId: 'number',
    severity: 'error',
    field: 'valueAssets',
    trigger: { valueAssets: '约九十' },
    nearMiss: { valueAssets: '90万元' },
  },
  { ruleId: 'number', severity: 'error', field: 'seq', trigger: { seq: '一' }, nearMiss: { seq: '1' } },
  {
    ruleId: 'number.negative',
    severity: 'error',
    field: 'valueOther',
    trigger: { valueOther: -1 },
    nearMiss: { valueOther: '—' },
  },
  {
    ruleId: 'number.unit',
    severity: 'warning',
    field: 'valueAssets',
    trigger: { valueAssets: '900000元' },
    nearMiss: { valueAssets: '90万' },
  },
  {
    ruleId: 'number.unit',
    severity: 'warning',
    field: 'valueAssets',
    trigger: { valueAssets: 10000.5 },
    nearMiss: { valueAssets: 10000 },
  },
  { ruleId: 'year.range', severity: 'error', field: 'year', trigger: { year: 2012 }, nearMiss: { year: 2013 } },
  { ruleId: 'year.range', severity: 'error', field: 'year', trigger: { year: 2027 }, nearMiss: { year: '2026年' } },
  {
    ruleId: 'code.duplicate',
    severity: 'error',
    field: 'code',
    trigger: { code: 'DUP-1' },
    nearMiss: { code: 'UNIQUE-1' },
  },
  {
    ruleId: 'contact.phone',
    severity: 'error',
    field: 'contact',
    trigger: { contact: '王五 1391234567' },
    nearMiss: { contact: '王五 023-78441234' },
  },
  {
    ruleId: 'contact.phone',
    severity: 'error',
    field: 'contact',
    trigger: { contact: '王五 784412' },
    nearMiss: { contact: '王五 78441234' },
  },
  {
    ruleId: 'contact.phone',
    severity: 'error',
    field: 'contact',
    trigger: { contact: '王五 0784412' },
    nearMiss: { contact: '王五 7844123' },
  },
  {
    ruleId: 'code.invisible-char',
    severity: 'warning',
    field: 'code',
    trigger: { code: 'PS2021-\u200b0001' },
    nearMiss: { code: 'PS2021‑0001' },
  },
  {
    ruleId: 'contact.phone',
    severity: 'error',
    field: 'contact',
    trigger: { contact: '王五' },
    nearMiss: { contact: '王五（１３９１２３４５６７８）' },
  },
  {
    ruleId: 'invest.sum',
    severity: 'error',
    field: 'investTotal',
    trigger: { investTotal: 100.02 },
    nearMiss: { investTotal: 100.01 },
  },
  {
    ruleId: 'status.normal-but-stopped',
    severity: 'error',
    field: 'operation',
    trigger: { problems: '停产', causes: '资金短缺', category: '盘活', measures: '引进业主' },
    nearMiss: { operation: '经营困难', problems: '停产', causes: '资金短缺', category: '盘活', measures: '引进业主' },
  },
  {
    ruleId: 'status.causes-missing',
    severity: 'error',
    field: 'causes',
    trigger: { operation: '经营困难', category: '提升', measures: '拓展销路' },
    nearMiss: { operation: '经营困难', category: '提升', measures: '拓展销路', causes: '产品价格波动' },
  },
  {
    ruleId: 'status.causes-missing',
    severity: 'error',
    field: 'causes',
    trigger: { problems: '亏损', category: '提升', measures: '拓展销路' },
    nearMiss: { problems: '亏损', category: '提升', measures: '拓展销路', causes: '管理不善' },
  },
  {
    ruleId: 'status.causes-unexpected',
    severity: 'warning',
    field: 'causes',
    trigger: { causes: '自然灾害' },
    nearMiss: { causes: '无' },
  },
  {
    ruleId: 'status.lost-in-use',
    severity: 'error',
    field: 'useStatus',
    trigger: { functionStatus: '灭失', category: '重建', measures: '重新规划' },
    nearMiss: { functionStatus: '灭失', useStatus: '闲置', category: '重建', measures: '重新规划' },
  },
  {
    ruleId: 'status.idle-normal',
    severity: 'warning',
    field: 'useStatus',
    trigger: { useStatus: '闲置', category: '盘活', measures: '发包' },
    nearMiss: { useStatus: '闲置', operation: '经营困难', causes: '用工短缺', category: '盘活', measures: '发包' },
  },
  {
    ruleId: 'linkage.shortfall-missing',
    severity: 'error',
    field: 'linkageShortfall',
    trigger: { linkage: '否', category: '提升', measures: '签订带农协议' },
    nearMiss: {
      linkage: '否',
      category: '提升',
      measures: '签订带农协议',
      linkageShortfall: '未按约定及时足额分配资产收益',
    },
  },
  {
    ruleId: 'linkage.shortfall-unexpected',
    severity: 'error',
    field: 'linkageShortfall',
    trigger: { linkageShortfall: '未按约定及时足额分配资产收益' },
    nearMiss: { linkageShortfall: '无' },
  },
  {
    ruleId: 'linkage.problem-conflict',
    severity: 'error',
    field: 'linkage',
    trigger: { problems: '未落实联农带农', causes: '管理不善', category: '提升', measures: '整改' },
    nearMiss: {
      problems: '未落实联农带农',
      causes: '管理不善',
      category: '提升',
      measures: '整改',
      linkage: '不充分',
      linkageShortfall: '未按约定有效带动农户发展生产',
    },
  },
  {
    ruleId: 'category.missing',
    severity: 'warning',
    field: 'category',
    trigger: { category: null },
    nearMiss: { category: '巩固类' },
  },
  {
    ruleId: 'category.missing',
    severity: 'error',
    field: 'category',
    mode: 'submission',
    trigger: { category: null },
    nearMiss: { category: '巩固' },
  },
  {
    ruleId: 'category.terminated',
    severity: 'warning',
    field: 'category',
    trigger: { operation: '终止经营', causes: '产业选择不准', category: '提升', measures: '整改' },
    nearMiss: { operation: '终止经营', causes: '产业选择不准', category: '另起炉灶', measures: '重新规划' },
  },
  {
    ruleId: 'category.consolidate-conditions',
    severity: 'warning',
    field: 'category',
    trigger: { functionStatus: '损坏' },
    nearMiss: { functionStatus: '损坏', category: '提升', measures: '维修' },
  },
  {
    ruleId: 'category.consolidate-conditions',
    severity: 'warning',
    field: 'category',
    trigger: { problems: '未足额分红', causes: '管理不善' },
    nearMiss: {},
  },
  {
    ruleId: 'measures.missing',
    severity: 'error',
    field: 'measures',
    trigger: { category: '盘活', useStatus: '闲置', operation: '经营困难', causes: '资金短缺' },
    nearMiss: { category: '盘活', useStatus: '闲置', operation: '经营困难', causes: '资金短缺', measures: '引进业主' },
  },
  {
    ruleId: 'category.mismatch',
    severity: 'warning',
    field: 'category',
    trigger: { category: '提升', measures: '扩建' },
    nearMiss: { category: '巩固' },
  },
  {
    ruleId: 'category.mismatch',
    severity: 'warning',
    field: 'category',
    trigger: { operation: '终止经营', causes: '自然灾害', category: '盘活', measures: '发包' },
    nearMiss: { operation: '终止经营', causes: '自然灾害', category: '重建', measures: '重新规划' },
  },
];

function issuesFor(changes: Cells, mode: Mode = 'editing', ruleId?: string) {
  const records = [record(5, { ...validCells(1), ...changes })];
  // code.duplicate needs a second row with the same code.
  if (ruleId === 'code.duplicate') records.push(record(6, { ...validCells(2), code: 'DUP-1' }));
  return checkRecords(records, {
    mode,
    meta: { unit: '保家镇', reviewer: null, filler: null, updatedAt: '2026-11-19' },
  }).issues;
}

describe('every rule id: a trigger and a near miss', () => {
  it('a fully valid row has no issue at all', () => {
    expect(issuesFor({}, 'submission')).toEqual([]);
  });

  for (const c of cases) {
    const label = `${c.ruleId} ${JSON.stringify(c.trigger)}`;
    it(`${label} triggers`, () => {
      const found = issuesFor(c.trigger, c.mode, c.ruleId).filter((i) => i.ruleId === c.ruleId && i.row === 5);
      expect(found).toHaveLength(1);
      const issue = found[0];
      expect(issue?.severity).toBe(c.severity);
      expect(issue?.field).toBe(c.field);
      expect(issue?.message).toMatch(/^第5行/u);
      expect(issue?.message).toMatch(/[\u4e00-\u9fa5]/u);
    });
    it(`${label} near miss passes`, () => {
      const found = issuesFor(c.nearMiss, c.mode, c.ruleId === 'code.duplicate' ? undefined : c.ruleId);
      expect(found.filter((i) => i.ruleId === c.ruleId)).toEqual([]);
    });
  }
});

describe('messages name the row, column, value and what is allowed', () => {
  it('enum', () => {
    const [issue] = issuesFor({ industry: '渔业' });
    expect(issue?.message).toBe(
      '第5行「产业类型」填写的“渔业”不是可选值：只能填写种植业、养殖业、加工业、仓储冷链物流、休闲农业与乡村旅游、光伏电站、其他之一。',
    );
  });
  it('invest.sum names the three amounts', () => {
    const [issue] = issuesFor({ investTotal: 120 });
    expect(issue?.message).toContain('为 120，但专项资金 80 + 其他资金 20 = 100');
  });
  it('code.duplicate names the other row that shares the code', () => {
    const found = issuesFor({ code: 'DUP-1' }, 'editing', 'code.duplicate').filter(
      (i) => i.ruleId === 'code.duplicate',
    );
    expect(found.map((i) => i.row)).toEqual([5, 6]);
    expect(found[0]?.message).toBe('第5行「项目编号」“DUP-1”与第 6 行重复：项目编号在台账中必须唯一。');
    expect(found[1]?.message).toContain('与第 5 行重复');
  });
  it('category.consolidate-conditions names the ledger facts, defers to the leading group, cites no clause', () => {
    const [issue] = issuesFor({ functionStatus: '损坏' }).filter((i) => i.ruleId === 'category.consolidate-conditions');
    expect(issue?.message).toBe(
      '第5行「四个一批分类」为“巩固”，但台账记载「项目现状/功能现状」为“损坏”：请核实分类是否恰当。若县领导小组已审定为巩固，以审定为准，可不改。',
    );
    expect(issue?.message).not.toMatch(/（三）/u);
  });
  it('category.terminated is a warning that defers to the leading group', () => {
    const found = issuesFor({ operation: '终止经营', causes: '自然灾害', category: '巩固' }, 'submission').filter(
      (i) => i.ruleId === 'category.terminated',
    );
    expect(found).toMatchObject([{ severity: 'warning' }]);
    expect(found[0]?.message).toContain('以县领导小组审定为准');
  });
});

describe('ledger-level rules', () => {
  const grid = (meta: unknown[], extra: unknown[][] = []) => {
    const g = ledgerGrid([validCells(1), validCells(2)], { meta });
    g.splice(6, 0, ...extra);
    return g;
  };

  it('meta.unit-missing warns when 填报单位 is blank, not when filled', () => {
    const blank = checkLedger(grid(['填报单位：', '审核人：张三']));
    expect(blank.issues.filter((i) => i.ruleId === 'meta.unit-missing')).toMatchObject([
      { severity: 'warning', row: null },
    ]);
    const filled = checkLedger(grid(['填报单位：保家镇']));
    expect(filled.issues.filter((i) => i.ruleId === 'meta.unit-missing')).toEqual([]);
  });

  it('total.mismatch warns on a wrong 合计, never counts it, and accepts a right one', () => {
    const totalRow = (sum: number) => ['合计', '', '', '', '', '', '', '', sum, 160, 40];
    const wrong = checkLedger(grid(['填报单位：保家镇'], [totalRow(201)]));
    expect(wrong.issues.filter((i) => i.ruleId === 'total.mismatch')).toMatchObject([
      { row: 7, field: 'investTotal', cell: 'I7', severity: 'warning' },
    ]);
    expect(wrong.summary.projects).toBe(2);
    const right = checkLedger(grid(['填报单位：保家镇'], [totalRow(200)]));
    expect(right.issues.filter((i) => i.ruleId === 'total.mismatch')).toEqual([]);
  });

  it('issues carry the A1 address of the cell', () => {
    const report = checkLedger(ledgerGrid([{ ...validCells(1), industry: '渔业' }]));
    expect(report.issues).toMatchObject([{ row: 5, cell: 'H5', field: 'industry', ruleId: 'enum' }]);
  });
});

describe('the rule-id list', () => {
  it('lists every row rule with its severity', () => {
    const listed = new Map<string, string>(RULE_IDS.map((r) => [r.id, r.severity]));
    for (const rule of ROW_RULES) {
      const severity = typeof rule.severity === 'function' ? 'submission' : rule.severity;
      expect([rule.id, listed.get(rule.id)]).toEqual([rule.id, severity]);
    }
  });
  it('every listed id has a trigger and a near miss here or in semantics.test.ts', () => {
    const elsewhere = [
      'header.not-found',
      'header.missing-column',
      'meta.unit-missing',
      'ledger.empty',
      'total.mismatch',
    ];
    const covered = new Set([...cases.map((c) => c.ruleId), ...elsewhere]);
    expect(RULE_IDS.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});
