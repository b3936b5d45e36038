/**
 * The normalised projects of a ledger, stored by column: one array per column instead of one
 * 31-field object per row, so checking 100,000 rows does not build (and collect) 100,000 objects.
 * LedgerRow objects are built only when asked for (`row`, `rows`); `view` refills one shared object.
 */
import { COLUMN_KEYS, type ColumnKey } from './columns.js';
import { NO_FACTS, type RowFacts } from './normalize.js';
import { blankLedgerRow, fillLedgerRow, ledgerRowOf } from './shape.js';
import type { LedgerRow } from './types.js';

/** Beyond this many rows the columns grow as needed (a larger `new Array(n)` may not stay a fast array). */
const MAX_PREALLOCATED = 1_000_000;
const COLUMN_INDEX = new Map<ColumnKey, number>(COLUMN_KEYS.map((k, i) => [k, i]));

export class LedgerTable {
  /** Worksheet row of each project. */
  readonly rowNumbers: number[] = [];
  /** columns[c][i]: the value of LEDGER_COLUMNS[c] in project i (allocated once for `capacity` rows). */
  private readonly columns: unknown[][];
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
    this.columns = COLUMN_KEYS.map(() => new Array(n));
    this.trimmed = n === 0;
  }

  get length(): number {
    return this.rowNumbers.length;
  }

  /** Adds a project: its values in COLUMNS order (copied), its 其他 explanation and facts. */
  push(row: number, values: readonly unknown[], causesOther: string, facts: RowFacts): void {
    const index = this.rowNumbers.length;
    this.rowNumbers.push(row);
    for (let c = 0; c < this.columns.length; c++) (this.columns[c] as unknown[])[index] = values[c];
    if (causesOther !== '') this.others.set(index, causesOther);
    if (facts !== NO_FACTS && (facts.unknown.size > 0 || facts.converted.length > 0)) this.factsOf.set(index, facts);
    this.built = null;
  }

  /** One column's values, by project index. */
  column<K extends ColumnKey>(key: K): readonly LedgerRow[K][] {
    this.trim();
    return this.columns[COLUMN_INDEX.get(key) as number] as LedgerRow[K][];
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

  private trim(): void {
    if (this.trimmed) return;
    for (const column of this.columns) column.length = this.length;
    this.trimmed = true;
  }

  private gather(index: number): unknown[] {
    const out = this.scratch;
    for (let c = 0; c < this.columns.length; c++) out[c] = (this.columns[c] as unknown[])[index];
    return out;
  }

  private other(index: number): string {
    return this.others.size === 0 ? '' : (this.others.get(index) ?? '');
  }
}
