/** What the WPS adapter's parts share: the workbook it is bound to, sheets by name, new sheets, alerts off. */
import { a1 } from '../../../shared/index.js';
import type { AdapterOptions, Rect } from '../types.js';
import {
  countOf,
  ET,
  type EtApplication,
  type EtRange,
  type EtWorkbook,
  type EtWorksheet,
  get,
  isVisible,
} from './et.js';

export interface WpsState {
  app: () => EtApplication | null;
  options: AdapterOptions;
  /** FullName of the workbook the last read came from: writes for that check go only there. */
  bound: string | null;
}

export interface SheetEntry {
  sheet: EtWorksheet;
  name: string;
  visible: boolean;
}

export function application(st: WpsState): EtApplication {
  const app = st.app();
  if (!app) throw new Error('找不到 WPS 表格的对象模型（Application）：请在 WPS 表格中打开本加载项。');
  return app;
}

export function activeBook(st: WpsState): EtWorkbook {
  const book = get(application(st), 'ActiveWorkbook');
  if (!book) throw new Error('WPS 中没有打开的工作簿：请先打开台账工作簿。');
  return book;
}

export function bookId(book: EtWorkbook): string {
  return String(get(book, 'FullName') || get(book, 'Name'));
}

/**
 * The workbook a write for the last check may touch. A WPS task pane stays open across windows, so
 * the clerk may have switched workbooks since the check: refuse rather than write into another one.
 */
export function boundBook(st: WpsState): EtWorkbook {
  const book = activeBook(st);
  if (st.bound !== null) {
    const id = bookId(book);
    if (id !== st.bound)
      throw new Error(
        `当前窗口的工作簿「${get(book, 'Name')}」不是刚才校验的工作簿「${baseName(st.bound)}」：请切换回该工作簿，或重新“一键校验”。`,
      );
  }
  return book;
}

export function bind(st: WpsState, book: EtWorkbook): void {
  st.bound = bookId(book);
}

const baseName = (fullName: string) => fullName.split(/[\\/]/u).pop() ?? fullName;

/** Every sheet with its name and visibility: 1 + 3 calls per sheet (Item, Name, Visible). */
export function listEntries(book: EtWorkbook): SheetEntry[] {
  const sheets = get(book, 'Worksheets');
  const n = countOf(sheets);
  const out: SheetEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const sheet = sheets.Item(i);
    out.push({ sheet, name: String(get(sheet, 'Name')), visible: isVisible(get(sheet, 'Visible')) });
  }
  return out;
}

export function sheetByName(book: EtWorkbook, name: string): EtWorksheet {
  try {
    return get(book, 'Worksheets').Item(name);
  } catch (error) {
    throw new Error(`ItemNotFound: 找不到工作表「${name}」（${error instanceof Error ? error.message : error}）`);
  }
}

/** Runs `fn` with WPS's confirmation dialogs off (sheet delete, merge), restoring the setting. */
export function quietly<T>(st: WpsState, fn: () => T): T {
  const app = application(st);
  const before = get(app, 'DisplayAlerts');
  app.DisplayAlerts = false;
  try {
    return fn();
  } finally {
    app.DisplayAlerts = before;
  }
}

/**
 * Adds a sheet after the last one and names it. Worksheets.Add activates the new sheet: unless
 * `activate`, the sheet that was active is activated again, so the clerk's view does not move.
 */
export function addSheet(book: EtWorkbook, name: string, opts: { hidden: boolean; activate: boolean }): EtWorksheet {
  const sheets = get(book, 'Worksheets');
  const before = get(book, 'ActiveSheet');
  const sheet = sheets.Add(undefined, sheets.Item(countOf(sheets)));
  sheet.Name = name;
  if (opts.hidden) sheet.Visible = ET.xlSheetHidden;
  if (!opts.activate && before) before.Activate();
  return sheet;
}

/** A 0-based rectangle → "A1:D9" (one cell → "A1"). */
export function rangeAddress(r: Rect): string {
  const start = a1(r.top + 1, r.left);
  return r.rows === 1 && r.cols === 1 ? start : `${start}:${a1(r.top + r.rows, r.left + r.cols - 1)}`;
}

function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** An Address read back from ET ("$A$1:$AD$3", "$B$2", "Sheet!$A$1") → a 0-based rectangle. */
export function parseAddress(address: string): Rect {
  const local = address.split('!').pop() ?? '';
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/u.exec(local.trim().toUpperCase());
  if (!m) throw new Error(`WPS 返回的区域地址无法识别：${address}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1] as string);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? columnIndex(m[3]) : left;
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** Where a range is, from one Address read. */
export function rectOf(range: EtRange): Rect {
  return parseAddress(String(get(range, 'Address')));
}
