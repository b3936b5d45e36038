/** The readable Chinese report of `validate`: grouped by row, errors before warnings, counts last. */
import type { Issue } from '../shared/index.js';
import { capIssues } from '../shared/issue-cap.js';
import type { Validation } from './validate.js';

const SEVERITY_LABEL = { error: '错误', warning: '提示' } as const;

/** Classification advice lines in the text report (all of them are in --json and the annotated copy). */
const MAX_ADVICE = 200;

function issueLine(i: Issue): string {
  const where = i.cell ? `[${i.cell}] ` : '';
  // Under a “第N行” heading the message's own “第N行” prefix is redundant.
  const message = i.row === null ? i.message : i.message.replace(new RegExp(`^第${i.row}行`, 'u'), '');
  return `  ${i.severity === 'error' ? '✗' : '!'} ${SEVERITY_LABEL[i.severity]} ${where}${message}（${i.ruleId}）`;
}

export function formatReport(v: Validation, mode: 'editing' | 'submission' = 'editing'): string {
  const { report } = v;
  const lines: string[] = [];
  const meta = report.meta;
  lines.push(`文件：${v.file}　工作表：${v.sheet.name}`);
  lines.push(
    `填报单位：${meta.unit ?? '（未填）'}　更新时间：${meta.updatedAt ?? '（未填）'}　项目：${report.rows.length} 个${
      mode === 'submission' ? '　（按上报要求校验）' : ''
    }`,
  );
  lines.push('');

  // Each rule's first issues with their rows, then a count per rule (shared/issue-cap.ts).
  const issues = capIssues(report.issues);
  const ledgerLevel = issues.filter((i) => i.row === null);
  if (ledgerLevel.length > 0) {
    lines.push('【整表】');
    for (const i of ledgerLevel) lines.push(issueLine(i));
    lines.push('');
  }
  const byRow = new Map<number, Issue[]>();
  for (const i of issues) {
    if (i.row === null) continue;
    const list = byRow.get(i.row) ?? [];
    list.push(i);
    byRow.set(i.row, list);
  }
  const names = new Map(report.rows.map((r) => [r.row, r.name]));
  for (const [row, issues] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const name = names.get(row);
    lines.push(`第${row}行${name ? `（${name}）` : ''}`);
    const ordered = [
      ...issues.filter((i) => i.severity === 'error'),
      ...issues.filter((i) => i.severity === 'warning'),
    ];
    for (const i of ordered) lines.push(issueLine(i));
  }
  if (byRow.size > 0) lines.push('');

  const advice = report.suggestions.filter((s) => s.category !== s.entered);
  if (advice.length > 0) {
    lines.push('【分类建议】（与所填分类不同或未填分类的项目；建议仅供参考，由领导小组审定）');
    for (const s of advice.slice(0, MAX_ADVICE)) {
      const entered = s.entered ? `已填“${s.entered}”` : '未填分类';
      const suggested = s.category ? `建议“${s.category}”（参照分类标准${s.clause}）` : '无法给出建议';
      lines.push(`  第${s.row}行：${entered}，${suggested}：${s.reason}`);
    }
    if (advice.length > MAX_ADVICE)
      lines.push(`  ……另有 ${advice.length - MAX_ADVICE} 个项目的建议未列出（--json 或 --annotate 可查看全部）`);
    lines.push('');
  }

  const verdict =
    report.errors > 0
      ? mode === 'submission'
        ? '有错误，改正后才能上报。'
        : '有错误，请按上面的说明修改。'
      : mode === 'submission'
        ? '没有错误，可以上报。'
        : '没有错误。';
  lines.push(`共 ${report.rows.length} 个项目；错误 ${report.errors} 个，提示 ${report.warnings} 个。${verdict}`);
  return lines.join('\n');
}
