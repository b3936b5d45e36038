/**
 * One pass over a ledger's projects: each row's raw cells are normalised into a LedgerTable,
 * classified and checked by the row rules on one reused row object. What a row leaves behind is
 * its values in the table's columns, its classification (rule and reason; the Suggestion objects
 * are built when asked for) and its issues: no per-row LedgerRow.
 */
import { blankSuggestion, CLASSIFY_RULES, judge, type Suggestion, type Verdict, writeSuggestion } from '../classify.js';
import { type Category, COLUMN_KEYS, COLUMNS, type ColumnKey } from '../ledger/columns.js';
import {
  CellReporter,
  type IssueSink,
  NO_FACTS,
  normalizeColumnValues,
  normalizeGridValues,
  normalizeValues,
  type RowTarget,
} from '../ledger/normalize.js';
import { blankLedgerRow, fillLedgerRow } from '../ledger/shape.js';
import { grownTo, LedgerTable, preallocated } from '../ledger/table.js';
import { foldKey } from '../ledger/text.js';
import type { LedgerRow, Mode, RawCell } from '../ledger/types.js';
import { addProject, emptyStats, type StatsRow } from '../stats.js';
import { type ApprovedEntry, type ApprovedMap, CATEGORY_UNAPPROVED, unapprovedMessage } from './decisions.js';
import { fieldRules } from './fields.js';
import type { ColumnDemand } from './ledger.js';
import { rowRules } from './rows.js';
import type { RowRule, RuleContext } from './types.js';

export const ROW_RULES: readonly RowRule[] = [...fieldRules, ...rowRules];

const REQUIRED_COLUMN = new Set<ColumnKey>(COLUMNS.filter((c) => c.required !== false).map((c) => c.key));

/** What the pass needs besides the rows: the report year, the sheet's absent columns, decisions. */
export interface PassOptions {
  mode: Mode;
  reportYear: number;
  /** The columns the sheet does not have (their cells are unknown to every rule). */
  absent: ReadonlySet<ColumnKey>;
  /** The most projects expected. */
  capacity: number;
  /** Approved categories recorded by the county (§8), for `category.unapproved`. */
  approved?: ApprovedMap;
}

export class RowPass {
  readonly table: LedgerTable;
  /** The 统计表 row of the projects so far (finishStats it). */
  readonly stats: StatsRow = emptyStats('');
  /** Rows that need a column the sheet does not have, per column (one header.missing-column each). */
  readonly demands = new Map<ColumnKey, ColumnDemand>();
  private readonly say: CellReporter;
  private readonly values: unknown[] = COLUMN_KEYS.map(() => null);
  /** The row the rules read: refilled for every project, never kept. */
  private readonly row: LedgerRow = blankLedgerRow();
  private readonly ctx: RuleContext;
  private readonly mode: Mode;
  private readonly absent: ReadonlySet<ColumnKey>;
  /** Where normalisation writes each row (the reporter, the absent columns, `values`). */
  private readonly target: RowTarget;
  /** The classification of the row being checked (reused). */
  private readonly verdict: Verdict = { rule: 0, reason: '' };
  /** Each project's classification, by project index: the rule's index in CLASSIFY_RULES (a short table) and the reason. */
  private verdicts: Uint8Array;
  private readonly reasons: string[];
  /** Approved categories by folded 项目编号. */
  private readonly approved: Map<string, ApprovedEntry> | null;

  constructor(
    private readonly report: IssueSink,
    options: PassOptions,
  ) {
    this.mode = options.mode;
    this.absent = options.absent;
    this.table = new LedgerTable(options.capacity);
    const capacity = preallocated(options.capacity);
    this.verdicts = new Uint8Array(capacity);
    this.reasons = new Array(capacity);
    this.say = new CellReporter(report);
    this.target = { say: this.say, absent: this.absent, out: this.values };
    this.ctx = {
      mode: options.mode,
      reportYear: options.reportYear,
      suggestion: blankSuggestion(),
      unknown: NO_FACTS.unknown,
    };
    const approved = Object.entries(options.approved ?? {});
    this.approved = approved.length > 0 ? new Map(approved.map(([code, entry]) => [foldKey(code), entry])) : null;
  }

  /** Normalises, classifies and checks one project; `raws` in LEDGER_COLUMNS order (blank = undefined). */
  add(rowNumber: number, raws: readonly (RawCell | undefined)[]): void {
    this.say.begin(rowNumber);
    normalizeValues(raws, this.target);
    this.check(rowNumber);
  }

  /** The same from a grid row: `positions[i]` is the grid column of LEDGER_COLUMNS[i] (see normalizeGridValues). */
  addGridRow(rowNumber: number, cells: readonly unknown[], positions: readonly (number | undefined)[]): void {
    this.say.begin(rowNumber);
    normalizeGridValues(cells, positions, this.target);
    this.check(rowNumber);
  }

  /** The same from records by column: the record at `index` (see normalizeColumnValues). */
  addColumnRow(rowNumber: number, columns: readonly (readonly RawCell[] | undefined)[], index: number): void {
    this.say.begin(rowNumber);
    normalizeColumnValues(columns, index, this.target);
    this.check(rowNumber);
  }

  /** Classifies and checks the project just normalised into `values`, and keeps it. */
  private check(rowNumber: number): void {
    const facts = this.say.facts();
    const other = this.say.other;
    const row = fillLedgerRow(this.row, rowNumber, this.values, other);
    const unknown = facts.unknown;
    const verdict = judge(row, CLASSIFY_RULES, unknown, this.verdict, this.values);
    writeSuggestion(this.ctx.suggestion, rowNumber, row.category, CLASSIFY_RULES, verdict);
    this.ctx.unknown = unknown;
    for (const rule of ROW_RULES) this.apply(rule, row, unknown);
    if (this.approved) this.checkApproved(row);
    addProject(this.stats, row);
    const index = this.table.length;
    this.table.push(rowNumber, this.values, other, facts);
    if (index >= this.verdicts.length) this.verdicts = grownTo(this.verdicts, index);
    this.verdicts[index] = verdict.rule;
    this.reasons[index] = verdict.reason;
  }

  /** Every project's suggestion (built on each call: read it once). */
  suggestions(): Suggestion[] {
    const { rowNumbers, length } = this.table;
    const categories = this.table.column('category');
    const out: Suggestion[] = new Array(length);
    for (let i = 0; i < length; i++) {
      const verdict: Verdict = { rule: this.verdicts[i] as number, reason: this.reasons[i] as string };
      out[i] = writeSuggestion(
        blankSuggestion(),
        rowNumbers[i] as number,
        categories[i] as Category | null,
        CLASSIFY_RULES,
        verdict,
      );
    }
    return out;
  }

  /** `category.unapproved` (spec §3, §8): the row's category differs from the county's recorded decision. */
  private checkApproved(row: LedgerRow): void {
    const message = unapprovedMessage(row, this.approved?.get(foldKey(row.code)));
    if (message === null) return;
    const severity = this.mode === 'submission' ? 'error' : 'warning';
    this.report(CATEGORY_UNAPPROVED, severity, row.row, 'category', `第${row.row}行${message}`);
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
