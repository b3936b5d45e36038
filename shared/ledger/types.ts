import type { Category, ColumnKey, Tier } from './columns.js';

export type Severity = 'error' | 'warning';

export interface Issue {
  /** Worksheet row the clerk sees (1-based); null for ledger-level issues. */
  row: number | null;
  field: ColumnKey | null;
  /** A1 address, when the column is known. */
  cell: string | null;
  ruleId: string;
  severity: Severity;
  /** Simplified Chinese: row, column label, value and what is allowed. */
  message: string;
}

export interface LedgerMeta {
  unit: string | null;
  reviewer: string | null;
  filler: string | null;
  /** YYYY-MM-DD */
  updatedAt: string | null;
}

/** A cell as carried in a submission. */
export type RawCell = string | number | boolean | null;

/** One data row as read from the sheet, keyed by column. */
export interface RawRecord {
  row: number;
  cells: Partial<Record<ColumnKey, RawCell>>;
}

/** One project, normalised (spec §2.1). Money in 万元. Invalid values are null. */
export interface LedgerRow {
  row: number;
  seq: number | null;
  name: string;
  code: string;
  year: number | null;
  category: Category | null;
  unit: string;
  contact: string;
  industry: string | null;
  investTotal: number | null;
  investSpecial: number | null;
  investOther: number | null;
  content: string;
  location: string;
  mode: string | null;
  valueBalance: number | null;
  valueReceivable: number | null;
  valueAssets: number | null;
  valueOther: number | null;
  functionStatus: string | null;
  useStatus: string | null;
  operation: string | null;
  problems: string[];
  causes: string[];
  linkage: string | null;
  linkageShortfall: string | null;
  measures: string;
  progress: string;
  remarks: string;
  /** 主管层级 when the ledger has that optional column (spec §2.1); null otherwise. */
  tier: Tier | null;
  /**
   * What the clerk wrote after 其他 in 原因分析 (`其他（天气干旱）` → `天气干旱`), several joined
   * with “；”; '' when none. Shown in the drill-down and the 申请表.
   */
  causesOther: string;
}

export type Mode = 'editing' | 'submission';
