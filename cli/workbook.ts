/**
 * The only module that touches ExcelJS: open a workbook (with a clear reason when it cannot be
 * read), read a sheet as a grid plus merges, write an annotated copy, write a layout
 * (template, 统计表) described as data by shared/layout.ts.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { MergeArea } from '../shared/index.js';
import { ROLE_FONT_PT } from '../shared/layout/style.js';
import type { LayoutRow, PrintSetup, RowRole, SheetLayout, WorkbookLayout } from '../shared/layout.js';
import { FileError } from './errors.js';
import { checkXlsxLimits } from './xlsx-limits.js';

/**
 * ExcelJS expands every data-validation range into one entry per cell while parsing, so a
 * validation over a whole column (common in clerks' files, e.g. E1:E1048576) costs a million
 * entries per rule. Keep ranges as one entry: the writer already accepts range keys, and
 * nothing here queries validations cell by cell.
 */
function keepValidationRanges(): void {
  const require = createRequire(import.meta.url);
  const Xform = require('exceljs/lib/xlsx/xform/sheet/data-validations-xform.js') as {
    prototype: { parseClose(name: string): boolean; __rangesKept?: boolean };
  };
  const proto = Xform.prototype;
  if (proto.__rangesKept) return;
  const original = proto.parseClose;
  proto.parseClose = function parseClose(this: Record<string, unknown>, name: string): boolean {
    if (name !== 'dataValidation') return original.call(this, name);
    const validation = this._dataValidation as { formulae?: unknown[]; operator?: unknown };
    if (!validation.formulae || validation.formulae.length === 0) {
      delete validation.formulae;
      delete validation.operator;
    }
    const model = this.model as Record<string, unknown>;
    for (const address of String(this._address ?? '').split(/\s+/u)) if (address) model[address] = validation;
    return true;
  };
  proto.__rangesKept = true;
}
keepValidationRanges();

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

export interface SheetData extends SheetInfo {
  /** Cell values from A1: what ExcelJS gives (text, numbers, Dates, rich text…); merged-over cells are null. */
  grid: unknown[][];
  /** Merged areas, 0-based inclusive. */
  merges: MergeArea[];
}

/** An opened workbook. Opaque outside this module. */
export interface Book {
  readonly file: string;
  readonly workbook: ExcelJS.Workbook;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Why a file that is not a plain zip cannot be an xlsx workbook, in one Chinese sentence. */
async function sniff(file: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new FileError(file, `“${file}”是文件夹，不是 xlsx 文件。`);
    size = info.size;
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(file, `找不到文件“${file}”，或没有读取权限。`);
  }
  if (size === 0) throw new FileError(file, `“${basename(file)}”是空文件（0 字节），不是 Excel 工作簿。`);
  const handle = await open(file, 'r');
  const head = new Uint8Array(8);
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (startsWith(head, ZIP_MAGIC)) return;
  if (startsWith(head, CFB_MAGIC)) {
    const all = await readFile(file);
    const encrypted = all.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    throw new FileError(
      file,
      encrypted
        ? `“${basename(file)}”设置了打开密码（文件已加密），无法读取：请在 Excel 中用“文件→信息→保护工作簿→用密码进行加密”清空密码并保存后再试。`
        : `“${basename(file)}”是旧版 Excel 97-2003（.xls）文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再试。`,
    );
  }
  throw new FileError(
    file,
    `“${basename(file)}”不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式（可能是改了扩展名的文本、CSV 或其他文件）。`,
  );
}

/** Messages of the zip layer (JSZip) when the file is cut short or damaged. */
const ZIP_DAMAGE = /zip|central directory|end of data|corrupted|crc32|signature|unexpected end/iu;

/** Opens an .xlsx file, or throws FileError with a one-line Chinese reason. */
export async function openWorkbook(file: string): Promise<Book> {
  await sniff(file);
  await checkXlsxLimits(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 120) : String(error);
    if (ZIP_DAMAGE.test(detail ?? ''))
      throw new FileError(
        file,
        `“${basename(file)}”已损坏或不完整，无法作为 xlsx 读取（可能下载或复制时中断，请重新获取文件）。`,
      );
    throw new FileError(
      file,
      `“${basename(file)}”的内容无法解析（${detail}）：请在 Excel 或 WPS 中打开后“另存为”.xlsx 再试。`,
    );
  }
  if (workbook.worksheets.length === 0)
    throw new FileError(file, `“${basename(file)}”中没有任何工作表（不是有效的 Excel 工作簿）。`);
  return { file, workbook };
}

export function listSheets(book: Book): SheetInfo[] {
  return book.workbook.worksheets.map((ws) => ({ name: ws.name, hidden: ws.state !== 'visible' }));
}

