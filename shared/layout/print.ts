/**
 * How a sheet prints (spec §5), decided once from its column widths: A3 landscape, one page wide
 * while the smallest printed font stays ≥ 8 pt, else two pages wide with repeated columns.
 * Also the text metrics the writers share (character units, wrapped row heights).
 */
import type { PrintSetup } from '../layout.js';
import { ROLE_FONT_PT } from './style.js';

/** Paper sizes in points (portrait width × height). */
export const PAPER_PT = { A4: { width: 595.28, height: 841.89 }, A3: { width: 841.89, height: 1190.55 } } as const;
/** The smallest text on paper the forms allow (spec §5). */
export const MIN_PRINTED_FONT_PT = 8;
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

/** The setup without the planner's bookkeeping. */
export function withoutPlan(plan: PrintSetup & { firstPageCols: number }): PrintSetup {
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
