/**
 * Grid → header map, meta line, data records (spec §2). Works on a raw grid as Excel's
 * `range.values` or ExcelJS give it: rows of unknown cell values. Never throws on odd input.
 */
import { COLUMNS, type ColumnKey, LEDGER_COLUMNS, quotedLabel } from './columns.js';
import { readMeta } from './meta.js';
import { rawCellsOf } from './shape.js';
import { FOOTER_MARKER, LEVEL1_LABEL_SYNONYMS, LEVEL2_LABEL_SYNONYMS, TOTAL_MARKERS } from './synonyms.js';
import { cellText, foldKey } from './text.js';
import type { Issue, LedgerMeta, RawCell, RawRecord } from './types.js';

export { excelSerialToIso, parseDate, parseMetaLine } from './meta.js';

/** A merged area in grid coordinates (0-based, inclusive). */
export interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ReadOptions {
  merges?: readonly MergeArea[];
  /** Worksheet position of grid[0][0] (0-based), when the grid is not read from A1. */
  origin?: { row: number; col: number };
}

export interface HeaderMap {
  /** Worksheet row (1-based) of the level-1 labels. */
  labelRow: number;
  /** Worksheet row (1-based) of the last header row. */
  lastRow: number;
  /** Column → worksheet column index (0-based). */
  columns: Partial<Record<ColumnKey, number>>;
}

export interface LedgerRead {
  header: HeaderMap | null;
  meta: LedgerMeta;
  records: RawRecord[];
  totals: RawRecord[];
  /** Ledger-level issues: header.not-found, header.missing-column. */
  issues: Issue[];
}

const HEADER_SCAN_ROWS = 20;
/** A header row holds at least this many known level-1 labels (so a header map has ≥ this many columns). */
export const MIN_LEVEL1_LABELS = 5;

const level1Canonical = new Map<string, string>();
for (const c of LEDGER_COLUMNS) level1Canonical.set(foldKey(c.label), c.label);
for (const [alias, canonical] of Object.entries(LEVEL1_LABEL_SYNONYMS)) level1Canonical.set(foldKey(alias), canonical);

/** Single-level columns by level-1 label; two-level columns by (level-1, level-2). */
const singleByLabel = new Map<string, ColumnKey>();
const nestedByLabel = new Map<string, Map<string, ColumnKey>>();
for (const c of LEDGER_COLUMNS) {
  if ('sub' in c) {
    const subs = nestedByLabel.get(c.label) ?? new Map<string, ColumnKey>();
    subs.set(foldKey(c.sub), c.key);
    nestedByLabel.set(c.label, subs);
  } else singleByLabel.set(c.label, c.key);
}
for (const [parent, aliases] of Object.entries(LEVEL2_LABEL_SYNONYMS)) {
  const subs = nestedByLabel.get(parent);
  if (!subs) continue;
  for (const [alias, canonical] of Object.entries(aliases)) {
    const key = subs.get(foldKey(canonical));
    if (key) subs.set(foldKey(alias), key);
  }
}
/** Level-2 labels that belong to exactly one parent can be matched even without it. */
const uniqueSubs = new Map<string, ColumnKey | null>();
for (const subs of nestedByLabel.values()) {
  for (const [sub, key] of subs) uniqueSubs.set(sub, uniqueSubs.has(sub) ? null : key);
}

function level1Of(value: unknown): string | undefined {
  return level1Canonical.get(foldKey(cellText(value)));
}

/**
 * Where the projects are: header, meta, ledger-level issues and the data region. The rows are
 * read from it by forEachDataRow (readLedger builds records; checkLedger normalises straight from it).
 */
export interface LedgerLayout {
  header: HeaderMap | null;
  meta: LedgerMeta;
  /** Ledger-level issues: header.not-found, header.missing-column. */
  issues: Issue[];
  /** The grid with vertical merges filled down in the data region. */
  data: readonly (readonly unknown[])[];
  /** Index in `data` of the first data row. */
  start: number;
  /** Grid column of each LEDGER_COLUMNS entry (undefined: absent). */
  positions: readonly (number | undefined)[];
  /** Worksheet row of data[0], minus 1. */
  rowOffset: number;
}

export function readLedger(grid: readonly (readonly unknown[])[], options: ReadOptions = {}): LedgerRead {
  const layout = readLayout(grid, options);
  const { records, totals } = readRecords(layout);
  return { header: layout.header, meta: layout.meta, records, totals, issues: layout.issues };
}

