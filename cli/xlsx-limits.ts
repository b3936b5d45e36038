/**
 * Limits of an .xlsx file checked BEFORE ExcelJS inflates it, so a small hostile file (a zip bomb,
 * a sheet of a million rows) is refused in a moment with a Chinese reason instead of filling memory:
 *
 * 1. the zip central directory (parsed here, ZIP64 included): number of entries and each entry's
 *    declared uncompressed size, and their sum;
 * 2. every entry inflated as a stream with nothing kept: the bytes actually produced are held to
 *    the declared size and the limits (a header that lies is caught), and in the worksheets the
 *    `<row>` and `<c>` elements are counted, stopping at the first limit passed.
 *
 * Memory stays at the file plus one inflate window; time is linear in the inflated bytes.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInflateRaw } from 'node:zlib';
import { FileError } from './errors.js';

export interface XlsxLimits {
  /** Size of the .xlsx file itself. */
  fileBytes: number;
  entries: number;
  /** Uncompressed size of one entry (a worksheet's XML, sharedStrings …). */
  entryBytes: number;
  /** Uncompressed size of all entries together. */
  totalBytes: number;
  /** `<row>` elements over all worksheets. */
  rows: number;
  /** `<c>` elements (cells, styled blanks included) over all worksheets. */
  cells: number;
}

/**
 * A 20,000-project ledger (MAX_SUBMISSION_ROWS) of 30 columns is ≈ 600,000 cells and ≈ 60 MB of
 * sheet XML; the limits leave room for formatted blank rows and other sheets, and keep ExcelJS
 * under 1 GB (bench:hostile measures it).
 */
export const XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  fileBytes: 100 * 1024 * 1024,
  entries: 5000,
  entryBytes: 200 * 1024 * 1024,
  totalBytes: 300 * 1024 * 1024,
  rows: 200_000,
  cells: 2_000_000,
});

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const grouped = new Intl.NumberFormat('en-US');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

class Refusal extends Error {}
class Damaged extends Error {}

function damaged(): Damaged {
  return new Damaged('zip directory damaged');
}

/** The central directory's entries, from the end-of-central-directory record (ZIP64 aware). */
export function centralDirectory(buf: Buffer): Entry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20) {
    const locator = eocd - 20;
    if (buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
      const at = Number(buf.readBigUInt64LE(locator + 8));
      if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) throw damaged();
      count = Number(buf.readBigUInt64LE(at + 32));
      cdSize = Number(buf.readBigUInt64LE(at + 40));
      cdOffset = Number(buf.readBigUInt64LE(at + 48));
    }
  }
  if (cdOffset + cdSize > buf.length) throw damaged();
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw damaged();
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    // ZIP64 extended information: the 64-bit values of the fields saturated above, in this order.
    let x = p + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = buf.readUInt16LE(x);
      const length = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) {
          size = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = Number(buf.readBigUInt64LE(q));
      }
      x += 4 + length;
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** Counts `<row …>` and `<c …>` (any namespace prefix) across chunk boundaries. */
class SheetCounter {
  rows = 0;
  cells = 0;
  private carry = '';
  push(chunk: Buffer): void {
    // latin1 keeps one character per byte: the tags are ASCII, the rest does not matter.
    const text = this.carry + chunk.toString('latin1');
    const end = text.lastIndexOf('<');
    const scan = end > text.length - 16 ? text.slice(0, end) : text;
    this.carry = end > text.length - 16 ? text.slice(end) : '';
    for (const m of scan.matchAll(/<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]/gu)) {
      if (m[1] === 'row') this.rows++;
      else this.cells++;
    }
  }
}

const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/iu.test(name);

/** Inflates one entry as a stream, keeping nothing; refuses as soon as a limit is passed. */
function inflateEntry(
  buf: Buffer,
  entry: Entry,
  limits: XlsxLimits,
  totals: { bytes: number; rows: number; cells: number },
): Promise<void> {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw damaged();
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw damaged();
  const counter = isWorksheet(entry.name) ? new SheetCounter() : null;
  const allowed = Math.min(entry.size, limits.entryBytes);
  let produced = 0;
  const check = (chunk: Buffer): void => {
    produced += chunk.length;
    totals.bytes += chunk.length;
    if (produced > allowed) {
      throw new Refusal(
        produced > entry.size
          ? `压缩包条目 ${entry.name} 解压后比目录中声明的 ${grouped.format(entry.size)} 字节更大（文件被篡改或损坏）`
          : `压缩包条目 ${entry.name} 解压后超过 ${mb(limits.entryBytes)}`,
      );
    }
    if (totals.bytes > limits.totalBytes) throw new Refusal(`解压后总大小超过 ${mb(limits.totalBytes)}`);
    if (counter) {
      const [rows, cells] = [counter.rows, counter.cells];
      counter.push(chunk);
      totals.rows += counter.rows - rows;
      totals.cells += counter.cells - cells;
      if (totals.rows > limits.rows)
        throw new Refusal(`工作表的行数超过 ${grouped.format(limits.rows)} 行（${entry.name}）`);
      if (totals.cells > limits.cells)
        throw new Refusal(`工作表的单元格数超过 ${grouped.format(limits.cells)} 个（${entry.name}）`);
    }
  };
  if (entry.method === 0) {
    check(buf.subarray(start, end));
    return Promise.resolve();
  }
  if (entry.method !== 8) throw new Refusal(`压缩包条目 ${entry.name} 使用了 xlsx 不用的压缩方式（${entry.method}）`);
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    inflate.on('data', (chunk: Buffer) => {
      try {
        check(chunk);
      } catch (error) {
        inflate.destroy();
        reject(error);
      }
    });
    inflate.on('error', () => reject(damaged()));
    inflate.on('end', () => resolve());
    inflate.end(buf.subarray(start, end));
  });
}

/**
 * Throws FileError (exit 2, one Chinese line) when `file` passes a limit; reads nothing into
 * ExcelJS. Files that are not zip archives are left to the caller's own checks.
 */
export async function checkXlsxLimits(file: string, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const name = basename(file);
  const refuse = (why: string) =>
    new FileError(
      file,
      `“${name}”未读取：${why}。请在 Excel 或 WPS 中删除多余的空行、空列和无关工作表后另存为 .xlsx 再试。`,
    );
  const { size } = await stat(file);
  if (size > limits.fileBytes) throw refuse(`文件有 ${mb(size)}，超过 ${mb(limits.fileBytes)}`);
  const buf = await readFile(file);
  try {
    const entries = centralDirectory(buf);
    if (entries.length > limits.entries)
      throw new Refusal(`压缩包有 ${grouped.format(entries.length)} 个条目，超过 ${grouped.format(limits.entries)} 个`);
    let declared = 0;
    for (const e of entries) {
      if (e.size > limits.entryBytes)
        throw new Refusal(`压缩包条目 ${e.name} 解压后有 ${mb(e.size)}，超过 ${mb(limits.entryBytes)}`);
      declared += e.size;
    }
    if (declared > limits.totalBytes) throw new Refusal(`解压后共 ${mb(declared)}，超过 ${mb(limits.totalBytes)}`);
    const totals = { bytes: 0, rows: 0, cells: 0 };
    for (const e of entries) await inflateEntry(buf, e, limits, totals);
  } catch (error) {
    if (error instanceof Refusal) throw refuse(error.message);
    if (error instanceof Damaged)
      throw new FileError(
        file,
        `“${name}”已损坏或不完整，无法作为 xlsx 读取（可能下载或复制时中断，请重新获取文件）。`,
      );
    throw error;
  }
}
