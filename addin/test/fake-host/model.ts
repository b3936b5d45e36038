/**
 * The fake host's in-memory workbook: sheets, cells, formats, validations, charts, and the
 * 0-based address helpers the proxies and tests share.
 */
import { a1 as a1Address } from '../../../shared/index.js';
import type { Rect } from '../../excel.js';

export const SHEET_ROWS = 1048576;
export const SHEET_COLS = 16384;

export interface FakeConditionalFormat {
  id: string;
  rect: Rect;
  type: string;
  formula: string;
  fill: string | null;
  font: string | null;
}

export interface FakeSheet {
  name: string;
  visibility: string;
  /** Sparse rows of cell values (undefined/'' = blank). */
  cells: unknown[][];
  conditionalFormats: FakeConditionalFormat[];
  /** Data validation per cell, "row,col" → rule JSON. */
  validations: Map<string, string>;
  merges: Rect[];
  /** Every direct format write, in order: rect, property, value. */
  formats: { rect: Rect; prop: string; value: unknown }[];
  charts: { type: string; rect: Rect; seriesBy: string | undefined; title: string; position: string[] }[];
  frozen: { rows: number; cols: number };
  /** What `worksheet.pageLayout` was given (ExcelApi 1.9): property → value, print titles as addresses. */
  pageLayout?: Record<string, unknown>;
  /** Sheet-level defined names (Office `worksheet.names`, WPS `Worksheet.Names`). */
  names?: FakeName[];
  /** Internal hyperlinks written (Office `range.hyperlink`, WPS `Hyperlinks.Add`), 0-based cell. */
  hyperlinks?: FakeHyperlink[];
}

export interface FakeHyperlink {
  row: number;
  col: number;
  /** The place in the workbook, 'Sheet'!A1. */
  target: string;
  text: string;
}

/** Records a hyperlink on one cell of `sheet`, replacing the cell's earlier one (as both hosts do). */
export function putHyperlink(sheet: FakeSheet, link: FakeHyperlink): void {
  if (!/^'(?:[^']|'')+'![A-Z]{1,3}[1-9]\d*$/u.test(link.target))
    throw new FakeHostError('InvalidArgument', `超链接目标无效: ${link.target}`);
  const list = (sheet.hyperlinks ?? []).filter((h) => h.row !== link.row || h.col !== link.col);
  list.push(link);
  sheet.hyperlinks = list;
  const row = sheet.cells[link.row] ?? [];
  sheet.cells[link.row] = row;
  row[link.col] = link.text;
}

export interface FakeName {
  name: string;
  /** What the name refers to, as a formula (`="text"`, `=Sheet1!$A$1`). */
  formula: string;
  visible: boolean;
}

export interface FakeOp {
  sync: number;
  kind: string;
  target: string;
  bytes: number;
}

export interface FakeStats {
  syncs: number;
  ops: FakeOp[];
  /** Serialized size of each sync's request, in order. */
  requests: number[];
  /** Serialized size of each sync's response. */
  responses: number[];
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  active: string;
  selections: { sheet: string; address: string }[];
  nextId: number;
}

export class FakeHostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export function newSheet(name: string, cells: unknown[][] = []): FakeSheet {
  return {
    name,
    visibility: 'Visible',
    cells: cells.map((r) => [...r]),
    conditionalFormats: [],
    validations: new Map(),
    merges: [],
    formats: [],
    charts: [],
    frozen: { rows: 0, cols: 0 },
  };
}

export function fakeWorkbook(sheets: { name: string; cells?: unknown[][] }[], active?: string): FakeWorkbook {
  const list = sheets.map((s) => newSheet(s.name, s.cells ?? []));
  return { sheets: list, active: active ?? list[0]?.name ?? '', selections: [], nextId: 1 };
}

/** Everything about a workbook except cell values: compare before/after to prove a restore. */
export function formatSnapshot(wb: FakeWorkbook): string {
  return JSON.stringify(
    wb.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      conditionalFormats: s.conditionalFormats.map(({ id: _id, ...rest }) => rest),
      validations: [...s.validations.entries()].sort(),
      merges: s.merges,
      formats: s.formats,
      charts: s.charts,
      frozen: s.frozen,
    })),
  );
}

export function cellValue(sheet: FakeSheet, row: number, col: number): unknown {
  const v = sheet.cells[row]?.[col];
  return v === undefined || v === null ? '' : v;
}

/** 0-based row and column → "C12" (the fake host keeps 0-based coordinates). */
export function a1(row: number, col: number): string {
  return a1Address(row + 1, col);
}

function parseCell(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/u.exec(ref.toUpperCase());
  if (!m) throw new FakeHostError('InvalidArgument', `地址无效: ${ref}`);
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function parseAddress(address: string): Rect {
  const local = address.includes('!') ? (address.split('!').pop() as string) : address;
  const [from, to] = local.split(':');
  const a = parseCell(from as string);
  const b = parseCell(to ?? (from as string));
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    rows: Math.abs(b.row - a.row) + 1,
    cols: Math.abs(b.col - a.col) + 1,
  };
}

export function rectAddress(r: Rect): string {
  const start = a1(r.top, r.left);
  return r.rows === 1 && r.cols === 1 ? start : `${start}:${a1(r.top + r.rows - 1, r.left + r.cols - 1)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.top + a.rows, b.top + b.rows);
  const right = Math.min(a.left + a.cols, b.left + b.cols);
  return bottom > top && right > left ? { top, left, rows: bottom - top, cols: right - left } : null;
}

export function usedRect(sheet: FakeSheet): Rect {
  let top = -1;
  let bottom = -1;
  let left = Number.POSITIVE_INFINITY;
  let right = -1;
  sheet.cells.forEach((row, r) => {
    if (!row) return;
    row.forEach((v, c) => {
      if (v === undefined || v === null || v === '') return;
      if (top < 0) top = r;
      bottom = r;
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  if (top < 0) return { top: 0, left: 0, rows: 1, cols: 1 };
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}
