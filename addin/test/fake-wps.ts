/**
 * A behavioural fake of the WPS 表格 (ET) object model over the same in-memory workbook as the
 * Office fake (`FakeWorkbook` in fake-host.ts), so one set of assertions reads both hosts.
 * It keeps the quirks of the real synchronous API that the adapter must survive:
 *  - indexes are 1-based (`Worksheets.Item(0)` fails), `Row` / `Column` are 1-based;
 *  - `Value2` is a scalar for one cell and a 2-D array otherwise; blanks read as undefined;
 *    writing an array of the wrong size fails; a leading ' writes text, a leading = a formula;
 *  - with `members: 'method'`, read members (Name, Count, Value2, UsedRange, …) are zero-argument
 *    methods, as in some WPS builds; assignments work in both;
 *  - `MergeCells` is true / false / null (mixed); `MergeArea` of a cell is its merged area;
 *  - `Worksheets.Add` activates the new sheet; hiding the active sheet activates another;
 *  - `Delete` of a sheet and `Merge` of cells holding values need `DisplayAlerts = false` (else the
 *    real WPS shows a modal dialog: the fake throws); the last visible sheet cannot be hidden;
 *  - `Range.Select` on an inactive sheet fails; `Validation.Add` on a range that has one fails.
 * It counts every call into the object model (member read, assignment, method call).
 */
import type { EtApplication } from '../host/wps/et.js';
import {
  cellValue,
  type FakeConditionalFormat,
  FakeHostError,
  type FakeSheet,
  type FakeWorkbook,
  newSheet,
  rectAddress,
} from './fake-host.js';

interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

const SHEET_ROWS = 1048576;
const SHEET_COLS = 16384;
/** Default geometry in points (column ≈ 8.38 characters, row 13.5 pt) for chart placement. */
const COL_POINTS = 54;
const ROW_POINTS = 13.5;

export interface WpsFakeStats {
  /** Calls into the object model. */
  calls: number;
  /** Calls by member, e.g. "Range.Value2" (read), "Range.Value2=" (write), "Worksheets.Add()". */
  byMember: Record<string, number>;
}

export interface WpsFakeBook {
  name: string;
  fullName: string;
  workbook: FakeWorkbook;
}

export interface WpsFake {
  application: EtApplication;
  /** The first workbook (what the shared assertions read, as `FakeHost.workbook`). */
  workbook: FakeWorkbook;
  books: WpsFakeBook[];
  /** Index into books of the active workbook. */
  activeBook: number;
  displayAlerts: boolean;
  stats: WpsFakeStats;
  members: 'property' | 'method';
  reset(): void;
}

