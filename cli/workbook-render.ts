/**
 * Draws a SheetLayout (shared/layout.ts) onto an ExcelJS worksheet: values, the row roles' look
 * (shared/layout/style.ts decides it, this only translates), merges, links, validations, frozen
 * panes, print setup and autofilter.
 */
import type ExcelJS from 'exceljs';
import { FORM_FONT, LINK_COLOR, ROLE_STYLE, type RoleStyle } from '../shared/layout/style.js';
import type { LayoutRow, PrintSetup, RowRole, SheetLayout } from '../shared/layout.js';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** '#RRGGBB' → ExcelJS's opaque 'FFRRGGBB'. */
export const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

/** A row role's look as an ExcelJS style. */
function excelStyle(style: RoleStyle): Partial<ExcelJS.Style> {
  if (!style.formatted) return {};
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (style.horizontal) alignment.horizontal = style.horizontal;
  if (style.vertical) alignment.vertical = style.vertical;
  if (style.wrap) alignment.wrapText = true;
  return {
    font: { name: FORM_FONT, size: style.fontPt, ...(style.bold ? { bold: true } : {}) },
    alignment,
    ...(style.border ? { border: THIN } : {}),
  };
}

/** ExcelJS styles for each row role of a layout. */
const ROLE_STYLES = Object.fromEntries(
  Object.entries(ROLE_STYLE).map(([role, style]) => [role, excelStyle(style)]),
) as Record<RowRole, Partial<ExcelJS.Style>>;

function escapeFormulaText(text: string): string {
  return text.replace(/"/gu, '""');
}

export function addSheet(workbook: ExcelJS.Workbook, layout: SheetLayout): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(layout.name, { state: layout.state });
  layout.widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  const styled = layout.rows.some((r) => ROLE_STYLE[r.role].formatted);
  const width = styled ? Math.max(layout.widths.length, ...layout.rows.map((r) => r.cells.length)) : 0;
  layout.rows.forEach((row: LayoutRow, r) => {
    const target = ws.getRow(r + 1);
    if (row.height) target.height = row.height;
    const role = ROLE_STYLE[row.role];
    const style = ROLE_STYLES[row.role];
    // A bordered row is drawn across the sheet's width; other rows over their own cells.
    const count = role.border ? width : row.cells.length;
    for (let c = 0; c < count; c++) {
      const value = row.cells[c] ?? null;
      if (value === null && !role.formatted) continue;
      const cell = target.getCell(c + 1);
      if (value !== null) cell.value = value;
      if (!role.formatted) continue;
      const numFmt = role.numbers ? layout.numberFormats[c] : null;
      cell.style = numFmt ? { ...style, numFmt } : { ...style };
    }
  });
  for (const m of layout.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const link of layout.links ?? []) {
    const sheetRef = `'${link.sheet.replace(/'/gu, "''")}'!${link.cell}`;
    ws.getCell(link.row + 1, link.col + 1).value = {
      formula: `HYPERLINK("#${escapeFormulaText(sheetRef)}","${escapeFormulaText(link.cell)}")`,
      result: link.cell,
    };
    ws.getCell(link.row + 1, link.col + 1).font = {
      name: FORM_FONT,
      size: ROLE_STYLE.data.fontPt,
      color: { argb: argb(LINK_COLOR) },
      underline: true,
    };
  }
  // ExcelJS supports data validations but its type definitions omit them.
  const validations = (ws as unknown as { dataValidations: { add(address: string, rule: object): void } })
    .dataValidations;
  for (const v of layout.validations) {
    const address = `${ws.getCell(v.range.top + 1, v.range.left + 1).address}:${ws.getCell(v.range.bottom + 1, v.range.right + 1).address}`;
    const common = { showInputMessage: true, promptTitle: v.title.slice(0, 32), prompt: v.prompt.slice(0, 255) };
    if (v.kind === 'prompt') {
      validations.add(address, { type: 'any', ...common });
      continue;
    }
    const error = { showErrorMessage: true, errorStyle: 'stop', errorTitle: '输入有误', error: v.error.slice(0, 255) };
    if (v.kind === 'list') {
      validations.add(address, { type: 'list', allowBlank: true, formulae: [v.source], ...common, ...error });
    } else {
      validations.add(address, {
        type: v.kind,
        allowBlank: true,
        operator: v.max === undefined ? 'greaterThanOrEqual' : 'between',
        formulae: v.max === undefined ? [v.min] : [v.min, v.max],
        ...common,
        ...error,
      });
    }
  }
  if (layout.freeze)
    ws.views = [{ state: 'frozen', xSplit: layout.freeze.cols, ySplit: layout.freeze.rows, showGridLines: true }];
  if (layout.print) applyPrint(ws, layout.print);
  if (layout.autoFilter) {
    const f = layout.autoFilter;
    ws.autoFilter = {
      from: { row: f.top + 1, column: f.left + 1 },
      to: { row: f.bottom + 1, column: f.right + 1 },
    };
  }
  return ws;
}

/** Renders the layout's print setup (shared/layout.ts decides it) as ExcelJS page setup. */
function applyPrint(ws: ExcelJS.Worksheet, print: PrintSetup): void {
  const rows = print.repeatRows;
  const cols = print.repeatCols;
  const letter = (c: number) => ws.getColumn(c + 1).letter;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: (print.paper === 'A3' ? 8 : 9) as ExcelJS.PaperSize,
    orientation: print.orientation,
    fitToPage: print.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    scale: print.scale,
    pageOrder: print.order,
    horizontalCentered: print.pagesWide === 1,
    margins: { ...print.margins },
    ...(rows ? { printTitlesRow: `${rows.top + 1}:${rows.bottom + 1}` } : {}),
    ...(cols && print.pagesWide > 1 ? { printTitlesColumn: `${letter(cols.left)}:${letter(cols.right)}` } : {}),
  };
}
