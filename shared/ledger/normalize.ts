/**
 * RawRecord → LedgerRow, with the cell-level issues (spec §2 cell values, §3 required / enum /
 * multi.enum / number / number.negative / number.unit / linkage.multiple-shortfalls).
 */
import { COLUMNS, type ColumnDef, type ColumnKey, columnLabel } from './columns.js';
import { ledgerRowOf, rawValuesOf } from './shape.js';
import { MULTI_SEPARATORS, ZERO_MARKERS } from './synonyms.js';
import { a1, cellText, foldKey, quote } from './text.js';
import type { Issue, LedgerRow, RawCell, RawRecord, Severity } from './types.js';

/** Above this many 万元 a value was probably typed in 元. */
export const MAX_PLAUSIBLE_WAN = 100000;
const YUAN_PER_WAN = 10000;

/** Builds an Issue for a row/column, filling the A1 address when the column position is known. */
export type IssueSink = (
  ruleId: string,
  severity: Severity,
  row: number | null,
  field: ColumnKey | null,
  message: string,
) => void;

export function issueSink(issues: Issue[], columns: Partial<Record<ColumnKey, number>> = {}): IssueSink {
  return (ruleId, severity, row, field, message) => {
    const index = field ? columns[field] : undefined;
    issues.push({
      row,
      field,
      cell: index === undefined || row === null ? null : a1(row, index),
      ruleId,
      severity,
      message,
    });
  };
}

