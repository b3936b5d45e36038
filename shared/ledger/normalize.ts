/**
 * RawRecord → LedgerRow, with the cell-level issues (spec §2 cell values, §3 required / enum /
 * multi.enum / number / number.negative / number.unit for 元 / linkage.multiple-shortfalls).
 *
 * Cell semantics (spec §3): a value that is present but not allowed is reported here, once, and
 * the cell becomes *unknown* (RowFacts.unknown): neither blank nor a value for every other rule.
 * A cell whose column the sheet does not have is unknown too, and gets no issue here.
 */
import { type ColumnDef, type ColumnKey, type ColumnType, LEDGER_COLUMNS } from './columns.js';
import { parseAmountText, roundWan, YUAN_PER_WAN } from './money.js';
import { CellReporter, type IssueSink, NO_KEYS, type RowFacts } from './reporter.js';
import { ledgerRowOf, NO_ITEMS, rawValuesOf } from './shape.js';
import { isSeparator, ZERO_MARKERS } from './synonyms.js';
import { cellText, foldKey, quote } from './text.js';
import type { LedgerRow, RawCell, RawRecord } from './types.js';

export { CellReporter, type IssueSink, issueSink, NO_FACTS, type RowFacts } from './reporter.js';

/** Folded spelling → canonical value ('' = counts as blank), per enum/multi column. */
const lookups = new Map<string, Map<string, string>>();
for (const c of LEDGER_COLUMNS as readonly ColumnDef[]) {
  if (!c.values) continue;
  const map = new Map<string, string>();
  for (const v of c.values) map.set(foldKey(v), v);
  for (const [alias, canonical] of Object.entries(c.synonyms ?? {})) map.set(foldKey(alias), canonical);
  lookups.set(c.key, map);
}

export function canonicalValue(key: ColumnKey, text: string): string | undefined {
  const map = lookups.get(key);
  if (!map) return undefined;
  // Most cells are already spelled canonically: try them as they are before folding.
  return map.get(text) ?? map.get(foldKey(text));
}

/**
 * What normalisation reads of a column, in one object shape for every column: the ColumnDef
 * literals differ in shape (sub, values, blankIsZero…), and a property read that meets many shapes
 * is a slow lookup, paid on every cell.
 */
interface CellColumn {
  readonly key: ColumnKey;
  readonly type: ColumnType;
  readonly required: ColumnDef['required'];
  readonly values: readonly string[] | undefined;
  readonly blankIsZero: boolean;
  /** A number or integer column. */
  readonly numeric: boolean;
  /** Folded spelling → canonical value (enum / multi). Its keys are foldKey outputs, which cellText leaves unchanged. */
  readonly lookup: Map<string, string> | undefined;
  /** Multi-select: cell text → its values, for texts read without note or bad item (see parseMulti). */
  readonly parsed: Map<string, readonly string[]> | null;
  /** “巩固、提升、盘活、重建”: the allowed values, for messages. */
  readonly allowed: string;
}

const CELL_COLUMNS: readonly CellColumn[] = (LEDGER_COLUMNS as readonly ColumnDef[]).map((c) => ({
  key: c.key as ColumnKey,
  type: c.type,
  required: c.required,
  values: c.values,
  blankIsZero: c.blankIsZero === true,
  numeric: c.type === 'number' || c.type === 'integer',
  lookup: lookups.get(c.key),
  parsed: c.type === 'multi' ? new Map() : null,
  allowed: (c.values ?? []).join('、'),
}));

/** Texts remembered per multi-select column (a ledger repeats a few combinations row after row). */
const MAX_PARSED = 256;

/**
 * Per column, the last text cell read: the text, its cell text, and its value from the column's
 * lookup (undefined when it has none). A pure memo of readText: cell text and lookups depend on
 * the text alone.
 */
const lastRaw: (string | undefined)[] = CELL_COLUMNS.map(() => undefined);
const lastText: string[] = CELL_COLUMNS.map(() => '');
const lastValue: (string | undefined)[] = CELL_COLUMNS.map(() => undefined);

function readText(i: number, raw: string): void {
  // Text that is already a folded spelling of the column's values is its own cell text.
  const value = (CELL_COLUMNS[i] as CellColumn).lookup?.get(raw);
  lastRaw[i] = raw;
  lastValue[i] = value;
  lastText[i] = value === undefined ? cellText(raw) : raw;
}

