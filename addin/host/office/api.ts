/**
 * The Excel API subset the Office adapter calls, described structurally so the same adapter runs
 * against real Excel (`officeHost()`) and against the typed fake host of the tests.
 * `office-compat.ts` checks at compile time that `Excel.RequestContext` satisfies this subset.
 */

export interface HostFont {
  bold: boolean;
  color: string;
  size: number;
}
export interface HostFill {
  color: string;
}
export interface HostBorder {
  style: string;
  color: string;
}
export interface HostBorderCollection {
  getItem(index: string): HostBorder;
}
export interface HostRangeFormat {
  columnWidth: number;
  rowHeight: number;
  wrapText: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  font: HostFont;
  fill: HostFill;
  borders: HostBorderCollection;
}
export interface HostConditionalRangeFormat {
  fill: HostFill;
  font: { color: string };
}
export interface HostCustomConditionalFormat {
  rule: { formula: string };
  format: HostConditionalRangeFormat;
}
export interface HostConditionalFormat {
  id: string;
  type: string;
  custom: HostCustomConditionalFormat;
  customOrNullObject: HostCustomConditionalFormat & { isNullObject: boolean };
  load(props: string): unknown;
  delete(): void;
}
export interface HostConditionalFormatCollection {
  items: HostConditionalFormat[];
  add(type: 'Custom'): HostConditionalFormat;
  getItem(id: string): HostConditionalFormat;
  load(props: string): unknown;
}
export interface HostListRule {
  inCellDropDown: boolean;
  /** A formula such as ='Sheet'!$A$1:$A$4 (Office.js also accepts a Range). */
  source: unknown;
}
export interface HostBasicRule {
  formula1: unknown;
  formula2?: unknown;
  operator: string;
}
export interface HostDataValidation {
  rule: { list?: HostListRule; decimal?: HostBasicRule; wholeNumber?: HostBasicRule };
  prompt: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert: { showAlert?: boolean; style?: string; title?: string; message?: string };
  clear(): void;
}
export interface HostRangeCollection {
  items: HostRange[];
  load(props: string): unknown;
}
export interface HostRangeAreas {
  isNullObject: boolean;
  areas: HostRangeCollection;
}
/** A cell's hyperlink (ExcelApi 1.7); documentReference is a place in the workbook, 'Sheet'!A1. */
export interface HostRangeHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}
export interface HostRange {
  values: unknown[][];
  hyperlink: HostRangeHyperlink;
  numberFormat: unknown[][];
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  isNullObject: boolean;
  format: HostRangeFormat;
  conditionalFormats: HostConditionalFormatCollection;
  dataValidation: HostDataValidation;
  load(props: string): unknown;
  select(): void;
  merge(across?: boolean): void;
  getIntersectionOrNullObject(other: HostRange | string): HostRange;
  getMergedAreasOrNullObject(): HostRangeAreas;
}
export interface HostChart {
  name: string;
  title: { text: string };
  setPosition(startCell: HostRange | string, endCell?: HostRange | string): void;
}
/** A defined name (the owner mark of a sheet the add-in wrote). */
export interface HostNamedItem {
  formula: unknown;
  visible: boolean;
  isNullObject: boolean;
  load(props: string): unknown;
}
export interface HostNamedItemCollection {
  add(name: string, reference: HostRange | string, comment?: string): HostNamedItem;
  getItemOrNullObject(name: string): HostNamedItem;
}
export interface HostWorksheet {
  name: string;
  position: number;
  visibility: string;
  /** Sheet-level names (ExcelApi 1.4). */
  names: HostNamedItemCollection;
  isNullObject: boolean;
  charts: { add(type: string, sourceData: HostRange, seriesBy?: string): HostChart };
  freezePanes: { freezeAt(frozenRange: HostRange | string): void; freezeRows(count?: number): void };
  load(props: string): unknown;
  activate(): void;
  delete(): void;
  getRange(address?: string): HostRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): HostRange;
  getUsedRange(valuesOnly?: boolean): HostRange;
}
export interface HostWorksheetCollection {
  items: HostWorksheet[];
  load(props: string): unknown;
  add(name?: string): HostWorksheet;
  getActiveWorksheet(): HostWorksheet;
  getItem(key: string): HostWorksheet;
}
export interface HostContext {
  workbook: { worksheets: HostWorksheetCollection };
  sync(): Promise<unknown>;
}

/** What the adapter needs from the platform: a batch runner and requirement-set detection. */
export interface ExcelHost {
  run<T>(batch: (context: HostContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

/** The real host: Office.js globals, looked up at call time (no type dependency on office-js here). */
export function officeHost(): ExcelHost {
  const g = globalThis as unknown as {
    Excel: { run<T>(batch: (context: HostContext) => Promise<T>): Promise<T> };
    Office: { context: { requirements: { isSetSupported(name: string, version?: string): boolean } } };
  };
  return {
    run: (batch) => g.Excel.run(batch),
    isSetSupported: (name, version) => g.Office.context.requirements.isSetSupported(name, version),
  };
}
