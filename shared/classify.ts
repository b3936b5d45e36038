/**
 * The 四个一批 classification suggestion (spec §4, 分类标准（三）–（六）) as a data table.
 * Evaluated top-down; the first rule with a matching condition wins. Advice only: the county's
 * leading group decides.
 */
import { type Category, COLUMN_KEYS, type ColumnKey, columnLabel, quotedLabel } from './ledger/columns.js';
import type { LedgerRow } from './ledger/types.js';

/** One observable fact about a row: a field equals a value, includes an item, or is filled. */
export type Condition =
  | { field: ColumnKey; equals: string }
  | { field: ColumnKey; includes: string }
  | { field: ColumnKey; filled: true };

export interface ClassifyRule {
  id: string;
  category: Category;
  /** Clause of the county notice the suggestion refers to (参照). */
  clause: string;
  /**
   * The clause names conditions the ledger does not record (（三）/（四）: 发展势头, 产业链, 加工转化,
   * 营销, 科技支撑, 风险机制): the reason then says they are confirmed by the 实地调研 (十二).
   */
  surveyConfirms?: boolean;
  /** Any one condition suffices. An empty list matches every fully described row. */
  when: readonly Condition[];
}

/** Spec §4, top-down, first match wins. A county may pass its own table to classify(). */
export const CLASSIFY_RULES: readonly ClassifyRule[] = [
  {
    id: 'classify.rebuild',
    category: '重建',
    clause: '（六）2、3',
    when: [
      { field: 'operation', equals: '终止经营' },
      { field: 'functionStatus', equals: '灭失' },
    ],
  },
  {
    id: 'classify.revitalize',
    category: '盘活',
    clause: '（五）',
    when: [
      { field: 'problems', includes: '停产' },
      { field: 'useStatus', equals: '闲置' },
      { field: 'problems', includes: '合作主体持续经营存在重大不确定性' },
      { field: 'problems', includes: '到期未全额返还本金' },
      { field: 'problems', includes: '未足额分红' },
    ],
  },
  {
    id: 'classify.upgrade',
    category: '提升',
    clause: '（四）',
    surveyConfirms: true,
    when: [
      { field: 'operation', equals: '经营困难' },
      { field: 'functionStatus', equals: '损坏' },
      { field: 'linkage', equals: '不充分' },
      { field: 'problems', includes: '亏损' },
      { field: 'problems', includes: '未落实联农带农' },
      { field: 'causes', filled: true },
    ],
  },
  { id: 'classify.consolidate', category: '巩固', clause: '（三）', surveyConfirms: true, when: [] },
];

/** Fields without which only a rule matched on known facts can be suggested. */
export const CLASSIFY_INPUTS: readonly ColumnKey[] = ['functionStatus', 'useStatus', 'operation', 'linkage'];
/** The catch-all (none of the above) also needs these known: an unknown 存在问题 may hide a problem. */
const CATCH_ALL_INPUTS: readonly ColumnKey[] = [...CLASSIFY_INPUTS, 'problems', 'causes'];

export interface Suggestion {
  row: number;
  entered: Category | null;
  category: Category | null;
  ruleId: string;
  clause: string | null;
  /** One line of Chinese: the ledger facts that led here and the clause referred to (参照). */
  reason: string;
}

const NOTHING_UNKNOWN: ReadonlySet<ColumnKey> = new Set();

/** A condition as the check evaluates it: the column's position in a row's values, and the test. */
interface Test {
  index: number;
  field: ColumnKey;
  kind: 'equals' | 'includes' | 'filled';
  value: string;
}

const COLUMN_INDEX = new Map<ColumnKey, number>(COLUMN_KEYS.map((k, i) => [k, i]));
const compiled = new WeakMap<readonly Condition[], readonly Test[]>();

/** A rule's conditions as tests (made once per condition list). */
function testsOf(when: readonly Condition[]): readonly Test[] {
  let tests = compiled.get(when);
  if (tests === undefined) {
    tests = when.map((c) => ({
      index: COLUMN_INDEX.get(c.field) as number,
      field: c.field,
      kind: 'equals' in c ? 'equals' : 'includes' in c ? 'includes' : 'filled',
      value: 'equals' in c ? c.equals : 'includes' in c ? c.includes : '',
    }));
    compiled.set(when, tests);
  }
  return tests;
}

/** The rule table judged last and its rules' tests: one table serves a whole ledger, row after row. */
let lastTable: readonly ClassifyRule[] | null = null;
let lastTableTests: readonly (readonly Test[])[] = [];

/** The tests of each rule of a table, by rule index. */
function tableTests(rules: readonly ClassifyRule[]): readonly (readonly Test[])[] {
  if (rules !== lastTable || rules.length !== lastTableTests.length) {
    lastTableTests = rules.map((rule) => testsOf(rule.when));
    lastTable = rules;
  }
  return lastTableTests;
}

