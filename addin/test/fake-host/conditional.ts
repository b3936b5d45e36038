/** The fake host's conditional formats: add, list, read, change and delete custom rules. */
import type {
  HostConditionalFormat,
  HostConditionalFormatCollection,
  HostCustomConditionalFormat,
} from '../../excel.js';
import { Loadable } from './context.js';
import { type FakeConditionalFormat, FakeHostError, intersect } from './model.js';
import type { RangeProxy } from './range.js';

export class ConditionalFormatsProxy extends Loadable implements HostConditionalFormatCollection {
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

export class ConditionalFormatProxy extends Loadable implements HostConditionalFormat {
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
