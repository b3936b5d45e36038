/** Finds the 管理台账 sheet of a workbook: the visible sheet whose header maps the most columns. */
import { basename } from 'node:path';
import { readLedger } from '../shared/index.js';
import { FileError } from './errors.js';
import { type Book, listSheets, readSheet, type SheetData } from './workbook.js';

/** Header rows are searched in the first 20 rows; a few more cover the sub-header row. */
const HEADER_PROBE_ROWS = 22;

function headerScore(sheet: SheetData): number {
  const read = readLedger(sheet.grid.slice(0, HEADER_PROBE_ROWS), { merges: sheet.merges });
  return read.header ? Object.keys(read.header.columns).length : 0;
}

export function pickLedgerSheet(book: Book, wanted?: string): SheetData {
  const file = basename(book.file);
  const sheets = listSheets(book);
  if (wanted !== undefined) {
    const found = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim() === wanted.trim());
    if (!found)
      throw new FileError(
        book.file,
        `“${file}”中没有名为“${wanted}”的工作表；现有工作表：${sheets.map((s) => `“${s.name}”`).join('、')}。`,
      );
    const sheet = readSheet(book, found.name);
    if (headerScore(sheet) === 0)
      throw new FileError(
        book.file,
        `“${file}”的工作表“${found.name}”不是管理台账：前20行中找不到台账表头（如“项目名称”“项目编号”“实施年度”）。`,
      );
    return sheet;
  }
  let best: { sheet: SheetData; score: number } | null = null;
  let cells = 0;
  for (const info of sheets) {
    if (info.hidden) continue;
    const sheet = readSheet(book, info.name);
    cells += sheet.grid.reduce((n, row) => n + row.filter((v) => v !== null && v !== '').length, 0);
    const score = headerScore(sheet);
    if (score > 0 && (!best || score > best.score)) best = { sheet, score };
  }
  if (best) return best.sheet;
  if (cells === 0) throw new FileError(book.file, `“${file}”是空工作簿：没有任何内容。`);
  throw new FileError(
    book.file,
    `“${file}”中找不到管理台账：工作表${sheets
      .filter((s) => !s.hidden)
      .map((s) => `“${s.name}”`)
      .join('、')}的前20行都没有台账表头（如“项目名称”“项目编号”“实施年度”）；可用 --sheet 指定工作表。`,
  );
}
