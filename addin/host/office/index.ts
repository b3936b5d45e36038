/** The Office.js adapter: `LedgerWorkbook` over Excel.run batches (read / marks / render). */
import type { AdapterOptions, LedgerWorkbook } from '../types.js';
import type { ExcelHost } from './api.js';
import { clearMarks, writeMarks } from './marks.js';
import { listSheets, readLedger } from './read.js';
import { addDropdowns, readRange, selectCell, writeCells, writeOwnedSheet, writeSheet } from './render.js';
import type { OfficeState } from './state.js';
import { officeTheme, onOfficeThemeChange } from './theme.js';

export function createWorkbook(host: ExcelHost, options: AdapterOptions): LedgerWorkbook {
  const st: OfficeState = {
    host,
    options,
    caps: {
      base: host.isSetSupported('ExcelApi', '1.8'),
      mergedAreas: host.isSetSupported('ExcelApi', '1.13'),
      links: host.isSetSupported('ExcelApi', '1.7'),
    },
    knownMarks: new Map(),
    knownSheets: [],
  };
  return {
    capabilities: () => st.caps,
    theme: officeTheme,
    onThemeChange: (listener) => onOfficeThemeChange(listener),
    listSheets: () => listSheets(st),
    readLedger: (sheet, progress) => readLedger(st, sheet, progress),
    writeMarks: (sheet, plan) => writeMarks(st, sheet, plan),
    clearMarks: () => clearMarks(st),
    selectCell: (sheet, address) => selectCell(st, sheet, address),
    addDropdowns: (sheet, first, last, columns) => addDropdowns(st, sheet, first, last, columns),
    writeCells: (sheet, cells) => writeCells(st, sheet, cells),
    writeSheet: (spec) => writeSheet(st, spec),
    writeOwnedSheet: (spec) => writeOwnedSheet(st, spec),
    readRange: (sheet, rect) => readRange(st, sheet, rect),
  };
}
