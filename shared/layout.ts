/**
 * Sheet layouts as plain data: the official blank 管理台账 (附件5) and the 分类统计表 (附件4).
 * Pure TypeScript — the CLI writes these with ExcelJS (cli/workbook.ts), the add-in with Office.js.
 * Every coordinate is 0-based (row 0 = worksheet row 1, col 0 = column A); merges are inclusive.
 */
import {
  CAUSES,
  COLUMNS,
  type ColumnKey,
  FUNCTION_STATUSES,
  headerGroups,
  LINKAGE_SHORTFALLS,
  MODES,
  OPERATIONS,
  PROBLEMS,
} from './ledger/columns.js';
import type { MergeArea } from './ledger/read.js';
import type { RawCell } from './ledger/types.js';
import { ledgerTitle, STATS_HEADER, type StatsRow, statsCells, statsTitle } from './stats.js';

/** How a row is drawn; each front end maps a role to its own fonts, borders and fills. */
export type RowRole = 'title' | 'meta' | 'header' | 'data' | 'total' | 'footer' | 'list';

export interface LayoutRow {
  role: RowRole;
  /** Cell values from column A; null = empty. */
  cells: (string | number | null)[];
  /** Row height in points; omitted = the program's default. */
  height?: number;
}

/** A data validation rule over a rectangle. Messages are what Excel shows the clerk. */
export type LayoutValidation =
  | {
      kind: 'list';
      range: MergeArea;
      /** Worksheet formula of the list, e.g. `'下拉选项'!$A$1:$A$4` (no leading =). */
      source: string;
      values: readonly string[];
      title: string;
      prompt: string;
      error: string;
    }
  | {
      kind: 'decimal' | 'whole';
      range: MergeArea;
      min: number;
      max?: number;
      title: string;
      prompt: string;
      error: string;
    }
  /** An input hint only (multi-select columns: several values separated by 、). */
  | { kind: 'prompt'; range: MergeArea; title: string; prompt: string };

export interface SheetLayout {
  name: string;
  /** 'hidden' for helper sheets such as the dropdown lists. */
  state: 'visible' | 'hidden';
  rows: LayoutRow[];
  merges: MergeArea[];
  /** Column widths in characters, from column A. */
  widths: number[];
  /** Number format per column for data/total rows (Excel format code), null = general. */
  numberFormats: (string | null)[];
  validations: LayoutValidation[];
  /** Frozen panes: this many rows on top and columns on the left stay visible. */
  freeze: { rows: number; cols: number } | null;
  print: PrintSetup | null;
  /** Cells that link to another cell of the workbook (e.g. an issue list pointing at its cells). */
  links?: { row: number; col: number; sheet: string; cell: string }[];
  /** Autofilter over a header row and the rows below it, 0-based. */
  autoFilter?: MergeArea | null;
}

export interface WorkbookLayout {
  sheets: SheetLayout[];
}

/** How a sheet prints (spec §5): every writer renders this, none decides it. */
export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  paper: 'A4' | 'A3';
  /** Print scale in percent. With `fitToWidth` the program fits one page wide (this is then the expected scale). */
  scale: number;
  /** Fit to one page wide (any number of pages tall). */
  fitToWidth: boolean;
  /** Pages side by side the columns need at `scale`. */
  pagesWide: number;
  /** Rows repeated on every printed page, 0-based inclusive. */
  repeatRows: { top: number; bottom: number } | null;
  /** Columns repeated on every page when the sheet is more than one page wide, 0-based inclusive. */
  repeatCols: { left: number; right: number } | null;
  /** Pages across first (page 2 = the right half of the first rows). */
  order: 'overThenDown' | 'downThenOver';
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Smallest font of the printed rows, in points at 100 % (× scale = on paper). */
  fontPt: number;
}

/** Paper sizes in points (portrait width × height). */
export const PAPER_PT = { A4: { width: 595.28, height: 841.89 }, A3: { width: 841.89, height: 1190.55 } } as const;
/** The smallest text on paper the forms allow (spec §5). */
export const MIN_PRINTED_FONT_PT = 8;
/** Font sizes of the row roles, in points: one table for the ExcelJS and Office.js writers. */
export const ROLE_FONT_PT: Record<RowRole, number> = {
  title: 16,
  meta: 11,
  header: 10,
  data: 10,
  total: 10,
  footer: 10,
  list: 11,
};
const PRINT_MARGINS = { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } as const;
/** Room kept on each page for differences between programs' column-width arithmetic. */
const PAGE_SLACK = 0.97;
/** A planned page break is kept only when the first page is this much clear of both neighbours' widths. */
const BREAK_MARGIN = 0.01;