/** The value as the clerk typed it, for messages (numbers arrive without text). */
function shown(raw: unknown, text: string): string {
  return quote(typeof raw === 'number' ? String(raw) : text);
}

/** RawRecord → LedgerRow (issues go to `report`). `absent`: columns the sheet does not have. */
export function normalizeRecord(record: RawRecord, report: IssueSink, absent?: ReadonlySet<ColumnKey>): LedgerRow {
  return normalizeWithFacts(record, report, absent).row;
}

/** The same, with the facts the cross-field rules need (which cells are unknown). */
export function normalizeWithFacts(
  record: RawRecord,
  report: IssueSink,
  absent: ReadonlySet<ColumnKey> = NO_KEYS,
): { row: LedgerRow; facts: RowFacts } {
  const say = new CellReporter(report);
  const values: unknown[] = [];
  say.begin(record.row);
  normalizeValues(rawValuesOf(record.cells), { say, absent, out: values });
  return { row: ledgerRowOf(record.row, values, say.other), facts: say.facts() };
}

/**
 * Where one row's normalised values go: the reporter for its cell issues (begun for the row,
 * CellReporter.begin; the row's facts are then `say.facts()` and its 其他 explanations
 * `say.other`), the columns the sheet lacks, and the values in COLUMNS order (`out`, which may be
 * reused row after row).
 */
export interface RowTarget {
  readonly say: CellReporter;
  readonly absent: ReadonlySet<ColumnKey>;
  readonly out: unknown[];
}

/** One row's raw cells (COLUMNS order, blank = undefined) → its normalised values. */
export function normalizeValues(raws: readonly (RawCell | undefined)[], to: RowTarget): void {
  for (let i = 0; i < CELL_COLUMNS.length; i++) to.out[i] = normalizeAt(i, raws[i] ?? null, to);
}

/**
 * normalizeValues straight from a grid row: `positions[i]` is the grid column of LEDGER_COLUMNS[i]
 * (undefined: absent). The result is that of normalizeValues on the row's raw cells (toRawCell):
 * only its trimming is left out, as cell text is trimmed anyway.
 */
export function normalizeGridValues(
  cells: readonly unknown[],
  positions: readonly (number | undefined)[],
  to: RowTarget,
): void {
  for (let i = 0; i < CELL_COLUMNS.length; i++) {
    const index = positions[i];
    to.out[i] = normalizeAt(i, index === undefined ? null : gridValue(cells[index]), to);
  }
}

/**
 * normalizeValues straight from records by column (RawColumns): `columns[i]` holds LEDGER_COLUMNS[i]
 * for every record (undefined: not sent), and the row is the record at `index`.
 */
export function normalizeColumnValues(
  columns: readonly (readonly RawCell[] | undefined)[],
  index: number,
  to: RowTarget,
): void {
  for (let i = 0; i < CELL_COLUMNS.length; i++) to.out[i] = normalizeAt(i, columns[i]?.[index] ?? null, to);
}

/** A grid cell as toRawCell reads it, but untrimmed and not made text: blank and non-finite numbers are null. */
function gridValue(value: unknown): unknown {
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return null;
  return value;
}

/** The normalised value of column `i`'s cell `raw` (a raw cell, or any grid value: see gridValue). */
function normalizeAt(i: number, raw: unknown, to: RowTarget): unknown {
  const { say, absent } = to;
  const c = CELL_COLUMNS[i] as CellColumn;
  say.key = c.key;
  if (absent.size > 0 && absent.has(say.key)) {
    say.markUnknown();
    return absentValue(c);
  }
  // A number in a number column needs no text: skip making one (the common case for money).
  // Text that is already a folded spelling of the column's values is its own cell text, and in
  // an enum column its value (unless it is a spelling of blank).
  let text: string;
  if (typeof raw === 'number' && c.numeric) text = '';
  else if (typeof raw === 'string') {
    // Columns repeat their texts row after row: the last one's reading is kept per column.
    if (raw !== lastRaw[i]) readText(i, raw);
    const value = lastValue[i];
    if (value !== undefined && value !== '' && c.type === 'enum') return value;
    text = lastText[i] as string;
  } else text = cellText(raw);
  return normalizeCell(c, raw, text, say);
}

