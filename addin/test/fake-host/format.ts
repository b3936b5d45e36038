/** The fake host's direct formats (`range.format`) and data validation: every write is recorded. */
import type { HostBorder, HostBorderCollection, HostDataValidation, HostRangeFormat } from '../../excel.js';
import { FakeHostError, type FakeSheet } from './model.js';
import type { RangeProxy } from './range.js';

export class FormatProxy implements HostRangeFormat {
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

export class DataValidationProxy implements HostDataValidation {
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
