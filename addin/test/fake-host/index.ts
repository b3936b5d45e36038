/**
 * A fake host: an in-memory workbook behind the same Excel API subset the adapter uses
 * (`HostContext` in excel.ts). It behaves like Office.js where it matters to us:
 *  - calls are queued and applied in order at `context.sync()` (and once more at the end of a
 *    batch with pending calls, as `Excel.run` does);
 *  - a property can be read only after it was loaded and synced (else `PropertyNotLoaded`);
 *  - `*OrNullObject` results report `isNullObject`; `getItem` of a missing item fails at sync;
 *  - `range.select()` on an inactive sheet fails (activate first).
 * It counts syncs, records every operation and measures each request's serialized size (the JSON
 * of the queued operations) and each response's size (the JSON of what was loaded).
 * It runs in Node (tests, benchmark) and in the browser (bundled in place of office.js).
 *
 * model.ts holds the workbook, context.ts the batch, sheets/range/format/conditional.ts the proxies.
 */
import type { ExcelHost, HostContext } from '../../excel.js';
import { FakeContext } from './context.js';
import type { FakeStats, FakeWorkbook } from './model.js';
import { workbookRoot } from './sheets.js';

export {
  a1,
  cellValue,
  type FakeConditionalFormat,
  FakeHostError,
  type FakeOp,
  type FakeSheet,
  type FakeStats,
  type FakeWorkbook,
  fakeWorkbook,
  formatSnapshot,
  newSheet,
  parseAddress,
  rectAddress,
} from './model.js';

export interface FakeHost {
  host: ExcelHost;
  workbook: FakeWorkbook;
  stats: FakeStats;
  /** Requirement sets the fake claims, e.g. { ExcelApi: '1.8' }. */
  supported: Record<string, string>;
  reset(): void;
}

function versionAtLeast(have: string, want: string): boolean {
  const [a1, a2] = have.split('.').map(Number);
  const [b1, b2] = want.split('.').map(Number);
  return (a1 ?? 0) > (b1 ?? 0) || ((a1 ?? 0) === (b1 ?? 0) && (a2 ?? 0) >= (b2 ?? 0));
}

export function createFakeHost(
  workbook: FakeWorkbook,
  supported: Record<string, string> = { ExcelApi: '1.8' },
): FakeHost {
  const stats: FakeStats = { syncs: 0, ops: [], requests: [], responses: [] };
  const fake: FakeHost = {
    workbook,
    stats,
    supported,
    reset() {
      stats.syncs = 0;
      stats.ops = [];
      stats.requests = [];
      stats.responses = [];
    },
    host: {
      async run<T>(batch: (context: HostContext) => Promise<T>): Promise<T> {
        const ctx = new FakeContext(fake.workbook, stats, workbookRoot, (name, version) =>
          fake.host.isSetSupported(name, version),
        );
        const result = await batch(ctx);
        if (ctx.pending) await ctx.sync();
        return result;
      },
      isSetSupported(name: string, version: string): boolean {
        const have = fake.supported[name];
        return have !== undefined && versionAtLeast(have, version);
      },
    },
  };
  return fake;
}
