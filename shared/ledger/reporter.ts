/**
 * Where cell and row issues go while checking: the IssueSink that makes Issues, the CellReporter
 * that normalisation reports through, and the facts a row leaves for the cross-field rules.
 */
import { type ColumnKey, quotedLabel } from './columns.js';
import { a1 } from './text.js';
import type { Issue, Severity } from './types.js';

/** Builds an Issue for a row/column, filling the A1 address when the column position is known. */
export type IssueSink = (
  ruleId: string,
  severity: Severity,
  row: number | null,
  field: ColumnKey | null,
  message: string,
) => void;

export function issueSink(issues: Issue[], columns: Partial<Record<ColumnKey, number>> = {}): IssueSink {
  const positions = new Map(Object.entries(columns) as [ColumnKey, number | undefined][]);
  return (ruleId, severity, row, field, message) => {
    const index = field ? positions.get(field) : undefined;
    issues.push({
      row,
      field,
      cell: index === undefined || row === null ? null : a1(row, index),
      ruleId,
      severity,
      message: flat(message),
    });
  };
}

/**
 * The same text, stored flat. A message built by concatenation is held by the engine as a tree of
 * its pieces (V8 cons strings), about twice the memory of its characters; every issue is kept
 * until the check ends, and the young-generation collector copies all of it, so a ledger with
 * thousands of issues spent much of its time there. Reading a character flattens the tree into
 * one string, and the collector then drops the pieces.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** What the rules must know about a row beyond its values. */
export interface RowFacts {
  /** Cells that are neither blank nor a value: invalid (already reported) or in an absent column. */
  unknown: ReadonlySet<ColumnKey>;
  /** Money cells converted from 元 (already warned by number.unit). */
  converted: readonly ColumnKey[];
}

/** No columns (the unknown cells of a row that has none). */
export const NO_KEYS: ReadonlySet<ColumnKey> = new Set();
/** The facts of a row whose every cell is blank or a value, and none converted. */
export const NO_FACTS: RowFacts = { unknown: NO_KEYS, converted: [] };

/**
 * Reports an issue on the cell being normalised, prefixed with its row and column label, and
 * collects the row's facts. One per ledger (begin() per row) rather than a closure per cell: the
 * hot path allocates as little as possible.
 */
export class CellReporter {
  key: ColumnKey = 'seq';
  unknown: Set<ColumnKey> | null = null;
  converted: ColumnKey[] | null = null;
  /** 其他 explanations of the row's multi-select cells. */
  other = '';
  private row = 0;
  constructor(private readonly report: IssueSink) {}

  /** Starts a row: its facts so far are none. */
  begin(row: number): void {
    this.row = row;
    this.unknown = null;
    this.converted = null;
    this.other = '';
  }

  say(ruleId: string, severity: Severity, message: string): void {
    this.report(ruleId, severity, this.row, this.key, `第${this.row}行${quotedLabel(this.key)}${message}`);
  }

  /** Reports a present-but-not-allowed value: the cell is then unknown to every other rule. */
  invalid(ruleId: string, message: string): null {
    this.say(ruleId, 'error', message);
    this.markUnknown();
    return null;
  }

  markUnknown(): void {
    this.unknown ??= new Set();
    this.unknown.add(this.key);
  }

  markConverted(): void {
    this.converted ??= [];
    this.converted.push(this.key);
  }

  /** The row's facts so far (NO_FACTS when it has none). */
  facts(): RowFacts {
    if (this.unknown === null && this.converted === null) return NO_FACTS;
    return { unknown: this.unknown ?? NO_KEYS, converted: this.converted ?? [] };
  }
}