/** The value of a cell whose column is absent: blank of its type (the cell is marked unknown). */
function absentValue(c: CellColumn): unknown {
  if (c.type === 'text') return '';
  if (c.type === 'multi') return NO_ITEMS;
  return null;
}

type Say = CellReporter;

function normalizeCell(c: CellColumn, raw: unknown, text: string, say: Say): unknown {
  switch (c.type) {
    case 'text':
      if (text === '' && c.required === true) say.say('required', 'error', '为空：该栏为必填项，请填写。');
      return text;
    case 'integer':
      return parseInteger(c, raw, text, say);
    case 'number':
      return parseMoney(c, raw, text, say);
    case 'enum':
      return parseEnum(c, text, say);
    case 'multi':
      return parseMulti(c, text, say);
  }
}

/** Items named in one message: at most this many, then the count (messages stay bounded). */
const MAX_LISTED = 5;

function listed(items: readonly string[]): string {
  const distinct = [...new Set(items)];
  const shown = distinct.slice(0, MAX_LISTED).join('、');
  return distinct.length > MAX_LISTED ? `${shown}等 ${distinct.length} 项` : shown;
}

// The hot parsers keep their rare paths in functions of their own: a local captured by a closure
// costs a context allocation on every call, even when the closure is never made.
function parseEnum(c: CellColumn, text: string, say: Say): unknown {
  const canonical = text === '' ? '' : canonicalValue(c.key, text);
  if (canonical === undefined) return invalidEnum(c, text, say);
  if (canonical === '') {
    if (c.required === true) say.say('required', 'error', `为空：该栏为必填项，请在${c.allowed}中选择一项。`);
    return null;
  }
  return canonical;
}

/** An enum cell that is not one allowed value: the same shortfall written twice, or an issue. */
function invalidEnum(c: CellColumn, text: string, say: Say): unknown {
  const key = c.key;
  const items = key === 'linkageShortfall' ? splitItems(text).map((t) => canonicalValue(key, t)) : [];
  if (items.length > 1 && items.every((v) => v)) {
    const distinct = [...new Set(items as string[])];
    if (distinct.length === 1) return distinct[0]; // the same reason written twice is one reason
    return say.invalid(
      'linkage.multiple-shortfalls',
      `填写了${distinct.length}个原因（${listed(distinct.map((v) => `“${v}”`))}）：按填表说明第6条只能在${c.allowed}中任选其一。`,
    );
  }
  return say.invalid('enum', `填写的${quote(text)}不是可选值：只能填写${c.allowed}之一。`);
}

/** The items of a multi-select cell: the text between separators (MULTI_SEPARATORS), none empty. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSeparator(text.charCodeAt(i))) continue;
    if (i > start) items.push(text.slice(start, i));
    start = i + 1;
  }
  return items;
}

/** The value that takes an explanation in a multi-select (spec §3: 其他（说明）, 其他：说明, 其他-说明). */
const OTHER = '其他';
/** 其他/其它 + (note), :note or -note; cell text is width-folded, so （） and ： arrive as () and :. */
const OTHER_WITH_NOTE =
  /(?:其他|其它)\s*(?:\(([^)]*)\)?|:\s*([^、，,；;/／\r\n]*)|[-—–~～]+\s*([^、，,；;/／\r\n]*))/gu;

/**
 * A multi-select cell's values. A text read without 其他 note or bad item is remembered with its
 * values (frozen, shared by the rows that have it; LedgerRows get their own copy, ledgerRowOf): the
 * same few combinations come back row after row, and each was a split and a new list.
 */
function parseMulti(c: CellColumn, text: string, say: Say): unknown {
  if (text === '') return NO_ITEMS;
  const known = c.parsed?.get(text);
  if (known !== undefined) return known;
  const notes: string[] = [];
  const bad: string[] = [];
  const values = readMulti(c, text, notes, bad);
  if (notes.length > 0) say.other = say.other === '' ? notes.join('；') : `${say.other}；${notes.join('；')}`;
  if (bad.length > 0) {
    say.invalid(
      'multi.enum',
      `中的${listed(bad.map(quote))}不是可选项：可在${c.allowed}中多选，用“、”分隔；其他原因写作“其他（说明）”。`,
    );
  }
  if (notes.length > 0 || bad.length > 0 || !c.parsed) return values;
  if (c.parsed.size >= MAX_PARSED) c.parsed.clear();
  c.parsed.set(text, Object.freeze(values));
  return values;
}

