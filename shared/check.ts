/**
 * The one path from a grid (or from submitted records) to issues, suggestions and the 统计表 row.
 * Used alike by the add-in, the CLI and the Worker.
 */
import { CLASSIFY_RULES, classify, type Suggestion } from './classify.js';
import { COLUMNS, type ColumnKey } from './ledger/columns.js';
import { issueSink, normalizeWithFacts, type RowFacts } from './ledger/normalize.js';
import { type HeaderMap, MIN_LEVEL1_LABELS, missingColumnIssues, type ReadOptions, readLedger } from './ledger/read.js';
import type { Issue, LedgerMeta, LedgerRow, Mode, RawRecord } from './ledger/types.js';
import { type ApprovedMap, checkApproved } from './rules/decisions.js';
import { fieldRules } from './rules/fields.js';
import {
  type ColumnDemand,
  checkAmounts,
  checkDuplicateCodes,
  checkEmpty,
  checkMeta,
  checkTotals,
  reportDemands,
} from './rules/ledger.js';
import { rowRules } from './rules/rows.js';
import type { RowRule } from './rules/types.js';
import { type StatsRow, summarize } from './stats.js';

export const ROW_RULES: readonly RowRule[] = [...fieldRules, ...rowRules];

export interface CheckOptions {
  mode?: Mode;
  meta?: LedgerMeta;
  /**
   * Column positions (0-based) for A1 addresses in issues. When it is the sheet's header map (≥ 5
   * columns), a column it does not map is absent: header.missing-column for a required one, and
   * its cells are unknown to every rule.
   */
  columns?: Partial<Record<ColumnKey, number>>;
  /** Worksheet row of the header labels, for the header.missing-column message. */
  labelRow?: number;
  /** `columns` is the header map read from the sheet, however few columns it maps. */
  columnsFromHeader?: boolean;
  /** number.unit bound in 万元 (county-configurable); default DEFAULT_MAX_PLAUSIBLE_WAN (10000). */
  maxPlausibleWan?: number;
  /** 合计/小计 rows to check against the sums. */
  totals?: readonly RawRecord[];
  /** Used for the report year when 更新时间 is blank. */
  now?: Date;
  /** Approved categories recorded by the county (§8), for `category.unapproved`. */
  approved?: ApprovedMap;
}

export interface CheckResult {
  rows: LedgerRow[];
  issues: Issue[];
  suggestions: Suggestion[];
}

const EMPTY_META: LedgerMeta = { unit: null, reviewer: null, filler: null, updatedAt: null };

export function reportYear(meta: LedgerMeta, now: Date = new Date()): number {
  const stated = meta.updatedAt ? Number(meta.updatedAt.slice(0, 4)) : Number.NaN;
  return Number.isInteger(stated) && stated >= 2013 ? stated : now.getUTCFullYear();
}

/**
 * Official columns the sheet does not have, when the column map is the sheet's header map: one
 * with at least MIN_LEVEL1_LABELS columns (header detection needs that many). A smaller map only
 * gives A1 addresses and says nothing about absent columns. An absent optional extra (主管层级)
 * is simply blank: no rule reads it.
 */
function absentColumns(
  columns: Partial<Record<ColumnKey, number>> | undefined,
  fromHeader = false,
): ReadonlySet<ColumnKey> {
  if (!columns || (!fromHeader && Object.keys(columns).length < MIN_LEVEL1_LABELS)) return new Set();
  return new Set(COLUMNS.filter((c) => columns[c.key] === undefined).map((c) => c.key));
}

const REQUIRED_COLUMN = new Set<ColumnKey>(COLUMNS.filter((c) => c.required !== false).map((c) => c.key));

/** How far a stepwise check has got: `done` of `total` project rows. */
export interface CheckStep {
  done: number;
  total: number;
  /** The row issues found so far (a live view: read, never change); ledger-wide rules come at the end. */
  found?: readonly Issue[];
}

