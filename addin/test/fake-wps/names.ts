/**
 * Sheet-level defined names of the WPS fake (`Worksheet.Names`): `Name` reads back as
 * `'Sheet'!NAME`, as ET reports a sheet-level name; Visible is kept as given.
 */
import { FakeHostError, type FakeSheet } from '../fake-host/model.js';
import type { Env } from './model.js';

const VALID_NAME = /^[\p{L}_\\][\p{L}\p{N}_.]*$/u;

export class Names {
  constructor(
    private readonly env: Env,
    private readonly target: () => FakeSheet,
  ) {}
  private list() {
    const s = this.target();
    s.names ??= [];
    return s.names;
  }
  get Count() {
    return this.env.read('Names.Count', () => this.list().length);
  }
  Item(key: number | string) {
    return this.env.call('Names.Item', () => {
      const list = this.list();
      const item = typeof key === 'number' ? list[key - 1] : list.find((n) => n.name === key);
      if (!item) throw new FakeHostError('ItemNotFound', `找不到名称: ${key}`);
      const sheet = this.target().name.replace(/'/gu, "''");
      const env = this.env;
      return {
        get Name() {
          return env.read('Name.Name', () => `'${sheet}'!${item.name}`);
        },
        get RefersTo() {
          return env.read('Name.RefersTo', () => item.formula);
        },
      };
    });
  }
  Add(name: string, refersTo: string, visible = true) {
    return this.env.call('Names.Add', () => {
      if (!VALID_NAME.test(name)) throw new FakeHostError('InvalidArgument', `名称「${name}」不合法`);
      const list = this.list();
      const old = list.findIndex((n) => n.name === name);
      // As ET does, adding an existing name redefines it.
      if (old >= 0) list.splice(old, 1);
      list.push({ name, formula: refersTo, visible });
      return undefined;
    });
  }
}
