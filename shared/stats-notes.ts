/**
 * The 说明 line under every 分类统计表 (spec §5): a table never hides what it leaves out.
 * From the table's rows and a few facts it says how many projects have no category (项目数 − the
 * four category counts), which units' ledgers still had errors (named, and whether they are
 * counted), and — for the county table — how many of the expected units reported and which not.
 * Pure: the CLI, the pane and the Worker build the same words from the same facts.
 */
import { mergeStats, type StatsRow, TOTAL_UNIT } from './stats.js';

/** The 合计 label of a county table: `合计（已报 7 / 应报 10 个单位）`. */
export function countyTotalLabel(reported: number, expected: number): string {
  return `${TOTAL_UNIT}（已报 ${reported} / 应报 ${expected} 个单位）`;
}

/** A ledger that still had errors when the table was made. */
export interface ErroneousLedger {
  unit: string;
  errors: number;
  /** true: its figures are in the table; false: left out (e.g. `aggregate --strict`). */
  included: boolean;
}

export interface StatsNotesInput {
  /** The unit rows of the table (units that reported; not 未报 placeholders). */
  rows: readonly StatsRow[];
  /** The 合计 row; default mergeStats(rows). */
  total?: StatsRow;
  /** Ledgers with errors, counted in the table or left out. */
  erroneous?: readonly ErroneousLedger[];
  /** County table: every unit expected to report (registered units). Omit for a unit's own table. */
  expectedUnits?: readonly string[];
}

export interface StatsNotes {
  /** 项目数 − the four category counts of the 合计 row. */
  unclassified: number;
  /** Units with unclassified projects, in table order. */
  unclassifiedByUnit: { unit: string; count: number }[];
  erroneous: ErroneousLedger[];
  /** County table only (expectedUnits given); otherwise null. */
  coverage: { reported: number; expected: number; missing: string[] } | null;
  /** The 说明 text (without the “说明：” label), e.g. `其中未分类 1 个（保家镇 1 个），未计入四类……`. */
  text: string;
}

/** Names listed in one note before “等 N 个”: keeps the line bounded whatever the county size. */
export const MAX_NAMES = 12;

/** A bounded list of names for a 说明 line: the first MAX_NAMES, then “等 N 个”. */
export function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMES).join('、');
  return list.length > MAX_NAMES ? `${shown}等 ${list.length} 个` : shown;
}

/** Projects in 项目数 but in none of the four category columns. */
export function unclassifiedOf(row: StatsRow): number {
  return row.uncategorized;
}

export function statsNotes(input: StatsNotesInput): StatsNotes {
  const total = input.total ?? mergeStats(input.rows);
  const unclassified = unclassifiedOf(total);
  const unclassifiedByUnit = input.rows
    .map((r) => ({ unit: r.unit, count: unclassifiedOf(r) }))
    .filter((u) => u.count > 0);
  const erroneous = [...(input.erroneous ?? [])];
  const parts: string[] = [];

  if (unclassified > 0) {
    const byUnit =
      input.rows.length > 1 && unclassifiedByUnit.length > 0
        ? `（${names(unclassifiedByUnit.map((u) => `${u.unit} ${u.count} 个`))}）`
        : '';
    parts.push(
      `其中未分类 ${unclassified} 个${byUnit}：项目数 ${total.projects} 个，四类合计 ${total.projects - unclassified} 个，未分类项目未计入四类`,
    );
  } else {
    parts.push(`项目均已分类：四类合计等于项目数 ${total.projects} 个`);
  }

  const counted = erroneous.filter((e) => e.included);
  const left = erroneous.filter((e) => !e.included);
  const named = (list: ErroneousLedger[]) => names(list.map((e) => `${e.unit}（${e.errors} 个错误）`));
  if (counted.length > 0) parts.push(`以下单位的台账仍有错误，已计入本表、数字待核实：${named(counted)}`);
  if (left.length > 0) parts.push(`以下单位的台账有错误，未计入本表：${named(left)}`);

  let coverage: StatsNotes['coverage'] = null;
  if (input.expectedUnits) {
    const reportedUnits = new Set(input.rows.map((r) => r.unit));
    const missing = input.expectedUnits.filter((u) => !reportedUnits.has(u));
    const expected = input.expectedUnits.length;
    coverage = { reported: expected - missing.length, expected, missing };
    parts.push(
      missing.length === 0
        ? `应报 ${expected} 个单位均已报送`
        : `已报 ${coverage.reported} / 应报 ${expected} 个单位，未报：${names(missing)}（合计不含未报单位）`,
    );
  }

  return { unclassified, unclassifiedByUnit, erroneous, coverage, text: `${parts.join('；')}。` };
}

/** The 说明 row's text as printed under a table: `说明：…`. */
export function notesLine(notes: StatsNotes): string {
  return `说明：${notes.text}`;
}

/** The 合计 label of a county table: `合计（已报 7 / 应报 10 个单位）`; plain 合计 without coverage. */
export function totalLabel(notes: StatsNotes): string {
  return notes.coverage ? countyTotalLabel(notes.coverage.reported, notes.coverage.expected) : TOTAL_UNIT;
}