/**
 * A column width in Excel's characters → points: Excel and LibreOffice draw a character width as
 * 7 pixels of the default font plus 5 pixels padding, at 96 pixels per inch.
 */
export function columnWidthPt(chars: number): number {
  return (chars * 7 + 5) * 0.75;
}

/** Printable width of a page in points. */
export function printableWidthPt(paper: PrintSetup['paper'], orientation: PrintSetup['orientation']): number {
  const size = PAPER_PT[paper];
  const width = orientation === 'landscape' ? size.height : size.width;
  return width - (PRINT_MARGINS.left + PRINT_MARGINS.right) * 72;
}

/** Columns per page (first page from column 0, later pages after the repeated columns), greedy like Excel. */
export function paginateColumns(
  widthsPt: readonly number[],
  pageWidth: number,
  repeatCols: { left: number; right: number } | null,
): number[][] {
  const repeated = repeatCols ? widthsPt.slice(repeatCols.left, repeatCols.right + 1).reduce((a, b) => a + b, 0) : 0;
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  widthsPt.forEach((w, col) => {
    if (page.length > 0 && used + w > pageWidth) {
      pages.push(page);
      page = [];
      used = repeated;
    }
    page.push(col);
    used += w;
  });
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * The print setup of a wide form (spec §5): A3 landscape; one page wide while the smallest font
 * stays at least 8 pt on paper, else the largest scale (≥ 8 pt) at which the columns fit two pages
 * wide with `repeatCols` repeated, computed from the column widths rather than assumed.
 */
export function planPrint(
  widths: readonly number[],
  options: {
    fontPt: number;
    repeatRows: PrintSetup['repeatRows'];
    repeatCols: { left: number; right: number } | null;
    /** Whether a page may start at this column (e.g. not inside a merged header group). */
    breakable?: (col: number) => boolean;
    paper?: PrintSetup['paper'];
    orientation?: PrintSetup['orientation'];
  },
): PrintSetup & { firstPageCols: number } {
  const paper = options.paper ?? 'A3';
  const orientation = options.orientation ?? 'landscape';
  const page = printableWidthPt(paper, orientation) * PAGE_SLACK;
  const widthsPt = widths.map(columnWidthPt);
  const total = widthsPt.reduce((a, b) => a + b, 0);
  const minScale = Math.ceil((MIN_PRINTED_FONT_PT / options.fontPt) * 100);
  const common = {
    orientation,
    paper,
    repeatRows: options.repeatRows,
    order: 'overThenDown' as const,
    margins: { ...PRINT_MARGINS },
    fontPt: options.fontPt,
  };
  const fit = Math.min(100, Math.floor((page / total) * 100));
  if (fit >= minScale)
    return { ...common, scale: fit, fitToWidth: true, pagesWide: 1, repeatCols: null, firstPageCols: widths.length };
  // Best: the page break falls clearly between two header groups (every program breaks there too).
  const full = page / PAGE_SLACK;
  for (let s = 100; s >= minScale; s--) {
    const scaled = widthsPt.map((w) => (w * s) / 100);
    const pages = paginateColumns(scaled, full, options.repeatCols);
    const first = pages[0] ?? [];
    const next = first.length;
    const used = first.reduce((a, c) => a + (scaled[c] ?? 0), 0);
    const secondUsed = (pages[1] ?? []).reduce((a, c) => a + (scaled[c] ?? 0), 0);
    const repeated = options.repeatCols
      ? scaled.slice(options.repeatCols.left, options.repeatCols.right + 1).reduce((a, b) => a + b, 0)
      : 0;
    if (
      pages.length === 2 &&
      (options.breakable?.(next) ?? true) &&
      used <= full * (1 - BREAK_MARGIN) &&
      used + (scaled[next] ?? 0) >= full * (1 + BREAK_MARGIN) &&
      secondUsed + repeated <= page
    )
      return {
        ...common,
        scale: s,
        fitToWidth: false,
        pagesWide: 2,
        repeatCols: options.repeatCols,
        firstPageCols: next,
      };
  }
  let scale = minScale;
  for (let s = 100; s >= minScale; s--) {
    const pages = paginateColumns(
      widthsPt.map((w) => (w * s) / 100),
      page,
      options.repeatCols && {
        left: options.repeatCols.left,
        right: options.repeatCols.right,
      },
    );
    if (pages.length <= 2) {
      scale = s;
      break;
    }
  }
  const pages = paginateColumns(
    widthsPt.map((w) => (w * scale) / 100),
    page,
    options.repeatCols,
  );
  return {
    ...common,
    scale,
    fitToWidth: false,
    pagesWide: pages.length,
    repeatCols: options.repeatCols,
    firstPageCols: pages[0]?.length ?? widths.length,
  };
}

/** Width of a text in Excel character units: full-width (CJK) characters count two, others one. */
export function textUnits(text: string): number {
  let n = 0;
  for (const ch of text)
    n +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d\u3000-\u303f]/u.test(
        ch,
      )
        ? 2
        : 1;
  return n;
}