/** Folded spelling → canonical value ('' = counts as blank), per enum/multi column. */
const lookups = new Map<string, Map<string, string>>();
for (const c of COLUMNS as readonly ColumnDef[]) {
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

const COLUMN_DEFS = COLUMNS as readonly ColumnDef[];
const NUMERIC_COLUMN = COLUMN_DEFS.map((c) => c.type === 'number' || c.type === 'integer');

/** The value as the clerk typed it, for messages (numbers arrive without text). */
function shown(raw: RawCell, text: string): string {
  return quote(typeof raw === 'number' ? String(raw) : text);
}

export function normalizeRecord(record: RawRecord, report: IssueSink): LedgerRow {
  const raws = rawValuesOf(record.cells);
  const values: unknown[] = [];
  const say = new CellReporter(report, record.row);
  for (let i = 0; i < COLUMN_DEFS.length; i++) {
    const c = COLUMN_DEFS[i] as ColumnDef;
    say.key = c.key as ColumnKey;
    const raw = raws[i] ?? null;
    // A number in a number column needs no text: skip making one (the common case for money).
    const text = typeof raw === 'number' && NUMERIC_COLUMN[i] ? '' : cellText(raw);
    values.push(normalizeCell(c, raw, text, say));
  }
  return ledgerRowOf(record.row, values);
}

/**
 * Reports an issue on the cell being normalised, prefixed with its row and column label. One per
 * record rather than a closure per cell: the hot path allocates (and, in bundles that keep
 * function names, names) as little as possible.
 */
class CellReporter {
  key: ColumnKey = 'seq';
  constructor(
    private readonly report: IssueSink,
    private readonly row: number,
  ) {}

  say(ruleId: string, severity: Severity, message: string): void {
    this.report(ruleId, severity, this.row, this.key, `第${this.row}行「${columnLabel(this.key)}」${message}`);
  }
}

type Say = CellReporter;

function normalizeCell(c: ColumnDef, raw: RawCell, text: string, say: Say): unknown {
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

function allowedList(c: ColumnDef): string {
  return (c.values ?? []).join('、');
}

function parseEnum(c: ColumnDef, text: string, say: Say): unknown {
  const key = c.key as ColumnKey;
  const canonical = text === '' ? '' : canonicalValue(key, text);
  if (canonical === undefined) {
    const items = splitItems(text).map((t) => canonicalValue(key, t));
    if (c.key === 'linkageShortfall' && items.length > 1 && items.every((v) => v)) {
      say.say(
        'linkage.multiple-shortfalls',
        'error',
        `填写了${items.length}个原因（${items.join('、')}）：按填表说明第6条只能在${allowedList(c)}中任选其一。`,
      );
      return null;
    }
    say.say('enum', 'error', `填写的${quote(text)}不是可选值：只能填写${allowedList(c)}之一。`);
    return null;
  }
  if (canonical === '') {
    if (c.required === true) say.say('required', 'error', `为空：该栏为必填项，请在${allowedList(c)}中选择一项。`);
    return null;
  }
  return canonical;
}

function splitItems(text: string): string[] {
  return text.split(MULTI_SEPARATORS).filter((t) => t !== '');
}

function parseMulti(c: ColumnDef, text: string, say: Say): unknown {
  if (text === '') return [];
  const key = c.key as ColumnKey;
  const values: string[] = [];
  const bad: string[] = [];
  // The whole cell first: a single value may itself contain a separator, e.g. "合作发展(入股)".
  const whole = canonicalValue(key, text);
  const items = whole !== undefined ? [text] : splitItems(text);
  for (const item of items) {
    const v = canonicalValue(key, item);
    if (v === undefined) bad.push(item);
    else if (v !== '' && !values.includes(v)) values.push(v);
  }
  if (bad.length > 0) {
    say.say(
      'multi.enum',
      'error',
      `中的${bad.map(quote).join('、')}不是可选项：可在${allowedList(c)}中多选，用“、”分隔。`,
    );
  }
  return values;
}

function parseInteger(c: ColumnDef, raw: RawCell, text: string, say: Say): unknown {
  if (text === '' && typeof raw !== 'number') {
    if (c.required === true) say.say('required', 'error', '为空：该栏为必填项，请填写年份，如 2021。');
    return null;
  }
  const n = typeof raw === 'number' ? raw : Number(text.replace(/年$/u, ''));
  if (!Number.isInteger(n)) {
    say.say(
      'number',
      'error',
      `填写的${shown(raw, text)}不是整数：请填写整数${c.key === 'year' ? '年份，如 2021' : ''}。`,
    );
    return null;
  }
  return n;
}

/** Money cells: numbers in 万元, possibly typed as text with 万/万元/元 or thousands separators. */
function parseMoney(c: ColumnDef, raw: RawCell, text: string, say: Say): unknown {
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
    const m = /^([-+]?[\d,]*\.?\d+)\s*(万元|万|元)?$/u.exec(text.replace(/\s+/gu, ''));
    if (!m) {
      say.say('number', 'error', `填写的${quote(text)}不是数字：请填写以万元为单位的数字，如 12.5。`);
      return null;
    }
    n = Number((m[1] ?? '').replace(/,/gu, ''));
    if (m[2] === '元') {
      fromYuan = true;
      n /= YUAN_PER_WAN;
    }
  }
  if (!Number.isFinite(n)) {
    say.say('number', 'error', `填写的${shown(raw, text)}不是数字：请填写以万元为单位的数字，如 12.5。`);
    return null;
  }
  const wan = roundWan(n);
  if (wan < 0) {
    say.say('number.negative', 'error', `填写的${shown(raw, text)}小于 0：金额不能为负数。`);
    return null;
  }
  if (fromYuan) {
    say.say(
      'number.unit',
      'warning',
      `填写的${quote(text)}按“元”换算为 ${wan} 万元：本栏单位为万元，请确认后改填万元数值。`,
    );
  } else if (wan > MAX_PLAUSIBLE_WAN) {
    say.say(
      'number.unit',
      'warning',
      `为 ${wan} 万元，超过 ${MAX_PLAUSIBLE_WAN} 万元（10亿元），可能误按“元”填写：本栏单位为万元，请核实。`,
    );
  }
  return wan;
}

/** 万元 kept to 元 precision (4 decimals), so sums in integer 元 are exact. */
export function roundWan(n: number): number {
  return Math.round(n * YUAN_PER_WAN) / YUAN_PER_WAN;
}

export function wanToYuan(wan: number): number {
  return Math.round(wan * YUAN_PER_WAN);
}

export function yuanToWan(yuan: number, decimals = 4): number {
  const factor = 10 ** (4 - decimals);
  return Math.round(yuan / factor) / (YUAN_PER_WAN / factor);
}
