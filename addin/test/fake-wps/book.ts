/** The WPS fake's workbook, worksheet collection and worksheets (visibility, delete, page setup, charts). */
import {
  FakeHostError,
  type FakeSheet,
  type FakeWorkbook,
  newSheet,
  putHyperlink,
  usedRect,
} from '../fake-host/model.js';
import { type Env, parseEtAddress, type WpsFakeBook } from './model.js';
import { Names } from './names.js';
import { Range } from './range.js';

export class Book {
  constructor(
    readonly env: Env,
    readonly entry: WpsFakeBook,
  ) {}
  get wb(): FakeWorkbook {
    return this.entry.workbook;
  }
  get Name() {
    return this.env.read('Workbook.Name', () => this.entry.name);
  }
  get FullName() {
    return this.env.read('Workbook.FullName', () => this.entry.fullName);
  }
  get Worksheets() {
    return this.env.read('Workbook.Worksheets', () => new Sheets(this));
  }
  get ActiveSheet() {
    return this.env.read('Workbook.ActiveSheet', () => {
      const s = this.wb.sheets.find((x) => x.name === this.wb.active);
      return s ? new Sheet(this, s) : null;
    });
  }
  sheetOf(s: FakeSheet): FakeSheet {
    if (!this.wb.sheets.includes(s)) throw new FakeHostError('ObjectDeleted', `工作表「${s.name}」已被删除`);
    return s;
  }
}

export class Sheets {
  constructor(readonly book: Book) {}
  get Count() {
    return this.book.env.read('Worksheets.Count', () => this.book.wb.sheets.length);
  }
  Item(key: number | string): Sheet {
    return this.book.env.call('Worksheets.Item', () => {
      const list = this.book.wb.sheets;
      const s = typeof key === 'number' ? list[key - 1] : list.find((x) => x.name === key);
      if (!s || (typeof key === 'number' && key < 1)) throw new FakeHostError('ItemNotFound', `下标越界: ${key}`);
      return new Sheet(this.book, s);
    });
  }
  Add(before?: Sheet, after?: Sheet): Sheet {
    return this.book.env.call('Worksheets.Add', () => {
      const list = this.book.wb.sheets;
      let n = list.length + 1;
      while (list.some((s) => s.name === `Sheet${n}`)) n++;
      const s = newSheet(`Sheet${n}`);
      const anchor = after
        ? list.indexOf(after.target) + 1
        : before
          ? list.indexOf(before.target)
          : list.indexOf(list.find((x) => x.name === this.book.wb.active) as FakeSheet);
      list.splice(Math.max(0, anchor), 0, s);
      this.book.wb.active = s.name;
      return new Sheet(this.book, s);
    });
  }
}

