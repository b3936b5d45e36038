/**
 * The subset of the WPS 表格 (ET) JS object model the WPS adapter calls: synchronous and VBA-like,
 * on `window.Application` (or `wps.EtApplication()`). Indexes are 1-based; across WPS builds some
 * members are properties in one and zero-argument methods in another, so every read goes through
 * `get()`. Writes are plain assignments (the documented form in every build).
 * Each `get`, assignment and method call is one call into WPS (an IPC round trip in the Linux
 * builds): the adapter reads and writes blocks and never loops over cells.
 */

/** A member that is a property in one build and a zero-argument method in another. */
export type Member<T> = T | (() => T);

export interface EtCount {
  Count: Member<number>;
}
export interface EtColor {
  Color: Member<number>;
}
export interface EtFont extends EtColor {
  Bold: Member<boolean>;
  Size: Member<number>;
}
export interface EtBorder {
  LineStyle: Member<number>;
}
export interface EtFormatCondition {
  Type: Member<number>;
  Formula1: Member<string>;
  Interior: Member<EtColor>;
  Font: Member<EtColor>;
  Delete(): unknown;
}
export interface EtFormatConditions extends EtCount {
  Item(index: number): EtFormatCondition;
  Add(type: number, operator?: number, formula1?: string, formula2?: string): EtFormatCondition;
}
export interface EtValidation {
  Add(type: number, alertStyle?: number, operator?: number, formula1?: string, formula2?: string): unknown;
  Delete(): unknown;
  InCellDropdown: Member<boolean>;
  ShowError: Member<boolean>;
  ErrorTitle: Member<string>;
  ErrorMessage: Member<string>;
  ShowInput: Member<boolean>;
  InputTitle: Member<string>;
  InputMessage: Member<string>;
}
export interface EtRange {
  /** "$A$1:$D$9" (a method with optional arguments in some builds). */
  Address: Member<string>;
  Value2: Member<unknown>;
  Row: Member<number>;
  Column: Member<number>;
  Rows: Member<EtCount>;
  Columns: Member<EtCount>;
  MergeCells: Member<boolean | null>;
  MergeArea: Member<EtRange>;
  Merge(across?: boolean): unknown;
  Interior: Member<EtColor>;
  Font: Member<EtFont>;
  Borders: Member<EtBorder>;
  ColumnWidth: Member<number>;
  RowHeight: Member<number>;
  NumberFormat: Member<unknown>;
  HorizontalAlignment: Member<number>;
  VerticalAlignment: Member<number>;
  WrapText: Member<boolean>;
  FormatConditions: Member<EtFormatConditions>;
  Validation: Member<EtValidation>;
  Left: Member<number>;
  Top: Member<number>;
  Width: Member<number>;
  Height: Member<number>;
  Select(): unknown;
}
export interface EtChart {
  ChartType: Member<number>;
  HasTitle: Member<boolean>;
  ChartTitle: Member<{ Text: Member<string> }>;
  SetSourceData(source: EtRange, plotBy?: number): unknown;
}
export interface EtChartObjects {
  Add(left: number, top: number, width: number, height: number): { Chart: Member<EtChart> };
}
/** A defined name (the owner mark of a sheet the add-in wrote). */
export interface EtName {
  /** Sheet-level names read back as 'Sheet!NAME' in some builds, 'NAME' in others. */
  Name: Member<string>;
  RefersTo: Member<string>;
}
export interface EtNames extends EtCount {
  Item(index: number | string): EtName;
  Add(name: string, refersTo: string, visible?: boolean): EtName;
}
/** Worksheet.Hyperlinks: Add(Anchor, Address, SubAddress, ScreenTip, TextToDisplay). */
export interface EtHyperlinks {
  Add(anchor: EtRange, address: string, subAddress?: string, screenTip?: string, textToDisplay?: string): unknown;
}
export interface EtWorksheet {
  Name: Member<string>;
  Hyperlinks: Member<EtHyperlinks>;
  /** Sheet-level names. */
  Names: Member<EtNames>;
  Move(before?: EtWorksheet, after?: EtWorksheet): unknown;
  /** -1 visible, 0 hidden, 2 very hidden (some builds: true / false). */
  Visible: Member<number | boolean>;
  UsedRange: Member<EtRange>;
  Range(address: string): EtRange;
  Activate(): unknown;
  Delete(): unknown;
  ChartObjects: Member<EtChartObjects>;
  /** Absent in some builds: printing then keeps WPS's defaults. */
  PageSetup?: Member<EtPageSetup>;
}
/** The part of PageSetup written from a layout's PrintSetup (VBA names and units: points). */
export interface EtPageSetup {
  Orientation: number;
  PaperSize: number;
  Order: number;
  /** A percentage, or false to fit to pages. */
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
  CenterHorizontally: boolean;
  LeftMargin: number;
  RightMargin: number;
  TopMargin: number;
  BottomMargin: number;
  HeaderMargin: number;
  FooterMargin: number;
  PrintTitleRows: string;
  PrintTitleColumns: string;
}
export interface EtWorksheets extends EtCount {
  Item(index: number | string): EtWorksheet;
  Add(before?: EtWorksheet, after?: EtWorksheet, count?: number, type?: number): EtWorksheet;
}
export interface EtWorkbook {
  Name: Member<string>;
  FullName: Member<string>;
  Worksheets: Member<EtWorksheets>;
  ActiveSheet: Member<EtWorksheet | null>;
}
export interface EtWindow {
  FreezePanes: Member<boolean>;
  SplitRow: Member<number>;
  SplitColumn: Member<number>;
}
export interface EtApplication {
  ActiveWorkbook: Member<EtWorkbook | null>;
  ActiveWindow: Member<EtWindow | null>;
  DisplayAlerts: Member<boolean>;
}

