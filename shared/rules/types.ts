import type { Suggestion } from '../classify.js';
import type { ColumnKey } from '../ledger/columns.js';
import type { LedgerRow, Mode, Severity } from '../ledger/types.js';

export interface RuleContext {
  mode: Mode;
  /** Latest allowed 实施年度: year of 更新时间, else the current year. */
  reportYear: number;
  suggestion: Suggestion;
}

/**
 * A cross-field rule on one project row (spec §3). `check` returns the message text after
 * “第N行”, or null when the row passes.
 */
export interface RowRule {
  id: string;
  severity: Severity | ((mode: ContextMode) => Severity);
  /** The cell the issue points at. */
  field: ColumnKey;
  check(row: LedgerRow, ctx: RuleContext): string | null;
}

type ContextMode = RuleContext['mode'];
