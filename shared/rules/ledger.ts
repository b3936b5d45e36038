/**
 * Rules over the whole ledger (spec §3): meta.unit-missing, ledger.empty, header.missing-column
 * (for the columns a rule needs), code.duplicate, number.unit (implausible amounts), total.mismatch.
 * Every message is bounded: its length does not grow with the number of rows.
 */
import { COLUMNS, type ColumnKey, quotedLabel } from '../ledger/columns.js';
import { foldCode, stripInvisible } from '../ledger/fold.js';
import { wanToYuan, yuanToWan } from '../ledger/money.js';
import { type IssueSink, normalizeRecord, type RowFacts } from '../ledger/normalize.js';
import { LedgerTable } from '../ledger/table.js';
import { quote } from '../ledger/text.js';
import type { LedgerMeta, LedgerRow, RawRecord, Severity } from '../ledger/types.js';
import { medianInPlace } from './median.js';

const MONEY_KEYS = COLUMNS.filter((c) => c.type === 'number').map((c) => c.key as ColumnKey);

export function checkMeta(meta: LedgerMeta, report: IssueSink): void {
  if (meta.unit) return;
  report(
    'meta.unit-missing',
    'warning',
    null,
    null,
    '表头“填报单位：”后为空：请在第2行填写本单位名称（如“保家镇”），汇总时按填报单位归集。',
  );
}

export const LEDGER_EMPTY_MESSAGE =
  '台账中没有任何项目行：表头下方只有空行或只填了序号（空白模板），或者单元格是公式但文件没有保存计算结果（请在 Excel 中打开、重新计算并保存后再校验）。请填写项目后再校验、上报。';

/**
 * The projects as a table: a LedgerTable as it is, LedgerRow[] (with their facts, by index) copied
 * into one. The ledger-level rules read columns.
 */
export type Projects = readonly LedgerRow[] | LedgerTable;

export function tableOf(rows: Projects, facts?: readonly (RowFacts | undefined)[]): LedgerTable {
  return rows instanceof LedgerTable ? rows : LedgerTable.of(rows, facts);
}

export function checkEmpty(rows: { readonly length: number }, report: IssueSink): void {
  if (rows.length === 0) report('ledger.empty', 'error', null, null, LEDGER_EMPTY_MESSAGE);
}

/** Rows that need a column the sheet does not have (a rule with `demands`), per column. */
export interface ColumnDemand {
  rows: number[];
  count: number;
  severity: Severity;
}

const SHOWN_ROWS = 3;

/** “第 6、9、12 行等 3,999 行”: at most SHOWN_ROWS row numbers, then the count. */
export function rowList(rows: readonly number[], count = rows.length): string {
  const shown = rows.slice(0, SHOWN_ROWS).join('、');
  return count > SHOWN_ROWS ? `第 ${shown} 行等 ${count.toLocaleString('en-US')} 行` : `第 ${shown} 行`;
}

/** A column a rule needs but the sheet lacks: one ledger-level issue, not one per row. */
export function reportDemands(demands: ReadonlyMap<ColumnKey, ColumnDemand>, report: IssueSink): void {
  for (const [key, d] of demands) {
    report(
      'header.missing-column',
      d.severity,
      null,
      key,
      `表头缺少栏目${quotedLabel(key)}：${rowList(d.rows, d.count)}按规则需要填写该栏。请按管理台账（附件5）补上该列后填写。`,
    );
  }
}

/**
 * code.duplicate: every row of a group gets the issue; its message names at most three other rows
 * and the count (“与第 6、9、12 行等 3,999 行重复”), so the output grows with the rows, not their square.
 * Codes compare after foldCode (NFKC, invisible characters removed, dashes folded).
 */
export function checkDuplicateCodes(rows: Projects, report: IssueSink, facts?: readonly RowFacts[]): void {
  const table = tableOf(rows, facts);
  const codes = table.column('code');
  const numbers = table.rowNumbers;
  const keys: string[] = new Array(codes.length);
  const indices = new Int32Array(codes.length);
  const unknownCode = table.anyUnknown('code');
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as string;
    if (code === '' || (unknownCode && table.facts(i).unknown.has('code'))) continue;
    const key = foldCode(code);
    if (key === '') continue;
    indices[n] = i;
    keys[n++] = key;
  }
  keys.length = n;
  // Repeated key → its project indices; the groups are reported in the order their codes first appear.
  const byCode = new Map<string, number[]>();
  for (const [a, b] of repeatedPairs(keys)) {
    const key = keys[a] as string;
    const seen = byCode.get(key);
    if (seen === undefined) byCode.set(key, [indices[a] as number, indices[b] as number]);
    else seen.push(indices[b] as number);
  }
  const groups = [...byCode.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
  for (const group of groups) {
    const first = group.slice(0, SHOWN_ROWS + 1).map((i) => numbers[i] as number);
    for (const i of group) {
      const row = numbers[i] as number;
      const others = first.filter((n) => n !== row).slice(0, SHOWN_ROWS);
      report(
        'code.duplicate',
        'error',
        row,
        'code',
        `第${row}行${quotedLabel('code')}${quote(stripInvisible(codes[i] as string))}与${rowList(others, group.length - 1)}重复：项目编号在台账中必须唯一。`,
      );
    }
  }
}

