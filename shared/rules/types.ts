import type { Suggestion } from '../classify.js';
import type { ColumnKey } from '../ledger/columns.js';
import type { LedgerRow, Mode, Severity } from '../ledger/types.js';

export interface RuleContext {
  mode: Mode;
  /** Latest allowed 实施年度: year of 更新时间, else the current year. */
  reportYear: number;
  suggestion: Suggestion;
  /**
   * Cells of this row that are neither blank nor a value (spec §3 cell semantics): invalid (reported
   * once by enum / multi.enum / number) or in a column the sheet does not have.
   */
  unknown: ReadonlySet<ColumnKey>;
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
  /**
   * Fields whose value the rule needs: when one is unknown on a row, the rule says nothing there.
   * Rules that can decide on part of their facts (an “or” of conditions) check `ctx.unknown` instead.
   */
  reads: readonly ColumnKey[];
  /**
   * The rule reports that `field` is blank. When `field` is invalid the rule is skipped (unknown is
   * not blank); when the sheet has no such column, the rows that need it are counted in one
   * ledger-level header.missing-column issue instead of one issue per row.
   */
  demands?: true;
  check(row: LedgerRow, ctx: RuleContext): string | null;
}

type ContextMode = RuleContext['mode'];
