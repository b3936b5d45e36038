/**
 * The normalised projects of a ledger, stored by column: one array per column instead of one
 * 31-field object per row, so checking 100,000 rows does not build (and collect) 100,000 objects.
 * LedgerRow objects are built only when asked for (`row`, `rows`); `view` refills one shared object.
 * Number columns are Float64Arrays (NaN = blank): their values need no boxes, and the garbage
 * collector neither scans nor copies them while the table grows.
 */
import { COLUMN_KEYS, type ColumnDef, type ColumnKey, LEDGER_COLUMNS } from './columns.js';
import { NO_FACTS, type RowFacts } from './normalize.js';
import { blankLedgerRow, fillLedgerRow, ledgerRowOf } from './shape.js';
import type { LedgerRow } from './types.js';

/** Beyond this many rows the columns grow as needed (a larger `new Array(n)` may not stay a fast array). */
const MAX_PREALLOCATED = 1_000_000;
const COLUMN_INDEX = new Map<ColumnKey, number>(COLUMN_KEYS.map((k, i) => [k, i]));
const NUMERIC = (LEDGER_COLUMNS as readonly ColumnDef[]).map((c) => c.type === 'number' || c.type === 'integer');

type Column = unknown[] | Float64Array;

/** A number column's cell: a number, or NaN for blank (null). */
function fromNumeric(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

export class LedgerTable {
  /** Worksheet row of each project. */
  readonly rowNumbers: number[] = [];
  /**
   * columns[c][i]: the value of LEDGER_COLUMNS[c] in project i (allocated once for `capacity` rows);
   * a Float64Array for a number column as long as it holds only numbers and nulls.
   */
  private readonly columns: Column[];
  /** 其他 explanations, by project index (only the projects that have one). */
  private readonly others = new Map<number, string>();
  /** Facts, by project index (only the projects with an unknown or converted cell). */
  private readonly factsOf = new Map<number, RowFacts>();
  private readonly scratch: unknown[] = COLUMN_KEYS.map(() => null);
  private readonly cursor = blankLedgerRow();
  private built: LedgerRow[] | null = null;
  /** The columns may be longer than the table (capacity not yet used) until trim(). */
  private trimmed = true;

  /** `capacity`: the most rows expected (more are fine, they cost array growth). */
  constructor(capacity = 0) {
    const n = Math.min(Math.max(0, Math.floor(capacity)), MAX_PREALLOCATED);
    this.columns = NUMERIC.map((numeric) => (numeric ? new Float64Array(n) : new Array(n)));
    this.trimmed = n === 0;
  }

  get length(): number {
    return this.rowNumbers.length;
  }

  /** Adds a project: its values in COLUMNS order (copied), its 其他 explanation and facts. */
  push(row: number, values: readonly unknown[], causesOther: string, facts: RowFacts): void {
    const index = this.rowNumbers.length;
    this.rowNumbers.push(row);
    for (let c = 0; c < this.columns.length; c++) {
      const value = values[c];
      if (!NUMERIC[c]) {
        (this.columns[c] as unknown[])[index] = value;
        continue;
      }
      const column = this.columns[c] as Column;
      if (!(column instanceof Float64Array)) column[index] = value;
      else if (index < column.length && (value === null || (typeof value === 'number' && !Number.isNaN(value))))
        column[index] = value === null ? Number.NaN : value;
      else this.setSlow(c, index, value);
    }
    if (causesOther !== '') this.others.set(index, causesOther);
    if (facts !== NO_FACTS && (facts.unknown.size > 0 || facts.converted.length > 0)) this.factsOf.set(index, facts);
    this.built = null;
  }

  /** One column's values, by project index. */
  column<K extends ColumnKey>(key: K): readonly LedgerRow[K][] {
    this.trim();
    const column = this.columns[COLUMN_INDEX.get(key) as number] as Column;
    if (!(column instanceof Float64Array)) return column as LedgerRow[K][];
    const out: (number | null)[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = fromNumeric(column[i] as number);
    return out as LedgerRow[K][];
  }

  /**
   * A number column as it is stored: a Float64Array with NaN for blank, or (when some value was not
   * a number) the plain values. For reading amounts without copying them; never change it.
   */
  amounts(key: ColumnKey): Float64Array | readonly unknown[] {
    const column = this.columns[COLUMN_INDEX.get(key) as number] as Column;
    if (column instanceof Float64Array) return column.length === this.length ? column : column.subarray(0, this.length);
    this.trim();
    return column;
  }

  facts(index: number): RowFacts {
    return this.factsOf.size === 0 ? NO_FACTS : (this.factsOf.get(index) ?? NO_FACTS);
  }

  /** True when some project has an unknown cell in `key`. */
  anyUnknown(key: ColumnKey): boolean {
    for (const f of this.factsOf.values()) if (f.unknown.has(key)) return true;
    return false;
  }

  /** Project `index` as a new LedgerRow. */
  row(index: number): LedgerRow {
    return ledgerRowOf(this.rowNumbers[index] as number, this.gather(index), this.other(index));
  }

  /**
   * Project `index` in one shared object, overwritten by the next call: for reading a row's fields
   * at once (summaries), never for keeping.
   */
  view(index: number): LedgerRow {
    return fillLedgerRow(this.cursor, this.rowNumbers[index] as number, this.gather(index), this.other(index));
  }

  /** Every project as a LedgerRow (built once, on the first call). */
  rows(): LedgerRow[] {
    if (this.built === null) {
      const rows: LedgerRow[] = [];
      for (let i = 0; i < this.length; i++) rows.push(this.row(i));
      this.built = rows;
    }
    return this.built;
  }

  /** A table of rows already built (the rules' entry points that take LedgerRow[]). */
  static of(rows: readonly LedgerRow[], facts: readonly (RowFacts | undefined)[] = []): LedgerTable {
    const table = new LedgerTable();
    const values: unknown[] = [];
    rows.forEach((r, i) => {
      const fields = r as unknown as Record<string, unknown>;
      for (let c = 0; c < COLUMN_KEYS.length; c++) values[c] = fields[COLUMN_KEYS[c] as ColumnKey];
      table.push(r.row, values, r.causesOther ?? '', facts[i] ?? NO_FACTS);
    });
    table.built = rows.slice();
    return table;
  }

  /**
   * A number column's value beyond its capacity (the column grows) or that is not a number or
   * null (the column becomes a plain array).
   */
  private setSlow(c: number, index: number, value: unknown): void {
    const column = this.columns[c] as Float64Array;
    if (value === null || (typeof value === 'number' && !Number.isNaN(value))) {
      const grown = new Float64Array(Math.max(16, index + 1, column.length * 2));
      grown.set(column);
      grown[index] = value === null ? Number.NaN : value;
      this.columns[c] = grown;
      this.trimmed = false;
      return;
    }
    const plain: unknown[] = [];
    for (let i = 0; i < index; i++) plain.push(fromNumeric(column[i] as number));
    plain.push(value);
    this.columns[c] = plain;
  }

  private trim(): void {
    if (this.trimmed) return;
    for (const column of this.columns) if (!(column instanceof Float64Array)) column.length = this.length;
    this.trimmed = true;
  }

  private gather(index: number): unknown[] {
    const out = this.scratch;
    for (let c = 0; c < this.columns.length; c++) {
      const column = this.columns[c] as Column;
      out[c] = column instanceof Float64Array ? fromNumeric(column[index] as number) : column[index];
    }
    return out;
  }

  private other(index: number): string {
    return this.others.size === 0 ? '' : (this.others.get(index) ?? '');
  }
}
