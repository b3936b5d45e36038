/** Reading in WPS: the sheet list, the used range in row blocks, and the header's merged areas. */
import { CHUNK_CELLS, HEADER_SCAN_ROWS, looksLikeLedger, MARKS_PREFIX, OPTIONS_SHEET, SCAN_COLS } from '../common.js';
import type { LedgerGrid, Progress, Rect, SheetInfo } from '../types.js';
import { activeBook, bind, listEntries, rangeAddress, rectOf, sheetByName, type WpsState } from './book.js';
import { type EtWorksheet, get, toGrid } from './et.js';

const helper = (name: string) => name.startsWith(MARKS_PREFIX) || name === OPTIONS_SHEET;

export function listSheets(st: WpsState): SheetInfo[] {
  const book = activeBook(st);
  const active = get(book, 'ActiveSheet');
  const activeName = active ? String(get(active, 'Name')) : '';
  return listEntries(book)
    .filter((e) => !helper(e.name))
    .map((e) => ({ name: e.name, visible: e.visible, active: e.name === activeName }));
}

/** The used range's position and size, 0-based (2 calls: UsedRange, Address). */
export function usedRect(sheet: EtWorksheet): Rect {
  return rectOf(get(sheet, 'UsedRange'));
}

/** One block read: a single Value2 get, normalised to rows × cols. */
export function readBlock(sheet: EtWorksheet, r: Rect): unknown[][] {
  return toGrid(get(sheet.Range(rangeAddress(r)), 'Value2'), r.rows, r.cols);
}

/** One task's pause between blocks, so the pane repaints its progress line. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function readLedger(st: WpsState, wanted?: string, progress?: Progress): Promise<LedgerGrid> {
  const book = activeBook(st);
  bind(st, book);
  progress?.(0, 1, '正在读取工作表…');
  let sheet: EtWorksheet;
  let detected = false;
  if (wanted) sheet = sheetByName(book, wanted);
  else {
    const active = get(book, 'ActiveSheet');
    if (!active) throw new Error('WPS 中没有活动工作表。');
    sheet = active;
  }
  let first = firstBlock(sheet);
  if (!wanted && !looksLikeLedger(first.grid, st.options.isLedgerHeader)) {
    // The active sheet holds no ledger: look at the top rows of the other visible sheets.
    const activeName = String(get(sheet, 'Name'));
    const found = listEntries(book).find(
      (e) =>
        e.visible &&
        e.name !== activeName &&
        !helper(e.name) &&
        looksLikeLedger(readBlock(e.sheet, TOP), st.options.isLedgerHeader),
    );
    if (found) {
      sheet = found.sheet;
      detected = true;
      first = firstBlock(sheet);
    }
  }
  const name = String(get(sheet, 'Name'));
  const { used, rowsPerChunk } = first;
  const grid = first.grid;
  for (let next = grid.length; next < used.rows; next += rowsPerChunk) {
    progress?.(next, used.rows, `正在读取第${used.top + next + 1}行起…`);
    await tick();
    const rows = Math.min(rowsPerChunk, used.rows - next);
    // One push per row: spreading a block of up to 150,000 rows as arguments could overflow the stack.
    for (const row of readBlock(sheet, { top: used.top + next, left: used.left, rows, cols: used.cols }))
      grid.push(row);
  }
  const header: Rect = { top: 0, left: 0, rows: HEADER_SCAN_ROWS + 2, cols: used.left + used.cols };
  const merges = findMerges(sheet, header).map((m) => ({
    top: m.top,
    left: m.left,
    bottom: m.top + m.rows - 1,
    right: m.left + m.cols - 1,
  }));
  progress?.(1, 1, '读取完成');
  return { sheet: name, origin: { row: used.top, col: used.left }, grid, merges, detected };
}

/** Top rows of another sheet, for header detection (one block read, as the Office adapter scans). */
const TOP: Rect = { top: 0, left: 0, rows: HEADER_SCAN_ROWS, cols: SCAN_COLS };

/** The used range's geometry and its first block of rows (blocks are sized by cells). */
function firstBlock(sheet: EtWorksheet): { used: Rect; rowsPerChunk: number; grid: unknown[][] } {
  const used = usedRect(sheet);
  const rowsPerChunk = Math.max(100, Math.floor(CHUNK_CELLS / Math.max(1, used.cols)));
  const rows = Math.min(rowsPerChunk, used.rows);
  return { used, rowsPerChunk, grid: readBlock(sheet, { ...used, rows }) };
}

const inside = (a: Rect, b: Rect) =>
  a.top >= b.top && a.left >= b.left && a.top + a.rows <= b.top + b.rows && a.left + a.cols <= b.left + b.cols;

/**
 * Merged areas in the header block, without visiting cells one by one: ET has no list of merged
 * areas, but `MergeCells` of a block is false when nothing in it is merged. One call for the
 * block (the usual answer: no merges), then one per header row; a row that is not false is halved
 * until the first cell's `MergeArea` covers the part (calls ~ merges × log2(columns), bounded by
 * the header's size and independent of the ledger's rows).
 */
export function findMerges(sheet: EtWorksheet, area: Rect): Rect[] {
  const found: Rect[] = [];
  const merged = (r: Rect) => get(sheet.Range(rangeAddress(r)), 'MergeCells') !== false;
  const visit = (r: Rect): void => {
    if (found.some((m) => inside(r, m))) return;
    if (!merged(r)) return;
    const m = rectOf(get(sheet.Range(rangeAddress({ top: r.top, left: r.left, rows: 1, cols: 1 })), 'MergeArea'));
    if (m.rows * m.cols > 1 && !found.some((f) => f.top === m.top && f.left === m.left)) found.push(m);
    if (inside(r, m) || r.cols === 1) return;
    const half = Math.ceil(r.cols / 2);
    visit({ ...r, cols: half });
    visit({ ...r, left: r.left + half, cols: r.cols - half });
  };
  if (!merged(area)) return [];
  for (let row = area.top; row < area.top + area.rows; row++) visit({ ...area, top: row, rows: 1 });
  return found.sort((a, b) => a.top - b.top || a.left - b.left);
}
