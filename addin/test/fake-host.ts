/**
 * A fake host: an in-memory workbook behind the same Excel API subset the adapter uses
 * (`HostContext` in excel.ts). It behaves like Office.js where it matters to us:
 *  - calls are queued and applied in order at `context.sync()` (and once more at the end of a
 *    batch with pending calls, as `Excel.run` does);
 *  - a property can be read only after it was loaded and synced (else `PropertyNotLoaded`);
 *  - `*OrNullObject` results report `isNullObject`; `getItem` of a missing item fails at sync;
 *  - `range.select()` on an inactive sheet fails (activate first).
 * It counts syncs, records every operation and measures each request's serialized size (the JSON
 * of the queued operations) and each response's size (the JSON of what was loaded).
 * It runs in Node (tests, benchmark) and in the browser (bundled in place of office.js).
 */
import { a1 as a1Address } from '../../shared/index.js';
import type {
  ExcelHost,
  HostBorder,
  HostBorderCollection,
  HostChart,
  HostConditionalFormat,
  HostConditionalFormatCollection,
  HostContext,
  HostCustomConditionalFormat,
  HostDataValidation,
  HostRange,
  HostRangeAreas,
  HostRangeCollection,
  HostRangeFormat,
  HostWorksheet,
  HostWorksheetCollection,
  Rect,
} from '../excel.js';

const SHEET_ROWS = 1048576;
const SHEET_COLS = 16384;

export interface FakeConditionalFormat {
  id: string;
  rect: Rect;
  type: string;
  formula: string;
  fill: string | null;
  font: string | null;
}

export interface FakeSheet {
  name: string;
  visibility: string;
  /** Sparse rows of cell values (undefined/'' = blank). */
  cells: unknown[][];
  conditionalFormats: FakeConditionalFormat[];
  /** Data validation per cell, "row,col" → rule JSON. */
  validations: Map<string, string>;
  merges: Rect[];
  /** Every direct format write, in order: rect, property, value. */
  formats: { rect: Rect; prop: string; value: unknown }[];
  charts: { type: string; rect: Rect; seriesBy: string | undefined; title: string; position: string[] }[];
  frozen: { rows: number; cols: number };
  /** What `worksheet.pageLayout` was given (ExcelApi 1.9): property → value, print titles as addresses. */
  pageLayout?: Record<string, unknown>;
}

export interface FakeOp {
  sync: number;
  kind: string;
  target: string;
  bytes: number;
}

export interface FakeStats {
  syncs: number;
  ops: FakeOp[];
  /** Serialized size of each sync's request, in order. */
  requests: number[];
  /** Serialized size of each sync's response. */
  responses: number[];
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  active: string;
  selections: { sheet: string; address: string }[];
  nextId: number;
}

export class FakeHostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export function newSheet(name: string, cells: unknown[][] = []): FakeSheet {
  return {
    name,
    visibility: 'Visible',
    cells: cells.map((r) => [...r]),
    conditionalFormats: [],
    validations: new Map(),
    merges: [],
    formats: [],
    charts: [],
    frozen: { rows: 0, cols: 0 },
  };
}

export function fakeWorkbook(sheets: { name: string; cells?: unknown[][] }[], active?: string): FakeWorkbook {
  const list = sheets.map((s) => newSheet(s.name, s.cells ?? []));
  return { sheets: list, active: active ?? list[0]?.name ?? '', selections: [], nextId: 1 };
}

/** Everything about a workbook except cell values: compare before/after to prove a restore. */
export function formatSnapshot(wb: FakeWorkbook): string {
  return JSON.stringify(
    wb.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      conditionalFormats: s.conditionalFormats.map(({ id: _id, ...rest }) => rest),
      validations: [...s.validations.entries()].sort(),
      merges: s.merges,
      formats: s.formats,
      charts: s.charts,
      frozen: s.frozen,
    })),
  );
}

export function cellValue(sheet: FakeSheet, row: number, col: number): unknown {
  const v = sheet.cells[row]?.[col];
  return v === undefined || v === null ? '' : v;
}

/** 0-based row and column → "C12" (the fake host keeps 0-based coordinates). */
export function a1(row: number, col: number): string {
  return a1Address(row + 1, col);
}

