/**
 * Print settings of a sheet through Office.js (`worksheet.pageLayout`, ExcelApi 1.9), rendered
 * from the shared layout's PrintSetup (shared/layout.ts decides A3 landscape, the scale or fit,
 * repeated rows and columns; this only writes it). Hosts without ExcelApi 1.9 (Excel 2019) keep
 * their default page setup: the sheet is written all the same and the caller is told.
 */
import type { PrintSetup } from '../shared/layout.js';
import { columnLetters } from '../shared/ledger/text.js';

/** The part of Office.js `Excel.PageLayout` written here. */
export interface HostPageLayout {
  orientation: string;
  paperSize: string;
  printOrder: string;
  centerHorizontally: boolean;
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  setPrintTitleRows(address: string): void;
  setPrintTitleColumns(address: string): void;
}

export const PRINT_REQUIREMENT = { set: 'ExcelApi', version: '1.9' } as const;

const INCH_PT = 72;

/**
 * Writes `print` to the sheet's page layout (queued: the caller syncs). Returns false, writing
 * nothing, when the host lacks ExcelApi 1.9.
 */
export function queuePrintSetup(
  sheet: unknown,
  print: PrintSetup,
  isSetSupported: (name: string, version: string) => boolean,
): boolean {
  const page = (sheet as { pageLayout?: HostPageLayout }).pageLayout;
  if (!isSetSupported(PRINT_REQUIREMENT.set, PRINT_REQUIREMENT.version) || !page) return false;
  page.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.paperSize = print.paper;
  page.printOrder = print.order === 'overThenDown' ? 'OverThenDown' : 'DownThenOver';
  page.centerHorizontally = print.pagesWide === 1;
  page.leftMargin = print.margins.left * INCH_PT;
  page.rightMargin = print.margins.right * INCH_PT;
  page.topMargin = print.margins.top * INCH_PT;
  page.bottomMargin = print.margins.bottom * INCH_PT;
  page.headerMargin = print.margins.header * INCH_PT;
  page.footerMargin = print.margins.footer * INCH_PT;
  page.zoom = print.fitToWidth ? { horizontalFitToPages: 1, verticalFitToPages: 0 } : { scale: print.scale };
  if (print.repeatRows) page.setPrintTitleRows(`$${print.repeatRows.top + 1}:$${print.repeatRows.bottom + 1}`);
  if (print.repeatCols && print.pagesWide > 1)
    page.setPrintTitleColumns(`$${columnLetters(print.repeatCols.left)}:$${columnLetters(print.repeatCols.right)}`);
  return true;
}

/**
 * Sets up printing in its own sync after the sheet is written, so a host that refuses a setting
 * (older builds, Excel on the web without a printer) never costs the written sheet. Returns whether
 * the print setup was applied.
 */
export async function writePrintSetup(
  ctx: { sync(): Promise<unknown> },
  sheet: unknown,
  print: PrintSetup | undefined,
  isSetSupported: (name: string, version: string) => boolean,
): Promise<boolean> {
  if (!print || !queuePrintSetup(sheet, print, isSetSupported)) return false;
  try {
    await ctx.sync();
    return true;
  } catch {
    return false;
  }
}
