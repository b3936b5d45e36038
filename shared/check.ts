/**
 * The one path from a grid (or from submitted records) to issues, suggestions and the 统计表 row.
 * Used alike by the add-in, the CLI and the Worker.
 */
import type { Suggestion } from './classify.js';
import { COLUMNS, type ColumnKey } from './ledger/columns.js';
import { issueSink } from './ledger/normalize.js';
import { columnsInOrder, isRawColumns, type RawColumns, type RawRows, recordCount } from './ledger/raw-columns.js';
import {
  countProjects,
  type HeaderMap,
  type LedgerLayout,
  MIN_LEVEL1_LABELS,
  missingColumnIssues,
  type ReadOptions,
  readLayout,
  readRawCells,
  readRecords,
  visitDataRows,
} from './ledger/read.js';
import { rawCellsOf, rawValuesInto } from './ledger/shape.js';
import type { LedgerTable } from './ledger/table.js';
import type { Issue, LedgerMeta, LedgerRow, Mode, RawCell, RawRecord } from './ledger/types.js';
import type { ApprovedMap } from './rules/decisions.js';
import {
  checkAmounts,
  checkDuplicateCodes,
  checkEmpty,
  checkMeta,
  checkTotals,
  reportDemands,
} from './rules/ledger.js';
import { RowPass } from './rules/pass.js';
import { finishStats, type StatsRow } from './stats.js';

export { ROW_RULES } from './rules/pass.js';

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
  /** Name of the 统计表 row (`summary`); default: the meta's 填报单位, else 未填报单位. */
  unit?: string;
}

export interface CheckResult {
  rows: LedgerRow[];
  issues: Issue[];
  suggestions: Suggestion[];
  /** The 统计表 row of the projects (spec §5), counted during the check. */
  summary: StatsRow;
}

/** The 统计表 row's name when the ledger names no 填报单位. */
const UNNAMED_UNIT = '未填报单位';

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

/** How far a stepwise check has got: `done` projects of at most `total`. */
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

/**
 * Normalise and validate records (as read from a sheet or received in a submission), given as
 * records or by column (the same result either way).
 */
export function checkRecords(records: RawRows, options: CheckOptions = {}): CheckResult {
  return drain(checkRecordsSteps(records, options));
}

/**
 * checkRecords, pausing after every `chunkRows` records with how far it has got, so a caller can
 * report progress or yield to the page between chunks; the result is the same whatever the chunk.
 */
export function* checkRecordsSteps(
  records: RawRows,
  options: CheckOptions = {},
  chunkRows = Number.POSITIVE_INFINITY,
): Generator<CheckStep, CheckResult> {
  const count = recordCount(records);
  const feed = isRawColumns(records) ? columnsFeed(records) : recordsFeed(records);
  const { table, issues, suggestions, stats } = yield* runCheck(options, count, feed, chunkRows);
  const result = resultOf(table, issues, suggestions);
  result.summary = finishStats({ ...stats, unit: options.unit ?? options.meta?.unit ?? UNNAMED_UNIT });
  return result;
}

function recordsFeed(records: readonly RawRecord[]): Feed {
  const raws: (RawCell | undefined)[] = [];
  let next = 0;
  return (pass, limit) => {
    const end = Math.min(records.length, next + limit);
    for (; next < end; next++) {
      const record = records[next] as RawRecord;
      pass.add(record.row, rawValuesInto(record.cells, raws));
    }
    return next >= records.length;
  };
}

function columnsFeed(records: RawColumns): Feed {
  const columns = columnsInOrder(records);
  const rows = records.row;
  let next = 0;
  return (pass, limit) => {
    const end = Math.min(rows.length, next + limit);
    for (; next < end; next++) pass.addColumnRow(rows[next] as number, columns, next);
    return next >= rows.length;
  };
}

/** Hands up to `limit` more projects to the pass; true once the input is used up. */
type Feed = (pass: RowPass, limit: number) => boolean;

/**
 * The rules over the projects `feed` hands to the pass (pausing after every `chunkRows`), then the
 * ledger-level rules; `options.totals` is read after feeding (the grid path finds its 合计 rows
 * while feeding).
 */
function* runCheck(
  options: CheckOptions,
  capacity: number,
  feed: Feed,
  chunkRows: number,
): Generator<CheckStep, { table: LedgerTable; issues: Issue[]; suggestions: () => Suggestion[]; stats: StatsRow }> {
  const mode = options.mode ?? 'editing';
  const meta = options.meta ?? EMPTY_META;
  const issues: Issue[] = [];
  const report = issueSink(issues, options.columns);
  const absent = absentColumns(options.columns, options.columnsFromHeader);
  if (absent.size > 0) issues.push(...missingColumnIssues(options.columns ?? {}, options.labelRow ?? null));
  const pass = new RowPass(report, {
    mode,
    reportYear: reportYear(meta, options.now),
    absent,
    capacity,
    approved: options.approved,
  });
  while (!feed(pass, chunkRows)) yield { done: pass.table.length, total: capacity, found: issues };
  const { table } = pass;
  reportDemands(pass.demands, report);
  checkEmpty(table, report);
  checkDuplicateCodes(table, report);
  checkAmounts(table, [], report, options.maxPlausibleWan);
  checkTotals(options.totals ?? [], table, report);
  return { table, issues: sortIssues(issues), suggestions: () => pass.suggestions(), stats: pass.stats };
}

/** A CheckResult whose `rows` and `suggestions` are built from the pass when first read. */
/** The table behind each result (kept out of the result itself, which is cloned and sent as it is). */
const tables = new WeakMap<CheckResult, LedgerTable>();

