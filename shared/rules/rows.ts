/**
 * Cross-field rules on one project row (spec §3): investment, status, linkage, category.
 * Each entry is one rule id; read them beside the spec's table.
 */
import { type ColumnKey, quotedLabel } from '../ledger/columns.js';
import { wanToYuan, yuanToWan } from '../ledger/money.js';
import type { LedgerRow } from '../ledger/types.js';
import type { RowRule, RuleContext } from './types.js';

const L = quotedLabel;
const INVEST_TOLERANCE_YUAN = 100; // 0.01 万元

/**
 * The ledger state of a project with no recorded problem, as field = value facts. 分类标准（三）
 * itself names none of these fields (发展势头, 产业链…); they are what the ledger can show.
 */
export const CONSOLIDATE_CONDITIONS = [
  { field: 'operation', equals: '经营正常' },
  { field: 'useStatus', equals: '在用' },
  { field: 'functionStatus', equals: '正常' },
  { field: 'linkage', equals: '充分' },
] as const;

const known = (ctx: RuleContext, field: ColumnKey) => !ctx.unknown.has(field);
const hasProblems = (r: LedgerRow) => r.problems.length > 0;

export const rowRules: readonly RowRule[] = [
  {
    id: 'invest.sum',
    severity: 'error',
    field: 'investTotal',
    reads: ['investTotal', 'investSpecial', 'investOther'],
    check: (r) => {
      if (r.investTotal === null || r.investSpecial === null || r.investOther === null) return null;
      const sum = wanToYuan(r.investSpecial) + wanToYuan(r.investOther);
      if (Math.abs(wanToYuan(r.investTotal) - sum) <= INVEST_TOLERANCE_YUAN) return null;
      return `${L('investTotal')}为 ${r.investTotal}，但专项资金 ${r.investSpecial} + 其他资金 ${r.investOther} = ${yuanToWan(sum)}：小计应等于两者之和（允许误差 0.01 万元）。`;
    },
  },
  {
    id: 'status.normal-but-stopped',
    severity: 'error',
    field: 'operation',
    reads: ['operation', 'problems'],
    check: (r) =>
      r.operation === '经营正常' && r.problems.includes('停产')
        ? `${L('operation')}为“经营正常”，但${L('problems')}含“停产”：两者矛盾，请改正其一。`
        : null,
  },
  {
    id: 'status.causes-missing',
    severity: 'error',
    field: 'causes',
    reads: [],
    demands: true,
    check: (r, ctx) => {
      // An “or” of two facts: one known fact suffices, an unknown one counts as neither.
      const troubled = known(ctx, 'operation') && (r.operation === '经营困难' || r.operation === '终止经营');
      const problems = known(ctx, 'problems') && hasProblems(r);
      if (!(troubled || problems) || r.causes.length > 0) return null;
      const why = troubled ? `${L('operation')}为“${r.operation}”` : `${L('problems')}已填写“${r.problems.join('、')}”`;
      return `${why}，但${L('causes')}为空：请在产业选择不准、配套设施原因、资金短缺等原因中选择（可多选）。`;
    },
  },
  {
    id: 'status.causes-unexpected',
    severity: 'warning',
    field: 'causes',
    reads: ['operation', 'problems', 'causes'],
    check: (r) =>
      r.operation === '经营正常' && !hasProblems(r) && r.causes.length > 0
        ? `${L('operation')}为“经营正常”且无存在问题，却填写了${L('causes')}“${r.causes.join('、')}”：请核实，无问题时原因分析应为空。`
        : null,
  },
  {
    id: 'status.lost-in-use',
    severity: 'error',
    field: 'useStatus',
    reads: ['functionStatus', 'useStatus'],
    check: (r) =>
      r.functionStatus === '灭失' && r.useStatus === '在用'
        ? `${L('functionStatus')}为“灭失”，${L('useStatus')}却为“在用”：已灭失的资产不能在用，请改正其一。`
        : null,
  },
  {
    id: 'status.idle-normal',
    severity: 'warning',
    field: 'useStatus',
    reads: ['useStatus', 'operation'],
    check: (r) =>
      r.useStatus === '闲置' && r.operation === '经营正常'
        ? `${L('useStatus')}为“闲置”，${L('operation')}却为“经营正常”：请核实项目是否真在正常经营。`
        : null,
  },
  {
    id: 'linkage.shortfall-missing',
    severity: 'error',
    field: 'linkageShortfall',
    reads: ['linkage'],
    demands: true,
    check: (r) =>
      r.linkage === '不充分' && r.linkageShortfall === null
        ? `${L('linkage')}为“不充分”，但${L('linkageShortfall')}为空：请在未按约定有效带动农户发展生产、未按约定吸纳农村劳动力稳定就业、未按约定及时足额分配资产收益中任选其一。`
        : null,
  },
  {
    id: 'linkage.shortfall-unexpected',
    severity: 'error',
    field: 'linkageShortfall',
    reads: ['linkage', 'linkageShortfall'],
    check: (r) =>
      r.linkage === '充分' && r.linkageShortfall !== null
        ? `${L('linkage')}为“充分”，却填写了${L('linkageShortfall')}“${r.linkageShortfall}”：作用充分时原因应为空，否则请把作用改为“不充分”。`
        : null,
  },
  {
    id: 'linkage.problem-conflict',
    severity: 'error',
    field: 'linkage',
    reads: ['linkage', 'problems'],
    check: (r) =>
      r.linkage === '充分' && r.problems.includes('未落实联农带农')
        ? `${L('problems')}含“未落实联农带农”，${L('linkage')}却为“充分”：两者矛盾，请改正其一。`
        : null,
  },
  {
    id: 'category.missing',
    severity: (mode) => (mode === 'submission' ? 'error' : 'warning'),
    field: 'category',
    reads: [],
    demands: true,
    check: (r, ctx) =>
      r.category === null
        ? `${L('category')}为空：请在巩固、提升、盘活、重建中选择一项${ctx.suggestion.category ? `（建议：${ctx.suggestion.category}，参照分类标准${ctx.suggestion.clause}）` : ''}。上报前必须填写。`
        : null,
  },
  {
    id: 'category.terminated',
    severity: 'warning',
    field: 'category',
    reads: ['operation', 'category'],
    check: (r) =>
      r.operation === '终止经营' && (r.category === '巩固' || r.category === '提升')
        ? `${L('operation')}为“终止经营”，${L('category')}却为“${r.category}”：终止经营的项目通常列为盘活或重建（参照分类标准（五）（六）），请核实；分类以县领导小组审定为准。`
        : null,
  },
  {
    id: 'category.consolidate-conditions',
    severity: 'warning',
    field: 'category',
    reads: ['category'],
    check: (r, ctx) => {
      if (r.category !== '巩固') return null;
      const facts: string[] = [];
      for (const c of CONSOLIDATE_CONDITIONS) {
        const v = r[c.field];
        if (known(ctx, c.field) && v !== null && v !== c.equals) facts.push(`${L(c.field)}为“${v}”`);
      }
      if (known(ctx, 'problems') && hasProblems(r)) facts.push(`${L('problems')}为“${r.problems.join('、')}”`);
      if (facts.length === 0) return null;
      return `${L('category')}为“巩固”，但台账记载${facts.join('，')}：请核实分类是否恰当。若县领导小组已审定为巩固，以审定为准，可不改。`;
    },
  },
  {
    id: 'measures.missing',
    severity: 'error',
    field: 'measures',
    reads: ['category'],
    demands: true,
    check: (r) =>
      (r.category === '提升' || r.category === '盘活' || r.category === '重建') && r.measures === ''
        ? `${L('category')}为“${r.category}”，但${L('measures')}为空：提升、盘活、重建类项目必须填写处置整改措施。`
        : null,
  },
  {
    id: 'category.mismatch',
    severity: 'warning',
    field: 'category',
    reads: ['category'],
    check: (r, { suggestion: s }) =>
      r.category !== null && s.category !== null && s.category !== r.category
        ? `${L('category')}填写“${r.category}”，分类建议为“${s.category}”：${s.reason}。建议仅供参考，以县领导小组审定为准。`
        : null,
  },
];