export class Sheet {
  constructor(
    readonly book: Book,
    readonly sheet: FakeSheet,
  ) {}
  get env(): Env {
    return this.book.env;
  }
  get target(): FakeSheet {
    return this.book.sheetOf(this.sheet);
  }
  get Name() {
    return this.env.read('Worksheet.Name', () => this.target.name);
  }
  set Name(value: string | (() => string)) {
    this.env.write('Worksheet.Name', () => {
      const name = String(value);
      const s = this.target;
      if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/u.test(name))
        throw new FakeHostError('InvalidArgument', `工作表名称无效: ${name}`);
      if (this.book.wb.sheets.some((x) => x !== s && x.name === name))
        throw new FakeHostError('ItemAlreadyExists', `工作表「${name}」已存在`);
      if (this.book.wb.active === s.name) this.book.wb.active = name;
      s.name = name;
    });
  }
  get Visible() {
    return this.env.read('Worksheet.Visible', () =>
      this.target.visibility === 'Visible' ? -1 : this.target.visibility === 'VeryHidden' ? 2 : 0,
    );
  }
  set Visible(value: number | boolean | (() => number | boolean)) {
    this.env.write('Worksheet.Visible', () => {
      const s = this.target;
      const visible = value === true || value === -1;
      const wb = this.book.wb;
      if (!visible && !wb.sheets.some((x) => x !== s && x.visibility === 'Visible'))
        throw new FakeHostError('InvalidOperation', '工作簿中至少要有一张可见工作表');
      s.visibility = visible ? 'Visible' : value === 2 ? 'VeryHidden' : 'Hidden';
      if (!visible && wb.active === s.name) {
        const i = wb.sheets.indexOf(s);
        const next = [...wb.sheets.slice(i + 1), ...wb.sheets.slice(0, i).reverse()].find(
          (x) => x.visibility === 'Visible',
        );
        wb.active = next?.name ?? wb.active;
      }
    });
  }
  get Names() {
    return this.env.read('Worksheet.Names', () => new Names(this.env, () => this.target));
  }
  /** Hyperlinks.Add(Anchor, Address, SubAddress, ScreenTip, TextToDisplay): one cell, a place in the workbook. */
  get Hyperlinks() {
    return this.env.read('Worksheet.Hyperlinks', () => ({
      Add: (anchor: Range, address: string, subAddress?: string, _screenTip?: string, text?: string) =>
        this.env.call('Hyperlinks.Add', () => {
          const r = anchor.rect;
          if (r.rows !== 1 || r.cols !== 1) throw new FakeHostError('InvalidArgument', '超链接只写到单个单元格');
          if (address !== '' || !subAddress)
            throw new FakeHostError('InvalidArgument', '工作簿内的链接只给 SubAddress');
          putHyperlink(anchor.ws.target, { row: r.top, col: r.left, target: subAddress, text: text ?? subAddress });
        }),
    }));
  }
  /** Moves the sheet before `before` (or after `after`). */
  Move(before?: Sheet, after?: Sheet): void {
    this.env.call('Worksheet.Move', () => {
      const s = this.target;
      const rest = this.book.wb.sheets.filter((x) => x !== s);
      const anchor = before ? rest.indexOf(before.target) : after ? rest.indexOf(after.target) + 1 : rest.length;
      if (anchor < 0) throw new FakeHostError('ItemNotFound', '移动的目标工作表不存在');
      rest.splice(anchor, 0, s);
      this.book.wb.sheets = rest;
    });
  }
  get UsedRange() {
    return this.env.read('Worksheet.UsedRange', () => new Range(this, usedRect(this.target)));
  }
  Range(address: string): Range {
    return this.env.call('Worksheet.Range', () => new Range(this, parseEtAddress(address)));
  }
  Activate(): void {
    this.env.call('Worksheet.Activate', () => {
      const s = this.target;
      if (s.visibility !== 'Visible') throw new FakeHostError('InvalidOperation', `隐藏的工作表「${s.name}」不能激活`);
      this.book.wb.active = s.name;
    });
  }
  Delete(): void {
    this.env.call('Worksheet.Delete', () => {
      const s = this.target;
      const wb = this.book.wb;
      if (this.env.fake.displayAlerts)
        throw new FakeHostError(
          'DialogShown',
          `删除工作表「${s.name}」时 WPS 弹出确认对话框（应先设 DisplayAlerts = false）`,
        );
      if (s.visibility === 'Visible' && !wb.sheets.some((x) => x !== s && x.visibility === 'Visible'))
        throw new FakeHostError('InvalidOperation', '不能删除最后一张可见工作表');
      wb.sheets = wb.sheets.filter((x) => x !== s);
      const quoted = `'${s.name.replace(/'/gu, "''")}'!`;
      for (const other of wb.sheets)
        for (const cf of other.conditionalFormats) if (cf.formula.includes(quoted)) cf.formula = '=#REF!';
      if (wb.active === s.name) wb.active = wb.sheets.find((x) => x.visibility === 'Visible')?.name ?? '';
    });
  }
  /** PageSetup: every property written is recorded on the sheet's `pageLayout` as `PageSetup.<name>`. */
  get PageSetup() {
    return this.env.read('Worksheet.PageSetup', () => {
      const target = this.target;
      return new Proxy({} as Record<string, unknown>, {
        set: (_, prop, value) => {
          target.pageLayout = { ...target.pageLayout, [`PageSetup.${String(prop)}`]: value };
          return true;
        },
        get: (_, prop) => target.pageLayout?.[`PageSetup.${String(prop)}`],
      });
    });
  }
  get ChartObjects() {
    return this.env.read('Worksheet.ChartObjects', () => ({
      Add: (_left: number, _top: number, _width: number, _height: number) =>
        this.env.call('ChartObjects.Add', () => {
          const s = this.target;
          const chart = {
            type: '',
            rect: { top: 0, left: 0, rows: 0, cols: 0 },
            seriesBy: undefined as string | undefined,
            title: '',
            position: [] as string[],
          };
          s.charts.push(chart);
          const env = this.env;
          const api = {
            SetSourceData: (source: Range, plotBy?: number) =>
              env.call('Chart.SetSourceData', () => {
                chart.rect = source.rect;
                chart.seriesBy = plotBy === 2 ? 'Columns' : plotBy === 1 ? 'Rows' : undefined;
              }),
            set ChartType(v: number) {
              env.write('Chart.ChartType', () => {
                chart.type = String(v);
              });
            },
            set HasTitle(_v: boolean) {
              env.write('Chart.HasTitle', () => undefined);
            },
            get ChartTitle() {
              return env.read('Chart.ChartTitle', () => ({
                set Text(v: string) {
                  env.write('ChartTitle.Text', () => {
                    chart.title = v;
                  });
                },
              }));
            },
          };
          chart.position = [`${_left},${_top}`, `${_width}x${_height}`];
          return { Chart: env.read('ChartObject.Chart', () => api) };
        }),
    }));
  }
}
