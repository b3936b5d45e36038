/**
 * The WPS 表格 adapter: `LedgerWorkbook` over the synchronous ET object model. Same operations and
 * budget ideas as the Office adapter (block reads and writes, marks through a hidden flags sheet
 * and two conditional formats, never a loop over cells); promises only because the seam is async.
 */
import type { AdapterOptions, LedgerWorkbook } from '../types.js';
import type { WpsState } from './book.js';
import { type EtApplication, etApplication } from './et.js';
import { clearMarks, writeMarks } from './marks.js';
import { listSheets, readLedger } from './read.js';
import { addDropdowns, readRange, selectCell, writeCells, writeOwnedSheet, writeSheet } from './render.js';

/**
 * Runs synchronous WPS calls as a promise (errors become rejections, as in the Office adapter),
 * one task later: the pane's progress line is painted before WPS blocks the page.
 */
const later = <T>(fn: () => T | Promise<T>): Promise<T> =>
  new Promise<void>((resolve) => setTimeout(resolve, 0)).then(fn);

export function createWpsWorkbook(
  options: AdapterOptions,
  app: () => EtApplication | null = etApplication,
): LedgerWorkbook {
  const st: WpsState = { app, options, bound: null };
  return {
    // Validation lists, conditional formats and Hyperlinks.Add exist in every WPS 表格 build; merged areas are read by MergeCells.
    capabilities: () => ({ base: true, mergedAreas: true, links: true }),
    listSheets: () => later(() => listSheets(st)),
    readLedger: (sheet, progress) => later(() => readLedger(st, sheet, progress)),
    writeMarks: (sheet, plan) => later(() => writeMarks(st, sheet, plan)),
    clearMarks: () => later(() => clearMarks(st)),
    selectCell: (sheet, address) => later(() => selectCell(st, sheet, address)),
    addDropdowns: (sheet, first, last, columns) => later(() => addDropdowns(st, sheet, first, last, columns)),
    writeCells: (sheet, cells) => later(() => writeCells(st, sheet, cells)),
    writeSheet: (spec) => later(() => writeSheet(st, spec)),
    writeOwnedSheet: (spec) => later(() => writeOwnedSheet(st, spec)),
    readRange: (sheet, rect) => later(() => readRange(st, sheet, rect)),
  };
}
