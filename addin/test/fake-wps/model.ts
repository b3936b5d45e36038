/**
 * The WPS fake's shared parts: its public types, ET address parsing, geometry helpers and `Env`,
 * which counts every call into the object model.
 */

import type { Rect } from '../../excel.js';
import type { EtApplication } from '../../host/wps/et.js';
import { FakeHostError, type FakeWorkbook, SHEET_COLS, SHEET_ROWS } from '../fake-host/model.js';

/** Default geometry in points (column ≈ 8.38 characters, row 13.5 pt) for chart placement. */
export const COL_POINTS = 54;
export const ROW_POINTS = 13.5;

export interface WpsFakeStats {
  /** Calls into the object model. */
  calls: number;
  /** Calls by member, e.g. "Range.Value2" (read), "Range.Value2=" (write), "Worksheets.Add()". */
  byMember: Record<string, number>;
}

export interface WpsFakeBook {
  name: string;
  fullName: string;
  workbook: FakeWorkbook;
}

export interface WpsFake {
  application: EtApplication;
  /** The first workbook (what the shared assertions read, as `FakeHost.workbook`). */
  workbook: FakeWorkbook;
  books: WpsFakeBook[];
  /** Index into books of the active workbook. */
  activeBook: number;
  displayAlerts: boolean;
  stats: WpsFakeStats;
  members: 'property' | 'method';
  reset(): void;
}

function colIndex(letters: string): number {
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** "A1", "$A$1:$B$2", "A:XFD", "3:5" → a 0-based rectangle. */
export function parseEtAddress(address: string): Rect {
  const local = (address.includes('!') ? (address.split('!').pop() as string) : address)
    .replace(/\$/gu, '')
    .toUpperCase();
  const [from = '', to = from] = local.split(':');
  const part = (p: string) => {
    const m = /^([A-Z]*)(\d*)$/u.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) throw new FakeHostError('InvalidArgument', `地址无效: ${address}`);
    return { col: m[1] ? colIndex(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = part(from);
  const b = part(to);
  const top = Math.min(a.row ?? 0, b.row ?? 0);
  const bottom = a.row === null || b.row === null ? SHEET_ROWS - 1 : Math.max(a.row, b.row);
  const left = Math.min(a.col ?? 0, b.col ?? 0);
  const right = a.col === null || b.col === null ? SHEET_COLS - 1 : Math.max(a.col, b.col);
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

export function intersect(a: Rect, b: Rect): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.cols && b.left < a.left + a.cols;
}
export const contains = (outer: Rect, r: number, c: number) =>
  r >= outer.top && r < outer.top + outer.rows && c >= outer.left && c < outer.left + outer.cols;

/** BGR integer → '#RRGGBB' (the Office fake's colour form, so marks compare across hosts). */
export function hexOf(bgr: number): string {
  const r = bgr & 0xff;
  const g = (bgr >> 8) & 0xff;
  const b = (bgr >> 16) & 0xff;
  return `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

export class Env {
  constructor(readonly fake: WpsFake) {}
  count(member: string): void {
    this.fake.stats.calls++;
    this.fake.stats.byMember[member] = (this.fake.stats.byMember[member] ?? 0) + 1;
  }
  /** A read member: counted, and a zero-argument method in 'method' builds. */
  read<T>(member: string, value: () => T): T {
    this.count(member);
    const v = value();
    return (this.fake.members === 'method' ? () => v : v) as T;
  }
  call<T>(member: string, fn: () => T): T {
    this.count(`${member}()`);
    return fn();
  }
  write(member: string, fn: () => void): void {
    this.count(`${member}=`);
    fn();
  }
}
