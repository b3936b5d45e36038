/** validate: one workbook → the core's report, as JSON (the contract) or a readable Chinese text. */
import { basename, extname } from 'node:path';
import { checkLedger, type LedgerReport, type Mode } from '../shared/index.js';
import { capIssues } from '../shared/issue-cap.js';
import type { ApprovedMap } from '../shared/rules/decisions.js';
import { issueJson, statsJson, suggestionJson, type ValidateJson } from './json.js';
import { pickLedgerSheet } from './pick.js';
import { type Book, openWorkbook, type SheetData } from './workbook.js';

export interface ValidateOptions {
  sheet?: string;
  mode?: Mode;
  now?: Date;
  /** Approved categories from the county service (category.unapproved). */
  approved?: ApprovedMap;
}

export interface Validation {
  file: string;
  book: Book;
  sheet: SheetData;
  report: LedgerReport;
}

/** The file name without its extension: the unit's name when 填报单位 is blank. */
export function fileUnit(file: string): string {
  return basename(file, extname(file));
}

export async function validateFile(file: string, options: ValidateOptions = {}): Promise<Validation> {
  const book = await openWorkbook(file);
  const sheet = pickLedgerSheet(book, options.sheet);
  const report = checkLedger(sheet.grid, {
    merges: sheet.merges,
    mode: options.mode ?? 'editing',
    now: options.now,
    fallbackUnit: fileUnit(file),
    approved: options.approved,
  });
  return { file, book, sheet, report };
}

export function validateJson(v: Validation): ValidateJson {
  const { report } = v;
  return {
    file: v.file,
    sheet: v.sheet.name,
    unit: report.meta.unit,
    reportDate: report.meta.updatedAt,
    projects: report.rows.length,
    // Bounded like every report: each rule's first issues, then a count per rule (shared/issue-cap.ts).
    issues: capIssues(report.issues).map(issueJson),
    issuesTotal: report.issues.length,
    suggestions: report.suggestions.map(suggestionJson),
    summary: statsJson(report.summary),
  };
}
