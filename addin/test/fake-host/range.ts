/** The fake host's ranges: values, geometry, selection, merges, intersections. */
import type {
  HostConditionalFormatCollection,
  HostDataValidation,
  HostRange,
  HostRangeAreas,
  HostRangeCollection,
  HostRangeFormat,
  HostRangeHyperlink,
  Rect,
} from '../../excel.js';
import { ConditionalFormatsProxy } from './conditional.js';
import { type FakeContext, Loadable, props } from './context.js';
import { DataValidationProxy, FormatProxy } from './format.js';
import { cellValue, FakeHostError, intersect, parseAddress, putHyperlink, rectAddress } from './model.js';
import type { WorksheetProxy } from './sheets.js';

export class RangeProxy extends Loadable implements HostRange {
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
  get hyperlink(): HostRangeHyperlink {
    return this.read('hyperlink');
  }
  /** ExcelApi 1.7: only where the fake claims it; a link into the workbook needs documentReference. */
  set hyperlink(link: HostRangeHyperlink) {
    this.ctx.enqueue('range.hyperlink', this.where(), link, () => {
      if (!this.ctx.supports('ExcelApi', '1.7'))
        throw new FakeHostError('ApiNotFound', 'range.hyperlink 需要 ExcelApi 1.7');
      const r = this.rect();
      if (r.rows !== 1 || r.cols !== 1) throw new FakeHostError('InvalidArgument', '超链接只写到单个单元格');
      if (!link.documentReference) throw new FakeHostError('InvalidArgument', '缺少 documentReference');
      putHyperlink(this.ws.target(), {
        row: r.top,
        col: r.left,
        target: link.documentReference,
        text: link.textToDisplay ?? link.documentReference,
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

export class RangeAreasProxy extends Loadable implements HostRangeAreas {
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
