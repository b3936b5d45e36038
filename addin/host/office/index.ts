/** The Office.js adapter: `LedgerWorkbook` over Excel.run batches (read / marks / render). */
import type { AdapterOptions, LedgerWorkbook } from '../types.js';
import type { ExcelHost } from './api.js';
import { clearMarks, writeMarks } from './marks.js';
import { listSheets, readLedger } from './read.js';
import { addDropdowns, selectCell, writeCells, writeSheet } from './render.js';
import { replaceSheet } from './replace.js';
import type { OfficeState } from './state.js';

export function createWorkbook(host: ExcelHost, options: AdapterOptions): LedgerWorkbook {
  const st: OfficeState = {
    host,
    options,
    caps: { base: host.isSetSupported('ExcelApi', '1.8'), mergedAreas: host.isSetSupported('ExcelApi', '1.13') },
    knownMarks: new Map(),
    knownSheets: [],
  };
  return {
    capabilities: () => st.caps,
    listSheets: () => listSheets(st),
    readLedger: (sheet, progress) => readLedger(st, sheet, progress),
    writeMarks: (sheet, plan) => writeMarks(st, sheet, plan),
    clearMarks: () => clearMarks(st),
    selectCell: (sheet, address) => selectCell(st, sheet, address),
    addDropdowns: (sheet, first, last, columns) => addDropdowns(st, sheet, first, last, columns),
    writeCells: (sheet, cells) => writeCells(st, sheet, cells),
    writeSheet: (spec) => writeSheet(st, spec),
    replaceSheet: (spec, owned) => replaceSheet(st, spec, owned),
  };
}
