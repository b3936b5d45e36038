/**
 * A behavioural fake of the WPS 表格 (ET) object model over the same in-memory workbook as the
 * Office fake (`FakeWorkbook` in fake-host/model.ts), so one set of assertions reads both hosts.
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
import type { EtApplication } from '../../host/wps/et.js';
import type { FakeWorkbook } from '../fake-host/model.js';
import { Book } from './book.js';
import { Env, type WpsFake } from './model.js';

export { parseEtAddress, type WpsFake, type WpsFakeBook, type WpsFakeStats } from './model.js';

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
