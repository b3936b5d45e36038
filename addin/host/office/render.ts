/** Writing: select a cell, dropdown lists, cell runs and whole new sheets (SheetSpec). */
import { dropdownListSource } from '../../../shared/layout/list-sheet.js';
import { writePrintSetup } from '../../print-setup.js';
import {
  asCellValue,
  cellRuns,
  freeName,
  isVariantOf,
  LINK_BATCH,
  linkTarget,
  MAX_REQUEST_BYTES,
  OPTIONS_SHEET,
  OWNER_NAME,
  optionsGrid,
  ownerFormula,
  ownerOf,
  planOwned,
  sliceBySize,
} from '../common.js';
import type { CellValue, CellWrite, DropdownColumn, OwnedSheet, Rect, SheetLink, SheetSpec } from '../types.js';
import type { HostWorksheet } from './api.js';
import type { OfficeState } from './state.js';

export async function selectCell(st: OfficeState, name: string, address: string): Promise<void> {
  await st.host.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(name);
    // range.select() is unreliable on an inactive sheet: activate first.
    sheet.activate();
    sheet.getRange(address).select();
    await ctx.sync();
  });
}

export async function addDropdowns(
  st: OfficeState,
  name: string,
  firstRow: number,
  lastRow: number,
  columns: DropdownColumn[],
): Promise<void> {
  if (columns.length === 0 || lastRow < firstRow) return;
  await st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    const existing = sheets.items.find((s) => s.name === OPTIONS_SHEET);
    writeOptions(existing ?? sheets.add(OPTIONS_SHEET));
    const sheet = sheets.getItem(name);
    for (const c of columns) {
      const range = sheet.getRangeByIndexes(firstRow, c.col, lastRow - firstRow + 1, 1);
      range.dataValidation.clear();
      // The key's fixed list column (shared/layout.ts), the same one the CLI's template uses.
      range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${dropdownListSource(c.key)}` } };
      range.dataValidation.errorAlert = {
        showAlert: true,
        style: 'Warning',
        title: c.title.slice(0, 32),
        message: `「${c.title}」只能填写：${c.values.join('、')}`.slice(0, 225),
      };
    }
    await ctx.sync();
  });
}

/** The whole list sheet as shared/layout.ts draws it (every key in its fixed column), whichever columns this ledger has. */
function writeOptions(sheet: HostWorksheet): void {
  sheet.visibility = 'Hidden';
  const grid = optionsGrid();
  sheet.getRangeByIndexes(0, 0, grid.length, grid[0]?.length ?? 1).values = grid;
}

export async function writeCells(st: OfficeState, name: string, cells: CellWrite[]): Promise<void> {
  if (cells.length === 0) return;
  await st.host.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(name);
    for (const run of cellRuns(cells)) {
      sheet.getRangeByIndexes(run.row, run.col, run.values.length, 1).values = run.values.map((v) => [asCellValue(v)]);
    }
    await ctx.sync();
  });
}

export async function writeSheet(st: OfficeState, spec: SheetSpec): Promise<string> {
  return st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    const taken = new Set(sheets.items.map((s) => s.name));
    const reuse = spec.hidden === true && taken.has(spec.name);
    const name = reuse ? spec.name : freeName(spec.name, taken);
    const sheet = reuse ? sheets.getItem(name) : sheets.add(name);
    if (spec.hidden) sheet.visibility = 'Hidden';
    const height = spec.values.length;
    const width = Math.max(1, ...spec.values.map((r) => r.length));
    const at = (r: Rect) => sheet.getRangeByIndexes(r.top, r.left, r.rows, r.cols);
    for (const nf of spec.numberFormats ?? []) {
      at(nf.rect).numberFormat = Array.from({ length: nf.rect.rows }, () => Array(nf.rect.cols).fill(nf.format));
    }
    if (height > 0) {
      const grid = spec.values.map((row) => Array.from({ length: width }, (_, c) => asCellValue(row[c] ?? null)));
      for (const slice of sliceBySize(grid, MAX_REQUEST_BYTES)) {
        sheet.getRangeByIndexes(slice.start, 0, slice.rows.length, width).values = slice.rows;
      }
    }
    for (const m of spec.merges ?? []) at(m).merge(false);
    if (st.caps.links) {
      // One batch per LINK_BATCH links, so no single request grows with the issue count.
      const links = spec.links ?? [];
      for (let i = 0; i < links.length; i++) {
        const link = links[i] as SheetLink;
        sheet.getRangeByIndexes(link.row, link.col, 1, 1).hyperlink = {
          documentReference: linkTarget(link),
          textToDisplay: link.cell,
        };
        if ((i + 1) % LINK_BATCH === 0) await ctx.sync();
      }
    }
    (spec.columnWidths ?? []).forEach((w, c) => {
      sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(w * 7 + 5);
    });
    for (const h of spec.rowHeights ?? []) sheet.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
    for (const r of spec.bold ?? []) at(r).format.font.bold = true;
    for (const f of spec.fontSize ?? []) at(f.rect).format.font.size = f.size;
    for (const r of spec.center ?? []) {
      at(r).format.horizontalAlignment = 'Center';
      at(r).format.verticalAlignment = 'Center';
    }
    for (const r of spec.wrap ?? []) at(r).format.wrapText = true;
    for (const r of spec.borders ?? []) {
      const borders = at(r).format.borders;
      for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal']) {
        borders.getItem(edge).style = 'Continuous';
      }
    }
    for (const v of spec.validations ?? []) {
      const dv = at(v.rect).dataValidation;
      if (v.kind === 'list') dv.rule = { list: { inCellDropDown: true, source: `=${v.source}` } };
      else if (v.kind !== 'prompt') {
        const rule = {
          formula1: v.min,
          ...(v.max === undefined ? {} : { formula2: v.max }),
          operator: v.max === undefined ? 'GreaterThanOrEqualTo' : 'Between',
        };
        if (v.kind === 'decimal') dv.rule = { decimal: rule };
        else if (v.kind === 'whole') dv.rule = { wholeNumber: rule };
      }
      dv.prompt = { showPrompt: true, title: v.title.slice(0, 32), message: v.prompt.slice(0, 255) };
      if (v.kind !== 'prompt')
        dv.errorAlert = {
          showAlert: true,
          style: 'Stop',
          title: v.title.slice(0, 32),
          message: v.error.slice(0, 225),
        };
    }
    if (spec.freeze && spec.freeze.cols > 0)
      sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, Math.max(1, spec.freeze.rows), spec.freeze.cols));
    else if (spec.freeze && spec.freeze.rows > 0) sheet.freezePanes.freezeRows(spec.freeze.rows);
    if (spec.chart) {
      const chart = sheet.charts.add(spec.chart.type, at(spec.chart.data), 'Columns');
      chart.title.text = spec.chart.title;
      const a = spec.chart.anchor;
      chart.setPosition(
        sheet.getRangeByIndexes(a.top, a.left, 1, 1),
        sheet.getRangeByIndexes(a.top + a.rows - 1, a.left + a.cols - 1, 1, 1),
      );
    }
    if (!spec.hidden) sheet.activate();
    await ctx.sync();
    await writePrintSetup(ctx, sheet, spec.print, st.host.isSetSupported);
    return name;
  });
}

/**
 * writeSheet, then — when the add-in's earlier sheet for that name exists — delete it and give the
 * new sheet its name and place (the old one goes only once the new one is written). Marks the
 * sheet with the hidden owner name.
 */
export async function writeOwnedSheet(st: OfficeState, spec: SheetSpec): Promise<OwnedSheet> {
  const wanted = freeName(spec.name, new Set());
  const plan = await st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    const candidates = sheets.items.filter((s) => isVariantOf(s.name, wanted));
    const marks = candidates.map((s) => {
      const mark = s.names.getItemOrNullObject(OWNER_NAME);
      mark.load('formula');
      return mark;
    });
    await ctx.sync();
    return planOwned(
      wanted,
      candidates.map((s, i) => {
        const mark = marks[i];
        return { name: s.name, owner: !mark || mark.isNullObject ? null : ownerOf(mark.formula) };
      }),
    );
  });
  const written = await writeSheet(st, { ...spec, name: wanted });
  const name = plan.replace ?? written;
  await st.host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    const sheet = sheets.getItem(written);
    if (plan.replace) {
      const old = sheets.getItem(plan.replace);
      old.load('position');
      await ctx.sync();
      const position = old.position;
      old.delete();
      sheet.name = plan.replace;
      sheet.position = position;
    }
    sheet.names.add(OWNER_NAME, ownerFormula(wanted)).visible = false;
    sheet.activate();
    await ctx.sync();
  });
  return { name, replaced: plan.replace !== null, clash: plan.clash };
}

export async function readRange(st: OfficeState, name: string, r: Rect): Promise<CellValue[][]> {
  return st.host.run(async (ctx) => {
    const range = ctx.workbook.worksheets.getItem(name).getRangeByIndexes(r.top, r.left, r.rows, r.cols);
    range.load('values');
    await ctx.sync();
    return range.values.map((row) => row.map((v) => (v === null || v === undefined ? '' : (v as CellValue))));
  });
}
