/**
 * A workbook of 申请表: chosen ledger rows → one form sheet per project (named by 项目编号), plus
 * the 归档目录 for the tiers present when asked. Used by the CLI (`forms`) and the pane.
 */
import type { LedgerRow } from '../ledger/types.js';
import { applicationForm } from './application.js';
import { ARCHIVE_SHEET_NAME, archiveForm } from './archive.js';
import { type FormSheet, sheetNames } from './form.js';
import { projectTier, type Tier } from './tier.js';

/** Most rows a `--rows` list may name (a county-sized ledger has a few thousand projects). */
export const MAX_ROW_SPEC = 100_000;

/**
 * `5,7-9` → [5, 7, 8, 9] (worksheet row numbers, sorted, without repeats), or a Chinese reason.
 */
export function parseRowSpec(spec: string): number[] | string {
  const rows = new Set<number>();
  for (const part of spec.split(/[,，、\s]+/u).filter((p) => p !== '')) {
    const m = /^(\d+)(?:[-–~～](\d+))?$/u.exec(part);
    if (!m) return `行号“${part}”格式不对：应为行号或行号范围，如 5,7-9。`;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1 || to < from) return `行号范围“${part}”不对：起始行应不小于 1，且不大于结束行。`;
    if (to - from + rows.size > MAX_ROW_SPEC) return `行号范围“${part}”太大：最多 ${MAX_ROW_SPEC} 行。`;
    for (let n = from; n <= to; n++) rows.add(n);
  }
  if (rows.size === 0) return '没有给出行号：应为行号或行号范围，如 5,7-9。';
  return [...rows].sort((a, b) => a - b);
}

export interface FormsOptions {
  county: string;
  /** Tier for rows without their own 主管层级 (the run's choice, or the unit's). */
  tier: Tier;
  /** Worksheet rows to include; omitted = every project. */
  rows?: readonly number[];
  /** Add the 归档目录 for the tiers present. */
  archive?: boolean;
  unit?: string | null;
  /** Sheet names already in the workbook (the pane adds sheets to an open workbook). */
  taken?: readonly string[];
}

export interface FormsResult {
  sheets: FormSheet[];
  /** The projects, in sheet order, with the tier each form was drawn for. */
  projects: { row: LedgerRow; tier: Tier; sheet: string }[];
  /** Asked-for rows that hold no project. */
  missingRows: number[];
}

export function applicationForms(ledgerRows: readonly LedgerRow[], options: FormsOptions): FormsResult {
  const wanted = options.rows ? new Set(options.rows) : null;
  const chosen = wanted ? ledgerRows.filter((r) => wanted.has(r.row)) : [...ledgerRows];
  const found = new Set(chosen.map((r) => r.row));
  const missingRows = options.rows ? options.rows.filter((n) => !found.has(n)) : [];
  const taken = [...(options.taken ?? []), ...(options.archive ? [ARCHIVE_SHEET_NAME] : [])];
  const names = sheetNames(
    chosen.map((r) => r.code),
    (i) => `第${chosen[i]?.row ?? i + 1}行`,
    taken,
  );
  const projects = chosen.map((row, i) => ({
    row,
    tier: projectTier(row, options.tier),
    sheet: names[i] as string,
  }));
  const sheets = projects.map((p) =>
    applicationForm(p.row, { county: options.county, tier: p.tier, sheetName: p.sheet }),
  );
  if (options.archive && projects.length > 0) {
    sheets.push(archiveForm({ county: options.county, unit: options.unit, tiers: projects.map((p) => p.tier) }));
  }
  return { sheets, projects, missingRows };
}
