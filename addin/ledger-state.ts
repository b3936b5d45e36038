/**
 * What is true of a checked ledger before the pane writes anything from it: no ledger on the sheet,
 * a ledger without projects, a ledger that still has errors, or one ready to use. One place decides
 * it, so 校验's banner and 统计's decision never say different things about the same sheet.
 */
import type { CheckSession } from './workflow.js';

export type LedgerState =
  | { kind: 'none'; sheet: string }
  | { kind: 'empty'; sheet: string }
  | { kind: 'errors'; sheet: string; errors: number; warnings: number }
  | { kind: 'ready'; sheet: string; warnings: number };

export function ledgerState(session: CheckSession): LedgerState {
  const { report, ledger } = session;
  const sheet = ledger.sheet;
  if (report.header === null) return { kind: 'none', sheet };
  if (report.rows.length === 0) return { kind: 'empty', sheet };
  if (report.errors > 0) return { kind: 'errors', sheet, errors: report.errors, warnings: report.warnings };
  return { kind: 'ready', sheet, warnings: report.warnings };
}

/** Banner kinds the pane shows (ui.ts). */
export type BannerKind = 'info' | 'error' | 'ok' | 'warn';

export interface Banner {
  text: string;
  kind: BannerKind;
}

/** Why there is nothing to work on (no ledger / no project), or null when there is a ledger with projects. */
export function nothingToUse(state: LedgerState, what: string): Banner | null {
  if (state.kind === 'none')
    return {
      text: `工作表「${state.sheet}」中没有找到台账表头，${what}。请打开“四个一批”管理台账，或在“校验”页选择台账工作表。`,
      kind: 'warn',
    };
  if (state.kind === 'empty')
    return {
      text: `台账「${state.sheet}」还没有项目（0 个），${what}。请先在台账中填写项目。`,
      kind: 'warn',
    };
  return null;
}

/** 一键校验's banner: never “没有错误” for a sheet without a ledger or a ledger without projects. */
export function checkBanner(session: CheckSession): Banner {
  const state = ledgerState(session);
  const empty = nothingToUse(state, '没有可校验的项目');
  if (empty) return empty;
  const { errors, warnings } = session.report;
  if (errors > 0)
    return {
      text: `发现 ${errors} 个错误、${warnings} 个提示，已在表中标出（红＝错误，黄＝提示）。`,
      kind: 'error',
    };
  return { text: `没有错误${warnings > 0 ? `，有 ${warnings} 个提示` : ''}。`, kind: 'ok' };
}
