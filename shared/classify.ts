/**
 * The 四个一批 classification suggestion (spec §4, 分类标准（三）–（六）) as a data table.
 * Evaluated top-down; the first rule with a matching condition wins. Advice only: the county's
 * leading group decides.
 */
import { type Category, type ColumnKey, columnLabel } from './ledger/columns.js';
import type { LedgerRow } from './ledger/types.js';

/** One observable fact about a row: a field equals a value, includes an item, or is filled. */
export type Condition =
  | { field: ColumnKey; equals: string }
  | { field: ColumnKey; includes: string }
  | { field: ColumnKey; filled: true };

export interface ClassifyRule {
  id: string;
  category: Category;
  /** Clause of the county notice that justifies it. */
  clause: string;
  /** Any one condition suffices. An empty list matches every fully described row. */
  when: readonly Condition[];
}

export const CLASSIFY_RULES: readonly ClassifyRule[] = [
  {
    id: 'classify.rebuild',
    category: '重建',
    clause: '（六）2、3',
    when: [
      { field: 'operation', equals: '终止经营' },
      { field: 'functionStatus', equals: '灭失' },
    ],
  },
  {
    id: 'classify.revitalize',
    category: '盘活',
    clause: '（五）',
    when: [
      { field: 'problems', includes: '停产' },
      { field: 'useStatus', equals: '闲置' },
      { field: 'problems', includes: '合作主体持续经营存在重大不确定性' },
      { field: 'problems', includes: '到期未全额返还本金' },
    ],
  },
  {
    id: 'classify.upgrade',
    category: '提升',
    clause: '（四）',
    when: [
      { field: 'operation', equals: '经营困难' },
      { field: 'functionStatus', equals: '损坏' },
      { field: 'linkage', equals: '不充分' },
      { field: 'problems', includes: '亏损' },
      { field: 'problems', includes: '未足额分红' },
      { field: 'problems', includes: '未落实联农带农' },
      { field: 'causes', filled: true },
    ],
  },
  { id: 'classify.consolidate', category: '巩固', clause: '（三）', when: [] },
];

/** Fields without which only a rule matched on known facts can be suggested. */
export const CLASSIFY_INPUTS: readonly ColumnKey[] = ['functionStatus', 'useStatus', 'operation', 'linkage'];

export interface Suggestion {
  row: number;
  entered: Category | null;
  category: Category | null;
  ruleId: string;
  clause: string | null;
  /** One line of Chinese: the facts that led here. */
  reason: string;
}

function holds(row: LedgerRow, c: Condition): boolean {
  const value = (row as unknown as Record<string, unknown>)[c.field];
  if ('equals' in c) return value === c.equals;
  if ('includes' in c) return Array.isArray(value) && value.includes(c.includes);
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== '';
}

const descriptions = new Map<Condition, string>();

/** “「项目现状/使用现状」为“闲置”” — built once per condition object. */
export function describeCondition(c: Condition): string {
  let text = descriptions.get(c);
  if (text === undefined) {
    const label = `「${columnLabel(c.field)}」`;
    if ('equals' in c) text = `${label}为“${c.equals}”`;
    else if ('includes' in c) text = `${label}含“${c.includes}”`;
    else text = `${label}已填写`;
    descriptions.set(c, text);
  }
  return text;
}

const consolidateReasons = new Map<ClassifyRule, string>();

/** The reason for the catch-all rule does not depend on the row: build it once per rule. */
function consolidateReason(rule: ClassifyRule): string {
  let reason = consolidateReasons.get(rule);
  if (reason === undefined) {
    reason = `经营正常、在用、功能正常、无存在问题、联农带农充分，符合分类标准${rule.clause}${rule.category}类条件`;
    consolidateReasons.set(rule, reason);
  }
  return reason;
}

function suggestion(
  row: LedgerRow,
  category: Category | null,
  ruleId: string,
  clause: string | null,
  reason: string,
): Suggestion {
  return { row: row.row, entered: row.category, category, ruleId, clause, reason };
}

export function classify(row: LedgerRow, rules: readonly ClassifyRule[] = CLASSIFY_RULES): Suggestion {
  const fields = row as unknown as Record<string, unknown>;
  let complete = true;
  for (const f of CLASSIFY_INPUTS) if (fields[f] === null) complete = false;
  for (const rule of rules) {
    if (rule.when.length === 0) {
      if (!complete) break;
      return suggestion(row, rule.category, rule.id, rule.clause, consolidateReason(rule));
    }
    const matched: Condition[] = [];
    for (const c of rule.when) if (holds(row, c)) matched.push(c);
    if (matched.length > 0) {
      const facts = matched.map(describeCondition).join('，');
      return suggestion(
        row,
        rule.category,
        rule.id,
        rule.clause,
        `${facts}，属分类标准${rule.clause}${rule.category}类情形`,
      );
    }
  }
  const missing = CLASSIFY_INPUTS.filter((f) => fields[f] === null).map((f) => `「${columnLabel(f)}」`);
  return suggestion(row, null, 'classify.insufficient', null, `${missing.join('、')}未填或填写有误，无法给出分类建议`);
}