/**
 * The projects of a check's result by column, as the check stored them: for writers that store
 * them by column (the Worker's row document) without building a LedgerRow per project.
 */
export function checkedTable(result: CheckResult): LedgerTable {
  const table = tables.get(result);
  if (!table) throw new Error('checkedTable: not a result of checkRecords or checkLedger');
  return table;
}

function resultOf(table: LedgerTable, issues: Issue[], suggestions: () => Suggestion[]): CheckResult {
  const result = {} as CheckResult;
  tables.set(result, table);
  lazy(result, 'rows', () => table.rows());
  result.issues = issues;
  lazy(result, 'suggestions', suggestions);
  return result;
}

/**
 * `target[key]` computed on first read, then a plain data property (spread, JSON and structured
 * clone see the value). Assigning it first replaces the computation.
 */
function lazy<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): void {
  const settle = (value: T[K]) =>
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    get: () => {
      const value = build();
      settle(value);
      return value;
    },
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

const columnOrder = new Map<string, number>(COLUMNS.map((c, i) => [c.key, i]));

/** Ledger-level first, then by row; within a row errors before warnings, then column order. */
export function sortIssues(issues: Issue[]): Issue[] {
  const n = issues.length;
  // Each issue's key and index packed in one number (key × n + index), sorted as numbers: no
  // comparator call per comparison, and ties keep their order.
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = sortKey(issues[i] as Issue);
    if (key === null || key * n + i > Number.MAX_SAFE_INTEGER) return sortIssuesByTuple(issues);
    packed[i] = key * n + i;
  }
  packed.sort();
  const out: Issue[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = issues[(packed[i] as number) % n] as Issue;
  return out;
}

/** The sort order of an issue as one number (row, then severity, then column), when its row is a row number. */
function sortKey(issue: Issue): number | null {
  const row = issue.row ?? -1;
  if (!Number.isSafeInteger(row) || row < -1 || row > 2 ** 40) return null;
  const column = issue.field ? (columnOrder.get(issue.field) ?? 99) : -1;
  return ((row + 1) * 2 + (issue.severity === 'error' ? 0 : 1)) * 128 + column + 1;
}

/** The same order for any row value: (row, severity, column) tuples compared in turn. */
function sortIssuesByTuple(issues: Issue[]): Issue[] {
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

/**
 * Grid → everything a front end shows: header, meta, rows, issues, suggestions, 统计表 row. The
 * projects are normalised straight from the grid; `rows` and `records` are built when first read
 * (from the same grid: do not change it in between).
 */
export function checkLedger(grid: readonly (readonly unknown[])[], options: LedgerCheckOptions = {}): LedgerReport {
  return drain(checkLedgerSteps(grid, options));
}

/** checkLedger in steps of `chunkRows` projects (see checkRecordsSteps). */
export function* checkLedgerSteps(
  grid: readonly (readonly unknown[])[],
  options: LedgerCheckOptions = {},
  chunkRows = Number.POSITIVE_INFINITY,
): Generator<CheckStep, LedgerReport> {
  const layout = readLayout(grid, options);
  const capacity = Math.max(0, layout.data.length - layout.start);
  // A stepwise check says how many projects there are (one light pass); one run needs no count.
  const total = Number.isFinite(chunkRows) ? countProjects(layout) : capacity;
  yield { done: 0, total };
  const totals: RawRecord[] = [];
  const {
    table,
    issues: own,
    suggestions,
    stats,
  } = yield* runCheck(
    {
      mode: options.mode,
      meta: layout.meta,
      columns: layout.header?.columns,
      labelRow: layout.header?.labelRow,
      columnsFromHeader: layout.header !== null,
      totals,
      now: options.now,
      maxPlausibleWan: options.maxPlausibleWan,
      approved: options.approved,
    },
    total,
    gridFeed(layout, totals),
    chunkRows,
  );
  // runCheck reports the missing columns itself (the Worker's re-validation needs them too);
  // without a header, “no project” is already said by header.not-found.
  const ledgerIssues: Issue[] = layout.issues.filter((i) => i.ruleId !== 'header.missing-column');
  if (layout.header) checkMeta(layout.meta, issueSink(ledgerIssues));
  const issues = ledgerIssues.concat(layout.header ? own : own.filter((i) => i.ruleId !== 'ledger.empty'));
  const unit = layout.meta.unit ?? options.fallbackUnit ?? UNNAMED_UNIT;
  const report = resultOf(table, issues, suggestions) as LedgerReport;
  report.header = layout.header;
  report.meta = layout.meta;
  lazy(report, 'records', () => readRecords(layout).records);
  report.totals = totals;
  report.summary = finishStats({ ...stats, unit });
  report.errors = countSeverity(issues, 'error');
  report.warnings = countSeverity(issues, 'warning');
  return report;
}

/** The data rows of the grid into the pass, `limit` projects at a time; 合计 rows into `totals`. */
function gridFeed(layout: LedgerLayout, totals: RawRecord[]): Feed {
  const { positions } = layout;
  const raws: (RawCell | undefined)[] = positions.map(() => undefined);
  let next = layout.start;
  return (pass, limit) => {
    next = visitDataRows(
      layout,
      (kind, row, cells) => {
        if (kind === 'project') pass.addGridRow(row, cells, positions);
        else totals.push({ row, cells: rawCellsOf(readRawCells(cells, positions, raws)) });
      },
      next,
      limit,
    );
    return next >= layout.data.length;
  };
}

function countSeverity(issues: readonly Issue[], severity: Issue['severity']): number {
  let n = 0;
  for (const i of issues) if (i.severity === severity) n++;
  return n;
}
