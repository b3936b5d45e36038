/** The WPS fake's `FormatConditions` (expression rules) and `Validation`, kept in the Office fake's shapes. */
import { type FakeConditionalFormat, FakeHostError, type FakeSheet } from '../fake-host/model.js';
import { hexOf, intersect } from './model.js';
import type { Range } from './range.js';

export class FormatConditions {
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

export class FormatCondition {
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
export class Validation {
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
