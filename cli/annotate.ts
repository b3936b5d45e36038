/** What `validate --annotate` marks in the copy: flagged cells, category advice, the 校验结果 sheet. */

import { beijingStamp } from '../shared/beijing-time.js';
import { a1, columnLabel, type Issue, type LedgerReport } from '../shared/index.js';
import { capIssues, clipMessage, ISSUE_CAP } from '../shared/issue-cap.js';
import { planPrint, wrappedRowHeight } from '../shared/layout/print.js';
import { ROLE_FONT_PT } from '../shared/layout/style.js';
import type { LayoutRow, SheetLayout } from '../shared/layout.js';
import type { Validation } from './validate.js';
import type { CellMark } from './workbook-write.js';

export const RESULT_SHEET_NAME = '校验结果';

const SEVERITY_LABEL = { error: '错误', warning: '提示' } as const;

/** The column an issue belongs to: its field's column, else the row's 序号 or first column. */
function issueColumn(report: LedgerReport, issue: Issue): number | null {
  const columns = report.header?.columns ?? {};
  if (issue.field && columns[issue.field] !== undefined) return columns[issue.field] as number;
  if (issue.row === null) return null;
  return columns.seq ?? Math.min(...Object.values(columns).filter((c): c is number => c !== undefined));
}

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

const RESULT_HEADER = ['序号', '级别', '行号', '单元格', '栏目', '规则', '说明'];
/** Wide enough for the header labels and a rule id; 说明 wraps within its column. */
const RESULT_WIDTHS = [6, 6, 7, 9, 18, 30, 70];

/** The 校验结果 sheet: a summary line and one row per issue, each linked to its cell. */
export function resultSheet(v: Validation, checkedAt: Date = new Date()): SheetLayout {
  const { report } = v;
  const width = RESULT_HEADER.length;
  const issues = capIssues(report.issues);
  const capped = issues.length !== report.issues.length;
  const rows: LayoutRow[] = [
    { role: 'title', cells: [`校验结果：${v.sheet.name}`], height: 28 },
    {
      role: 'meta',
      cells: [
        `项目 ${report.rows.length} 个；错误 ${report.errors} 个，提示 ${report.warnings} 个。校验时间：${beijingStamp(checkedAt)}（北京时间）。点“单元格”一栏可跳到对应位置。${
          capped ? `问题较多：每类只逐条列出前 ${ISSUE_CAP.perRule} 个，其余按类计数。` : ''
        }`,
      ],
      height: 22,
    },
    { role: 'header', cells: RESULT_HEADER, height: 20 },
  ];
  const links: NonNullable<SheetLayout['links']> = [];
  issues.forEach((issue, i) => {
    const col = issueColumn(report, issue);
    const cell = issue.cell ?? (issue.row !== null && col !== null && Number.isFinite(col) ? a1(issue.row, col) : null);
    const r = rows.length;
    const cells = [
      i + 1,
      SEVERITY_LABEL[issue.severity],
      issue.row,
      cell,
      issue.field ? columnLabel(issue.field) : null,
      issue.ruleId,
      issue.message,
    ];
    // Wrapped cells with the height they need, so no text runs over the next row.
    rows.push({ role: 'data', cells, height: wrappedRowHeight(cells, RESULT_WIDTHS) });
    if (cell) links.push({ row: r, col: 3, sheet: v.sheet.name, cell });
  });
  if (report.issues.length === 0)
    rows.push({ role: 'data', cells: [null, null, null, null, null, null, '没有发现问题。'] });
  return {
    name: RESULT_SHEET_NAME,
    state: 'visible',
    rows,
    merges: [
      { top: 0, left: 0, bottom: 0, right: width - 1 },
      { top: 1, left: 0, bottom: 1, right: width - 1 },
    ],
    widths: RESULT_WIDTHS,
    numberFormats: [],
    validations: [],
    freeze: { rows: 3, cols: 0 },
    print: planPrint(RESULT_WIDTHS, {
      fontPt: ROLE_FONT_PT.data,
      paper: 'A4',
      repeatRows: { top: 2, bottom: 2 },
      repeatCols: null,
    }),
    links,
    autoFilter: { top: 2, left: 0, bottom: rows.length - 1, right: width - 1 },
  };
}