/** The allowed values of a multi-select text, in order and once each; 其他 notes and bad items into the lists given. */
function readMulti(c: CellColumn, text: string, notes: string[], bad: string[]): string[] {
  const key = c.key;
  let rest = text;
  if (c.values?.includes(OTHER) && (text.includes(OTHER) || text.includes('其它'))) {
    rest = takeNotes(key, text, notes);
  }
  // The whole cell first: a single value may itself contain a separator, e.g. "合作发展(入股)".
  const whole = canonicalValue(key, rest);
  if (whole !== undefined && notes.length === 0) return whole === '' ? [] : [whole];
  const values: string[] = [];
  const items = whole !== undefined ? [rest] : splitItems(rest);
  for (const item of items) {
    const v = canonicalValue(key, item);
    if (v === undefined) bad.push(item);
    else if (v !== '' && !values.includes(v)) values.push(v);
  }
  return values;
}

/** The text with each 其他 + explanation replaced by 、其他、 (and the values after it); the explanations into `notes`. */
function takeNotes(key: ColumnKey, text: string, notes: string[]): string {
  return text.replace(OTHER_WITH_NOTE, (_m, paren?: string, colon?: string, dash?: string) => {
    const { note, tail } = splitNote(key, (paren ?? colon ?? dash ?? '').trim());
    if (note !== '') notes.push(note);
    return `、${OTHER}、${tail}`;
  });
}

/**
 * An explanation after 其他： or 其他- runs to the next separator; allowed values written after it
 * with a space (`其他：天气干旱 资金短缺`) are items of their own, not part of the note.
 */
function splitNote(key: ColumnKey, note: string): { note: string; tail: string } {
  const words = note.split(/\s+/u);
  const tail: string[] = [];
  while (words.length > 1 && canonicalValue(key, words[words.length - 1] as string))
    tail.unshift(words.pop() as string);
  return { note: words.join(' '), tail: tail.join('、') };
}

function parseInteger(c: CellColumn, raw: unknown, text: string, say: Say): unknown {
  if (text === '' && typeof raw !== 'number') {
    if (c.required === true) say.say('required', 'error', '为空：该栏为必填项，请填写年份，如 2021。');
    return null;
  }
  const n = typeof raw === 'number' ? raw : Number(text.replace(/年$/u, ''));
  if (!Number.isInteger(n)) {
    return say.invalid(
      'number',
      `填写的${shown(raw, text)}不是整数：请填写整数${c.key === 'year' ? '年份，如 2021' : ''}。`,
    );
  }
  return n;
}

/** Money cells: numbers in 万元, possibly typed as text with 万/万元/元 or thousands separators. */
function parseMoney(c: CellColumn, raw: unknown, text: string, say: Say): unknown {
  if (typeof raw !== 'number' && (text === '' || (c.blankIsZero && ZERO_MARKERS.includes(text)))) {
    if (text === '' && c.required === true) {
      say.say('required', 'error', '为空：该栏为必填项，请填写金额（万元），没有请填 0。');
      return null;
    }
    return c.blankIsZero ? 0 : null;
  }
  let n: number;
  let fromYuan = false;
  if (typeof raw === 'number') n = raw;
  else {
    const amount = parseAmountText(text);
    if (amount === null)
      return say.invalid('number', `填写的${quote(text)}不是数字：请填写以万元为单位的数字，如 12.5。`);
    n = amount.n;
    if (amount.unit === '元') {
      fromYuan = true;
      n /= YUAN_PER_WAN;
    }
  }
  if (!Number.isFinite(n)) {
    return say.invalid('number', `填写的${shown(raw, text)}不是数字：请填写以万元为单位的数字，如 12.5。`);
  }
  const wan = roundWan(n);
  if (wan < 0) return say.invalid('number.negative', `填写的${shown(raw, text)}小于 0：金额不能为负数。`);
  if (fromYuan) {
    say.say(
      'number.unit',
      'warning',
      `填写的${quote(text)}按“元”换算为 ${wan} 万元：本栏单位为万元，请确认后改填万元数值。`,
    );
    say.markConverted();
  }
  // Implausibly large amounts are a ledger-level check (rules/amounts.ts): the bound is configurable.
  return wan;
}
