/**
 * One pass over a ledger's projects: each row's raw cells are normalised into a LedgerTable,
 * classified and checked by the row rules on one reused row object. What a row leaves behind is
 * its values in the table's columns, its suggestion and its issues: no per-row LedgerRow.
 */
import { CLASSIFY_RULES, classify, type Suggestion } from '../classify.js';
import { COLUMN_KEYS, COLUMNS, type ColumnKey } from '../ledger/columns.js';
import { CellReporter, type IssueSink, NO_FACTS, normalizeValues } from '../ledger/normalize.js';
import { blankLedgerRow, fillLedgerRow } from '../ledger/shape.js';
import { LedgerTable } from '../ledger/table.js';
import type { LedgerRow, Mode, RawCell } from '../ledger/types.js';
import { addProject, emptyStats, type StatsRow } from '../stats.js';
import { fieldRules } from './fields.js';
import type { ColumnDemand } from './ledger.js';
import { rowRules } from './rows.js';
import type { RowRule, RuleContext } from './types.js';

export const ROW_RULES: readonly RowRule[] = [...fieldRules, ...rowRules];

const REQUIRED_COLUMN = new Set<ColumnKey>(COLUMNS.filter((c) => c.required !== false).map((c) => c.key));

export class RowPass {
  readonly table: LedgerTable;
  readonly suggestions: Suggestion[] = [];
  /** The 统计表 row of the projects so far, when asked for (finishStats it). */
  readonly stats: StatsRow | null;
  /** Rows that need a column the sheet does not have, per column (one header.missing-column each). */
  readonly demands = new Map<ColumnKey, ColumnDemand>();
  private readonly say: CellReporter;
  private readonly values: unknown[] = COLUMN_KEYS.map(() => null);
  /** The row the rules read: refilled for every project, never kept. */
  private readonly row: LedgerRow = blankLedgerRow();
  private readonly ctx: RuleContext;

  /**
   * `absent`: the columns the sheet does not have (their cells are unknown to every rule);
   * `capacity`: the most projects expected; `withStats`: add each project to `stats`.
   */
  constructor(
    private readonly report: IssueSink,
    private readonly mode: Mode,
    reportYear: number,
    private readonly absent: ReadonlySet<ColumnKey>,
    capacity: number,
    withStats = false,
  ) {
    this.table = new LedgerTable(capacity);
    this.stats = withStats ? emptyStats('') : null;
    this.say = new CellReporter(report);
    const none: Suggestion = { row: 0, entered: null, category: null, ruleId: '', clause: null, reason: '' };
    this.ctx = { mode, reportYear, suggestion: none, unknown: NO_FACTS.unknown };
  }

  /** Normalises, classifies and checks one project; `raws` in LEDGER_COLUMNS order (blank = undefined). */
  add(rowNumber: number, raws: readonly (RawCell | undefined)[]): void {
    const facts = normalizeValues(raws, rowNumber, this.say, this.absent, this.values);
    const other = this.say.other;
    const row = fillLedgerRow(this.row, rowNumber, this.values, other);
    const unknown = facts.unknown;
    const suggestion = classify(row, CLASSIFY_RULES, unknown);
    this.ctx.suggestion = suggestion;
    this.ctx.unknown = unknown;
    for (const rule of ROW_RULES) this.apply(rule, row, unknown);
    if (this.stats) addProject(this.stats, row);
    this.table.push(rowNumber, this.values, other, facts);
    this.suggestions.push(suggestion);
  }

  private apply(rule: RowRule, row: LedgerRow, unknown: ReadonlySet<ColumnKey>): void {
    let toColumn = false;
    if (unknown.size > 0) {
      for (const k of rule.reads) if (unknown.has(k)) return;
      if (rule.demands && unknown.has(rule.field)) {
        if (!this.absent.has(rule.field)) return; // an invalid value is not a blank one
        toColumn = true;
      }
    }
    const message = rule.check(row, this.ctx);
    if (message === null) return;
    const severity = typeof rule.severity === 'function' ? rule.severity(this.mode) : rule.severity;
    if (toColumn) {
      if (!REQUIRED_COLUMN.has(rule.field)) this.addDemand(rule.field, row.row, severity);
      return;
    }
    this.report(rule.id, severity, row.row, rule.field, `第${row.row}行${message}`);
  }

  private addDemand(key: ColumnKey, row: number, severity: ColumnDemand['severity']): void {
    const d = this.demands.get(key) ?? { rows: [], count: 0, severity };
    if (d.rows.length < 3) d.rows.push(row);
    d.count++;
    if (severity === 'error') d.severity = 'error';
    this.demands.set(key, d);
  }
}