export function readLayout(grid: readonly (readonly unknown[])[], options: ReadOptions = {}): LedgerLayout {
  const rows = Array.isArray(grid) ? grid : [];
  const origin = options.origin ?? { row: 0, col: 0 };
  const labelIndex = findLabelRow(rows);
  const meta = readMeta(rows, labelIndex ?? Math.min(rows.length, HEADER_SCAN_ROWS));
  if (labelIndex === null) {
    return {
      header: null,
      meta,
      issues: [
        {
          row: null,
          field: null,
          cell: null,
          ruleId: 'header.not-found',
          severity: 'error',
          message: `未找到台账表头：前${HEADER_SCAN_ROWS}行中没有一行包含至少${MIN_LEVEL1_LABELS}个管理台账（附件5）的栏目名称（如“项目名称”“项目编号”“实施年度”）。请确认所选工作表是“四个一批”管理台账。`,
        },
      ],
      data: [],
      start: 0,
      positions: [],
      rowOffset: origin.row,
    };
  }
  const { columns, hasSubRow } = mapColumns(rows, labelIndex, options.merges ?? [], origin);
  const firstDataIndex = labelIndex + (hasSubRow ? 2 : 1);
  const header: HeaderMap = {
    labelRow: labelIndex + 1 + origin.row,
    lastRow: firstDataIndex + origin.row,
    columns: Object.fromEntries(Object.entries(columns).map(([k, i]) => [k, i + origin.col])),
  };
  const issues: Issue[] = missingColumnIssues(columns, header.labelRow);
  const textColumns = new Set(LEDGER_COLUMNS.filter((c) => c.type !== 'number').map((c) => columns[c.key]));
  const data = fillMergedData(rows, options.merges ?? [], origin, firstDataIndex, textColumns);
  const positions = LEDGER_COLUMNS.map((c) => columns[c.key]);
  return { header, meta, issues, data, start: firstDataIndex, positions, rowOffset: origin.row };
}

/**
 * Clerks merge a cell down over several projects (one 责任单位 for three rows); a spreadsheet keeps
 * the value in the top cell only. Give every row of a vertical merge in the data region the top
 * cell's value, in the merge's left column. Rows are copied only where a merge reaches them.
 * Money columns are left alone: one amount merged over three projects must not be counted thrice.
 */
function fillMergedData(
  rows: readonly (readonly unknown[])[],
  merges: readonly MergeArea[],
  origin: { row: number; col: number },
  firstDataIndex: number,
  fillable: ReadonlySet<number | undefined>,
): readonly (readonly unknown[])[] {
  let out: unknown[][] | null = null;
  for (const m of merges) {
    const top = m.top - origin.row;
    const col = m.left - origin.col;
    if (m.bottom <= m.top || top < firstDataIndex || col < 0 || !fillable.has(col)) continue;
    const value = rows[top]?.[col];
    if (value === null || value === undefined || value === '') continue;
    out ??= rows.slice() as unknown[][];
    for (let r = top + 1; r <= m.bottom - origin.row && r < rows.length; r++) {
      const row = [...(out[r] ?? [])];
      row[col] = value;
      out[r] = row;
    }
  }
  return out ?? rows;
}

function findLabelRow(rows: readonly (readonly unknown[])[]): number | null {
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) continue;
    const seen = new Set<string>();
    for (const value of row) {
      const label = level1Of(value);
      if (label) seen.add(label);
    }
    if (seen.size >= MIN_LEVEL1_LABELS) return r;
  }
  return null;
}

function mapColumns(
  rows: readonly (readonly unknown[])[],
  labelIndex: number,
  merges: readonly MergeArea[],
  origin: { row: number; col: number },
): { columns: Partial<Record<ColumnKey, number>>; hasSubRow: boolean } {
  const labels = rows[labelIndex] ?? [];
  const subs = rows[labelIndex + 1] ?? [];
  const width = Math.max(labels.length, subs.length);
  const columns: Partial<Record<ColumnKey, number>> = {};
  const assign = (key: ColumnKey, index: number) => {
    if (columns[key] === undefined) columns[key] = index;
  };
  let hasSubRow = false;
  let parent: string | undefined;
  for (let c = 0; c < width; c++) {
    const own = level1Of(labels[c]);
    const blank = cellText(labels[c]) === '';
    if (own) parent = own;
    else if (!blank && !insideMerge(merges, labelIndex + origin.row, c + origin.col)) parent = undefined;
    const subKey = foldKey(cellText(subs[c]));
    const nested = parent ? nestedByLabel.get(parent) : undefined;
    const nestedKey = nested && subKey ? nested.get(subKey) : undefined;
    if (nestedKey) {
      assign(nestedKey, c);
      hasSubRow = true;
      continue;
    }
    const single = own ? singleByLabel.get(own) : undefined;
    if (single) {
      assign(single, c);
      continue;
    }
    const loose = uniqueSubs.get(foldKey(cellText(labels[c]))) ?? (subKey ? uniqueSubs.get(subKey) : undefined);
    if (loose) {
      assign(loose, c);
      if (subKey && uniqueSubs.get(subKey)) hasSubRow = true;
    }
  }
  return { columns, hasSubRow };
}

/** One header.missing-column issue per required column (spec §2.1) that `columns` does not map. */
export function missingColumnIssues(columns: Partial<Record<ColumnKey, number>>, labelRow: number | null): Issue[] {
  const where = labelRow === null ? '表头中' : `第${labelRow}行起的表头中`;
  const issues: Issue[] = [];
  for (const c of COLUMNS) {
    if (c.required === false || columns[c.key] !== undefined) continue;
    issues.push({
      row: null,
      field: c.key,
      cell: null,
      ruleId: 'header.missing-column',
      severity: 'error',
      message: `表头缺少必填栏目${quotedLabel(c.key)}：${where}找不到这一列。请按管理台账（附件5）补上该列。`,
    });
  }
  return issues;
}

