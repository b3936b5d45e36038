/**
 * Reading workbooks with ExcelJS: open a workbook (with a clear reason when it cannot be read),
 * list its sheets, read a sheet as a grid plus merges. Writing is in workbook-write.ts, drawing a
 * layout (shared/layout.ts) onto a worksheet in workbook-render.ts.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import type { MergeArea } from '../shared/index.js';
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

/** A sheet of the opened workbook by name. */
export function worksheet(book: Book, name: string): ExcelJS.Worksheet {
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
