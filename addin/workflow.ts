/**
 * The pane's operations on a ledger, written against the adapter interface only (no DOM, no
 * Office.js): validate + mark, dropdowns, adopting suggested categories, the submission payload.
 */
import {
  COLUMNS,
  type ColumnKey,
  type Issue,
  type LedgerReport,
  type Mode,
  type RawRecord,
  readLedger,
  type Suggestion,
} from '../shared/index.js';
import { DROPDOWN_COLUMNS } from '../shared/layout/list-sheet.js';
import type { ApprovedMap } from '../shared/rules/decisions.js';
import { type CheckEngine, inlineEngine } from './engine/run.js';
import { CheckCancelled } from './engine/steps.js';
import type { CellWrite, DropdownColumn, LedgerGrid, LedgerWorkbook, MarkPlan, Progress } from './excel.js';

export function isLedgerHeader(rows: unknown[][]): boolean {
  return readLedger(rows).header !== null;
}

export interface CheckSession {
  ledger: LedgerGrid;
  report: LedgerReport;
  plan: MarkPlan | null;
  /** Worksheet rows (1-based) of 合计/小计 rows. */
  totalRows: number[];
}

export interface CheckOptions {
  sheet?: string;
  mode?: Mode;
  mark?: boolean;
  progress?: Progress;
  now?: Date;
  /** The county's approved categories for this unit (category.unapproved); absent = rule silent. */
  approved?: ApprovedMap;
  /** Where the engine runs (engine/run.ts); default: on this thread in one pass. */
  engine?: CheckEngine;
  /** Cancels reading and checking (CheckCancelled); marking, once begun, is not interrupted. */
  signal?: AbortSignal;
  /** Issues found while the check runs (not final, not sorted), for a list that fills as it goes. */
  found?: (ledger: LedgerGrid, issues: Issue[]) => void;
  /** Called with the checked session before the marks are written, so the issues show at once. */
  checked?: (session: CheckSession) => void | Promise<void>;
}

const grouped = new Intl.NumberFormat('en-US');

/** Read → check with the shared engine → (optionally) mark. */
export async function runCheck(wb: LedgerWorkbook, options: CheckOptions = {}): Promise<CheckSession> {
  performance.mark('check:start');
  const ledger = await wb.readLedger(options.sheet, options.progress);
  performance.mark('check:read');
  if (options.signal?.aborted) throw new CheckCancelled();
  options.progress?.(0, 1, '正在校验…');
  const engine = options.engine ?? inlineEngine;
  const { report, plan } = await engine(
    {
      grid: ledger.grid,
      merges: ledger.merges,
      origin: ledger.origin,
      sheet: ledger.sheet,
      mode: options.mode ?? 'editing',
      now: options.now,
      approved: options.approved,
    },
    {
      progress: (done, total) =>
        options.progress?.(done, total, `正在校验… 已查 ${grouped.format(done)} / ${grouped.format(total)} 行`),
      found: options.found ? (issues) => options.found?.(ledger, issues) : undefined,
      signal: options.signal,
    },
  );
  const totalRows = report.totals.map((t) => t.row);
  const session: CheckSession = { ledger, report, plan, totalRows };
  performance.mark('check:validated');
  await options.checked?.(session);
  performance.mark('check:session');
  if (options.mark !== false) {
    options.progress?.(1, 1, '正在标记…');
    await wb.writeMarks(ledger.sheet, plan);
    performance.mark('check:marked');
  }
  return session;
}

/** The 8 single-choice columns in ledger order (shared/layout.ts DROPDOWN_COLUMNS): one list each on the hidden sheet. */
export function enumLists(): { key: ColumnKey; title: string; values: readonly string[] }[] {
  return DROPDOWN_COLUMNS.map((key) => {
    const c = COLUMNS.find((x) => x.key === key) as { sub?: string; label: string; values?: readonly string[] };
    return { key, title: c.sub ?? c.label, values: c.values ?? [] };
  });
}

/** Where the dropdowns go: the enum columns of the header, from the first data row to the last (at least 200 rows). */
export function dropdownPlan(session: CheckSession): { firstRow: number; lastRow: number; columns: DropdownColumn[] } {
  const header = session.report.header;
  if (!header) return { firstRow: 0, lastRow: -1, columns: [] };
  const firstRow = header.lastRow;
  const used = session.ledger.origin.row + session.ledger.grid.length - 1;
  const footer = footerRow(session);
  const lastRow = footer !== null ? footer - 1 : Math.max(used, firstRow + 199);
  const columns: DropdownColumn[] = [];
  for (const list of enumLists()) {
    const col = header.columns[list.key];
    if (col !== undefined) columns.push({ key: list.key, col, title: list.title, values: list.values });
  }
  return { firstRow, lastRow, columns };
}

/** 0-based worksheet row of the 填表说明 footer, if any. */
export function footerRow(session: CheckSession): number | null {
  const { grid, origin } = session.ledger;
  const start = (session.report.header?.lastRow ?? 0) - origin.row;
  for (let r = Math.max(0, start); r < grid.length; r++) {
    const first = (grid[r] ?? []).find((v) => v !== '' && v !== null && v !== undefined);
    if (typeof first === 'string' && first.replace(/\s+/gu, '').startsWith('填表说明')) return r + origin.row;
  }
  return null;
}

/** Suggestions that differ from (or fill) the entered category. */
export function differingSuggestions(report: LedgerReport): Suggestion[] {
  return report.suggestions.filter((s) => s.category !== null && s.category !== s.entered);
}

/** Cell writes for the chosen suggestions (category column). */
export function categoryWrites(session: CheckSession, chosen: readonly Suggestion[]): CellWrite[] {
  const col = session.report.header?.columns.category;
  if (col === undefined) return [];
  return chosen.filter((s) => s.category !== null).map((s) => ({ row: s.row - 1, col, value: s.category }));
}

export interface SubmissionPayload {
  period: string;
  meta: LedgerReport['meta'];
  columns?: Partial<Record<ColumnKey, number>>;
  rows: RawRecord[];
  totals?: RawRecord[];
}

/** The submission body (contract SubmissionSchema), from the records the check read. */
export function buildSubmission(session: CheckSession, period: string): SubmissionPayload {
  const { report } = session;
  const payload: SubmissionPayload = { period, meta: report.meta, rows: report.records };
  if (report.header) payload.columns = report.header.columns;
  if (report.totals.length > 0) payload.totals = report.totals;
  return payload;
}