function worksheet(book: Book, name: string): ExcelJS.Worksheet {
  const ws = book.workbook.getWorksheet(name);
  if (!ws) throw new Error(`no worksheet ${name}`);
  return ws;
}

/** The sheet as a grid of raw values (row 0 = worksheet row 1) plus its merged areas. */
export function readSheet(book: Book, name: string): SheetData {
  const ws = worksheet(book, name);
  const grid: unknown[][] = [];
  const areas = new Map<ExcelJS.Cell, MergeArea>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) {
        const master = cell.master;
        const area = areas.get(master) ?? {
          top: Number(master.row) - 1,
          left: Number(master.col) - 1,
          bottom: Number(master.row) - 1,
          right: Number(master.col) - 1,
        };
        area.top = Math.min(area.top, rowNumber - 1);
        area.left = Math.min(area.left, colNumber - 1);
        area.bottom = Math.max(area.bottom, rowNumber - 1);
        area.right = Math.max(area.right, colNumber - 1);
        areas.set(master, area);
        return;
      }
      values[colNumber - 1] = cell.value;
    });
    grid[rowNumber - 1] = Array.from(values, (v) => v ?? null);
  });
  return {
    name: ws.name,
    hidden: ws.state !== 'visible',
    grid: Array.from(grid, (r) => r ?? []),
    merges: [...areas.values()],
  };
}

/** A flagged cell of the annotated copy. */
export interface CellMark {
  /** Worksheet row, 1-based. */
  row: number;
  /** Column, 0-based. */
  col: number;
  /** Fill colour: error red-ish, warning yellow-ish; null = note only. */
  severity: 'error' | 'warning' | null;
  note: string;
}

const MARK_FILLS: Record<'error' | 'warning', string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C' };

function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text?: string }[] } | undefined)?.texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? '').join('') : '';
}

/**
 * Writes a copy of the opened workbook with marks on `sheet` and `resultSheet` added (replacing a
 * sheet of the same name). The input file is never written; the output appears atomically.
 */
export async function writeAnnotated(
  book: Book,
  sheet: string,
  marks: readonly CellMark[],
  resultSheet: SheetLayout,
  out: string,
): Promise<void> {
  const ws = worksheet(book, sheet);
  for (const mark of marks) {
    const cell = ws.getCell(mark.row, mark.col + 1);
    if (mark.severity) {
      const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILLS[mark.severity] } };
      // Styles may be shared between cells: give this cell its own copy.
      cell.style = { ...cell.style, fill };
    }
    const previous = noteText(cell.note);
    cell.note = previous ? `${previous}\n——\n${mark.note}` : mark.note;
  }
  const old = book.workbook.getWorksheet(resultSheet.name);
  if (old && old.name !== sheet) book.workbook.removeWorksheet(old.id);
  const name = old && old.name === sheet ? `${resultSheet.name}(2)` : resultSheet.name;
  addSheet(book.workbook, { ...resultSheet, name });
  await writeAtomically(book.workbook, out);
}

/** Writes a workbook described as data (template, 统计表, test fixtures). */
export async function writeLayout(layout: WorkbookLayout, out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '四个一批台账';
  for (const sheet of layout.sheets) addSheet(workbook, sheet);
  await writeAtomically(workbook, out);
}

/** The layout as .xlsx bytes (for a post-processing step such as adding a chart part). */
export async function layoutBuffer(layout: WorkbookLayout): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '四个一批台账';
  for (const sheet of layout.sheets) addSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes through a temporary file and a rename: no half-written file under `out`, a Chinese error. */
async function atomically(out: string, write: (temp: string) => Promise<unknown>): Promise<void> {
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await write(temp);
    await rename(temp, out);
  } catch (error) {
    await rm(temp, { force: true });
    throw new FileError(out, `无法写入“${out}”：${(error as Error).message.split('\n')[0]}`);
  }
}

export function writeBytesAtomically(bytes: Uint8Array, out: string): Promise<void> {
  return atomically(out, (temp) => writeFile(temp, bytes));
}