/** `values`: the row's values in COLUMN_KEYS order. */
function holds(values: readonly unknown[], t: Test, unknown: ReadonlySet<ColumnKey>): boolean {
  if (unknown.size > 0 && unknown.has(t.field)) return false; // unknown: neither true nor false
  const value = values[t.index];
  if (t.kind === 'equals') return value === t.value;
  if (t.kind === 'includes') return Array.isArray(value) && value.includes(t.value);
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== '';
}

/** The column's own name as the clerk reads it in a fact: 生产经营情况, 存在问题, 项目名称. */
function shortLabel(key: ColumnKey): string {
  const full = columnLabel(key);
  const slash = full.lastIndexOf('/');
  return slash < 0 ? full : full.slice(slash + 1);
}

/** One ledger fact: `生产经营情况=经营困难`, `存在问题含停产`, `原因分析=技术原因、管理不善`. */
export function describeCondition(c: Condition, row?: LedgerRow): string {
  const label = shortLabel(c.field);
  if ('equals' in c) return `${label}=${c.equals}`;
  if ('includes' in c) return `${label}含${c.includes}`;
  const value = row ? (row as unknown as Record<string, unknown>)[c.field] : undefined;
  const shown = Array.isArray(value) ? value.join('、') : typeof value === 'string' ? value : '';
  return shown === '' ? `${label}已填写` : `${label}=${shown}`;
}

/** “…。参照分类标准（四），建议提升；（四）所列条件（…）须经实地调研（十二）确认”. Never 属/符合. */
function referTo(rule: ClassifyRule): string {
  const survey = rule.surveyConfirms
    ? `；${rule.clause}本身所列条件（如发展势头、产业链、科技支撑、风险机制）台账未记载，须经实地调研（十二）确认`
    : '';
  return `参照分类标准${rule.clause}，建议${rule.category}${survey}`;
}

const catchAllReasons = new Map<ClassifyRule, string>();

/** The reason for the catch-all rule does not depend on the row: build it once per rule. */
function catchAllReason(rule: ClassifyRule): string {
  let reason = catchAllReasons.get(rule);
  if (reason === undefined) {
    reason = `台账记载：生产经营情况=经营正常；使用现状=在用；功能现状=正常；发挥联农带农作用=充分；存在问题、原因分析均为空。${referTo(rule)}`;
    catchAllReasons.set(rule, reason);
  }
  return reason;
}

/** Rows whose matched conditions are all row-independent share their reason: by rule, then by mask. */
const matchedReasons = new WeakMap<ClassifyRule, Map<number, string>>();
/** Conditions of one rule as a bit mask: rules with more are described afresh every time. */
const MASK_BITS = 30;

/** `台账记载：…。参照…` for the matched conditions of `rule` (bit i = rule.when[i]). */
/** Reasons whose mask has one 已填写 condition, by mask and then by that cell's shown value (bounded). */
const filledReasons = new WeakMap<ClassifyRule, Map<number, Map<string, string>>>();
const MAX_FILLED_CACHED = 1000;

function matchedReason(rule: ClassifyRule, mask: number, row: LedgerRow): string {
  let filled = -1;
  let filledCount = 0;
  for (let i = 0; i < rule.when.length; i++) {
    if (mask & (1 << i) && 'filled' in (rule.when[i] as Condition)) {
      filled = i;
      filledCount++;
    }
  }
  if (filledCount === 1) return filledReason(rule, mask, row, (rule.when[filled] as Condition).field);
  const byMask = filledCount === 0 ? (matchedReasons.get(rule) ?? new Map<number, string>()) : undefined;
  const cached = byMask?.get(mask);
  if (cached !== undefined) return cached;
  const reason = buildReason(rule, mask, row);
  if (byMask) {
    byMask.set(mask, reason);
    matchedReasons.set(rule, byMask);
  }
  return reason;
}

/** The reason when one matched condition is 已填写 on `field`: it names the cell's value, so it is cached by that value. */
function filledReason(rule: ClassifyRule, mask: number, row: LedgerRow, field: ColumnKey): string {
  const value = (row as unknown as Record<string, unknown>)[field];
  const shown =
    Array.isArray(value) && value.length === 1 && typeof value[0] === 'string'
      ? value[0]
      : Array.isArray(value)
        ? value.join('、')
        : typeof value === 'string'
          ? value
          : '';
  let byMask = filledReasons.get(rule);
  if (byMask === undefined) {
    byMask = new Map();
    filledReasons.set(rule, byMask);
  }
  let byValue = byMask.get(mask);
  if (byValue === undefined) {
    byValue = new Map();
    byMask.set(mask, byValue);
  }
  let reason = byValue.get(shown);
  if (reason === undefined) {
    reason = buildReason(rule, mask, row);
    if (byValue.size < MAX_FILLED_CACHED) byValue.set(shown, reason);
  }
  return reason;
}