/**
 * Height (points) a row needs so its wrapped cells show whole: the most lines any cell wraps to in
 * its column width. Programs do not re-measure rows they open (LibreOffice keeps the written height),
 * so rows with long wrapped text get their height written.
 */
export function wrappedRowHeight(
  cells: readonly (string | number | null)[],
  widths: readonly number[],
  fontPt: number = ROLE_FONT_PT.data,
): number {
  let lines = 1;
  cells.forEach((value, c) => {
    if (value === null) return;
    const usable = Math.max(1, (widths[c] ?? 8) - 1);
    const cellLines = String(value)
      .split('\n')
      .reduce((n, part) => n + Math.max(1, Math.ceil(textUnits(part) / usable)), 0);
    lines = Math.max(lines, cellLines);
  });
  return Math.ceil(lines * fontPt * 1.35 + 4);
}

/** The effective size of the smallest printed font, in points on paper. */
export function printedFontPt(print: PrintSetup): number {
  return (print.fontPt * print.scale) / 100;
}

export const LEDGER_SHEET_NAME = '管理台账';
export const LIST_SHEET_NAME = '下拉选项';
export const STATS_SHEET_NAME = '分类统计表';
export const DEFAULT_COUNTY = '彭水自治县';
/** Data rows of the blank template: placeholder rows holding only a 序号. */
export const DEFAULT_BLANK_ROWS = 20;

const MONEY_FORMAT = '0.00';
const BLANK_DATE = '    年  月  日';

/** The 填表说明 footer, corrected (spec §2.1), built from the same value lists the checks use. */
export function ledgerFooter(): string {
  return [
    '填表说明：',
    `1.运营模式。填写${MODES.join('/')}等任选其中一项。`,
    `2.功能现状。填写${FUNCTION_STATUSES.join('、')}等任选其中一项。`,
    `3.生产经营情况。填写${OPERATIONS.join('、')}等任选其中一项。`,
    `4.存在问题。填写${PROBLEMS.join('/')}等，可以多选。`,
    `5.原因分析。填写时在${CAUSES.join('、')}等中选择，可以多选。`,
    `6.未充分发挥联农带农作用原因。在${LINKAGE_SHORTFALLS.join('、')}中任选其中一项。`,
  ].join('');
}

/** 2026-11-20 → 2026年11月20日 (the meta line's date); null → blank date to fill by hand. */
export function chineseDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : BLANK_DATE;
}

/** Meta line segments, each with its share of the columns (they are merged side by side). */
function metaSegments(
  texts: string[],
  width: number,
  firstPage: number = width,
): { cells: (string | null)[]; merges: MergeArea[] } {
  const cells: (string | null)[] = Array(width).fill(null);
  const merges: MergeArea[] = [];
  // On the first printed page: a wide sheet printed two pages wide keeps its meta line on page 1.
  width = Math.min(width, firstPage);
  const span = Math.floor(width / texts.length);
  texts.forEach((text, i) => {
    const left = i * span;
    const right = i === texts.length - 1 ? width - 1 : left + span - 1;
    cells[left] = text;
    if (right > left) merges.push({ top: 1, left, bottom: 1, right });
  });
  return { cells, merges };
}

