/**
 * The one path from a grid (or from submitted records) to issues, suggestions and the 统计表 row.
 * Used alike by the add-in, the CLI and the Worker.
 */
import { classify, type Suggestion } from './classify.js';
import { COLUMNS, type ColumnKey } from './ledger/columns.js';
import { issueSink, normalizeRecord } from './ledger/normalize.js';
import { type HeaderMap, type ReadOptions, readLedger } from './ledger/read.js';
import type { Issue, LedgerMeta, LedgerRow, Mode, RawRecord } from './ledger/types.js';
import { type ApprovedMap, checkApproved } from './rules/decisions.js';
import { fieldRules } from './rules/fields.js';
import { checkDuplicateCodes, checkMeta, checkTotals } from './rules/ledger.js';
import { rowRules } from './rules/rows.js';
import type { RowRule } from './rules/types.js';
import { type StatsRow, summarize } from './stats.js';

export const ROW_RULES: readonly RowRule[] = [...fieldRules, ...rowRules];

export interface CheckOptions {
  mode?: Mode;
  meta?: LedgerMeta;
  /** Column positions (0-based) for A1 addresses in issues. */
  columns?: Partial<Record<ColumnKey, number>>;
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

/** Normalise and validate records (as read from a sheet or received in a submission). */
export function checkRecords(records: readonly RawRecord[], options: CheckOptions = {}): CheckResult {
  const mode = options.mode ?? 'editing';
  const meta = options.meta ?? EMPTY_META;
  const issues: Issue[] = [];
  const report = issueSink(issues, options.columns);
  const year = reportYear(meta, options.now);
  const rows: LedgerRow[] = [];
  const suggestions: Suggestion[] = [];
  for (const record of records) {
    const row = normalizeRecord(record, report);
    const suggestion = classify(row);
    const ctx = { mode, reportYear: year, suggestion };
    for (const rule of ROW_RULES) {
      const message = rule.check(row, ctx);
      if (message === null) continue;
      const severity = typeof rule.severity === 'function' ? rule.severity(mode) : rule.severity;
      report(rule.id, severity, row.row, rule.field, `第${row.row}行${message}`);
    }
    rows.push(row);
    suggestions.push(suggestion);
  }
  checkDuplicateCodes(rows, report);
  checkTotals(options.totals ?? [], rows, report);
  checkApproved(rows, options.approved, mode, report);
  return { rows, issues: sortIssues(issues), suggestions };
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
  /** Name for the 统计表 row when the sheet's 填报单位 is blank (e.g. the file name). */
  fallbackUnit?: string;
  approved?: ApprovedMap;
}

/** Grid → everything a front end shows: header, meta, rows, issues, suggestions, 统计表 row. */
export function checkLedger(grid: readonly (readonly unknown[])[], options: LedgerCheckOptions = {}): LedgerReport {
  const read = readLedger(grid, options);
  const result = checkRecords(read.records, {
    mode: options.mode,
    meta: read.meta,
    columns: read.header?.columns,
    totals: read.totals,
    now: options.now,
    approved: options.approved,
  });
  const ledgerIssues: Issue[] = [...read.issues];
  if (read.header) checkMeta(read.meta, issueSink(ledgerIssues));
  const issues = [...ledgerIssues, ...result.issues];
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
