/** Writing in WPS: select a cell, dropdown lists, cell runs and whole new sheets (SheetSpec). */
import { columnLetters } from '../../../shared/index.js';
import { dropdownListSource } from '../../../shared/layout/list-sheet.js';
import type { PrintSetup } from '../../../shared/layout.js';
import {
  asCellValue,
  CHUNK_CELLS,
  cellRuns,
  freeName,
  isVariantOf,
  linkTarget,
  OPTIONS_SHEET,
  OWNER_NAME,
  optionsGrid,
  ownerFormula,
  ownerOf,
  planOwned,
} from '../common.js';
import type { CellValue, CellWrite, DropdownColumn, OwnedSheet, Rect, SheetSpec, ValidationSpec } from '../types.js';
import {
  activeBook,
  addSheet,
  application,
  boundBook,
  listEntries,
  quietly,
  rangeAddress,
  sheetByName,
  type WpsState,
} from './book.js';
import { CHART_TYPES, countOf, ET, type EtRange, type EtWorksheet, get, getNumber, toGrid } from './et.js';

export function selectCell(st: WpsState, name: string, address: string): void {
  const sheet = sheetByName(boundBook(st), name);
  // Range.Select fails on an inactive sheet: activate first.
  sheet.Activate();
  sheet.Range(address).Select();
}

export function addDropdowns(
  st: WpsState,
  name: string,
  firstRow: number,
  lastRow: number,
  columns: DropdownColumn[],
): void {
  if (columns.length === 0 || lastRow < firstRow) return;
  const book = boundBook(st);
  const sheet = sheetByName(book, name);
  const existing = listEntries(book).find((e) => e.name === OPTIONS_SHEET)?.sheet;
  const options = existing ?? addSheet(book, OPTIONS_SHEET, { hidden: true, activate: false });
  if (existing) existing.Visible = ET.xlSheetHidden;
  // The whole list sheet from its one owner (shared/layout.ts): every key in its fixed column.
  const grid = optionsGrid();
  options.Range(rangeAddress({ top: 0, left: 0, rows: grid.length, cols: grid[0]?.length ?? 1 })).Value2 = grid;
  for (const c of columns) {
    const dv = get(
      sheet.Range(rangeAddress({ top: firstRow, left: c.col, rows: lastRow - firstRow + 1, cols: 1 })),
      'Validation',
    );
    dv.Delete();
    dv.Add(ET.xlValidateList, ET.xlValidAlertWarning, ET.xlBetween, `=${dropdownListSource(c.key)}`);
    dv.InCellDropdown = true;
    dv.ShowError = true;
    dv.ErrorTitle = c.title.slice(0, 32);
    dv.ErrorMessage = `「${c.title}」只能填写：${c.values.join('、')}`.slice(0, 225);
  }
}

export function writeCells(st: WpsState, name: string, cells: CellWrite[]): void {
  if (cells.length === 0) return;
  const sheet = sheetByName(boundBook(st), name);
  for (const run of cellRuns(cells)) {
    sheet.Range(rangeAddress({ top: run.row, left: run.col, rows: run.values.length, cols: 1 })).Value2 =
      run.values.map((v) => [asCellValue(v)]);
  }
}

function validate(range: EtRange, v: ValidationSpec): void {
  const dv = get(range, 'Validation');
  dv.Delete();
  if (v.kind === 'list') dv.Add(ET.xlValidateList, ET.xlValidAlertStop, ET.xlBetween, `=${v.source}`);
  else if (v.kind === 'prompt') dv.Add(ET.xlValidateInputOnly, ET.xlValidAlertStop, ET.xlBetween);
  else
    dv.Add(
      v.kind === 'decimal' ? ET.xlValidateDecimal : ET.xlValidateWholeNumber,
      ET.xlValidAlertStop,
      v.max === undefined ? ET.xlGreaterEqual : ET.xlBetween,
      String(v.min),
      v.max === undefined ? undefined : String(v.max),
    );
  dv.ShowInput = true;
  dv.InputTitle = v.title.slice(0, 32);
  dv.InputMessage = v.prompt.slice(0, 255);
  if (v.kind !== 'prompt') {
    dv.ShowError = true;
    dv.ErrorTitle = v.title.slice(0, 32);
    dv.ErrorMessage = v.error.slice(0, 225);
  }
}

