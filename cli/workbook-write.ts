/**
 * Writing workbooks with ExcelJS: an annotated copy of an opened workbook (marks and a result
 * sheet), a workbook described as data (shared/layout.ts), always through a temporary file and a
 * rename so no half-written file is left under the output name.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { MARK_COLORS } from '../shared/layout/style.js';
import type { SheetLayout, WorkbookLayout } from '../shared/layout.js';
import { FileError } from './errors.js';
import { type Book, worksheet } from './workbook.js';
import { addSheet, argb } from './workbook-render.js';

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
      const fill: ExcelJS.Fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: argb(MARK_COLORS[mark.severity].fill) },
      };
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