/** Two header rows (level-1 labels merged over their level-2 labels, single labels merged down). */
function twoLevelHeader(
  groups: readonly { label: string; subs: readonly string[] }[],
  top: number,
): { rows: [(string | null)[], (string | null)[]]; merges: MergeArea[] } {
  const level1: (string | null)[] = [];
  const level2: (string | null)[] = [];
  const merges: MergeArea[] = [];
  for (const g of groups) {
    const left = level1.length;
    if (g.subs.length === 0) {
      level1.push(g.label);
      level2.push(null);
      merges.push({ top, left, bottom: top + 1, right: left });
      continue;
    }
    g.subs.forEach((sub, i) => {
      level1.push(i === 0 ? g.label : null);
      level2.push(sub);
    });
    if (g.subs.length > 1) merges.push({ top, left, bottom: top, right: left + g.subs.length - 1 });
  }
  return { rows: [level1, level2], merges };
}

/** The level-1 / level-2 structure of the ledger header, from COLUMNS (spec §2.1). */

function columnName(key: ColumnKey): string {
  const c = COLUMNS.find((x) => x.key === key);
  if (!c) return key;
  return 'sub' in c ? c.sub : c.label;
}

/** Ledger columns that get a dropdown (single-choice enums), in column order. */
export const DROPDOWN_COLUMNS: readonly ColumnKey[] = COLUMNS.filter((c) => c.type === 'enum').map((c) => c.key);

export interface LedgerTemplateOptions {
  county?: string;
  unit?: string | null;
  /** YYYY-MM-DD for 更新时间; blank date when absent. */
  updatedAt?: string | null;
  /** Filled rows (by column key); when given, they replace the placeholder rows. */
  records?: readonly Partial<Record<ColumnKey, RawCell>>[];
  /** Placeholder rows (序号 only) when no records are given. */
  blankRows?: number;
}

/**
 * The 管理台账 workbook: the ledger sheet (title, meta line, two header rows, data rows,
 * 填表说明) plus a hidden sheet holding the dropdown lists.
 */
export function ledgerTemplate(options: LedgerTemplateOptions = {}): WorkbookLayout {
  const county = options.county ?? DEFAULT_COUNTY;
  const width = COLUMNS.length;
  const last = width - 1;
  const rows: LayoutRow[] = [];
  const merges: MergeArea[] = [];
  const widths = COLUMNS.map((c) => c.width);
  // 序号 and 项目名称 repeat on the second page when the ledger prints two pages wide.
  const nameCol = COLUMNS.findIndex((c) => c.key === 'name');
  const groupStarts = new Set<number>();
  for (const g of headerGroups()) groupStarts.add(COLUMNS.findIndex((c) => c.key === g.keys[0]));
  const print = planPrint(widths, {
    fontPt: ROLE_FONT_PT.data,
    repeatRows: { top: 2, bottom: 3 },
    repeatCols: { left: 0, right: nameCol },
    breakable: (col) => groupStarts.has(col),
  });
  // Title, meta line and 填表说明 stay on the first page.
  const firstLast = print.firstPageCols - 1;

  rows.push({ role: 'title', cells: [ledgerTitle(county)], height: 32 });
  merges.push({ top: 0, left: 0, bottom: 0, right: firstLast });

  const meta = metaSegments(
    [
      `填报单位：${options.unit ?? ''}`,
      '审核人：',
      '填报人及联系电话：',
      `更新时间：${chineseDate(options.updatedAt)}`,
    ],
    width,
    print.firstPageCols,
  );
  rows.push({ role: 'meta', cells: meta.cells, height: 22 });
  merges.push(...meta.merges);

  const groups = headerGroups();
  const header = twoLevelHeader(groups, 2);
  rows.push({ role: 'header', cells: header.rows[0], height: 30 });
  rows.push({ role: 'header', cells: header.rows[1], height: 45 });
  merges.push(...header.merges);

  const firstData = rows.length;
  const records = options.records ?? [];
  if (records.length > 0) {
    records.forEach((record, i) => {
      rows.push({
        role: 'data',
        cells: COLUMNS.map((c) => {
          const v = record[c.key];
          if (c.key === 'seq' && (v === undefined || v === null)) return i + 1;
          return typeof v === 'boolean' ? String(v) : (v ?? null);
        }),
      });
    });
  } else {
    const blank = Math.max(1, options.blankRows ?? DEFAULT_BLANK_ROWS);
    for (let i = 0; i < blank; i++) rows.push({ role: 'data', cells: [i + 1, ...Array(last).fill(null)] });
  }
  const lastData = rows.length - 1;

  rows.push({ role: 'footer', cells: [ledgerFooter()], height: print.pagesWide > 1 ? 75 : 60 });
  merges.push({ top: rows.length - 1, left: 0, bottom: rows.length - 1, right: firstLast });

  const dataRange = (col: number): MergeArea => ({ top: firstData, left: col, bottom: lastData, right: col });
  const validations: LayoutValidation[] = [];
  COLUMNS.forEach((c, col) => {
    const name = columnName(c.key);
    if (c.type === 'enum' && 'values' in c) {
      const values = [...c.values];
      validations.push({
        kind: 'list',
        range: dataRange(col),
        source: dropdownListSource(c.key),
        values,
        title: name,
        prompt: `请从下拉列表中选择：${values.join('、')}`,
        error: `「${name}」只能填写：${values.join('、')}`,
      });
    } else if (c.type === 'number') {
      validations.push({
        kind: 'decimal',
        range: dataRange(col),
        min: 0,
        title: name,
        prompt: '填写数字，单位万元',
        error: `「${name}」应填写不小于0的数字（单位万元）`,
      });
    } else if (c.key === 'year') {
      validations.push({
        kind: 'whole',
        range: dataRange(col),
        min: 2013,
        max: 2100,
        title: name,
        prompt: '填写四位年份，如2021',
        error: '「实施年度」应填写2013年以后的四位年份',
      });
    } else if (c.type === 'multi' && 'values' in c) {
      validations.push({
        kind: 'prompt',
        range: dataRange(col),
        title: name,
        prompt: `可多选，用“、”分隔：${c.values.join('、')}`.slice(0, 255),
      });
    }
  });

  const ledger: SheetLayout = {
    name: LEDGER_SHEET_NAME,
    state: 'visible',
    rows,
    merges,
    widths,
    numberFormats: COLUMNS.map((c) => (c.type === 'number' ? MONEY_FORMAT : null)),
    validations,
    freeze: { rows: firstData, cols: 3 },
    print: withoutPlan(print),
  };
  return { sheets: [ledger, dropdownListSheet()] };
}

