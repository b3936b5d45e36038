/**
 * The 校验结果 sheet: a summary line and one row per issue (capped as shared/issue-cap.ts says),
 * each linked to its cell. One builder for the CLI's annotated copy (`validate --annotate`) and
 * the pane's 导出问题清单到工作表.
 */

import { beijingStamp } from './beijing-time.js';
import type { LedgerReport } from './check.js';
import { capIssues, ISSUE_CAP } from './issue-cap.js';
import { planPrint, wrappedRowHeight } from './layout/print.js';
import { ROLE_FONT_PT } from './layout/style.js';
import type { LayoutRow, SheetLayout } from './layout.js';
import { columnLabel } from './ledger/columns.js';
import { a1 } from './ledger/text.js';
import type { Issue } from './ledger/types.js';

export const RESULT_SHEET_NAME = '校验结果';

export const SEVERITY_LABEL = { error: '错误', warning: '提示' } as const;

/** The column an issue belongs to: its field's column, else the row's 序号 or first column. */
export function issueColumn(report: Pick<LedgerReport, 'header'>, issue: Pick<Issue, 'row' | 'field'>): number | null {
  const columns = report.header?.columns ?? {};
  if (issue.field && columns[issue.field] !== undefined) return columns[issue.field] as number;
  if (issue.row === null) return null;
  return columns.seq ?? Math.min(...Object.values(columns).filter((c): c is number => c !== undefined));
}

/** The summary line's promise, only made when each 单元格 cell carries a link. */
export const RESULT_LINK_HINT = '点“单元格”一栏可跳到对应位置。';

export const RESULT_HEADER = ['序号', '级别', '行号', '单元格', '栏目', '规则', '说明'];
/** The title line starts with this, then the ledger sheet's name. */
export const RESULT_TITLE_PREFIX = '校验结果：';

/** Wide enough for the header labels and a rule id; 说明 wraps within its column. */
const RESULT_WIDTHS = [6, 6, 7, 9, 18, 30, 70];

export interface ResultSheetOptions {
  /**
   * The writer can put a link on each 单元格 cell (default). False: no links, and the summary line
   * does not promise them.
   */
  links?: boolean;
}

/** The 校验结果 sheet: a summary line and one row per issue, each linked to its cell when the writer can. */
export function resultSheet(
  report: LedgerReport,
  sheetName: string,
  checkedAt: Date = new Date(),
  options: ResultSheetOptions = {},
): SheetLayout {
  const linked = options.links !== false;
  const width = RESULT_HEADER.length;
  const issues = capIssues(report.issues);
  const capped = issues.length !== report.issues.length;
  const rows: LayoutRow[] = [
    { role: 'title', cells: [`${RESULT_TITLE_PREFIX}${sheetName}`], height: 28 },
    {
      role: 'meta',
      cells: [
        `项目 ${report.rows.length} 个；错误 ${report.errors} 个，提示 ${report.warnings} 个。校验时间：${beijingStamp(checkedAt)}（北京时间）。${linked ? RESULT_LINK_HINT : ''}${
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
    if (cell && linked) links.push({ row: r, col: 3, sheet: sheetName, cell });
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
