/**
 * One Excel.run batch of the fake host: operations are queued and applied in order at `sync()`,
 * with each request's and response's serialized size recorded. `Loadable` is the base of every
 * proxy whose properties may be read only after a load was applied at sync.
 */
import type { HostContext, HostRange, HostWorksheetCollection } from '../../excel.js';
import { FakeHostError, type FakeSheet, type FakeStats, type FakeWorkbook } from './model.js';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value ?? null)).length;

export interface FakeRoot {
  worksheets: HostWorksheetCollection;
  getSelectedRange(): HostRange;
}

/** One Excel.run batch. */
export class FakeContext implements HostContext {
  readonly workbook: FakeRoot;
  private queue: { kind: string; target: string; payload: unknown; apply: () => void }[] = [];
  private response = 0;

  constructor(
    readonly wb: FakeWorkbook,
    readonly stats: FakeStats,
    root: (ctx: FakeContext) => FakeRoot,
    /** Requirement sets the fake claims (what an operation needing a newer set checks at sync). */
    readonly supports: (name: string, version: string) => boolean = () => true,
  ) {
    this.workbook = root(this);
  }
  enqueue(kind: string, target: string, payload: unknown, apply: () => void): void {
    this.queue.push({ kind, target, payload, apply });
  }

  respond(value: unknown): void {
    this.response += bytes(value);
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.response = 0;
    this.stats.syncs++;
    const sync = this.stats.syncs;
    let request = 2;
    for (const op of queue) {
      const size = bytes({ k: op.kind, t: op.target, v: op.payload }) + 1;
      request += size;
      this.stats.ops.push({ sync, kind: op.kind, target: op.target, bytes: size });
    }
    this.stats.requests.push(request);
    try {
      for (const op of queue) op.apply();
    } finally {
      this.stats.responses.push(this.response);
    }
  }

  sheet(name: string): FakeSheet {
    const s = this.wb.sheets.find((x) => x.name === name);
    if (!s) throw new FakeHostError('ItemNotFound', `找不到工作表「${name}」`);
    return s;
  }
}

/** Properties that may be read: set when a load is applied at sync. */
export class Loadable {
  readonly loaded = new Map<string, unknown>();
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new FakeHostError('PropertyNotLoaded', `属性 ${prop} 未加载或未同步`);
    return this.loaded.get(prop) as T;
  }
}

export const props = (list: string) =>
  list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