function colIndex(letters: string): number {
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** "A1", "$A$1:$B$2", "A:XFD", "3:5" → a 0-based rectangle. */
export function parseEtAddress(address: string): Rect {
  const local = (address.includes('!') ? (address.split('!').pop() as string) : address)
    .replace(/\$/gu, '')
    .toUpperCase();
  const [from = '', to = from] = local.split(':');
  const part = (p: string) => {
    const m = /^([A-Z]*)(\d*)$/u.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) throw new FakeHostError('InvalidArgument', `地址无效: ${address}`);
    return { col: m[1] ? colIndex(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = part(from);
  const b = part(to);
  const top = Math.min(a.row ?? 0, b.row ?? 0);
  const bottom = a.row === null || b.row === null ? SHEET_ROWS - 1 : Math.max(a.row, b.row);
  const left = Math.min(a.col ?? 0, b.col ?? 0);
  const right = a.col === null || b.col === null ? SHEET_COLS - 1 : Math.max(a.col, b.col);
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

function intersect(a: Rect, b: Rect): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.cols && b.left < a.left + a.cols;
}
const contains = (outer: Rect, r: number, c: number) =>
  r >= outer.top && r < outer.top + outer.rows && c >= outer.left && c < outer.left + outer.cols;

function usedRect(sheet: FakeSheet): Rect {
  let top = -1;
  let bottom = -1;
  let left = Number.POSITIVE_INFINITY;
  let right = -1;
  sheet.cells.forEach((row, r) => {
    row?.forEach((v, c) => {
      if (v === undefined || v === null || v === '') return;
      if (top < 0) top = r;
      bottom = r;
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  return top < 0
    ? { top: 0, left: 0, rows: 1, cols: 1 }
    : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** BGR integer → '#RRGGBB' (the Office fake's colour form, so marks compare across hosts). */
function hexOf(bgr: number): string {
  const r = bgr & 0xff;
  const g = (bgr >> 8) & 0xff;
  const b = (bgr >> 16) & 0xff;
  return `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

class Env {
  constructor(readonly fake: WpsFake) {}
  count(member: string): void {
    this.fake.stats.calls++;
    this.fake.stats.byMember[member] = (this.fake.stats.byMember[member] ?? 0) + 1;
  }
  /** A read member: counted, and a zero-argument method in 'method' builds. */
  read<T>(member: string, value: () => T): T {
    this.count(member);
    const v = value();
    return (this.fake.members === 'method' ? () => v : v) as T;
  }
  call<T>(member: string, fn: () => T): T {
    this.count(`${member}()`);
    return fn();
  }
  write(member: string, fn: () => void): void {
    this.count(`${member}=`);
    fn();
  }
}

class Book {
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

class Sheets {
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

class Sheet {
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

class Range {
  constructor(
    readonly ws: Sheet,
    readonly rect: Rect,
  ) {}
  get env(): Env {
    return this.ws.env;
  }
  private format(prop: string, value: unknown): void {
    this.env.write(`Range.${prop}`, () => {
      this.ws.target.formats.push({ rect: this.rect, prop, value });
    });
  }
  get Value2() {
    return this.env.read('Range.Value2', () => {
      const s = this.ws.target;
      const r = this.rect;
      const raw = (i: number, j: number) => {
        const v = s.cells[r.top + i]?.[r.left + j];
        return v === '' || v === null ? undefined : v;
      };
      if (r.rows === 1 && r.cols === 1) return raw(0, 0);
      return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => raw(i, j)));
    });
  }
  set Value2(value: unknown) {
    this.env.write('Range.Value2', () => {
      const r = this.rect;
      const grid: unknown[][] = Array.isArray(value)
        ? (value as unknown[][])
        : Array.from({ length: r.rows }, () => Array(r.cols).fill(value));
      if (grid.length !== r.rows || grid.some((row) => !Array.isArray(row) || row.length !== r.cols))
        throw new FakeHostError('InvalidArgument', '数组大小与区域不符');
      const s = this.ws.target;
      grid.forEach((row, i) => {
        const line = s.cells[r.top + i] ?? [];
        s.cells[r.top + i] = line;
        row.forEach((v, j) => {
          if (typeof v === 'string' && v.startsWith("'")) line[r.left + j] = v.slice(1);
          else if (typeof v === 'string' && v.startsWith('=')) line[r.left + j] = { formula: v };
          else line[r.left + j] = v === null || v === undefined ? '' : v;
        });
      });
    });
  }
  get Address() {
    const r = this.rect;
    const abs = (row: number, col: number) =>
      rectAddress({ top: row, left: col, rows: 1, cols: 1 }).replace(/^([A-Z]+)(\d+)$/u, '$$$1$$$2');
    return this.env.read('Range.Address', () =>
      r.rows === 1 && r.cols === 1
        ? abs(r.top, r.left)
        : `${abs(r.top, r.left)}:${abs(r.top + r.rows - 1, r.left + r.cols - 1)}`,
    );
  }
  get Row() {
    return this.env.read('Range.Row', () => this.rect.top + 1);
  }
  get Column() {
    return this.env.read('Range.Column', () => this.rect.left + 1);
  }
  get Rows() {
    return this.env.read('Range.Rows', () => ({ Count: this.env.read('Rows.Count', () => this.rect.rows) }));
  }
  get Columns() {
    return this.env.read('Range.Columns', () => ({ Count: this.env.read('Columns.Count', () => this.rect.cols) }));
  }
  get Left() {
    return this.env.read('Range.Left', () => this.rect.left * COL_POINTS);
  }
  get Top() {
    return this.env.read('Range.Top', () => this.rect.top * ROW_POINTS);
  }
  get Width() {
    return this.env.read('Range.Width', () => this.rect.cols * COL_POINTS);
  }
  get Height() {
    return this.env.read('Range.Height', () => this.rect.rows * ROW_POINTS);
  }
  get MergeCells() {
    return this.env.read('Range.MergeCells', () => {
      const merges = this.ws.target.merges;
      let merged = 0;
      for (let i = 0; i < this.rect.rows; i++)
        for (let j = 0; j < this.rect.cols; j++)
          if (merges.some((m) => contains(m, this.rect.top + i, this.rect.left + j))) merged++;
      return merged === 0 ? false : merged === this.rect.rows * this.rect.cols ? true : null;
    });
  }
  get MergeArea(): Range {
    return this.env.read<Range>('Range.MergeArea', () => {
      if (this.rect.rows * this.rect.cols > 1) return this;
      const m = this.ws.target.merges.find((x) => contains(x, this.rect.top, this.rect.left));
      return m ? new Range(this.ws, m) : this;
    });
  }
  Merge(_across?: boolean): void {
    this.env.call('Range.Merge', () => {
      const s = this.ws.target;
      const r = this.rect;
      let filled = 0;
      for (let i = 0; i < r.rows; i++)
        for (let j = 0; j < r.cols; j++) if (cellValue(s, r.top + i, r.left + j) !== '') filled++;
      if (filled > 1 && this.env.fake.displayAlerts)
        throw new FakeHostError(
          'DialogShown',
          '合并单元格时 WPS 弹出“只保留左上角的值”对话框（应先设 DisplayAlerts = false）',
        );
      if (s.merges.some((m) => intersect(m, r))) throw new FakeHostError('InvalidOperation', '与已合并的单元格重叠');
      for (let i = 0; i < r.rows; i++)
        for (let j = 0; j < r.cols; j++)
          if ((i > 0 || j > 0) && s.cells[r.top + i]) (s.cells[r.top + i] as unknown[])[r.left + j] = '';
      s.merges.push(r);
    });
  }
  get Interior() {
    const range = this;
    return this.env.read('Range.Interior', () => ({
      set Color(v: number) {
        range.format('Interior.Color', hexOf(v));
      },
    }));
  }
  get Font() {
    const range = this;
    return this.env.read('Range.Font', () => ({
      set Bold(v: boolean) {
        range.format('Font.Bold', v);
      },
      set Size(v: number) {
        range.format('Font.Size', v);
      },
      set Color(v: number) {
        range.format('Font.Color', hexOf(v));
      },
    }));
  }
  get Borders() {
    const range = this;
    return this.env.read('Range.Borders', () => ({
      set LineStyle(v: number) {
        range.format('Borders.LineStyle', v);
      },
    }));
  }
  set ColumnWidth(v: number) {
    this.format('ColumnWidth', v);
  }
  set RowHeight(v: number) {
    this.format('RowHeight', v);
  }
  set NumberFormat(v: unknown) {
    this.format('NumberFormat', v);
  }
  set HorizontalAlignment(v: number) {
    this.format('HorizontalAlignment', v);
  }
  set VerticalAlignment(v: number) {
    this.format('VerticalAlignment', v);
  }
  set WrapText(v: boolean) {
    this.format('WrapText', v);
  }
  get FormatConditions() {
    return this.env.read('Range.FormatConditions', () => new FormatConditions(this));
  }
  get Validation() {
    return this.env.read('Range.Validation', () => new Validation(this));
  }
  Select(): void {
    this.env.call('Range.Select', () => {
      const s = this.ws.target;
      const wb = this.ws.book.wb;
      if (wb.active !== s.name || this.ws.book.entry !== this.env.fake.books[this.env.fake.activeBook])
        throw new FakeHostError('InvalidSelection', `Range 类的 Select 方法无效：工作表「${s.name}」未激活`);
      wb.selections.push({ sheet: s.name, address: rectAddress(this.rect) });
    });
  }
}

class FormatConditions {
  constructor(readonly range: Range) {}
  private list(): FakeConditionalFormat[] {
    return this.range.ws.target.conditionalFormats.filter((cf) => intersect(cf.rect, this.range.rect));
  }
  get Count() {
    return this.range.env.read('FormatConditions.Count', () => this.list().length);
  }
  Item(index: number): FormatCondition {
    return this.range.env.call('FormatConditions.Item', () => {
      const cf = this.list()[index - 1];
      if (!cf || index < 1) throw new FakeHostError('ItemNotFound', `下标越界: ${index}`);
      return new FormatCondition(this.range, cf);
    });
  }
  Add(type: number, _operator?: number, formula1?: string): FormatCondition {
    return this.range.env.call('FormatConditions.Add', () => {
      if (type !== 2) throw new FakeHostError('InvalidArgument', `本测试只模拟表达式条件格式（Type=2），收到 ${type}`);
      if (!formula1?.startsWith('=')) throw new FakeHostError('InvalidArgument', `公式无效: ${formula1}`);
      const wb = this.range.ws.book.wb;
      const cf: FakeConditionalFormat = {
        id: `{CF-${wb.nextId++}}`,
        rect: this.range.rect,
        type: 'Expression',
        formula: formula1,
        fill: null,
        font: null,
      };
      this.range.ws.target.conditionalFormats.push(cf);
      return new FormatCondition(this.range, cf);
    });
  }
}

class FormatCondition {
  constructor(
    readonly range: Range,
    readonly cf: FakeConditionalFormat,
  ) {}
  get Type() {
    return this.range.env.read('FormatCondition.Type', () =>
      this.cf.type === 'Expression' || this.cf.type === 'Custom' ? 2 : 1,
    );
  }
  get Formula1() {
    return this.range.env.read('FormatCondition.Formula1', () => this.cf.formula);
  }
  get Interior() {
    const cf = this.cf;
    const env = this.range.env;
    return env.read('FormatCondition.Interior', () => ({
      set Color(v: number) {
        env.write('FormatCondition.Interior.Color', () => {
          cf.fill = hexOf(v);
        });
      },
    }));
  }
  get Font() {
    const cf = this.cf;
    const env = this.range.env;
    return env.read('FormatCondition.Font', () => ({
      set Color(v: number) {
        env.write('FormatCondition.Font.Color', () => {
          cf.font = hexOf(v);
        });
      },
    }));
  }
  Delete(): void {
    this.range.env.call('FormatCondition.Delete', () => {
      for (const s of this.range.ws.book.wb.sheets)
        s.conditionalFormats = s.conditionalFormats.filter((x) => x !== this.cf);
    });
  }
}

const ALERT_STYLES: Record<number, string> = { 1: 'Stop', 2: 'Warning', 3: 'Information' };
const OPERATORS: Record<number, string> = { 1: 'Between', 7: 'GreaterThanOrEqualTo' };

/** Validation kept per cell in the Office fake's JSON shape (rule / prompt / errorAlert). */
class Validation {
  constructor(readonly range: Range) {}
  private each(fn: (key: string, s: FakeSheet) => void): void {
    const r = this.range.rect;
    const s = this.range.ws.target;
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) fn(`${r.top + i},${r.left + j}`, s);
  }
  private merge(member: string, patch: (old: Record<string, Record<string, unknown>>) => void): void {
    this.range.env.write(`Validation.${member}`, () => {
      this.each((key, s) => {
        const old = s.validations.get(key);
        if (!old) throw new FakeHostError('InvalidOperation', '单元格没有数据有效性（先 Validation.Add）');
        const parsed = JSON.parse(old) as Record<string, Record<string, unknown>>;
        patch(parsed);
        s.validations.set(key, JSON.stringify(parsed));
      });
    });
  }
  Add(type: number, alertStyle = 1, operator = 1, formula1?: string, formula2?: string): void {
    this.range.env.call('Validation.Add', () => {
      this.each((key, s) => {
        if (s.validations.has(key))
          throw new FakeHostError('InvalidOperation', '区域已有数据有效性（先 Validation.Delete）');
      });
      const basic = {
        formula1,
        ...(formula2 === undefined ? {} : { formula2 }),
        operator: OPERATORS[operator] ?? String(operator),
      };
      const rule =
        type === 3
          ? { list: { inCellDropDown: true, source: formula1 } }
          : type === 2
            ? { decimal: basic }
            : type === 1
              ? { wholeNumber: basic }
              : {};
      const json = JSON.stringify({ ...rule, errorAlert: { showAlert: false, style: ALERT_STYLES[alertStyle] } });
      this.each((key, s) => s.validations.set(key, json));
    });
  }
  Delete(): void {
    this.range.env.call('Validation.Delete', () => this.each((key, s) => s.validations.delete(key)));
  }
  set InCellDropdown(v: boolean) {
    this.merge('InCellDropdown', (o) => {
      if (o.list) o.list.inCellDropDown = v;
    });
  }
  set ShowError(v: boolean) {
    this.merge('ShowError', (o) => {
      o.errorAlert = { ...o.errorAlert, showAlert: v };
    });
  }
  set ErrorTitle(v: string) {
    this.merge('ErrorTitle', (o) => {
      o.errorAlert = { ...o.errorAlert, title: v };
    });
  }
  set ErrorMessage(v: string) {
    this.merge('ErrorMessage', (o) => {
      o.errorAlert = { ...o.errorAlert, message: v };
    });
  }
  set ShowInput(v: boolean) {
    this.merge('ShowInput', (o) => {
      o.prompt = { ...o.prompt, showPrompt: v };
    });
  }
  set InputTitle(v: string) {
    this.merge('InputTitle', (o) => {
      o.prompt = { ...o.prompt, title: v };
    });
  }
  set InputMessage(v: string) {
    this.merge('InputMessage', (o) => {
      o.prompt = { ...o.prompt, message: v };
    });
  }
}

class Application {
  constructor(readonly env: Env) {}
  private book(): Book | null {
    const entry = this.env.fake.books[this.env.fake.activeBook];
    return entry ? new Book(this.env, entry) : null;
  }
  get ActiveWorkbook() {
    return this.env.read('Application.ActiveWorkbook', () => this.book());
  }
  get ActiveWindow() {
    const env = this.env;
    const fake = env.fake;
    let split = { rows: 0, cols: 0 };
    return env.read('Application.ActiveWindow', () => ({
      set SplitRow(v: number) {
        env.write('Window.SplitRow', () => {
          split = { ...split, rows: v };
        });
      },
      set SplitColumn(v: number) {
        env.write('Window.SplitColumn', () => {
          split = { ...split, cols: v };
        });
      },
      set FreezePanes(v: boolean) {
        env.write('Window.FreezePanes', () => {
          const wb = fake.books[fake.activeBook]?.workbook;
          const s = wb?.sheets.find((x) => x.name === wb.active);
          if (s) s.frozen = v ? { ...split } : { rows: 0, cols: 0 };
        });
      },
    }));
  }
  get DisplayAlerts() {
    return this.env.read('Application.DisplayAlerts', () => this.env.fake.displayAlerts);
  }
  set DisplayAlerts(v: boolean) {
    this.env.write('Application.DisplayAlerts', () => {
      this.env.fake.displayAlerts = v;
    });
  }
}

export function createWpsFake(
  workbook: FakeWorkbook,
  options: { members?: 'property' | 'method'; name?: string } = {},
): WpsFake {
  const name = options.name ?? '台账.xlsx';
  const fake: WpsFake = {
    application: null as unknown as EtApplication,
    workbook,
    books: [{ name, fullName: `C:\\Users\\文员\\Documents\\${name}`, workbook }],
    activeBook: 0,
    displayAlerts: true,
    stats: { calls: 0, byMember: {} },
    members: options.members ?? 'property',
    reset() {
      fake.stats.calls = 0;
      fake.stats.byMember = {};
    },
  };
  fake.application = new Application(new Env(fake)) as unknown as EtApplication;
  return fake;
}
