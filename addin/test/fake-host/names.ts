/** Sheet-level defined names of the Office fake (`worksheet.names`, ExcelApi 1.4). */
import type { HostNamedItem, HostNamedItemCollection, HostRange } from '../../excel.js';
import { type FakeContext, Loadable, props } from './context.js';
import { FakeHostError, type FakeName, rectAddress } from './model.js';
import type { RangeProxy } from './range.js';
import type { WorksheetProxy } from './sheets.js';

/** Excel's rule for a defined name: a letter, _ or \ first, then letters, digits, _ and dots. */
const VALID_NAME = /^[\p{L}_\\][\p{L}\p{N}_.]*$/u;

export class NamesProxy implements HostNamedItemCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: WorksheetProxy,
  ) {}
  add(name: string, reference: HostRange | string, _comment?: string): HostNamedItem {
    const formula =
      typeof reference === 'string'
        ? reference
        : `='${this.ws.nameOf()}'!${rectAddress((reference as RangeProxy).rect())}`;
    this.ctx.enqueue('names.add', this.ws.nameOf(), { name, formula }, () => {
      if (!VALID_NAME.test(name)) throw new FakeHostError('InvalidArgument', `名称「${name}」不合法`);
      const sheet = this.ws.target();
      sheet.names ??= [];
      if (sheet.names.some((n) => n.name === name))
        throw new FakeHostError('ItemAlreadyExists', `名称「${name}」已存在`);
      sheet.names.push({ name, formula, visible: true });
    });
    return new NamedItemProxy(this.ctx, this.ws, name);
  }
  getItemOrNullObject(name: string): HostNamedItem {
    return new NamedItemProxy(this.ctx, this.ws, name);
  }
}

export class NamedItemProxy extends Loadable implements HostNamedItem {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: WorksheetProxy,
    private readonly name: string,
  ) {
    super();
  }
  private item(): FakeName | null {
    return this.ws.target().names?.find((n) => n.name === this.name) ?? null;
  }
  get formula(): unknown {
    return this.read('formula');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(value: boolean) {
    this.ctx.enqueue('name.visible', this.ws.nameOf(), value, () => {
      const item = this.item();
      if (!item) throw new FakeHostError('ItemNotFound', `找不到名称「${this.name}」`);
      item.visible = value;
    });
  }
  load(list: string): this {
    this.ctx.enqueue('load', `${this.ws.nameOf()}!${this.name}`, list, () => {
      const item = this.item();
      this.loaded.set('isNullObject', item === null);
      for (const p of props(list)) if (p === 'formula' || p === 'visible') this.loaded.set(p, item?.[p] ?? null);
      this.ctx.respond(item);
    });
    return this;
  }
}