export function writeSheet(st: WpsState, spec: SheetSpec): string {
  const book = activeBook(st);
  const entries = listEntries(book);
  const taken = new Set(entries.map((e) => e.name));
  const reuse = spec.hidden === true && taken.has(spec.name);
  const name = reuse ? spec.name : freeName(spec.name, taken);
  const sheet = reuse
    ? (entries.find((e) => e.name === name)?.sheet as EtWorksheet)
    : addSheet(book, name, { hidden: spec.hidden === true, activate: !spec.hidden });
  const at = (r: Rect) => sheet.Range(rangeAddress(r));
  for (const nf of spec.numberFormats ?? []) at(nf.rect).NumberFormat = nf.format;
  const height = spec.values.length;
  const width = Math.max(1, ...spec.values.map((r) => r.length));
  const rowsPerBlock = Math.max(1, Math.floor(CHUNK_CELLS / width));
  for (let start = 0; start < height; start += rowsPerBlock) {
    const rows = spec.values
      .slice(start, start + rowsPerBlock)
      .map((row) => Array.from({ length: width }, (_, c) => asCellValue(row[c] ?? null)));
    at({ top: start, left: 0, rows: rows.length, cols: width }).Value2 = rows;
  }
  // Merging cells that hold values asks for confirmation: alerts off.
  quietly(st, () => {
    for (const m of spec.merges ?? []) at(m).Merge(false);
  });
  if (spec.links?.length) {
    const hyperlinks = get(sheet, 'Hyperlinks');
    for (const link of spec.links)
      hyperlinks.Add(at({ top: link.row, left: link.col, rows: 1, cols: 1 }), '', linkTarget(link), '', link.cell);
  }
  (spec.columnWidths ?? []).forEach((w, c) => {
    at({ top: 0, left: c, rows: 1, cols: 1 }).ColumnWidth = w; // ET's unit is characters, as in the specs
  });
  for (const h of spec.rowHeights ?? []) at({ top: h.row, left: 0, rows: 1, cols: 1 }).RowHeight = h.height;
  for (const r of spec.bold ?? []) get(at(r), 'Font').Bold = true;
  for (const f of spec.fontSize ?? []) get(at(f.rect), 'Font').Size = f.size;
  for (const r of spec.center ?? []) {
    const range = at(r);
    range.HorizontalAlignment = ET.xlCenter;
    range.VerticalAlignment = ET.xlCenter;
  }
  for (const r of spec.wrap ?? []) at(r).WrapText = true;
  for (const r of spec.borders ?? []) get(at(r), 'Borders').LineStyle = ET.xlContinuous;
  for (const v of spec.validations ?? []) validate(at(v.rect), v);
  if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.cols > 0) && !spec.hidden) {
    // Panes belong to the window: the sheet must be the active one.
    sheet.Activate();
    const win = get(application(st), 'ActiveWindow');
    if (win) {
      win.FreezePanes = false;
      win.SplitColumn = spec.freeze.cols;
      win.SplitRow = spec.freeze.rows;
      win.FreezePanes = true;
    }
  }
  if (spec.chart) {
    const a = spec.chart.anchor;
    const start = at({ top: a.top, left: a.left, rows: 1, cols: 1 });
    const end = at({ top: a.top + a.rows - 1, left: a.left + a.cols - 1, rows: 1, cols: 1 });
    const left = getNumber(start, 'Left');
    const top = getNumber(start, 'Top');
    const width = getNumber(end, 'Left') + getNumber(end, 'Width') - left;
    const chartHeight = getNumber(end, 'Top') + getNumber(end, 'Height') - top;
    const chart = get(get(sheet, 'ChartObjects').Add(left, top, width, chartHeight), 'Chart');
    chart.SetSourceData(at(spec.chart.data), ET.xlColumns);
    chart.ChartType = CHART_TYPES[spec.chart.type] ?? CHART_TYPES.ColumnClustered ?? 51;
    chart.HasTitle = true;
    get(chart, 'ChartTitle').Text = spec.chart.title;
  }
  if (spec.print) writePrint(sheet, spec.print);
  if (!spec.hidden) sheet.Activate();
  return name;
}