function parseCell(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/u.exec(ref.toUpperCase());
  if (!m) throw new FakeHostError('InvalidArgument', `地址无效: ${ref}`);
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function parseAddress(address: string): Rect {
  const local = address.includes('!') ? (address.split('!').pop() as string) : address;
  const [from, to] = local.split(':');
  const a = parseCell(from as string);
  const b = parseCell(to ?? (from as string));
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    rows: Math.abs(b.row - a.row) + 1,
    cols: Math.abs(b.col - a.col) + 1,
  };
}

export function rectAddress(r: Rect): string {
  const start = a1(r.top, r.left);
  return r.rows === 1 && r.cols === 1 ? start : `${start}:${a1(r.top + r.rows - 1, r.left + r.cols - 1)}`;
}

function intersect(a: Rect, b: Rect): Rect | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.top + a.rows, b.top + b.rows);
  const right = Math.min(a.left + a.cols, b.left + b.cols);
  return bottom > top && right > left ? { top, left, rows: bottom - top, cols: right - left } : null;
}

function usedRect(sheet: FakeSheet): Rect {
  let top = -1;
  let bottom = -1;
  let left = Number.POSITIVE_INFINITY;
  let right = -1;
  sheet.cells.forEach((row, r) => {
    if (!row) return;
    row.forEach((v, c) => {
      if (v === undefined || v === null || v === '') return;
      if (top < 0) top = r;
      bottom = r;
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  if (top < 0) return { top: 0, left: 0, rows: 1, cols: 1 };
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value ?? null)).length;

/** One Excel.run batch. */
class FakeContext implements HostContext {
  readonly workbook: { worksheets: HostWorksheetCollection; getSelectedRange(): HostRange };
  private queue: { kind: string; target: string; payload: unknown; apply: () => void }[] = [];
  private response = 0;

  constructor(
    readonly wb: FakeWorkbook,
    readonly stats: FakeStats,
  ) {
    this.workbook = {
      worksheets: new WorksheetsProxy(this),
      // The active sheet's latest selection (range.select()), else A1 — as Excel reports it.
      getSelectedRange: () => {
        const ws = new WorksheetProxy(this, () => this.wb.active);
        const latest = this.wb.selections.filter((s) => s.sheet === this.wb.active).at(-1);
        return ws.getRange(latest?.address ?? 'A1');
      },
    };
  }

  enqueue(kind: string, target: string, payload: unknown, apply: () => void): void {
    this.queue.push({ kind, target, payload, apply });
  }

  respond(value: unknown): void {
    this.response += bytes(value);
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.response = 0;
    this.stats.syncs++;
    const sync = this.stats.syncs;
    let request = 2;
    for (const op of queue) {
      const size = bytes({ k: op.kind, t: op.target, v: op.payload }) + 1;
      request += size;
      this.stats.ops.push({ sync, kind: op.kind, target: op.target, bytes: size });
    }
    this.stats.requests.push(request);
    try {
      for (const op of queue) op.apply();
    } finally {
      this.stats.responses.push(this.response);
    }
  }

  sheet(name: string): FakeSheet {
    const s = this.wb.sheets.find((x) => x.name === name);
    if (!s) throw new FakeHostError('ItemNotFound', `找不到工作表「${name}」`);
    return s;
  }
}

/** Properties that may be read: set when a load is applied at sync. */
class Loadable {
  readonly loaded = new Map<string, unknown>();
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new FakeHostError('PropertyNotLoaded', `属性 ${prop} 未加载或未同步`);
    return this.loaded.get(prop) as T;
  }
}

const props = (list: string) =>
  list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

class WorksheetsProxy extends Loadable implements HostWorksheetCollection {
  constructor(private readonly ctx: FakeContext) {
    super();
  }
  get items(): HostWorksheet[] {
    return this.read('items');
  }
  load(list: string): this {
    const wanted = props(list).map((p) => p.replace(/^items\//u, ''));
    this.ctx.enqueue('load', 'worksheets', list, () => {
      const items = this.ctx.wb.sheets.map((s) => {
        const proxy = new WorksheetProxy(this.ctx, () => s.name);
        proxy.fill(s, wanted);
        return proxy;
      });
      this.ctx.respond(items.map((i) => i.name));
      this.loaded.set('items', items);
    });
    return this;
  }
  add(name?: string): HostWorksheet {
    const wanted = name ?? `Sheet${this.ctx.wb.sheets.length + 1}`;
    this.ctx.enqueue('worksheet.add', wanted, wanted, () => {
      if (this.ctx.wb.sheets.some((s) => s.name === wanted))
        throw new FakeHostError('ItemAlreadyExists', `工作表「${wanted}」已存在`);
      this.ctx.wb.sheets.push(newSheet(wanted));
    });
    return new WorksheetProxy(this.ctx, () => wanted);
  }
  getActiveWorksheet(): HostWorksheet {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.active);
  }
  getItem(key: string): HostWorksheet {
    return new WorksheetProxy(this.ctx, () => key);
  }
}

class WorksheetProxy extends Loadable implements HostWorksheet {
  constructor(
    readonly ctx: FakeContext,
    readonly nameOf: () => string,
  ) {
    super();
  }
  target(): FakeSheet {
    return this.ctx.sheet(this.nameOf());
  }
  fill(s: FakeSheet, wanted: string[]): void {
    if (wanted.includes('name')) this.loaded.set('name', s.name);
    if (wanted.includes('visibility')) this.loaded.set('visibility', s.visibility);
    this.loaded.set('isNullObject', false);
  }
  get name(): string {
    return this.read('name');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get visibility(): string {
    return this.read('visibility');
  }
  set visibility(value: string) {
    this.ctx.enqueue('worksheet.visibility', this.nameOf(), value, () => {
      this.target().visibility = value;
    });
  }
  get charts() {
    return {
      add: (type: string, source: HostRange, seriesBy?: string): HostChart =>
        new ChartProxy(this.ctx, this, type, source as RangeProxy, seriesBy),
    };
  }
  /** `worksheet.pageLayout` (ExcelApi 1.9): every property write and print-title call is recorded. */
  get pageLayout(): Record<string, unknown> {
    const ctx = this.ctx;
    const nameOf = this.nameOf;
    const record = (prop: string, value: unknown) =>
      ctx.enqueue(`pageLayout.${prop}`, nameOf(), value, () => {
        const sheet = ctx.sheet(nameOf());
        sheet.pageLayout = { ...sheet.pageLayout, [prop]: value };
      });
    return new Proxy(
      {
        setPrintTitleRows: (address: string) => record('printTitleRows', address),
        setPrintTitleColumns: (address: string) => record('printTitleColumns', address),
      } as Record<string, unknown>,
      {
        set: (_target, prop, value) => {
          record(String(prop), value);
          return true;
        },
      },
    );
  }
  get freezePanes() {
    return {
      freezeRows: (count = 1) => {
        this.ctx.enqueue('format.freezeRows', this.nameOf(), count, () => {
          this.target().frozen = { rows: count, cols: 0 };
        });
      },
      freezeAt: (range: HostRange | string) => {
        this.ctx.enqueue('format.freezeAt', this.nameOf(), null, () => {
          const r = typeof range === 'string' ? parseAddress(range) : (range as RangeProxy).rect();
          this.target().frozen = { rows: r.top + r.rows, cols: r.left + r.cols };
        });
      },
    };
  }
  load(list: string): this {
    this.ctx.enqueue('load', this.nameOf(), list, () => {
      const s = this.target();
      this.fill(s, props(list));
      this.ctx.respond(s.name);
    });
    return this;
  }
  activate(): void {
    this.ctx.enqueue('worksheet.activate', this.nameOf(), null, () => {
      this.ctx.wb.active = this.target().name;
    });
  }
  delete(): void {
    this.ctx.enqueue('worksheet.delete', this.nameOf(), null, () => {
      const s = this.target();
      const quoted = `'${s.name.replace(/'/gu, "''")}'!`;
      this.ctx.wb.sheets = this.ctx.wb.sheets.filter((x) => x !== s);
      // As Excel does, formulas that pointed at the deleted sheet now point nowhere.
      for (const other of this.ctx.wb.sheets)
        for (const cf of other.conditionalFormats) if (cf.formula.includes(quoted)) cf.formula = '=#REF!';
      if (this.ctx.wb.active === s.name) this.ctx.wb.active = this.ctx.wb.sheets[0]?.name ?? '';
    });
  }
  getRange(address?: string): HostRange {
    const rect = address ? parseAddress(address) : { top: 0, left: 0, rows: SHEET_ROWS, cols: SHEET_COLS };
    return new RangeProxy(this.ctx, this, () => rect);
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): HostRange {
    const rect = { top: startRow, left: startColumn, rows: rowCount, cols: columnCount };
    if (rowCount < 1 || columnCount < 1) throw new FakeHostError('InvalidArgument', '区域为空');
    return new RangeProxy(this.ctx, this, () => rect);
  }
  getUsedRange(_valuesOnly?: boolean): HostRange {
    return new RangeProxy(this.ctx, this, () => usedRect(this.target()));
  }
}

class RangeProxy extends Loadable implements HostRange {
  constructor(
    readonly ctx: FakeContext,
    readonly ws: WorksheetProxy,
    readonly rectOf: () => Rect | null,
  ) {
    super();
  }
  private where(): string {
    return `${this.ws.nameOf()}!range`;
  }
  rect(): Rect {
    const r = this.rectOf();
    if (!r) throw new FakeHostError('InvalidOperation', '空对象上不能执行此操作');
    return r;
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(grid: unknown[][]) {
    this.ctx.enqueue('range.values', this.where(), grid, () => {
      const r = this.rect();
      if (grid.length !== r.rows || grid.some((row) => row.length !== r.cols))
        throw new FakeHostError('InvalidArgument', '数组大小与区域不符');
      const s = this.ws.target();
      grid.forEach((row, i) => {
        const target = s.cells[r.top + i] ?? [];
        s.cells[r.top + i] = target;
        row.forEach((v, j) => {
          // As Excel does: a leading ' makes text; a leading = makes a formula.
          if (typeof v === 'string' && v.startsWith("'")) target[r.left + j] = v.slice(1);
          else if (typeof v === 'string' && v.startsWith('=')) target[r.left + j] = { formula: v };
          else target[r.left + j] = v;
        });
      });
    });
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(grid: unknown[][]) {
    this.setFormat('numberFormat', grid);
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  setFormat(prop: string, value: unknown): void {
    this.ctx.enqueue(`format.${prop}`, this.where(), value, () => {
      this.ws.target().formats.push({ rect: this.rect(), prop, value });
    });
  }
  get format(): HostRangeFormat {
    return new FormatProxy(this);
  }
  get conditionalFormats(): HostConditionalFormatCollection {
    return new ConditionalFormatsProxy(this);
  }
  get dataValidation(): HostDataValidation {
    return new DataValidationProxy(this);
  }
  load(list: string): this {
    const wanted = props(list);
    this.ctx.enqueue('load', this.where(), list, () => {
      const r = this.rectOf();
      this.loaded.set('isNullObject', r === null);
      if (!r) return;
      const s = this.ws.target();
      if (wanted.includes('values')) {
        const values = Array.from({ length: r.rows }, (_, i) =>
          Array.from({ length: r.cols }, (_, j) => cellValue(s, r.top + i, r.left + j)),
        );
        this.loaded.set('values', values);
        this.ctx.respond(values);
      }
      this.fillGeometry(r);
    });
    return this;
  }
  fillGeometry(r: Rect): void {
    this.loaded.set('isNullObject', false);
    this.loaded.set('rowIndex', r.top);
    this.loaded.set('columnIndex', r.left);
    this.loaded.set('rowCount', r.rows);
    this.loaded.set('columnCount', r.cols);
  }
  select(): void {
    this.ctx.enqueue('range.select', this.where(), null, () => {
      const s = this.ws.target();
      if (this.ctx.wb.active !== s.name)
        throw new FakeHostError('InvalidSelection', `工作表「${s.name}」未激活，无法选择单元格`);
      this.ctx.wb.selections.push({ sheet: s.name, address: rectAddress(this.rect()) });
    });
  }
  merge(across?: boolean): void {
    this.ctx.enqueue('format.merge', this.where(), across ?? false, () => {
      this.ws.target().merges.push(this.rect());
    });
  }
  getIntersectionOrNullObject(other: HostRange | string): HostRange {
    const otherRect = () => (typeof other === 'string' ? parseAddress(other) : (other as RangeProxy).rectOf());
    return new RangeProxy(this.ctx, this.ws, () => {
      const a = this.rectOf();
      const b = otherRect();
      return a && b ? intersect(a, b) : null;
    });
  }
  getMergedAreasOrNullObject(): HostRangeAreas {
    return new RangeAreasProxy(this);
  }
}

class RangeAreasProxy extends Loadable implements HostRangeAreas {
  readonly areas: HostRangeCollection;
  constructor(readonly range: RangeProxy) {
    super();
    const self = this;
    const collection = new (class extends Loadable implements HostRangeCollection {
      get items(): HostRange[] {
        return this.read('items');
      }
      load(list: string): this {
        range.ctx.enqueue('load', 'mergedAreas', list, () => {
          const r = range.rect();
          const found = range.ws.target().merges.filter((m) => intersect(m, r));
          self.loaded.set('isNullObject', found.length === 0);
          const items = found.map((m) => {
            const p = new RangeProxy(range.ctx, range.ws, () => m);
            p.fillGeometry(m);
            return p;
          });
          this.loaded.set('items', items);
          range.ctx.respond(found);
        });
        return this;
      }
    })();
    this.areas = collection;
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
}

class FormatProxy implements HostRangeFormat {
  constructor(private readonly range: RangeProxy) {}
  private unreadable(): never {
    throw new FakeHostError('PropertyNotLoaded', '格式属性未加载');
  }
  get columnWidth(): number {
    return this.unreadable();
  }
  set columnWidth(v: number) {
    this.range.setFormat('columnWidth', v);
  }
  get rowHeight(): number {
    return this.unreadable();
  }
  set rowHeight(v: number) {
    this.range.setFormat('rowHeight', v);
  }
  get wrapText(): boolean {
    return this.unreadable();
  }
  set wrapText(v: boolean) {
    this.range.setFormat('wrapText', v);
  }
  get horizontalAlignment(): string {
    return this.unreadable();
  }
  set horizontalAlignment(v: string) {
    this.range.setFormat('horizontalAlignment', v);
  }
  get verticalAlignment(): string {
    return this.unreadable();
  }
  set verticalAlignment(v: string) {
    this.range.setFormat('verticalAlignment', v);
  }
  get font() {
    const range = this.range;
    return {
      set bold(v: boolean) {
        range.setFormat('font.bold', v);
      },
      get bold(): boolean {
        throw new FakeHostError('PropertyNotLoaded', 'font.bold');
      },
      set color(v: string) {
        range.setFormat('font.color', v);
      },
      get color(): string {
        throw new FakeHostError('PropertyNotLoaded', 'font.color');
      },
      set size(v: number) {
        range.setFormat('font.size', v);
      },
      get size(): number {
        throw new FakeHostError('PropertyNotLoaded', 'font.size');
      },
    };
  }
  get fill() {
    const range = this.range;
    return {
      set color(v: string) {
        range.setFormat('fill.color', v);
      },
      get color(): string {
        throw new FakeHostError('PropertyNotLoaded', 'fill.color');
      },
    };
  }
  get borders(): HostBorderCollection {
    const range = this.range;
    return {
      getItem(index: string): HostBorder {
        return {
          set style(v: string) {
            range.setFormat(`border.${index}.style`, v);
          },
          get style(): string {
            throw new FakeHostError('PropertyNotLoaded', 'border.style');
          },
          set color(v: string) {
            range.setFormat(`border.${index}.color`, v);
          },
          get color(): string {
            throw new FakeHostError('PropertyNotLoaded', 'border.color');
          },
        };
      },
    };
  }
}

class ConditionalFormatsProxy extends Loadable implements HostConditionalFormatCollection {
  constructor(private readonly range: RangeProxy) {
    super();
  }
  get items(): HostConditionalFormat[] {
    return this.read('items');
  }
  load(_list: string): this {
    const ctx = this.range.ctx;
    ctx.enqueue('load', 'conditionalFormats', _list, () => {
      const r = this.range.rect();
      const found = this.range.ws.target().conditionalFormats.filter((cf) => intersect(cf.rect, r));
      this.loaded.set(
        'items',
        found.map((cf) => new ConditionalFormatProxy(this.range, () => cf, { ...cf })),
      );
      ctx.respond(found.map((cf) => ({ id: cf.id, type: cf.type, formula: cf.formula })));
    });
    return this;
  }
  add(type: 'Custom'): HostConditionalFormat {
    const ctx = this.range.ctx;
    let created: FakeConditionalFormat | null = null;
    ctx.enqueue('cf.add', `${this.range.ws.nameOf()}!conditionalFormats`, type, () => {
      created = {
        id: `{CF-${ctx.wb.nextId++}}`,
        rect: this.range.rect(),
        type,
        formula: '',
        fill: null,
        font: null,
      };
      this.range.ws.target().conditionalFormats.push(created);
    });
    return new ConditionalFormatProxy(this.range, () => created, null);
  }
  getItem(id: string): HostConditionalFormat {
    return new ConditionalFormatProxy(
      this.range,
      () => this.range.ws.target().conditionalFormats.find((cf) => cf.id === id) ?? null,
      null,
    );
  }
}

class ConditionalFormatProxy extends Loadable implements HostConditionalFormat {
  constructor(
    private readonly range: RangeProxy,
    private readonly targetOf: () => FakeConditionalFormat | null,
    snapshot: FakeConditionalFormat | null,
  ) {
    super();
    if (snapshot) {
      this.loaded.set('id', snapshot.id);
      this.loaded.set('type', snapshot.type);
      this.loaded.set('formula', snapshot.formula);
    }
  }
  private target(): FakeConditionalFormat {
    const t = this.targetOf();
    if (!t) throw new FakeHostError('ItemNotFound', '找不到条件格式');
    return t;
  }
  get id(): string {
    return this.read('id');
  }
  get type(): string {
    return this.read('type');
  }
  load(_list: string): this {
    this.range.ctx.enqueue('load', 'conditionalFormat', _list, () => {
      const t = this.target();
      this.loaded.set('id', t.id);
      this.loaded.set('type', t.type);
      this.range.ctx.respond(t.id);
    });
    return this;
  }
  private customView(): HostCustomConditionalFormat & { isNullObject: boolean } {
    const ctx = this.range.ctx;
    const self = this;
    const set = (prop: keyof FakeConditionalFormat, kind: string) => (value: string) =>
      ctx.enqueue(kind, 'conditionalFormat', value, () => {
        (self.target() as unknown as Record<string, unknown>)[prop] = value;
      });
    const setFormula = set('formula', 'cf.formula');
    const setFill = set('fill', 'cf.fill');
    const setFont = set('font', 'cf.font');
    return {
      get isNullObject() {
        return self.read<string>('type') !== 'Custom';
      },
      rule: {
        get formula() {
          return self.read<string>('formula');
        },
        set formula(v: string) {
          setFormula(v);
        },
      },
      format: {
        fill: {
          get color(): string {
            throw new FakeHostError('PropertyNotLoaded', 'fill.color');
          },
          set color(v: string) {
            setFill(v);
          },
        },
        font: {
          get color(): string {
            throw new FakeHostError('PropertyNotLoaded', 'font.color');
          },
          set color(v: string) {
            setFont(v);
          },
        },
      },
    };
  }
  get custom(): HostCustomConditionalFormat {
    return this.customView();
  }
  get customOrNullObject(): HostCustomConditionalFormat & { isNullObject: boolean } {
    return this.customView();
  }
  delete(): void {
    this.range.ctx.enqueue('cf.delete', 'conditionalFormat', null, () => {
      const t = this.target();
      for (const s of this.range.ctx.wb.sheets) s.conditionalFormats = s.conditionalFormats.filter((cf) => cf !== t);
    });
  }
}

class DataValidationProxy implements HostDataValidation {
  constructor(private readonly range: RangeProxy) {}
  private each(fn: (key: string, sheet: FakeSheet) => void): void {
    const r = this.range.rect();
    const s = this.range.ws.target();
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) fn(`${r.top + i},${r.left + j}`, s);
  }
  get prompt(): { showPrompt?: boolean; title?: string; message?: string } {
    throw new FakeHostError('PropertyNotLoaded', 'dataValidation.prompt');
  }
  set prompt(prompt: { showPrompt?: boolean; title?: string; message?: string }) {
    this.range.ctx.enqueue('dv.prompt', `${this.range.ws.nameOf()}!dataValidation`, prompt, () => {
      this.each((key, s) => {
        const old = s.validations.get(key);
        s.validations.set(key, JSON.stringify({ ...(old ? JSON.parse(old) : {}), prompt }));
      });
    });
  }
  get rule(): HostDataValidation['rule'] {
    throw new FakeHostError('PropertyNotLoaded', 'dataValidation.rule');
  }
  set rule(rule: HostDataValidation['rule']) {
    this.range.ctx.enqueue('dv.rule', `${this.range.ws.nameOf()}!dataValidation`, rule, () => {
      const json = JSON.stringify(rule);
      this.each((key, s) => {
        const old = s.validations.get(key);
        s.validations.set(key, old ? JSON.stringify({ ...JSON.parse(old), ...rule }) : json);
      });
    });
  }
  get errorAlert(): { showAlert?: boolean; style?: string; title?: string; message?: string } {
    throw new FakeHostError('PropertyNotLoaded', 'dataValidation.errorAlert');
  }
  set errorAlert(alert: { showAlert?: boolean; style?: string; title?: string; message?: string }) {
    this.range.ctx.enqueue('dv.errorAlert', `${this.range.ws.nameOf()}!dataValidation`, alert, () => {
      this.each((key, s) => {
        const old = s.validations.get(key);
        if (old) s.validations.set(key, JSON.stringify({ ...JSON.parse(old), errorAlert: alert }));
      });
    });
  }
  clear(): void {
    this.range.ctx.enqueue('dv.clear', `${this.range.ws.nameOf()}!dataValidation`, null, () => {
      this.each((key, s) => s.validations.delete(key));
    });
  }
}

class ChartProxy implements HostChart {
  private index = -1;
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: WorksheetProxy,
    type: string,
    source: RangeProxy,
    seriesBy: string | undefined,
  ) {
    ctx.enqueue('chart.add', ws.nameOf(), { type, seriesBy }, () => {
      const s = ws.target();
      s.charts.push({ type, rect: source.rect(), seriesBy, title: '', position: [] });
      this.index = s.charts.length - 1;
    });
  }
  private chart() {
    const c = this.ws.target().charts[this.index];
    if (!c) throw new FakeHostError('ItemNotFound', '找不到图表');
    return c;
  }
  get name(): string {
    throw new FakeHostError('PropertyNotLoaded', 'chart.name');
  }
  get title() {
    const self = this;
    return {
      get text(): string {
        throw new FakeHostError('PropertyNotLoaded', 'chart.title');
      },
      set text(v: string) {
        self.ctx.enqueue('chart.title', self.ws.nameOf(), v, () => {
          self.chart().title = v;
        });
      },
    };
  }
  setPosition(start: HostRange | string, end?: HostRange | string): void {
    const addr = (x: HostRange | string | undefined) =>
      x === undefined ? '' : typeof x === 'string' ? x : rectAddress((x as RangeProxy).rect());
    this.ctx.enqueue('chart.position', this.ws.nameOf(), null, () => {
      this.chart().position = [addr(start), addr(end)];
    });
  }
}

export interface FakeHost {
  host: ExcelHost;
  workbook: FakeWorkbook;
  stats: FakeStats;
  /** Requirement sets the fake claims, e.g. { ExcelApi: '1.8' }. */
  supported: Record<string, string>;
  reset(): void;
}

function versionAtLeast(have: string, want: string): boolean {
  const [a1, a2] = have.split('.').map(Number);
  const [b1, b2] = want.split('.').map(Number);
  return (a1 ?? 0) > (b1 ?? 0) || ((a1 ?? 0) === (b1 ?? 0) && (a2 ?? 0) >= (b2 ?? 0));
}

export function createFakeHost(
  workbook: FakeWorkbook,
  supported: Record<string, string> = { ExcelApi: '1.8' },
): FakeHost {
  const stats: FakeStats = { syncs: 0, ops: [], requests: [], responses: [] };
  const fake: FakeHost = {
    workbook,
    stats,
    supported,
    reset() {
      stats.syncs = 0;
      stats.ops = [];
      stats.requests = [];
      stats.responses = [];
    },
    host: {
      async run<T>(batch: (context: HostContext) => Promise<T>): Promise<T> {
        const ctx = new FakeContext(fake.workbook, stats);
        const result = await batch(ctx);
        if (ctx.pending) await ctx.sync();
        return result;
      },
      isSetSupported(name: string, version: string): boolean {
        const have = fake.supported[name];
        return have !== undefined && versionAtLeast(have, version);
      },
    },
  };
  return fake;
}