export function writeAtomically(workbook: ExcelJS.Workbook, out: string): Promise<void> {
  return atomically(out, (temp) => workbook.xlsx.writeFile(temp));
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = '宋体';

/** ExcelJS styles for each row role of a layout. */
const ROLE_STYLES: Record<RowRole, Partial<ExcelJS.Style>> = {
  title: {
    font: { name: FONT, size: ROLE_FONT_PT.title, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  meta: { font: { name: FONT, size: ROLE_FONT_PT.meta }, alignment: { horizontal: 'left', vertical: 'middle' } },
  header: {
    font: { name: FONT, size: ROLE_FONT_PT.header, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: THIN,
  },
  data: {
    font: { name: FONT, size: ROLE_FONT_PT.data },
    alignment: { vertical: 'middle', wrapText: true },
    border: THIN,
  },
  total: {
    font: { name: FONT, size: ROLE_FONT_PT.total, bold: true },
    alignment: { vertical: 'middle', horizontal: 'center' },
    border: THIN,
  },
  footer: {
    font: { name: FONT, size: ROLE_FONT_PT.footer },
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
  },
  list: {},
};

function escapeFormulaText(text: string): string {
  return text.replace(/"/gu, '""');
}

function addSheet(workbook: ExcelJS.Workbook, layout: SheetLayout): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(layout.name, { state: layout.state });
  layout.widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  const styled = layout.rows.some((r) => r.role !== 'list');
  const width = styled ? Math.max(layout.widths.length, ...layout.rows.map((r) => r.cells.length)) : 0;
  layout.rows.forEach((row: LayoutRow, r) => {
    const target = ws.getRow(r + 1);
    if (row.height) target.height = row.height;
    const style = ROLE_STYLES[row.role];
    const bordered = row.role === 'header' || row.role === 'data' || row.role === 'total';
    const count = bordered ? width : row.cells.length;
    for (let c = 0; c < count; c++) {
      const value = row.cells[c] ?? null;
      if (value === null && !bordered && row.role !== 'title' && row.role !== 'meta') continue;
      const cell = target.getCell(c + 1);
      if (value !== null) cell.value = value;
      if (row.role === 'list') continue;
      const numFmt = row.role === 'data' || row.role === 'total' ? layout.numberFormats[c] : null;
      cell.style = numFmt ? { ...style, numFmt } : { ...style };
    }
  });
  for (const m of layout.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const link of layout.links ?? []) {
    const sheetRef = `'${link.sheet.replace(/'/gu, "''")}'!${link.cell}`;
    ws.getCell(link.row + 1, link.col + 1).value = {
      formula: `HYPERLINK("#${escapeFormulaText(sheetRef)}","${escapeFormulaText(link.cell)}")`,
      result: link.cell,
    };
    ws.getCell(link.row + 1, link.col + 1).font = {
      name: FONT,
      size: 10,
      color: { argb: 'FF0563C1' },
      underline: true,
    };
  }
  // ExcelJS supports data validations but its type definitions omit them.
  const validations = (ws as unknown as { dataValidations: { add(address: string, rule: object): void } })
    .dataValidations;
  for (const v of layout.validations) {
    const address = `${ws.getCell(v.range.top + 1, v.range.left + 1).address}:${ws.getCell(v.range.bottom + 1, v.range.right + 1).address}`;
    const common = { showInputMessage: true, promptTitle: v.title.slice(0, 32), prompt: v.prompt.slice(0, 255) };
    if (v.kind === 'prompt') {
      validations.add(address, { type: 'any', ...common });
      continue;
    }
    const error = { showErrorMessage: true, errorStyle: 'stop', errorTitle: '输入有误', error: v.error.slice(0, 255) };
    if (v.kind === 'list') {
      validations.add(address, { type: 'list', allowBlank: true, formulae: [v.source], ...common, ...error });
    } else {
      validations.add(address, {
        type: v.kind,
        allowBlank: true,
        operator: v.max === undefined ? 'greaterThanOrEqual' : 'between',
        formulae: v.max === undefined ? [v.min] : [v.min, v.max],
        ...common,
        ...error,
      });
    }
  }
  if (layout.freeze)
    ws.views = [{ state: 'frozen', xSplit: layout.freeze.cols, ySplit: layout.freeze.rows, showGridLines: true }];
  if (layout.print) applyPrint(ws, layout.print);
  if (layout.autoFilter) {
    const f = layout.autoFilter;
    ws.autoFilter = {
      from: { row: f.top + 1, column: f.left + 1 },
      to: { row: f.bottom + 1, column: f.right + 1 },
    };
  }
  return ws;
}

/** Renders the layout's print setup (shared/layout.ts decides it) as ExcelJS page setup. */
function applyPrint(ws: ExcelJS.Worksheet, print: PrintSetup): void {
  const rows = print.repeatRows;
  const cols = print.repeatCols;
  const letter = (c: number) => ws.getColumn(c + 1).letter;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: (print.paper === 'A3' ? 8 : 9) as ExcelJS.PaperSize,
    orientation: print.orientation,
    fitToPage: print.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    scale: print.scale,
    pageOrder: print.order,
    horizontalCentered: print.pagesWide === 1,
    margins: { ...print.margins },
    ...(rows ? { printTitlesRow: `${rows.top + 1}:${rows.bottom + 1}` } : {}),
    ...(cols && print.pagesWide > 1 ? { printTitlesColumn: `${letter(cols.left)}:${letter(cols.right)}` } : {}),
  };
}
