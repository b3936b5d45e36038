/** The official blank 管理台账 (附件5) as a layout, with its dropdowns and the hidden list sheet. */

import {
  DEFAULT_BLANK_ROWS,
  DEFAULT_COUNTY,
  type LayoutRow,
  type LayoutValidation,
  LEDGER_SHEET_NAME,
  type SheetLayout,
  type WorkbookLayout,
} from '../layout.js';
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
} from '../ledger/columns.js';
import type { MergeArea } from '../ledger/read.js';
import type { RawCell } from '../ledger/types.js';
import { ledgerTitle } from '../stats.js';
import { dropdownListSheet, dropdownListSource } from './list-sheet.js';
import { chineseDate, columnName, metaSegments, twoLevelHeader } from './parts.js';
import { planPrint, withoutPlan } from './print.js';
import { MONEY_FORMAT, ROLE_FONT_PT } from './style.js';

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
