/** The WPS fake's `Range`: Value2 (scalar or 2-D), address and geometry, merges, direct formats, selection. */
import type { Rect } from '../../excel.js';
import { cellValue, FakeHostError, rectAddress } from '../fake-host/model.js';
import type { Sheet } from './book.js';
import { FormatConditions, Validation } from './conditions.js';
import { COL_POINTS, contains, type Env, hexOf, intersect, ROW_POINTS } from './model.js';

export class Range {
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
