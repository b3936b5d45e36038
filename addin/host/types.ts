/**
 * The host seam: the one small interface the pane talks to (`LedgerWorkbook`) and the plain data
 * it exchanges — no Office.js, no WPS. Two adapters implement it: host/office (Office.js, batched
 * with context.sync) and host/wps (the WPS 表格 ET object model, synchronous).
 */
import type { ColumnKey } from '../../shared/index.js';
import type { PrintSetup } from '../../shared/layout.js';

/** A rectangle in worksheet coordinates, 0-based. */
export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export type CellValue = string | number | boolean | null;

export interface SheetInfo {
  name: string;
  visible: boolean;
  active: boolean;
}

export interface LedgerGrid {
  sheet: string;
  /** Worksheet position (0-based) of grid[0][0]. */
  origin: { row: number; col: number };
  grid: unknown[][];
  /** Merged areas of the header rows, 0-based inclusive; empty when ExcelApi 1.13 is missing. */
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** True when the sheet was chosen by looking for a ledger header rather than by the clerk. */
  detected: boolean;
}

export interface MarkPlan {
  /** Data region the flags cover (worksheet coordinates). */
  region: Rect;
  /** region.rows × region.cols; 0 = none, 1 = warning, 2 = error. */
  flags: number[][];
}

export interface DropdownColumn {
  /** The ledger column's key: decides its fixed list on the list sheet (shared/layout.ts). */
  key: ColumnKey;
  /** Worksheet column (0-based). */
  col: number;
  /** Column name (first row of its list on the hidden list sheet). */
  title: string;
  values: readonly string[];
}

export interface CellWrite {
  row: number;
  col: number;
  value: CellValue;
}

export type ValidationSpec =
  | { kind: 'list'; rect: Rect; source: string; title: string; prompt: string; error: string }
  | { kind: 'decimal' | 'whole'; rect: Rect; min: number; max?: number; title: string; prompt: string; error: string }
  | { kind: 'prompt'; rect: Rect; title: string; prompt: string };

export interface SheetSpec {
  name: string;
  /** Helper sheets (dropdown lists): hidden, and rewritten in place when they exist. */
  hidden?: boolean;
  /** Written from A1 in one assignment; strings starting with = + - @ are written as text. */
  values: CellValue[][];
  merges?: Rect[];
  /** Column widths in characters (Excel's unit in the templates). */
  columnWidths?: number[];
  rowHeights?: { row: number; height: number }[];
  bold?: Rect[];
  center?: Rect[];
  wrap?: Rect[];
  borders?: Rect[];
  fontSize?: { rect: Rect; size: number }[];
  numberFormats?: { rect: Rect; format: string }[];
  freeze?: { rows: number; cols: number };
  validations?: ValidationSpec[];
  chart?: { type: string; data: Rect; title: string; anchor: Rect };
  /** How the sheet prints (shared/layout.ts decides; each adapter only writes it). */
  print?: PrintSetup;
  /** Internal hyperlinks: the cell at row/col (0-based, this sheet) jumps to `cell` (A1) of `sheet`. */
  links?: SheetLink[];
}

export interface SheetLink {
  row: number;
  col: number;
  sheet: string;
  cell: string;
}

export type Progress = (done: number, total: number, label: string) => void;

export interface Capabilities {
  /** ExcelApi 1.8 — the manifest's minimum: data validation, conditional formats (WPS: always). */
  base: boolean;
  /** ExcelApi 1.13 — merged areas of the header. */
  mergedAreas: boolean;
  /** ExcelApi 1.7 — cell hyperlinks to a place in the workbook (WPS: Hyperlinks.Add, always). */
  links: boolean;
}

/** The host's colours (Office.context.officeTheme), #rrggbb. */
export interface HostTheme {
  bodyBackground: string;
  bodyForeground: string;
  controlBackground: string;
  controlForeground: string;
}

export interface LedgerWorkbook {
  capabilities(): Capabilities;
  /** The host's theme now; absent or null when the host has none (WPS: the pane follows the system). */
  theme?(): HostTheme | null;
  /** Calls `listener` when the host's theme may have changed. */
  onThemeChange?(listener: () => void): void;
  listSheets(): Promise<SheetInfo[]>;
  /** Reads the ledger sheet (the given one, else the active one if it holds a ledger header, else the first that does). */
  readLedger(sheet?: string, progress?: Progress): Promise<LedgerGrid>;
  /** Replaces the marks of `sheet` with `plan` (null = only clear that sheet's marks). */
  writeMarks(sheet: string, plan: MarkPlan | null): Promise<void>;
  /** Deletes every mark this add-in made, on every sheet. Returns how many sheets were cleaned. */
  clearMarks(): Promise<number>;
  selectCell(sheet: string, address: string): Promise<void>;
  addDropdowns(sheet: string, firstRow: number, lastRow: number, columns: DropdownColumn[]): Promise<void>;
  writeCells(sheet: string, cells: CellWrite[]): Promise<void>;
  /** Creates a new sheet (a free name derived from spec.name) and activates it. Returns its name. */
  writeSheet(spec: SheetSpec): Promise<string>;
  /**
   * Writes `spec` as a sheet the add-in owns (a hidden sheet-level name marks it): the sheet it
   * wrote before for spec.name is replaced, keeping its name and place; a sheet it did not write
   * is never touched (the new one then gets a free name).
   */
  writeOwnedSheet(spec: SheetSpec): Promise<OwnedSheet>;
  /** Reads one rectangle's raw values (blanks as ''). */
  readRange(sheet: string, rect: Rect): Promise<CellValue[][]>;
}

export interface OwnedSheet {
  /** The sheet's name after writing. */
  name: string;
  /** An earlier sheet the add-in wrote for the same name was replaced. */
  replaced: boolean;
  /** The wanted name belongs to a sheet the add-in did not write: left as it was. */
  clash: boolean;
}

export interface AdapterOptions {
  /** Decides whether the first rows of a sheet hold a ledger header (the domain's readLedger). */
  isLedgerHeader: (rows: unknown[][]) => boolean;
}

/** Where the pane keeps its server address and token (never in the workbook). */
export interface SettingsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
