/** Reading: the sheet list and the ledger (used range in chunks, header merges, our old marks). */
import {
  CHUNK_CELLS,
  FIRST_CHUNK_ROWS,
  HEADER_SCAN_ROWS,
  looksLikeLedger,
  MARKS_PREFIX,
  MAX_COLS,
  OPTIONS_SHEET,
  SCAN_COLS,
} from '../common.js';
import type { LedgerGrid, Progress, SheetInfo } from '../types.js';
import type { HostRangeAreas, HostWorksheet } from './api.js';
import { CF_LOAD, isOurs, type OfficeState } from './state.js';

export async function listSheets(st: OfficeState): Promise<SheetInfo[]> {
  return st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    const active = sheets.getActiveWorksheet();
    active.load('name');
    await ctx.sync();
    st.knownSheets = sheets.items.map((s) => s.name);
    return sheets.items
      .filter((s) => !s.name.startsWith(MARKS_PREFIX) && s.name !== OPTIONS_SHEET)
      .map((s) => ({ name: s.name, visible: s.visibility === 'Visible', active: s.name === active.name }));
  });
}

export async function readLedger(st: OfficeState, wanted?: string, progress?: Progress): Promise<LedgerGrid> {
  return st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    const target = wanted ? sheets.getItem(wanted) : sheets.getActiveWorksheet();
    target.load('name');
    let first = queueFirstChunk(target);
    progress?.(0, 1, '正在读取工作表…');
    await ctx.sync();
    st.knownSheets = sheets.items.map((s) => s.name);
    let sheet = target;
    let detected = false;
    if (!wanted && !looksLikeLedger(first.chunk.isNullObject ? [] : first.chunk.values, st.options.isLedgerHeader)) {
      // The active sheet holds no ledger: look at the top rows of the other visible sheets.
      const candidates = sheets.items.filter(
        (s) =>
          s.visibility === 'Visible' &&
          s.name !== target.name &&
          !s.name.startsWith(MARKS_PREFIX) &&
          s.name !== OPTIONS_SHEET,
      );
      const tops = candidates.map((s) => {
        const top = s
          .getUsedRange(true)
          .getIntersectionOrNullObject(s.getRangeByIndexes(0, 0, HEADER_SCAN_ROWS, SCAN_COLS));
        top.load('values');
        return { sheet: s, top };
      });
      await ctx.sync();
      const found = tops.find((t) => !t.top.isNullObject && looksLikeLedger(t.top.values, st.options.isLedgerHeader));
      if (found) {
        sheet = found.sheet;
        detected = true;
        first = queueFirstChunk(sheet);
        await ctx.sync();
      }
    }
    const used = first.used;
    const width = used.columnCount;
    const totalRows = used.rowIndex + used.rowCount;
    const grid: unknown[][] = first.chunk.isNullObject ? [] : [...first.chunk.values];
    const merges = st.caps.mergedAreas && first.merges && !first.merges.isNullObject ? first.merges.areas.items : [];
    // Later chunks: sized by cells now that the width is known.
    const rowsPerChunk = Math.max(100, Math.floor(CHUNK_CELLS / Math.max(1, width)));
    let next = Math.max(FIRST_CHUNK_ROWS, used.rowIndex);
    const total = Math.max(1, totalRows - used.rowIndex);
    while (next < totalRows) {
      progress?.(next - used.rowIndex, total, `正在读取第${next + 1}行起…`);
      const count = Math.min(rowsPerChunk, totalRows - next);
      const part = sheet.getRangeByIndexes(next, used.columnIndex, count, width);
      part.load('values');
      await ctx.sync();
      // One push per row: spreading up to 150,000 rows as arguments could overflow the stack.
      for (const row of part.values) grid.push(row);
      next += count;
    }
    st.knownMarks.set(
      sheet.name,
      first.formats.items.filter(isOurs).map((cf) => cf.id),
    );
    progress?.(total, total, '读取完成');
    return {
      sheet: sheet.name,
      origin: { row: used.rowIndex, col: used.columnIndex },
      grid,
      merges: merges.map((m) => ({
        top: m.rowIndex,
        left: m.columnIndex,
        bottom: m.rowIndex + m.rowCount - 1,
        right: m.columnIndex + m.columnCount - 1,
      })),
      detected,
    };
  });

  /** One sync's worth: name, used range geometry, the first rows' values, header merges, our old marks. */
  function queueFirstChunk(sheet: HostWorksheet) {
    sheet.load('name');
    const used = sheet.getUsedRange(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const chunk = sheet.getRangeByIndexes(0, 0, FIRST_CHUNK_ROWS, MAX_COLS).getIntersectionOrNullObject(used);
    chunk.load('values');
    let merges: HostRangeAreas | null = null;
    if (st.caps.mergedAreas) {
      merges = sheet.getRangeByIndexes(0, 0, HEADER_SCAN_ROWS + 2, MAX_COLS).getMergedAreasOrNullObject();
      merges.areas.load('items/rowIndex,items/columnIndex,items/rowCount,items/columnCount');
    }
    const formats = sheet.getRange().conditionalFormats;
    formats.load(CF_LOAD);
    return { used, chunk, merges, formats };
  }
}
