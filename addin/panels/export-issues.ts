/**
 * 导出问题清单到工作表: the 校验结果 sheet the CLI writes in its annotated copy (the same builder,
 * shared/result-sheet.ts), written into the workbook in place of the one exported before.
 */
import { isResultSheet, resultSheet } from '../../shared/result-sheet.js';
import type { LedgerWorkbook } from '../host/types.js';
import { fromLayout } from '../sheets.js';
import type { CheckSession } from '../workflow.js';

/** Writes the session's issue list; returns the sheet's name. */
export function exportIssues(wb: LedgerWorkbook, session: CheckSession, checkedAt: Date = new Date()): Promise<string> {
  return wb.replaceSheet(fromLayout(resultSheet(session.report, session.ledger.sheet, checkedAt)), isResultSheet);
}
