/** The stable JSON shapes of `validate --json` and `aggregate --json` (issue 3's contract). */
import type { Issue, StatsRow, Suggestion } from '../shared/index.js';

/** A 统计表 row as the contract prints it (no internal counters such as investmentYuan). */
export interface StatsJson {
  unit: string;
  investment: number;
  projects: number;
  categories: StatsRow['categories'];
  idleCauses: StatsRow['idleCauses'];
  difficultProjects: number;
  difficultCauses: StatsRow['difficultCauses'];
  linkageShortfalls: StatsRow['linkageShortfalls'];
  rates: StatsRow['rates'];
}

export function statsJson(row: StatsRow): StatsJson {
  return {
    unit: row.unit,
    investment: row.investment,
    projects: row.projects,
    categories: { ...row.categories },
    idleCauses: { ...row.idleCauses },
    difficultProjects: row.difficultProjects,
    difficultCauses: { ...row.difficultCauses },
    linkageShortfalls: { ...row.linkageShortfalls },
    rates: { ...row.rates },
  };
}

export interface IssueJson {
  row: number | null;
  field: string | null;
  cell: string | null;
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
}

export function issueJson(i: Issue): IssueJson {
  return { row: i.row, field: i.field, cell: i.cell, ruleId: i.ruleId, severity: i.severity, message: i.message };
}

export interface SuggestionJson {
  row: number;
  entered: Suggestion['entered'];
  category: Suggestion['category'];
  ruleId: string;
  clause: string | null;
}

export function suggestionJson(s: Suggestion): SuggestionJson {
  return { row: s.row, entered: s.entered, category: s.category, ruleId: s.ruleId, clause: s.clause };
}

export interface ValidateJson {
  file: string;
  sheet: string;
  unit: string | null;
  reportDate: string | null;
  projects: number;
  /** Each rule's first issues with their rows, then one line per rule counting the rest. */
  issues: IssueJson[];
  /** Every issue found (the list above may count some instead of listing them). */
  issuesTotal: number;
  suggestions: SuggestionJson[];
  summary: StatsJson;
}

export interface AggregateFileJson {
  file: string;
  unit: string | null;
  errors: number;
  warnings: number;
  /** Projects of this ledger without a category (项目数 − the four category counts). */
  unclassified: number;
  /** Counted in the table (false: unreadable, or left out by --strict). */
  included: boolean;
  /** Why the file is not counted or was flagged, in Chinese; null when clean. */
  problem: string | null;
  /** With --period: whether 更新时间 falls in the period (cli/period-check.ts). */
  period?: PeriodCheckJson;
}

export interface PeriodCheckJson {
  /** within: 更新时间 inside [start, deadline]; before / after: outside; unknown: no 更新时间. */
  status: 'within' | 'before' | 'after' | 'unknown';
  /** The ledger's 更新时间 (YYYY-MM-DD); null when not filled in. */
  updatedAt: string | null;
  /** The warning a clerk reads; null when within. */
  message: string | null;
}

export interface AggregateJson {
  units: StatsJson[];
  total: StatsJson;
  files: AggregateFileJson[];
  /** The 说明 line (shared/stats-notes.ts): its text, the unclassified count, ledgers with errors. */
  notes: {
    text: string;
    unclassified: number;
    erroneous: { unit: string; errors: number; included: boolean }[];
  };
}