/** The values of a dropdown column's list. */
export function dropdownValues(key: ColumnKey): readonly string[] {
  const c = COLUMNS.find((x) => x.key === key);
  return c && 'values' in c && c.type === 'enum' ? c.values : [];
}

/**
 * The fixed column of a dropdown key on the list sheet (0-based): its place in DROPDOWN_COLUMNS,
 * whatever columns a given ledger has — so every writer (the CLI's template, the pane's 下拉选项)
 * points the same key at the same list, in any order.
 */
export function dropdownListColumn(key: ColumnKey): number {
  const i = DROPDOWN_COLUMNS.indexOf(key);
  if (i < 0) throw new Error(`${key} has no dropdown list`);
  return i;
}

/** Worksheet formula of a key's list (no leading =), e.g. `'下拉选项'!$C$2:$C$6`. */
export function dropdownListSource(key: ColumnKey): string {
  const i = dropdownListColumn(key);
  const letter = String.fromCharCode(65 + i);
  return `'${LIST_SHEET_NAME}'!$${letter}$2:$${letter}$${dropdownValues(key).length + 1}`;
}

/** The hidden sheet with every dropdown list, one fixed column per key: row 1 names the column, values below. */
export function dropdownListSheet(): SheetLayout {
  const dropdownNames = DROPDOWN_COLUMNS.map(columnName);
  const lists = DROPDOWN_COLUMNS.map((k) => dropdownValues(k));
  const height = Math.max(...lists.map((l) => l.length));
  const rows: LayoutRow[] = [{ role: 'list', cells: dropdownNames }];
  for (let r = 0; r < height; r++) rows.push({ role: 'list', cells: lists.map((l) => l[r] ?? null) });
  return {
    name: LIST_SHEET_NAME,
    state: 'hidden',
    rows,
    merges: [],
    widths: lists.map(() => 30),
    numberFormats: [],
    validations: [],
    freeze: null,
    print: null,
  };
}

