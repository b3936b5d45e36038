/**
 * Object builders with every field in COLUMNS order, written out so that all rows share one
 * object shape: V8 then reads and writes their fields fast, which matters at 100,000 rows.
 * `values[i]` belongs to LEDGER_COLUMNS[i] (the 28 official columns, then the extras such as 主管层级);
 * shape.test.ts checks the two stay in step. Row facts that are no column (causesOther) come last.
 */
import { COLUMN_KEYS, type ColumnKey } from './columns.js';
import type { LedgerRow, RawCell } from './types.js';

/** A LedgerRow's fields in order: `row`, one per column, then the row facts that are no column. */
export const LEDGER_ROW_FIELDS: readonly (keyof LedgerRow)[] = ['row', ...COLUMN_KEYS, 'causesOther'];

type V = readonly unknown[];

/**
 * A blank multi-select cell while checking: one shared empty list, never handed out. Every LedgerRow
 * that is kept gets its own empty array instead (ledgerRowOf), so callers may still change theirs.
 */
export const NO_ITEMS: readonly string[] = Object.freeze([]);

/** A LedgerRow with every field blank, in field order (the one object shape of every row). */
export function blankLedgerRow(): LedgerRow {
  return {
    row: 0,
    seq: null,
    name: '',
    code: '',
    year: null,
    category: null,
    unit: '',
    contact: '',
    industry: null,
    investTotal: null,
    investSpecial: null,
    investOther: null,
    content: '',
    location: '',
    mode: null,
    valueBalance: null,
    valueReceivable: null,
    valueAssets: null,
    valueOther: null,
    functionStatus: null,
    useStatus: null,
    operation: null,
    problems: [],
    causes: [],
    linkage: null,
    linkageShortfall: null,
    measures: '',
    progress: '',
    remarks: '',
    tier: null,
    causesOther: '',
  };
}

/** Writes a row's values into `out` (a blankLedgerRow, possibly reused row after row). */
export function fillLedgerRow(out: LedgerRow, row: number, v: V, causesOther = ''): LedgerRow {
  out.row = row;
  out.seq = v[0] as LedgerRow['seq'];
  out.name = v[1] as string;
  out.code = v[2] as string;
  out.year = v[3] as LedgerRow['year'];
  out.category = v[4] as LedgerRow['category'];
  out.unit = v[5] as string;
  out.contact = v[6] as string;
  out.industry = v[7] as LedgerRow['industry'];
  out.investTotal = v[8] as LedgerRow['investTotal'];
  out.investSpecial = v[9] as LedgerRow['investSpecial'];
  out.investOther = v[10] as LedgerRow['investOther'];
  out.content = v[11] as string;
  out.location = v[12] as string;
  out.mode = v[13] as LedgerRow['mode'];
  out.valueBalance = v[14] as LedgerRow['valueBalance'];
  out.valueReceivable = v[15] as LedgerRow['valueReceivable'];
  out.valueAssets = v[16] as LedgerRow['valueAssets'];
  out.valueOther = v[17] as LedgerRow['valueOther'];
  out.functionStatus = v[18] as LedgerRow['functionStatus'];
  out.useStatus = v[19] as LedgerRow['useStatus'];
  out.operation = v[20] as LedgerRow['operation'];
  out.problems = v[21] as string[];
  out.causes = v[22] as string[];
  out.linkage = v[23] as LedgerRow['linkage'];
  out.linkageShortfall = v[24] as LedgerRow['linkageShortfall'];
  out.measures = v[25] as string;
  out.progress = v[26] as string;
  out.remarks = v[27] as string;
  out.tier = v[28] as LedgerRow['tier'];
  out.causesOther = causesOther;
  return out;
}

/**
 * A new LedgerRow from values in COLUMNS order, to keep: its multi-select lists are its own copies
 * (while checking, rows share lists: NO_ITEMS, and the lists parseMulti remembers per text).
 */
export function ledgerRowOf(row: number, v: V, causesOther = ''): LedgerRow {
  const out = fillLedgerRow(blankLedgerRow(), row, v, causesOther);
  out.problems = ownList(out.problems);
  out.causes = ownList(out.causes);
  return out;
}

function ownList<T>(list: T): T {
  return (Array.isArray(list) ? list.slice() : list) as T;
}

/** Raw cells by key; a blank is `undefined`, which JSON leaves out, so payloads stay sparse. */
export function rawCellsOf(v: readonly (RawCell | undefined)[]): Partial<Record<ColumnKey, RawCell>> {
  return {
    seq: v[0],
    name: v[1],
    code: v[2],
    year: v[3],
    category: v[4],
    unit: v[5],
    contact: v[6],
    industry: v[7],
    investTotal: v[8],
    investSpecial: v[9],
    investOther: v[10],
    content: v[11],
    location: v[12],
    mode: v[13],
    valueBalance: v[14],
    valueReceivable: v[15],
    valueAssets: v[16],
    valueOther: v[17],
    functionStatus: v[18],
    useStatus: v[19],
    operation: v[20],
    problems: v[21],
    causes: v[22],
    linkage: v[23],
    linkageShortfall: v[24],
    measures: v[25],
    progress: v[26],
    remarks: v[27],
    tier: v[28],
  } as Partial<Record<ColumnKey, RawCell>>;
}

/** The inverse of rawCellsOf: cell values in COLUMNS order (named reads, no keyed lookups). */
export function rawValuesOf(c: Partial<Record<ColumnKey, RawCell>>): (RawCell | undefined)[] {
  return rawValuesInto(c, []);
}

/** The same into `out` (reused row after row). */
export function rawValuesInto(
  c: Partial<Record<ColumnKey, RawCell>>,
  out: (RawCell | undefined)[],
): (RawCell | undefined)[] {
  out[0] = c.seq;
  out[1] = c.name;
  out[2] = c.code;
  out[3] = c.year;
  out[4] = c.category;
  out[5] = c.unit;
  out[6] = c.contact;
  out[7] = c.industry;
  out[8] = c.investTotal;
  out[9] = c.investSpecial;
  out[10] = c.investOther;
  out[11] = c.content;
  out[12] = c.location;
  out[13] = c.mode;
  out[14] = c.valueBalance;
  out[15] = c.valueReceivable;
  out[16] = c.valueAssets;
  out[17] = c.valueOther;
  out[18] = c.functionStatus;
  out[19] = c.useStatus;
  out[20] = c.operation;
  out[21] = c.problems;
  out[22] = c.causes;
  out[23] = c.linkage;
  out[24] = c.linkageShortfall;
  out[25] = c.measures;
  out[26] = c.progress;
  out[27] = c.remarks;
  out[28] = c.tier;
  return out;
}
