/**
 * Issues grouped by rule and column for the pane's list: one heading per group
 * (“项目编号重复 · 项目编号列 · 1,000 处”), its rows beneath it without repeating the heading.
 * Pure: no DOM, no host.
 */
import { type ColumnKey, columnLabel, type Issue, quotedLabel } from '../shared/index.js';
import { ruleTitle } from '../shared/rule-titles.js';

export interface RuleGroup {
  /** ruleId + column: stable across re-checks, so an expanded group stays expanded. */
  key: string;
  ruleId: string;
  field: ColumnKey | null;
  title: string;
  issues: Issue[];
  errors: number;
}

const count = new Intl.NumberFormat('en-US');

/** “1,000 处” */
export function countLabel(n: number): string {
  return `${count.format(n)} 处`;
}

/** The group's heading: rule name, column (or 整表 for ledger-level issues), count. */
export function groupHeading(ruleId: string, field: ColumnKey | null, n: number, ledgerLevel: boolean): string {
  const where = field ? `${columnLabel(field)}列` : ledgerLevel ? '整表' : null;
  return [ruleTitle(ruleId), where, countLabel(n)].filter((x) => x !== null).join(' · ');
}

/**
 * Groups in the order a clerk works: groups with errors first, then ledger-level ones, then by
 * first row; inside a group, issues by row (the engine's order).
 */
export function groupByRule(issues: readonly Issue[], onlyErrors = false): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const issue of issues) {
    if (onlyErrors && issue.severity !== 'error') continue;
    const key = `${issue.ruleId}|${issue.field ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, ruleId: issue.ruleId, field: issue.field, title: '', issues: [], errors: 0 };
      groups.set(key, g);
    }
    g.issues.push(issue);
    if (issue.severity === 'error') g.errors++;
  }
  const firstRow = (g: RuleGroup) => g.issues.reduce((m, i) => Math.min(m, i.row ?? -1), Number.POSITIVE_INFINITY);
  const list = [...groups.values()];
  for (const g of list)
    g.title = groupHeading(
      g.ruleId,
      g.field,
      g.issues.length,
      g.issues.every((i) => i.row === null),
    );
  return list.sort((a, b) => (a.errors > 0 ? 0 : 1) - (b.errors > 0 ? 0 : 1) || firstRow(a) - firstRow(b));
}

/** “第14行” for a row issue, “整表” for a ledger-level one. */
export function rowLabel(issue: Issue): string {
  return issue.row === null ? '整表' : `第${issue.row}行`;
}

/**
 * The message without what the row label and the group heading already say: a leading
 * “第14行” and then the column 「项目编号」. What remains still reads as a sentence.
 */
export function shortMessage(issue: Issue): string {
  let text = issue.message;
  if (issue.row !== null) {
    const lead = `第${issue.row}行`;
    if (text.startsWith(lead)) text = text.slice(lead.length);
  }
  if (issue.field) {
    const column = quotedLabel(issue.field);
    if (text.startsWith(column)) text = text.slice(column.length);
  }
  text = text.replace(/^[：:，,\s]+/u, '');
  return text.length > 0 ? text : issue.message;
}
