/**
 * The normalised projects of a ledger, stored by column: one array per column instead of one
 * 31-field object per row, so checking 100,000 rows does not build (and collect) 100,000 objects.
 * LedgerRow objects are built only when asked for (`row`, `rows`).
 * Number columns are Float64Arrays (NaN = blank) and enum columns Uint8Arrays of value codes
 * (0 = blank, k = the column's k-th value): their values need no boxes, and the garbage collector
 * neither scans nor copies them while the table grows. A value that does not fit (only rows built
 * by hand can hold one) turns its column into a plain array.
 */
import { COLUMN_KEYS, type ColumnDef, type ColumnKey, LEDGER_COLUMNS } from './columns.js';
import { NO_FACTS, type RowFacts } from './normalize.js';
import { ledgerRowOf } from './shape.js';
import type { LedgerRow } from './types.js';

/** Beyond this many rows the columns grow as needed (a larger `new Array(n)` may not stay a fast array). */
const MAX_PREALLOCATED = 1_000_000;

/** How many rows to allocate per-row arrays for, for a capacity asked for. */
export function preallocated(capacity: number): number {
  return Math.min(Math.max(0, Math.floor(capacity)), MAX_PREALLOCATED);
}

/** `array` copied into a larger one that holds `index` (at least twice as long). */
export function grownTo<T extends Float64Array | Uint8Array>(array: T, index: number): T {
  const size = Math.max(16, index + 1, array.length * 2);
  const out = (array instanceof Float64Array ? new Float64Array(size) : new Uint8Array(size)) as T;
  out.set(array);
  return out;
}
const COLUMN_INDEX = new Map<ColumnKey, number>(COLUMN_KEYS.map((k, i) => [k, i]));
const DEFS = LEDGER_COLUMNS as readonly ColumnDef[];
const NUMERIC = DEFS.map((c) => c.type === 'number' || c.type === 'integer');
/** An enum column's values by code (code 0 = blank); null for other columns. */
const DECODE = DEFS.map((c) => (c.type === 'enum' && c.values && c.values.length < 256 ? [null, ...c.values] : null));

type Column = unknown[] | Float64Array | Uint8Array;

/**
 * A column as the table holds it, `length` values long (read, never change): numbers (NaN =
 * blank), enum codes with the column's values by code (code 0 = blank), or plain values.
 */
export type StoredColumn =
  | { kind: 'numbers'; numbers: Float64Array }
  | { kind: 'codes'; codes: Uint8Array; values: readonly (string | null)[] }
  | { kind: 'plain'; values: readonly unknown[] };
/** Column kinds: plain values, numbers (Float64Array), enum codes (Uint8Array). */
const PLAIN = 0;
const NUMBERS = 1;
const CODES = 2;
/** How each column is stored while its values fit. */
const KIND_OF = DEFS.map((_, c) => (NUMERIC[c] ? NUMBERS : DECODE[c] !== null ? CODES : PLAIN));

