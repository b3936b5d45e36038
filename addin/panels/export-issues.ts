/**
 * 导出问题清单到工作表: the 校验结果 sheet the CLI writes in its annotated copy (the same builder,
 * shared/result-sheet.ts), written as a sheet the add-in owns: a later export replaces it, a
 * clerk's own sheet of that name is never touched. Each 单元格 cell links to its place in the
 * ledger when the host can write links; otherwise the sheet does not promise them.
 */
import { resultSheet } from '../../shared/result-sheet.js';
import type { LedgerWorkbook, OwnedSheet } from '../host/types.js';
import { fromLayout } from '../sheets.js';
import type { CheckSession } from '../workflow.js';

export function exportIssues(
  wb: LedgerWorkbook,
  session: CheckSession,
  checkedAt: Date = new Date(),
): Promise<OwnedSheet> {
  const layout = resultSheet(session.report, session.ledger.sheet, checkedAt, { links: wb.capabilities().links });
  return wb.writeOwnedSheet(fromLayout(layout));
}

/** What the clerk is told after an export. */
export function exportMessage(sheet: OwnedSheet, wanted: string): string {
  const note = sheet.clash
    ? `已有一张不是本加载项写的「${wanted}」，没有改动它`
    : sheet.replaced
      ? '替换了上次导出的那张'
      : '再次导出会替换这张表';
  return `问题清单已写入工作表「${sheet.name}」（${note}）。`;
}