const POINTS_PER_INCH = 72;

/**
 * The layout's print setup (A3 landscape, scale or fit to width, repeated rows and columns) through
 * PageSetup. A build without PageSetup, or one refusing a value, keeps its defaults: the sheet is
 * written all the same.
 */
function writePrint(sheet: EtWorksheet, print: PrintSetup): void {
  try {
    const page = sheet.PageSetup === undefined ? undefined : get(sheet, 'PageSetup');
    if (!page) return;
    page.Orientation = print.orientation === 'landscape' ? ET.xlLandscape : ET.xlPortrait;
    page.PaperSize = print.paper === 'A3' ? ET.xlPaperA3 : ET.xlPaperA4;
    page.Order = print.order === 'overThenDown' ? ET.xlOverThenDown : ET.xlDownThenOver;
    page.CenterHorizontally = print.pagesWide === 1;
    const m = print.margins;
    page.LeftMargin = m.left * POINTS_PER_INCH;
    page.RightMargin = m.right * POINTS_PER_INCH;
    page.TopMargin = m.top * POINTS_PER_INCH;
    page.BottomMargin = m.bottom * POINTS_PER_INCH;
    page.HeaderMargin = m.header * POINTS_PER_INCH;
    page.FooterMargin = m.footer * POINTS_PER_INCH;
    if (print.fitToWidth) {
      page.Zoom = false;
      page.FitToPagesWide = 1;
      page.FitToPagesTall = false;
    } else page.Zoom = print.scale;
    if (print.repeatRows) page.PrintTitleRows = `$${print.repeatRows.top + 1}:$${print.repeatRows.bottom + 1}`;
    if (print.repeatCols && print.pagesWide > 1)
      page.PrintTitleColumns = `$${columnLetters(print.repeatCols.left)}:$${columnLetters(print.repeatCols.right)}`;
  } catch {
    // Printing is a convenience here; the written sheet matters more.
  }
}

/** The wanted name an owner mark on `sheet` carries, or null (sheet-level names only). */
function ownerMark(sheet: EtWorksheet): string | null {
  const names = get(sheet, 'Names');
  const n = countOf(names);
  for (let i = 1; i <= n; i++) {
    const item = names.Item(i);
    const name = String(get(item, 'Name'));
    if (name === OWNER_NAME || name.endsWith(`!${OWNER_NAME}`)) return ownerOf(get(item, 'RefersTo'));
  }
  return null;
}

/**
 * writeSheet, then — when the add-in's earlier sheet for that name exists — move the new sheet to
 * its place, delete it and take its name (the old one goes only once the new one is written).
 * Marks the sheet with the hidden owner name.
 */
export function writeOwnedSheet(st: WpsState, spec: SheetSpec): OwnedSheet {
  const wanted = freeName(spec.name, new Set());
  const candidates = listEntries(activeBook(st)).filter((e) => isVariantOf(e.name, wanted));
  const plan = planOwned(
    wanted,
    candidates.map((e) => ({ name: e.name, owner: ownerMark(e.sheet) })),
  );
  const written = writeSheet(st, { ...spec, name: wanted });
  const book = activeBook(st);
  const sheet = sheetByName(book, written);
  if (plan.replace) {
    const old = sheetByName(book, plan.replace);
    sheet.Move(old);
    quietly(st, () => old.Delete());
    sheet.Name = plan.replace;
  }
  get(sheet, 'Names').Add(OWNER_NAME, ownerFormula(wanted), false);
  sheet.Activate();
  return { name: plan.replace ?? written, replaced: plan.replace !== null, clash: plan.clash };
}

export function readRange(st: WpsState, name: string, r: Rect): CellValue[][] {
  const sheet = sheetByName(boundBook(st), name);
  const grid = toGrid(get(sheet.Range(rangeAddress(r)), 'Value2'), r.rows, r.cols);
  return grid.map((row) => row.map((v) => (v === null || v === undefined ? '' : (v as CellValue))));
}