export interface StatsSheetOptions {
  county?: string;
  /** 填报单位 of the table (the county office, or the unit for its own table). */
  unit?: string | null;
  /** 审核人 and 填报人 of the meta line (a unit's own table: from its ledger's meta); blank when absent. */
  reviewer?: string | null;
  filler?: string | null;
  updatedAt?: string | null;
  /** Period shown on the meta line, e.g. “2026年第47周”. */
  periodLabel?: string | null;
  rows: readonly StatsRow[];
  total: StatsRow;
  /**
   * The 说明 line under the table (spec §5), e.g. notesLine(statsNotes(…)) from shared/stats-notes.ts:
   * written in one merged row below 合计. Omitted = no 说明 row.
   */
  notes?: string | null;
}

const STATS_WIDTHS: Record<string, number> = { 序号: 5, 地区: 16, '项目实际投入（万元）': 12, 项目数: 7 };

function statsWidths(groups: readonly { label: string; subs: readonly string[] }[]): number[] {
  return groups.flatMap((g) => (g.subs.length === 0 ? [STATS_WIDTHS[g.label] ?? 9] : g.subs.map(() => 6)));
}

/** The setup without the planner's bookkeeping. */
function withoutPlan(plan: PrintSetup & { firstPageCols: number }): PrintSetup {
  const { firstPageCols: _, ...print } = plan;
  return print;
}

/** The print setup of a plain list (data-size text, nothing repeated across pages but `repeatRows`). */
export function listPrint(
  widths: readonly number[],
  options: { paper: PrintSetup['paper']; orientation: PrintSetup['orientation']; repeatRows: PrintSetup['repeatRows'] },
): PrintSetup {
  return withoutPlan(planPrint(widths, { fontPt: ROLE_FONT_PT.data, repeatCols: null, ...options }));
}

/** The 分类统计表 (附件4): title, meta line, two header rows, one row per unit, 合计. */
export function statsSheet(options: StatsSheetOptions): SheetLayout {
  const county = options.county ?? DEFAULT_COUNTY;
  const groups = STATS_HEADER.map((h) => ({ label: h.label, subs: h.subs ?? [] }));
  const width = groups.reduce((n, g) => n + Math.max(1, g.subs.length), 0);
  const rows: LayoutRow[] = [];
  const merges: MergeArea[] = [];

  const widths = statsWidths(groups);
  const print = planPrint(widths, {
    fontPt: ROLE_FONT_PT.data,
    repeatRows: { top: 2, bottom: 3 },
    repeatCols: { left: 0, right: 1 },
  });
  const firstLast = print.firstPageCols - 1;
  rows.push({ role: 'title', cells: [statsTitle(county)], height: 32 });
  merges.push({ top: 0, left: 0, bottom: 0, right: firstLast });
  const segments = [
    `填报单位：${options.unit ?? ''}`,
    `审核人：${options.reviewer ?? ''}`,
    `填报人：${options.filler ?? ''}`,
    `更新时间：${chineseDate(options.updatedAt)}`,
  ];
  if (options.periodLabel) segments.push(`报送期次：${options.periodLabel}`);
  const meta = metaSegments(segments, width, print.firstPageCols);
  rows.push({ role: 'meta', cells: meta.cells, height: 22 });
  merges.push(...meta.merges);

  const header = twoLevelHeader(groups, 2);
  rows.push({ role: 'header', cells: header.rows[0], height: 30 });
  rows.push({ role: 'header', cells: header.rows[1], height: 80 });
  merges.push(...header.merges);

  options.rows.forEach((row, i) => {
    rows.push({ role: 'data', cells: statsCells(row, i + 1) });
  });
  rows.push({ role: 'total', cells: statsCells(options.total, null) });
  if (options.notes) {
    rows.push({ role: 'footer', cells: [options.notes], height: 36 });
    merges.push({ top: rows.length - 1, left: 0, bottom: rows.length - 1, right: firstLast });
  }

  const numberFormats: (string | null)[] = groups.flatMap((g) =>
    g.subs.length === 0 ? [g.label === '项目实际投入（万元）' ? MONEY_FORMAT : null] : g.subs.map(() => null),
  );
  return {
    name: STATS_SHEET_NAME,
    state: 'visible',
    rows,
    merges,
    widths,
    numberFormats,
    validations: [],
    freeze: { rows: 4, cols: 2 },
    print: withoutPlan(print),
  };
}