/**
 * Each later occurrence of a repeated key with the first occurrence of that key, as index pairs
 * [first, later] in the order of the later ones. An open-addressing table of indices over a
 * string hash: most ledgers have no repeat, and a Map of every code costs far more than this.
 */
export function repeatedPairs(keys: readonly string[]): [number, number][] {
  let size = 16;
  while (size < keys.length * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  const pairs: [number, number][] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    let h = 0x811c9dc5;
    for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const j = slots[p] as number;
      if (j < 0) {
        slots[p] = i;
        break;
      }
      if (keys[j] === key) {
        pairs.push([j, i]);
        break;
      }
    }
  }
  return pairs;
}

/** Default bound of number.unit: above this many 万元 (1 亿元) an amount was probably typed in 元. */
export const DEFAULT_MAX_PLAUSIBLE_WAN = 10000;
/** number.unit also flags an amount over this multiple of its column's median… */
export const MEDIAN_FACTOR = 100;
/** …in ledgers of at least this many projects. */
export const MEDIAN_MIN_PROJECTS = 5;

/**
 * Median of a money column's amounts above 0 (Infinity when none): plain loops, a quickselect.
 * Skipped (Infinity) when no amount can exceed `factor` × the median, which is at least the smallest.
 */
function positiveMedian(column: Amounts, factor: number): number {
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (!(v > 0)) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0 || max <= min * factor) return Number.POSITIVE_INFINITY;
  const values = new Float64Array(n);
  n = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (v > 0) values[n++] = v;
  }
  return medianInPlace(values);
}

/**
 * number.unit for amounts likely typed in 元 (spec §3): above `maxWan` 万元, or over 100× the
 * median of the column's amounts above 0 (ledgers of ≥ 5 projects). One warning per cell; cells
 * already converted from 元, and unknown cells, are left alone. `facts` go with LedgerRow[] (by
 * index); a LedgerTable carries its own.
 */
export function checkAmounts(
  rows: Projects,
  facts: readonly RowFacts[],
  report: IssueSink,
  maxWan: number = DEFAULT_MAX_PLAUSIBLE_WAN,
): void {
  const table = tableOf(rows, facts);
  const useMedian = table.length >= MEDIAN_MIN_PROJECTS;
  for (const key of MONEY_KEYS) {
    const column = table.amounts(key) as Amounts;
    const med = useMedian ? positiveMedian(column, MEDIAN_FACTOR) : Number.POSITIVE_INFINITY;
    const bound = Math.min(maxWan, med * MEDIAN_FACTOR);
    for (let i = 0; i < column.length; i++) {
      const v = column[i] as number;
      if (!(v > bound)) continue; // blank (null, NaN) or within the bound
      const f = table.facts(i);
      if (f.converted.includes(key) || f.unknown.has(key)) continue;
      const row = table.rowNumbers[i] as number;
      const label = `第${row}行${quotedLabel(key)}`;
      const message =
        v > maxWan
          ? `${label}为 ${v} 万元，超过 ${maxWan} 万元（${maxWan / 10000} 亿元），可能误按“元”填写：本栏单位为万元，请核实。`
          : `${label}为 ${v} 万元，是本台账该栏中位数 ${med} 万元的 ${Math.round(v / med)} 倍，可能误按“元”填写：本栏单位为万元，请核实。`;
      report('number.unit', 'warning', row, key, message);
    }
  }
}

/** A money column as a table stores it: NaN (typed) or null (plain) for blank. */
type Amounts = ArrayLike<number | null>;

/** The sum of a money column in 元, blanks as 0. */
function sumYuan(column: Amounts): number {
  let sum = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number | null;
    if (v !== null && !Number.isNaN(v)) sum += wanToYuan(v);
  }
  return sum;
}

/** total.mismatch; a column with an unknown cell in any project is not compared (its sum is unknown). */
export function checkTotals(
  totals: readonly RawRecord[],
  rows: Projects,
  report: IssueSink,
  facts: readonly RowFacts[] = [],
): void {
  if (totals.length === 0) return;
  const table = tableOf(rows, facts);
  for (const total of totals) {
    const stated = normalizeRecord(total, () => {});
    for (const key of MONEY_KEYS) {
      if (total.cells[key] === undefined || total.cells[key] === null) continue;
      const value = stated[key] as number | null;
      if (value === null) continue;
      if (table.anyUnknown(key)) continue;
      const sum = sumYuan(table.amounts(key) as Amounts);
      if (wanToYuan(value) === sum) continue;
      report(
        'total.mismatch',
        'warning',
        total.row,
        key,
        `第${total.row}行合计行${quotedLabel(key)}为 ${value}，但各项目之和为 ${yuanToWan(sum)}：请核对合计（合计行不计入项目数）。`,
      );
    }
  }
}