function insideMerge(merges: readonly MergeArea[], row: number, col: number): boolean {
  return merges.some((m) => row >= m.top && row <= m.bottom && col > m.left && col <= m.right);
}

/** A data row with something in it (more than a 序号 alone): a project, or a 合计/小计 line. */
export type RowKind = 'project' | 'total';

/**
 * Visits the non-blank data rows up to the 填表说明 footer: each row's raw cells are read into `raws`
 * (LEDGER_COLUMNS order; blank = undefined), reused row after row, before `visit` is called.
 */
export function forEachDataRow(
  layout: LedgerLayout,
  raws: (RawCell | undefined)[],
  visit: (kind: RowKind, row: number) => void,
): void {
  visitDataRows(layout, (kind, row, cells) => {
    readRawCells(cells, layout.positions, raws);
    visit(kind, row);
  });
}

/**
 * The non-blank data rows up to the 填表说明 footer, from grid index `from`, stopping after `limit`
 * projects: `visit` gets each row's kind, worksheet row and grid cells (read through
 * layout.positions, as readRawCells does). Returns the index to go on from (data.length once the
 * ledger has ended), so a check can pause between chunks. Only the cells that tell a row's kind
 * are read here: a project's cells are read once, by whoever visits it.
 */
export function visitDataRows(
  layout: LedgerLayout,
  visit: (kind: RowKind, row: number, cells: readonly unknown[]) => void,
  from = layout.start,
  limit = Number.POSITIVE_INFINITY,
): number {
  const { data, positions } = layout;
  let projects = 0;
  for (let r = from; r < data.length; r++) {
    const cells = data[r];
    if (!Array.isArray(cells)) continue;
    if (isFooter(cells)) return data.length;
    const kind = rowKind(cells, positions);
    if (kind === null) continue;
    if (kind === 'project' && projects++ >= limit) return r; // read again when the check goes on
    visit(kind, r + 1 + layout.rowOffset, cells);
  }
  return data.length;
}

/** A data row's kind, or null when it is blank (a 序号 alone does not make a project). */
function rowKind(cells: readonly unknown[], positions: readonly (number | undefined)[]): RowKind | null {
  let filled = false;
  for (let i = 1; i < positions.length && !filled; i++) filled = rawCellAt(cells, positions, i) !== null;
  if (!filled) return null;
  const total = isTotalMarker(rawCellAt(cells, positions, 0)) || isTotalMarker(rawCellAt(cells, positions, 1));
  return total ? 'total' : 'project';
}

/** The raw cell of LEDGER_COLUMNS[i] in a grid row (null when blank or its column is absent). */
function rawCellAt(cells: readonly unknown[], positions: readonly (number | undefined)[], i: number): RawCell {
  const index = positions[i];
  return index === undefined ? null : toRawCell(cells[index]);
}

/** A grid row's raw cells into `raws` (LEDGER_COLUMNS order; blank = undefined), which is returned. */
export function readRawCells(
  cells: readonly unknown[],
  positions: readonly (number | undefined)[],
  raws: (RawCell | undefined)[],
): (RawCell | undefined)[] {
  for (let i = 0; i < positions.length; i++) raws[i] = rawCellAt(cells, positions, i) ?? undefined;
  return raws;
}

/** How many projects the ledger has (data rows that are neither blank nor 合计), for progress. */
export function countProjects(layout: LedgerLayout): number {
  let projects = 0;
  visitDataRows(layout, (kind) => {
    if (kind === 'project') projects++;
  });
  return projects;
}

/** The projects and 合计 rows as records (what a submission carries). */
export function readRecords(layout: LedgerLayout): { records: RawRecord[]; totals: RawRecord[] } {
  const records: RawRecord[] = [];
  const totals: RawRecord[] = [];
  const raws: (RawCell | undefined)[] = layout.positions.map(() => undefined); // packed, not holey: fast reads
  forEachDataRow(layout, raws, (kind, row) => {
    (kind === 'total' ? totals : records).push({ row, cells: rawCellsOf(raws) });
  });
  return { records, totals };
}

function isTotalMarker(value: RawCell | undefined): boolean {
  return typeof value === 'string' && value.includes('计') && TOTAL_MARKERS.includes(foldKey(value));
}

/** The 填表说明 row: its first non-blank cell starts with the marker. */
function isFooter(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    if (value === null || value === undefined || value === '') continue;
    return typeof value === 'string' && foldKey(value).startsWith(FOOTER_MARKER);
  }
  return false;
}

/** Raw cell as carried in a submission: text, number or boolean; dates as YYYY-MM-DD; blank = null. */
export function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // Text is passed on as typed (trimmed): normalisation folds it once, on whichever side runs it.
  const text = typeof value === 'string' ? value.trim() : cellText(value);
  return text === '' ? null : text;
}
