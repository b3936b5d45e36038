/** The fake host's worksheet collection, worksheets (freeze panes, page layout) and charts. */
import type { HostChart, HostRange, HostWorksheet, HostWorksheetCollection } from '../../excel.js';
import { type FakeContext, type FakeRoot, Loadable, props } from './context.js';
import {
  FakeHostError,
  type FakeSheet,
  newSheet,
  parseAddress,
  rectAddress,
  SHEET_COLS,
  SHEET_ROWS,
  usedRect,
} from './model.js';
import { NamesProxy } from './names.js';
import { RangeProxy } from './range.js';

/** What `context.workbook` offers: the worksheets and the active sheet's latest selection. */
export function workbookRoot(ctx: FakeContext): FakeRoot {
  return {
    worksheets: new WorksheetsProxy(ctx),
    // The active sheet's latest selection (range.select()), else A1 — as Excel reports it.
    getSelectedRange: () => {
      const ws = new WorksheetProxy(ctx, () => ctx.wb.active);
      const latest = ctx.wb.selections.filter((s) => s.sheet === ctx.wb.active).at(-1);
      return ws.getRange(latest?.address ?? 'A1');
    },
  };
}

export class WorksheetsProxy extends Loadable implements HostWorksheetCollection {
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

export class WorksheetProxy extends Loadable implements HostWorksheet {
  constructor(
    readonly ctx: FakeContext,
    public nameOf: () => string,
  ) {
    super();
  }
  target(): FakeSheet {
    return this.ctx.sheet(this.nameOf());
  }
  fill(s: FakeSheet, wanted: string[]): void {
    if (wanted.includes('name')) this.loaded.set('name', s.name);
    if (wanted.includes('visibility')) this.loaded.set('visibility', s.visibility);
    if (wanted.includes('position')) this.loaded.set('position', this.ctx.wb.sheets.indexOf(s));
    this.loaded.set('isNullObject', false);
  }
  get name(): string {
    return this.read('name');
  }
  /** Renames the sheet; this proxy follows it from then on, as Excel's proxies do (they hold the sheet's id). */
  set name(value: string) {
    const before = this.nameOf;
    let renamed = false;
    this.ctx.enqueue('worksheet.name', before(), value, () => {
      const s = this.ctx.sheet(before());
      if (this.ctx.wb.sheets.some((x) => x !== s && x.name === value))
        throw new FakeHostError('ItemAlreadyExists', `工作表「${value}」已存在`);
      if (this.ctx.wb.active === s.name) this.ctx.wb.active = value;
      s.name = value;
      renamed = true;
    });
    this.nameOf = () => (renamed ? value : before());
  }
  get position(): number {
    return this.read('position');
  }
  set position(value: number) {
    this.ctx.enqueue('worksheet.position', this.nameOf(), value, () => {
      const s = this.target();
      const rest = this.ctx.wb.sheets.filter((x) => x !== s);
      rest.splice(Math.max(0, Math.min(value, rest.length)), 0, s);
      this.ctx.wb.sheets = rest;
    });
  }
  get names(): NamesProxy {
    return new NamesProxy(this.ctx, this);
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

export class ChartProxy implements HostChart {
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