/** Runs a stepwise check to its end (no pause between steps). */
export function drain<T>(steps: Generator<CheckStep, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Normalise and validate records (as read from a sheet or received in a submission). */
export function checkRecords(records: readonly RawRecord[], options: CheckOptions = {}): CheckResult {
  return drain(checkRecordsSteps(records, options));
}

/**
 * checkRecords, pausing after every `chunkRows` records with how far it has got, so a caller can
 * report progress or yield to the page between chunks; the result is the same whatever the chunk.
 */
export function* checkRecordsSteps(
  records: readonly RawRecord[],
  options: CheckOptions = {},
  chunkRows = Number.POSITIVE_INFINITY,
): Generator<CheckStep, CheckResult> {
  const mode = options.mode ?? 'editing';
  const meta = options.meta ?? EMPTY_META;
  const issues: Issue[] = [];
  const report = issueSink(issues, options.columns);
  const year = reportYear(meta, options.now);
  const absent = absentColumns(options.columns, options.columnsFromHeader);
  if (absent.size > 0) issues.push(...missingColumnIssues(options.columns ?? {}, options.labelRow ?? null));
  const rows: LedgerRow[] = [];
  const facts: RowFacts[] = [];
  const suggestions: Suggestion[] = [];
  const demands = new Map<ColumnKey, ColumnDemand>();
  for (const record of records) {
    const { row, facts: f } = normalizeWithFacts(record, report, absent);
    const unknown = f.unknown;
    const suggestion = classify(row, CLASSIFY_RULES, unknown);
    const ctx = { mode, reportYear: year, suggestion, unknown };
    for (const rule of ROW_RULES) {
      let toColumn = false;
      if (unknown.size > 0) {
        if (rule.reads.some((k) => unknown.has(k))) continue;
        if (rule.demands && unknown.has(rule.field)) {
          if (!absent.has(rule.field)) continue; // an invalid value is not a blank one
          toColumn = true;
        }
      }
      const message = rule.check(row, ctx);
      if (message === null) continue;
      const severity = typeof rule.severity === 'function' ? rule.severity(mode) : rule.severity;
      if (toColumn) {
        if (!REQUIRED_COLUMN.has(rule.field)) addDemand(demands, rule.field, row.row, severity);
        continue;
      }
      report(rule.id, severity, row.row, rule.field, `第${row.row}行${message}`);
    }
    rows.push(row);
    facts.push(f);
    suggestions.push(suggestion);
    if (rows.length % chunkRows === 0 && rows.length < records.length)
      yield { done: rows.length, total: records.length, found: issues };
  }
  reportDemands(demands, report);
  checkEmpty(rows, report);
  checkDuplicateCodes(rows, report, facts);
  checkAmounts(rows, facts, report, options.maxPlausibleWan);
  checkTotals(options.totals ?? [], rows, report, facts);
  checkApproved(rows, options.approved, mode, report);
  return { rows, issues: sortIssues(issues), suggestions };
}

function addDemand(
  demands: Map<ColumnKey, ColumnDemand>,
  key: ColumnKey,
  row: number,
  severity: ColumnDemand['severity'],
): void {
  const d = demands.get(key) ?? { rows: [], count: 0, severity };
  if (d.rows.length < 3) d.rows.push(row);
  d.count++;
  if (severity === 'error') d.severity = 'error';
  demands.set(key, d);
}

const columnOrder = new Map<string, number>(COLUMNS.map((c, i) => [c.key, i]));

/** Ledger-level first, then by row; within a row errors before warnings, then column order. */
export function sortIssues(issues: Issue[]): Issue[] {
  const rank = (i: Issue) => [
    i.row ?? -1,
    i.severity === 'error' ? 0 : 1,
    i.field ? (columnOrder.get(i.field) ?? 99) : -1,
  ];
  return issues
    .map((issue, index) => ({ issue, index, key: rank(issue) }))
    .sort((a, b) => {
      for (let k = 0; k < a.key.length; k++) {
        const d = (a.key[k] as number) - (b.key[k] as number);
        if (d !== 0) return d;
      }
      return a.index - b.index;
    })
    .map((x) => x.issue);
}

export interface LedgerReport extends CheckResult {
  header: HeaderMap | null;
  meta: LedgerMeta;
  /** The data rows and 合计 rows as read: what a submission carries, so nobody reads the grid twice. */
  records: RawRecord[];
  totals: RawRecord[];
  summary: StatsRow;
  errors: number;
  warnings: number;
}

export interface LedgerCheckOptions extends ReadOptions {
  mode?: Mode;
  now?: Date;
  /** number.unit bound in 万元 (county-configurable). */
  maxPlausibleWan?: number;
  /** Name for the 统计表 row when the sheet's 填报单位 is blank (e.g. the file name). */
  fallbackUnit?: string;
  approved?: ApprovedMap;
}

/** Grid → everything a front end shows: header, meta, rows, issues, suggestions, 统计表 row. */
export function checkLedger(grid: readonly (readonly unknown[])[], options: LedgerCheckOptions = {}): LedgerReport {
  return drain(checkLedgerSteps(grid, options));
}

/** checkLedger in steps of `chunkRows` project rows (see checkRecordsSteps). */
export function* checkLedgerSteps(
  grid: readonly (readonly unknown[])[],
  options: LedgerCheckOptions = {},
  chunkRows = Number.POSITIVE_INFINITY,
): Generator<CheckStep, LedgerReport> {
  const read = readLedger(grid, options);
  yield { done: 0, total: read.records.length };
  const result = yield* checkRecordsSteps(
    read.records,
    {
      mode: options.mode,
      meta: read.meta,
      columns: read.header?.columns,
      labelRow: read.header?.labelRow,
      columnsFromHeader: read.header !== null,
      totals: read.totals,
      now: options.now,
      maxPlausibleWan: options.maxPlausibleWan,
      approved: options.approved,
    },
    chunkRows,
  );
  // checkRecords reports the missing columns itself (the Worker's re-validation needs them too);
  // without a header, “no project” is already said by header.not-found.
  const ledgerIssues: Issue[] = read.issues.filter((i) => i.ruleId !== 'header.missing-column');
  if (read.header) checkMeta(read.meta, issueSink(ledgerIssues));
  const own = read.header ? result.issues : result.issues.filter((i) => i.ruleId !== 'ledger.empty');
  const issues = [...ledgerIssues, ...own];
  const unit = read.meta.unit ?? options.fallbackUnit ?? '未填报单位';
  return {
    ...result,
    issues,
    header: read.header,
    meta: read.meta,
    records: read.records,
    totals: read.totals,
    summary: summarize(unit, result.rows),
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
}
