/**
 * Issue lists within fixed bounds, whatever the ledger: the first `perRule` issues of each rule
 * with their rows, then one ledger-level line per rule that says how many more there are and
 * names a few of their rows (“另有 3,999 处……第 6、9、12 行等 3,999 行”). Used alike by the Worker
 * (responses, stored warnings), the CLI (report, --json, annotated copy) and the pane.
 *
 * Bound: at most `total` listed issues plus one summary line per rule id, each message at most
 * `messageChars` characters — about 1 MB of JSON at the defaults, linear time in the input.
 */
import type { Issue } from './ledger/types.js';

export interface IssueCap {
  /** Issues listed per rule id. */
  perRule: number;
  /** Issues listed in all (summary lines not counted). */
  total: number;
  /** Longest message kept; longer ones end in “…”. */
  messageChars: number;
}

export const ISSUE_CAP: Readonly<IssueCap> = Object.freeze({ perRule: 50, total: 1000, messageChars: 300 });

/** Rows named in a summary line. */
const ROWS_NAMED = 3;

const grouped = new Intl.NumberFormat('en-US');

/** A message cut to `max` UTF-16 units, ending in “…” (never half a surrogate pair). */
export function clipMessage(message: string, max: number = ISSUE_CAP.messageChars): string {
  if (message.length <= max) return message;
  let end = max - 1;
  const last = message.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not keep half a surrogate pair
  return `${message.slice(0, end)}…`;
}

interface Omitted {
  severity: Issue['severity'];
  count: number;
  rows: number[];
}

/**
 * The issues within `cap`: see the module comment. Order is kept; summary lines come last. Capping
 * a capped list changes nothing (its summary lines pass through).
 */
export function capIssues(issues: readonly Issue[], cap: Partial<IssueCap> = {}): Issue[] {
  const { perRule, total, messageChars } = { ...ISSUE_CAP, ...cap };
  const listed = new Map<string, number>();
  const omitted = new Map<string, Omitted>();
  const out: Issue[] = [];
  const earlier: Issue[] = [];
  for (const issue of issues) {
    if (isSummaryLine(issue)) {
      // Already a count (a list capped before, e.g. stored warnings): kept, not counted again.
      earlier.push(issue);
      continue;
    }
    const n = listed.get(issue.ruleId) ?? 0;
    if (n < perRule && out.length < total) {
      listed.set(issue.ruleId, n + 1);
      out.push(
        issue.message.length > messageChars ? { ...issue, message: clipMessage(issue.message, messageChars) } : issue,
      );
      continue;
    }
    let o = omitted.get(issue.ruleId);
    if (!o) {
      o = { severity: issue.severity, count: 0, rows: [] };
      omitted.set(issue.ruleId, o);
    }
    o.count++;
    if (issue.severity === 'error') o.severity = 'error';
    if (issue.row !== null && o.rows.length < ROWS_NAMED && !o.rows.includes(issue.row)) o.rows.push(issue.row);
  }
  for (const [ruleId, o] of omitted) out.push(summaryIssue(ruleId, o));
  return earlier.length > 0 ? [...out, ...earlier.slice(0, 200)] : out;
}

function summaryIssue(ruleId: string, o: Omitted): Issue {
  const where = o.rows.length > 0 ? `：第 ${o.rows.join('、')} 行等` : '';
  const label = o.severity === 'error' ? '错误' : '提示';
  return {
    row: null,
    field: null,
    cell: null,
    ruleId,
    severity: o.severity,
    message: clipMessage(
      `同类${label}（${ruleId}）另有 ${grouped.format(o.count)} 处未逐条列出${where} ${grouped.format(o.count)} 处；请先改正上面列出的，再重新校验`,
    ),
  };
}

/** True for a summary line written by `capIssues`. */
export function isSummaryLine(issue: Issue): boolean {
  return issue.row === null && /^同类(错误|提示)（[^）]+）另有 [\d,]+ 处未逐条列出/u.test(issue.message);
}
