import { describe, expect, it } from 'vitest';
import { capIssues, clipMessage, ISSUE_CAP, isSummaryLine } from './issue-cap.js';
import type { Issue } from './ledger/types.js';

const issue = (
  row: number,
  ruleId: string,
  message = `第${row}行有问题`,
  severity: Issue['severity'] = 'error',
): Issue => ({
  row,
  field: null,
  cell: null,
  ruleId,
  severity,
  message,
});

describe('capIssues', () => {
  it('lists the first issues of a rule with rows, then one line with the count and a few rows', () => {
    const issues = Array.from({ length: 4000 }, (_, i) => issue(i + 5, 'code.duplicate'));
    const capped = capIssues(issues);
    expect(capped).toHaveLength(ISSUE_CAP.perRule + 1);
    expect(capped.slice(0, ISSUE_CAP.perRule).map((i) => i.row)).toEqual(
      issues.slice(0, ISSUE_CAP.perRule).map((i) => i.row),
    );
    const last = capped.at(-1) as Issue;
    expect(last.row).toBeNull();
    expect(last.severity).toBe('error');
    expect(last.message).toContain('另有 3,950 处');
    expect(last.message).toContain('第 55、56、57 行等');
    expect(isSummaryLine(last)).toBe(true);
    expect(isSummaryLine(capped[0] as Issue)).toBe(false);
    expect(capIssues(capped)).toEqual(capped);
  });

  it('keeps a list within the cap unchanged (near miss: exactly perRule issues)', () => {
    const issues = Array.from({ length: ISSUE_CAP.perRule }, (_, i) => issue(i + 5, 'required'));
    expect(capIssues(issues)).toEqual(issues);
  });

  it('bounds the output whatever the input: 320,000 issues over 16 rules stay under 1,000 + 16 lines and 1 MB', () => {
    const issues: Issue[] = [];
    for (let r = 0; r < 20000; r++)
      for (let k = 0; k < 16; k++) issues.push(issue(r + 5, `rule.${k}`, '很长的说明'.repeat(200)));
    const capped = capIssues(issues);
    expect(capped.length).toBeLessThanOrEqual(ISSUE_CAP.total + 16);
    expect(JSON.stringify(capped).length).toBeLessThan(1_000_000);
    expect(capped.every((i) => i.message.length <= ISSUE_CAP.messageChars)).toBe(true);
  });

  it('a summary line is an error when any omitted issue of the rule is', () => {
    const issues = [issue(5, 'x', 'a', 'warning'), issue(6, 'x', 'b', 'warning'), issue(7, 'x', 'c', 'error')];
    const capped = capIssues(issues, { perRule: 1 });
    expect(capped).toHaveLength(2);
    expect(capped[1]?.severity).toBe('error');
    expect(capped[1]?.message).toContain('另有 2 处');
  });
});

describe('clipMessage', () => {
  it('cuts long messages without splitting a surrogate pair and marks the cut', () => {
    expect(clipMessage('𠀀'.repeat(10), 6)).toBe('𠀀𠀀…');
    expect(clipMessage('𠀀'.repeat(10), 5)).toBe('𠀀𠀀…');
    expect(clipMessage('短', 5)).toBe('短');
  });
});