/** Constants of the ET object model (same values as Excel's VBA enums). */
export const ET = {
  xlSheetVisible: -1,
  xlSheetHidden: 0,
  xlExpression: 2,
  xlValidateInputOnly: 0,
  xlValidateWholeNumber: 1,
  xlValidateDecimal: 2,
  xlValidateList: 3,
  xlValidAlertStop: 1,
  xlValidAlertWarning: 2,
  xlBetween: 1,
  xlGreaterEqual: 7,
  xlCenter: -4108,
  xlContinuous: 1,
  xlColumns: 2,
  xlPortrait: 1,
  xlLandscape: 2,
  xlPaperA3: 8,
  xlPaperA4: 9,
  xlDownThenOver: 1,
  xlOverThenDown: 2,
} as const;

/** Office chart type names used by the sheet specs → ET's XlChartType. */
export const CHART_TYPES: Record<string, number> = {
  ColumnClustered: 51,
  ColumnStacked: 52,
  ColumnStacked100: 53,
  BarClustered: 57,
  BarStacked: 58,
  Line: 4,
  Pie: 5,
};

type Unwrap<M> = M extends () => infer T ? T : M;

/** Reads a member whether this build exposes it as a property or as a zero-argument method. */
export function get<O extends object, K extends keyof O>(owner: O, key: K): Unwrap<O[K]> {
  const value = owner[key];
  return (typeof value === 'function' ? (value as () => unknown).call(owner) : value) as Unwrap<O[K]>;
}

export function getNumber<O extends object, K extends keyof O>(owner: O, key: K): number {
  const n = Number(get(owner, key));
  if (!Number.isFinite(n)) throw new Error(`WPS 返回的 ${String(key)} 不是数字`);
  return n;
}

export const countOf = (collection: EtCount): number => getNumber(collection, 'Count');

/** '#RRGGBB' → the BGR integer ET's Color properties take. */
export function bgr(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** One cell of a Value2 read: blanks as '' (as Office.js reads them), dates as serial numbers. */
export function cell(v: unknown): unknown {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return (v.getTime() - v.getTimezoneOffset() * 60000 - EXCEL_EPOCH) / 86400000;
  return v;
}

/**
 * Value2 in any of its shapes → rows × cols: a scalar for one cell, a 2-D array otherwise, and (in
 * some builds) a flat array for a single row or column.
 */
export function toGrid(value: unknown, rows: number, cols: number): unknown[][] {
  if (!Array.isArray(value)) return [[cell(value)]];
  if (value.length > 0 && !Array.isArray(value[0])) {
    return rows === 1 && cols > 1 ? [value.map(cell)] : value.map((v) => [cell(v)]);
  }
  return value.map((row) => (Array.isArray(row) ? row.map(cell) : [cell(row)]));
}

/** Whether a Visible value means the tab shows (xlSheetVisible -1, or true in some builds). */
export function isVisible(v: unknown): boolean {
  return v === true || v === -1 || v === 1 || v === '-1';
}

/** Finds the ET Application: `wps.EtApplication()` in some builds, the `Application` global in all. */
export function etApplication(): EtApplication | null {
  const g = globalThis as unknown as { wps?: { EtApplication?: () => unknown }; Application?: unknown };
  try {
    const viaWps = g.wps?.EtApplication?.();
    if (viaWps && typeof viaWps === 'object') return viaWps as EtApplication;
  } catch {
    // Some builds expose a throwing accessor; the global below is the documented fallback.
  }
  return g.Application && typeof g.Application === 'object' ? (g.Application as EtApplication) : null;
}
