/**
 * The check the pane runs, as steps: the shared engine (checkLedgerSteps) on the grid the host
 * read, then the marks plan. The same steps run in the Web Worker and, where there is no Worker,
 * on the page with a pause between chunks. Pure: no DOM, no host.
 */
import { type CheckStep, checkLedgerSteps, type Issue, type LedgerReport, type Mode } from '../../shared/index.js';
import type { ApprovedMap } from '../../shared/rules/decisions.js';
import type { LedgerGrid, MarkPlan } from '../host/types.js';
import { planMarks } from '../marks.js';

/** Project rows checked between two progress reports (and, on the page, two pauses). */
export const CHUNK_ROWS = 500;

export interface CheckInput {
  grid: unknown[][];
  merges: LedgerGrid['merges'];
  origin: LedgerGrid['origin'];
  sheet: string;
  mode: Mode;
  now?: Date;
  approved?: ApprovedMap;
}

export interface CheckOutput {
  report: LedgerReport;
  plan: MarkPlan | null;
}

export function* checkSteps(input: CheckInput, chunkRows = CHUNK_ROWS): Generator<CheckStep, CheckOutput> {
  const report = yield* checkLedgerSteps(
    input.grid,
    {
      merges: input.merges,
      origin: input.origin,
      mode: input.mode,
      now: input.now,
      fallbackUnit: input.sheet,
      approved: input.approved,
    },
    chunkRows,
  );
  const plan = planMarks({
    header: report.header,
    issues: report.issues,
    dataRows: [...report.rows.map((r) => r.row), ...report.totals.map((t) => t.row)],
  });
  return { report, plan };
}

/** Progress of the check itself: rows checked of all project rows. */
export type CheckProgress = (done: number, total: number) => void;

/** What a caller may follow while the check runs. */
export interface CheckHooks {
  progress?: CheckProgress;
  /** Issues found since the last call, in the order found, before the check is over (not sorted, not final). */
  found?: (issues: Issue[]) => void;
  /** Stops the check (CheckCancelled). */
  signal?: AbortSignal;
}

/** Thrown when the clerk cancels a running check. */
export class CheckCancelled extends Error {
  constructor() {
    super('已取消校验，工作表没有任何改动。');
    this.name = 'CheckCancelled';
  }
}
