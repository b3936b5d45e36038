/**
 * Issues → the flags grid behind the sheet marks (pure). One cell per (data row × mapped column):
 * 2 = error, 1 = warning, 0 = nothing. An issue without a column marks the row's first column.
 */
import type { Issue } from '../shared/index.js';
import type { MarkPlan } from './excel.js';

export interface MarkInput {
  header: { lastRow: number; columns: Partial<Record<string, number>> } | null;
  issues: readonly Issue[];
  /** Worksheet rows (1-based) of the data region's projects and total rows. */
  dataRows: readonly number[];
}

export function planMarks(input: MarkInput): MarkPlan | null {
  const { header, issues } = input;
  if (!header) return null;
  const cols = Object.values(header.columns).filter((c): c is number => typeof c === 'number');
  if (cols.length === 0) return null;
  const left = Math.min(...cols);
  const right = Math.max(...cols);
  const top = header.lastRow; // 0-based index of the first data row
  const rowIssues = issues.filter((i): i is Issue & { row: number } => i.row !== null && i.row > top);
  const bottom = Math.max(top, ...input.dataRows, ...rowIssues.map((i) => i.row)); // 1-based, inclusive
  const rows = bottom - top;
  if (rows <= 0) return null;
  const width = right - left + 1;
  const flags: number[][] = Array.from({ length: rows }, () => new Array<number>(width).fill(0));
  for (const issue of rowIssues) {
    const col = (issue.field ? header.columns[issue.field] : undefined) ?? left;
    const line = flags[issue.row - 1 - top];
    if (!line) continue;
    const flag = issue.severity === 'error' ? 2 : 1;
    if ((line[col - left] ?? 0) < flag) line[col - left] = flag;
  }
  return { region: { top, left, rows, cols: width }, flags };
}

/** Counts of marked cells, for the pane's summary line. */
export function countFlags(plan: MarkPlan | null): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const row of plan?.flags ?? [])
    for (const f of row) {
      if (f === 2) errors++;
      else if (f === 1) warnings++;
    }
  return { errors, warnings };
}