function buildReason(rule: ClassifyRule, mask: number, row: LedgerRow): string {
  const facts = rule.when
    .filter((_, i) => mask & (1 << i))
    .map((c) => describeCondition(c, row))
    .join('；');
  return `台账记载：${facts}。${referTo(rule)}`;
}

const CATCH_ALL_INDEX = CATCH_ALL_INPUTS.map((f) => COLUMN_INDEX.get(f) as number);

/** Whether the i-th catch-all input is blank or unknown in the row. */
function inputMissing(values: readonly unknown[], unknown: ReadonlySet<ColumnKey>, i: number): boolean {
  return (
    values[CATCH_ALL_INDEX[i] as number] === null || (unknown.size > 0 && unknown.has(CATCH_ALL_INPUTS[i] as ColumnKey))
  );
}

function someUnknown(values: readonly unknown[], unknown: ReadonlySet<ColumnKey>): boolean {
  for (let i = 0; i < CATCH_ALL_INPUTS.length; i++) if (inputMissing(values, unknown, i)) return true;
  return false;
}

/**
 * What classification decided for a row, written by judge() into an object reused row after row:
 * `rule` is the index of the matching rule in the table, or the table's length when the ledger
 * does not record enough to suggest anything.
 */
export interface Verdict {
  rule: number;
  reason: string;
}

/**
 * The suggestion for one row. `unknown`: the row's cells that are neither blank nor a value
 * (invalid, or their column absent): a condition on them neither holds nor fails.
 */
export function classify(
  row: LedgerRow,
  rules: readonly ClassifyRule[] = CLASSIFY_RULES,
  unknown: ReadonlySet<ColumnKey> = NOTHING_UNKNOWN,
): Suggestion {
  const verdict = judge(row, rules, unknown, { rule: 0, reason: '' });
  return writeSuggestion(blankSuggestion(), row.row, row.category, rules, verdict);
}

/** A Suggestion to write into (writeSuggestion). */
export function blankSuggestion(): Suggestion {
  return { row: 0, entered: null, category: null, ruleId: '', clause: null, reason: '' };
}

/**
 * classify() without the Suggestion: the matching rule and its reason, into `out`. `values`: the
 * row's values in COLUMN_KEYS order, when the caller has them (else they are read from `row`).
 */
export function judge(
  row: LedgerRow,
  rules: readonly ClassifyRule[],
  unknown: ReadonlySet<ColumnKey>,
  out: Verdict,
  values: readonly unknown[] = valuesOf(row),
): Verdict {
  const testsByRule = tableTests(rules);
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as ClassifyRule;
    const tests = testsByRule[r] as readonly Test[];
    if (tests.length === 0) {
      if (someUnknown(values, unknown)) break;
      return decided(out, r, catchAllReason(rule));
    }
    if (tests.length <= MASK_BITS) {
      let mask = 0;
      for (let i = 0; i < tests.length; i++) if (holds(values, tests[i] as Test, unknown)) mask |= 1 << i;
      if (mask !== 0) return decided(out, r, matchedReason(rule, mask, row));
      continue;
    }
    const matched = rule.when.filter((_, i) => holds(values, tests[i] as Test, unknown));
    if (matched.length > 0) {
      const facts = matched.map((c) => describeCondition(c, row)).join('；');
      return decided(out, r, `台账记载：${facts}。${referTo(rule)}`);
    }
  }
  const missing = CATCH_ALL_INPUTS.filter((_, i) => inputMissing(values, unknown, i)).map(quotedLabel);
  return decided(out, rules.length, `${missing.join('、')}未填、填写有误或缺少该列，无法给出分类建议`);
}

function valuesOf(row: LedgerRow): unknown[] {
  const fields = row as unknown as Record<string, unknown>;
  return COLUMN_KEYS.map((k) => fields[k]);
}

function decided(out: Verdict, rule: number, reason: string): Verdict {
  out.rule = rule;
  out.reason = reason;
  return out;
}

/** The Suggestion of a verdict, written into `out` (a new object, or one reused while checking). */
export function writeSuggestion(
  out: Suggestion,
  row: number,
  entered: Category | null,
  rules: readonly ClassifyRule[],
  verdict: Verdict,
): Suggestion {
  const rule = rules[verdict.rule];
  out.row = row;
  out.entered = entered;
  out.category = rule ? rule.category : null;
  out.ruleId = rule ? rule.id : INSUFFICIENT;
  out.clause = rule ? rule.clause : null;
  out.reason = verdict.reason;
  return out;
}

const INSUFFICIENT = 'classify.insufficient';