/** A number column's cell: a number, or NaN for blank (null). */
function fromNumeric(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** The typed form of `value` in column `c` (NaN or code 0 for blank), or undefined when it has none. */
function typedValue(c: number, value: unknown): number | undefined {
  if (!NUMERIC[c]) return codeOf(c, value);
  if (value === null) return Number.NaN;
  return typeof value === 'number' && !Number.isNaN(value) ? value : undefined;
}

/** An enum value's code in column `c`, or undefined when it is none of the column's values. */
function codeOf(c: number, value: unknown): number | undefined {
  // A linear scan: an enum has a handful of values, and the values arriving are those very strings.
  const values = DECODE[c] as readonly unknown[];
  for (let code = 0; code < values.length; code++) if (values[code] === value) return code;
  return undefined;
}

/** Column `c`'s value at `i`. */
function valueAt(c: number, column: Column, i: number): unknown {
  if (column instanceof Float64Array) return fromNumeric(column[i] as number);
  if (column instanceof Uint8Array) return (DECODE[c] as readonly unknown[])[column[i] as number];
  return column[i];
}

export class LedgerTable {
  /** Worksheet row of each project, by project index (allocated for `capacity` rows, see trim()). */
  private readonly numbers: number[];
  private count = 0;
  /**
   * columns[c][i]: the value of LEDGER_COLUMNS[c] in project i (allocated once for `capacity` rows);
   * typed for number and enum columns as long as their values fit.
   */
  private readonly columns: Column[];
  /** How each column is stored now (a typed column turns plain when a value does not fit). */
  private readonly kinds: Uint8Array;
  /** 其他 explanations, by project index (only the projects that have one). */
  private readonly others = new Map<number, string>();
  /** Facts, by project index (only the projects with an unknown or converted cell). */
  private readonly factsOf = new Map<number, RowFacts>();
  private readonly scratch: unknown[] = COLUMN_KEYS.map(() => null);
  private built: LedgerRow[] | null = null;
  /** The columns may be longer than the table (capacity not yet used) until trim(). */
  private trimmed = true;

  /** `capacity`: the most rows expected (more are fine, they cost array growth). */
  constructor(capacity = 0) {
    const n = preallocated(capacity);
    this.columns = KIND_OF.map((kind) =>
      kind === NUMBERS ? new Float64Array(n) : kind === CODES ? new Uint8Array(n) : new Array(n),
    );
    this.numbers = new Array(n);
    this.kinds = Uint8Array.from(KIND_OF);
    this.trimmed = n === 0;
  }

  /** Worksheet row of each project, by project index. */
  get rowNumbers(): readonly number[] {
    this.trim();
    return this.numbers;
  }

  get length(): number {
    return this.count;
  }

  /** Adds a project: its values in COLUMNS order (copied), its 其他 explanation and facts. */
  push(row: number, values: readonly unknown[], causesOther: string, facts: RowFacts): void {
    const index = this.count++;
    this.numbers[index] = row;
    // One store site per kind of column, so that each stays monomorphic.
    for (let c = 0; c < this.columns.length; c++) {
      const value = values[c];
      const kind = this.kinds[c];
      if (kind === PLAIN) (this.columns[c] as unknown[])[index] = value;
      else if (kind === NUMBERS) {
        const column = this.columns[c] as Float64Array;
        if (index < column.length && value === null) column[index] = Number.NaN;
        else if (index < column.length && typeof value === 'number' && !Number.isNaN(value)) column[index] = value;
        else this.setSlow(c, index, value);
      } else {
        const column = this.columns[c] as Uint8Array;
        const code = codeOf(c, value);
        if (index < column.length && code !== undefined) column[index] = code;
        else this.setSlow(c, index, value);
      }
    }
    if (causesOther !== '') this.others.set(index, causesOther);
    if (facts !== NO_FACTS && (facts.unknown.size > 0 || facts.converted.length > 0)) this.factsOf.set(index, facts);
    this.built = null;
  }

  /** One column's values, by project index. */
  column<K extends ColumnKey>(key: K): readonly LedgerRow[K][] {
    this.trim();
    const c = COLUMN_INDEX.get(key) as number;
    const column = this.columns[c] as Column;
    if (!(column instanceof Float64Array || column instanceof Uint8Array)) return column as LedgerRow[K][];
    const out: unknown[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = valueAt(c, column, i);
    return out as LedgerRow[K][];
  }

  /**
   * A number column as it is stored: a Float64Array with NaN for blank, or (when some value was not
   * a number) the plain values. For reading amounts without copying them; never change it.
   */
  amounts(key: ColumnKey): Float64Array | readonly unknown[] {
    if (!NUMERIC[COLUMN_INDEX.get(key) as number]) throw new Error(`not a number column: ${key}`);
    const column = this.stored(key);
    return column.kind === 'numbers' ? column.numbers : (column as { values: readonly unknown[] }).values;
  }

  /** One column as stored, for writers that keep the table by column without building rows. */
  stored(key: ColumnKey): StoredColumn {
    this.trim();
    const c = COLUMN_INDEX.get(key) as number;
    const column = this.columns[c] as Column;
    if (column instanceof Float64Array) return { kind: 'numbers', numbers: this.used(column) };
    if (column instanceof Uint8Array)
      return { kind: 'codes', codes: this.used(column), values: DECODE[c] as (string | null)[] };
    return { kind: 'plain', values: column };
  }

  /** Each project's 其他 explanation ('' when it has none), by project index. */
  causesOther(): string[] {
    const out: string[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.other(i);
    return out;
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
    return ledgerRowOf(this.numbers[index] as number, this.gather(index), this.other(index));
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
   * A typed column's value beyond its capacity (the column grows) or that has no typed form (the
   * column becomes a plain array).
   */
  private setSlow(c: number, index: number, value: unknown): void {
    const column = this.columns[c] as Float64Array | Uint8Array;
    const typed = typedValue(c, value);
    if (typed !== undefined) {
      const grown = grownTo(column, index);
      grown[index] = typed;
      this.columns[c] = grown; // typed columns are read up to `length`: no trim needed
      return;
    }
    const plain: unknown[] = [];
    for (let i = 0; i < index; i++) plain.push(valueAt(c, column, i));
    plain.push(value);
    this.columns[c] = plain;
    this.kinds[c] = PLAIN;
  }

  /** A typed column's first `length` values (typed columns keep their capacity: see setSlow). */
  private used<T extends Float64Array | Uint8Array>(column: T): T {
    return (column.length === this.length ? column : column.subarray(0, this.length)) as T;
  }

  private trim(): void {
    if (this.trimmed) return;
    this.numbers.length = this.length;
    for (const column of this.columns) if (Array.isArray(column)) column.length = this.length;
    this.trimmed = true;
  }

  private gather(index: number): unknown[] {
    const out = this.scratch;
    // One load site per kind of column, as in push.
    for (let c = 0; c < this.columns.length; c++) {
      const kind = this.kinds[c];
      if (kind === PLAIN) out[c] = (this.columns[c] as unknown[])[index];
      else if (kind === NUMBERS) out[c] = fromNumeric((this.columns[c] as Float64Array)[index] as number);
      else out[c] = (DECODE[c] as readonly unknown[])[(this.columns[c] as Uint8Array)[index] as number];
    }
    return out;
  }

  private other(index: number): string {
    return this.others.size === 0 ? '' : (this.others.get(index) ?? '');
  }
}
