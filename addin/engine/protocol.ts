/**
 * Messages between the pane and the check worker. The grid goes in and the report comes back in
 * slices, so no single message takes the page long to copy (a 10,000-row report is ~12 MB). The
 * per-row lists come back as JSON text: a string is copied whole, and JSON.parse of a slice is
 * several times cheaper for the page than structured-clone decoding of the same objects.
 * `records` (the raw cells a submission carries, the largest list) never crosses: the page builds
 * it from its own copy of the grid when it is first read (上报 only).
 */
import type { Issue, LedgerReport } from '../../shared/index.js';
import type { CheckInput, CheckOutput } from './steps.js';

/** Grid rows per message going in (~25 cells a row: a few ms to copy). */
export const GRID_SLICE_ROWS = 500;
/** Project rows per message coming back (rows and suggestions). */
export const SLICE_ROWS = 200;

export type ToWorker =
  | { type: 'grid'; rows: unknown[][] }
  | { type: 'run'; input: Omit<CheckInput, 'grid'>; chunkRows: number };

/** The report without its per-row lists, which follow in `part` messages. */
export type ReportHead = Omit<LedgerReport, 'rows' | 'records' | 'suggestions'>;

export type FromWorker =
  | { type: 'progress'; done: number; total: number; found: Issue[] }
  | { type: 'head'; report: ReportHead; plan: CheckOutput['plan'] }
  /** JSON of a PartBody. */
  | { type: 'part'; json: string }
  | { type: 'end' }
  | { type: 'error'; message: string };

interface PartBody {
  rows: LedgerReport['rows'];
  suggestions: LedgerReport['suggestions'];
}

const PER_ROW = new Set(['rows', 'records', 'suggestions']);

/** Splits the output into the messages the worker sends after the check. */
export function* outputMessages(out: CheckOutput, slice = SLICE_ROWS): Generator<FromWorker> {
  const { rows, suggestions } = out.report;
  // Every other field, without reading `records` (built when first read; the page rebuilds it).
  const head: Record<string, unknown> = {};
  for (const key of Object.keys(out.report)) if (!PER_ROW.has(key)) head[key] = out.report[key as keyof LedgerReport];
  yield { type: 'head', report: head as ReportHead, plan: out.plan };
  const n = Math.max(rows.length, suggestions.length);
  for (let i = 0; i < n; i += slice)
    yield {
      type: 'part',
      json: JSON.stringify({
        rows: rows.slice(i, i + slice),
        suggestions: suggestions.slice(i, i + slice),
      } satisfies PartBody),
    };
  yield { type: 'end' };
}

/** Puts the messages back together on the page. */
export class OutputAssembler {
  private head: ReportHead | null = null;
  private plan: CheckOutput['plan'] = null;
  private readonly rows: LedgerReport['rows'] = [];
  private readonly suggestions: LedgerReport['suggestions'] = [];

  add(message: FromWorker): void {
    if (message.type === 'head') {
      this.head = message.report;
      this.plan = message.plan;
    } else if (message.type === 'part') {
      const part = JSON.parse(message.json) as PartBody;
      for (const r of part.rows) this.rows.push(r);
      for (const s of part.suggestions) this.suggestions.push(s);
    }
  }

  /** The output; `records` comes from `readRecords` when first read. */
  result(readRecords: () => LedgerReport['records']): CheckOutput {
    if (!this.head) throw new Error('校验结果不完整，请重新校验。');
    const report = { ...this.head, rows: this.rows, suggestions: this.suggestions } as LedgerReport;
    let records: LedgerReport['records'] | null = null;
    Object.defineProperty(report, 'records', {
      enumerable: true,
      configurable: true,
      get: () => {
        records ??= readRecords();
        return records;
      },
    });
    return { report, plan: this.plan };
  }
}
