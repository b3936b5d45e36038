/**
 * Marks in WPS, as in the Office build: the flags go to a hidden sheet in block writes, and two
 * expression conditional formats on the data region read them. The formula has no relative
 * reference (`INDEX(flags, ROW(), COLUMN())`): ET, like VBA, anchors relative references of
 * FormatConditions.Add at the active cell, not at the range. Clearing deletes both, so the sheet
 * is restored exactly; the calls do not grow with the rows (flags go in blocks of CHUNK_CELLS).
 */
import { CHUNK_CELLS, MARK_STYLES, MARKS_PREFIX, marksSheetName, quoteSheet } from '../common.js';
import type { MarkPlan } from '../types.js';
import {
  activeBook,
  addSheet,
  boundBook,
  listEntries,
  quietly,
  rangeAddress,
  sheetByName,
  type WpsState,
} from './book.js';
import { bgr, countOf, ET, type EtWorksheet, get } from './et.js';

/** The conditional-format formula that shows `flag` where the flags sheet holds it. */
export function markFormula(marksName: string, flag: number): string {
  return `=INDEX(${quoteSheet(marksName)}!$A:$XFD,ROW(),COLUMN())=${flag}`;
}

/** Deletes this add-in's conditional formats on `sheet` (from the last, as indexes shift). */
function deleteOurFormats(sheet: EtWorksheet): void {
  const formats = get(sheet.Range('A:XFD'), 'FormatConditions');
  for (let i = countOf(formats); i >= 1; i--) {
    const fc = formats.Item(i);
    let formula = '';
    try {
      formula = String(get(fc, 'Formula1'));
    } catch {
      // Formats without a formula (data bars, colour scales) are not ours.
    }
    if (formula.includes(MARKS_PREFIX)) fc.Delete();
  }
}

export function writeMarks(st: WpsState, name: string, plan: MarkPlan | null): void {
  const book = boundBook(st);
  const sheet = sheetByName(book, name);
  const marksName = marksSheetName(name);
  deleteOurFormats(sheet);
  const old = listEntries(book).find((e) => e.name === marksName);
  if (old) quietly(st, () => old.sheet.Delete());
  if (!plan || plan.region.rows === 0 || plan.region.cols === 0) return;
  const { region, flags } = plan;
  const marks = addSheet(book, marksName, { hidden: true, activate: false });
  // Which sheet these marks belong to, for whoever unhides the sheet.
  marks.Range('A1').Value2 = name;
  const rowsPerBlock = Math.max(1, Math.floor(CHUNK_CELLS / region.cols));
  for (let start = 0; start < flags.length; start += rowsPerBlock) {
    const rows = flags.slice(start, start + rowsPerBlock);
    marks.Range(
      rangeAddress({ top: region.top + start, left: region.left, rows: rows.length, cols: region.cols }),
    ).Value2 = rows;
  }
  const formats = get(sheet.Range(rangeAddress(region)), 'FormatConditions');
  for (const style of [MARK_STYLES.error, MARK_STYLES.warning]) {
    const fc = formats.Add(ET.xlExpression, undefined, markFormula(marksName, style.flag));
    get(fc, 'Interior').Color = bgr(style.fill);
    get(fc, 'Font').Color = bgr(style.font);
  }
}

export function clearMarks(st: WpsState): number {
  const entries = listEntries(activeBook(st));
  const markSheets = entries.filter((e) => e.name.startsWith(MARKS_PREFIX));
  if (markSheets.length === 0) return 0;
  for (const e of entries) if (!e.name.startsWith(MARKS_PREFIX)) deleteOurFormats(e.sheet);
  quietly(st, () => {
    for (const e of markSheets) e.sheet.Delete();
  });
  return markSheets.length;
}
