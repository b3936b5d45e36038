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

export function ledgerRowOf(row: number, v: V): LedgerRow {
  return {
    row,
    seq: v[0] as LedgerRow['seq'],
    name: v[1] as string,
    code: v[2] as string,
    year: v[3] as LedgerRow['year'],
    category: v[4] as LedgerRow['category'],
    unit: v[5] as string,
    contact: v[6] as string,
    industry: v[7] as LedgerRow['industry'],
    investTotal: v[8] as LedgerRow['investTotal'],
    investSpecial: v[9] as LedgerRow['investSpecial'],
    investOther: v[10] as LedgerRow['investOther'],
    content: v[11] as string,
    location: v[12] as string,
    mode: v[13] as LedgerRow['mode'],
    valueBalance: v[14] as LedgerRow['valueBalance'],
    valueReceivable: v[15] as LedgerRow['valueReceivable'],
    valueAssets: v[16] as LedgerRow['valueAssets'],
    valueOther: v[17] as LedgerRow['valueOther'],
    functionStatus: v[18] as LedgerRow['functionStatus'],
    useStatus: v[19] as LedgerRow['useStatus'],
    operation: v[20] as LedgerRow['operation'],
    problems: v[21] as string[],
    causes: v[22] as string[],
    linkage: v[23] as LedgerRow['linkage'],
    linkageShortfall: v[24] as LedgerRow['linkageShortfall'],
    measures: v[25] as string,
    progress: v[26] as string,
    remarks: v[27] as string,
    tier: v[28] as LedgerRow['tier'],
    causesOther: '',
  };
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
  return [
    c.seq,
    c.name,
    c.code,
    c.year,
    c.category,
    c.unit,
    c.contact,
    c.industry,
    c.investTotal,
    c.investSpecial,
    c.investOther,
    c.content,
    c.location,
    c.mode,
    c.valueBalance,
    c.valueReceivable,
    c.valueAssets,
    c.valueOther,
    c.functionStatus,
    c.useStatus,
    c.operation,
    c.problems,
    c.causes,
    c.linkage,
    c.linkageShortfall,
    c.measures,
    c.progress,
    c.remarks,
    c.tier,
  ];
}
