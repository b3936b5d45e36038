/** What `validate --annotate` marks in the copy: flagged cells, category advice, the 校验结果 sheet. */
import type { Issue, LedgerReport } from '../shared/index.js';
import { clipMessage } from '../shared/issue-cap.js';
import type { SheetLayout } from '../shared/layout.js';
import { issueColumn, RESULT_SHEET_NAME, resultSheet as resultLayout, SEVERITY_LABEL } from '../shared/result-sheet.js';
import type { Validation } from './validate.js';
import type { CellMark } from './workbook-write.js';

export { RESULT_SHEET_NAME };

/** Cells marked in the copy at most, and note lines per cell: the copy stays bounded whatever the ledger. */
export const MAX_MARKED_CELLS = 20_000;
export const MAX_NOTE_LINES = 5;

export function annotationMarks(
  report: LedgerReport,
  limits: { cells: number; lines: number } = { cells: MAX_MARKED_CELLS, lines: MAX_NOTE_LINES },
): CellMark[] {
  const marks = new Map<
    string,
    { row: number; col: number; severity: CellMark['severity']; lines: string[]; more: number }
  >();
  const at = (row: number, col: number) => {
    const key = `${row}:${col}`;
    let mark = marks.get(key);
    if (!mark && marks.size < limits.cells) {
      mark = { row, col, severity: null, lines: [], more: 0 };
      marks.set(key, mark);
    }
    return mark ?? null;
  };
  // Columns of the sheet, worked out once (not once per issue).
  const rowColumn = issueColumn(report, { row: 1, field: null } as Issue);
  for (const issue of report.issues) {
    if (issue.row === null) continue;
    const col = issue.field ? issueColumn(report, issue) : rowColumn;
    if (col === null || !Number.isFinite(col)) continue;
    const mark = at(issue.row, col);
    if (!mark) continue;
    if (issue.severity === 'error' || mark.severity === null) mark.severity = issue.severity;
    if (mark.lines.length < limits.lines)
      mark.lines.push(clipMessage(`【${SEVERITY_LABEL[issue.severity]}】${issue.message}`));
    else mark.more++;
  }
  const categoryCol = report.header?.columns.category;
  if (categoryCol !== undefined) {
    for (const s of report.suggestions) {
      const mark = at(s.row, categoryCol);
      if (!mark) continue;
      if (s.category === null) mark.lines.push(`【分类建议】无法给出建议：${s.reason}`);
      else
        mark.lines.push(
          `【分类建议】${s.category}（参照分类标准${s.clause}）${s.entered === s.category ? '，与所填一致' : ''}：${s.reason}`,
        );
    }
  }
  return [...marks.values()].map((m) => ({
    row: m.row,
    col: m.col,
    severity: m.severity,
    note: m.more > 0 ? `${m.lines.join('\n')}\n……另有 ${m.more} 条，见“${RESULT_SHEET_NAME}”表` : m.lines.join('\n'),
  }));
}

/** The 校验结果 sheet of a validated file (shared/result-sheet.ts: the pane's export writes the same). */
export function resultSheet(v: Validation, checkedAt: Date = new Date()): SheetLayout {
  return resultLayout(v.report, v.sheet.name, checkedAt);
}
