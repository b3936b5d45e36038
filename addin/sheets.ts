/**
 * Sheet layouts the pane writes (pure data → SheetSpec): the 附件4 统计表, the weekly rates with a
 * category chart, and the blank 附件5 ledger. The adapter turns a SheetSpec into Excel calls.
 */
import {
  CATEGORIES,
  COLUMNS,
  headerGroups,
  ledgerTitle,
  mergeStats,
  STATS_HEADER,
  type StatsRow,
  statsCells,
  statsTitle,
} from '../shared/index.js';
import type { CellValue, Rect, SheetSpec } from './excel.js';
import { enumLists } from './workflow.js';

export const COUNTY = '彭水自治县';

const rect = (top: number, left: number, rows: number, cols: number): Rect => ({ top, left, rows, cols });

/** Two header rows from level-1 labels with optional level-2 labels; merges for both shapes. */
function twoLevelHeader(groups: { label: string; subs: readonly string[] }[], top: number) {
  const first: CellValue[] = [];
  const second: CellValue[] = [];
  const merges: Rect[] = [];
  for (const g of groups) {
    const col = first.length;
    if (g.subs.length === 0) {
      first.push(g.label);
      second.push(null);
      merges.push(rect(top, col, 2, 1));
    } else {
      g.subs.forEach((s, i) => {
        first.push(i === 0 ? g.label : null);
        second.push(s);
      });
      if (g.subs.length > 1) merges.push(rect(top, col, 1, g.subs.length));
    }
  }
  return { rows: [first, second], merges, width: first.length };
}

/** 附件4 for some units plus the 合计 line (computed with mergeStats unless given). */
export function statsSheet(
  units: readonly StatsRow[],
  options: { name: string; total?: StatsRow; note?: string },
): SheetSpec {
  const total = options.total ?? mergeStats(units);
  const header = twoLevelHeader(
    STATS_HEADER.map((h) => ({ label: h.label, subs: h.subs ?? [] })),
    2,
  );
  const width = header.width;
  const values: CellValue[][] = [
    [statsTitle(COUNTY)],
    [options.note ?? ''],
    ...header.rows,
    ...units.map((u, i) => statsCells(u, i + 1)),
    statsCells(total, null),
  ];
  const last = values.length - 1;
  values[last] = [...(values[last] ?? [])];
  (values[last] as CellValue[])[1] = '合计';
  const body = rect(4, 0, units.length + 1, width);
  return {
    name: options.name,
    values,
    merges: [rect(0, 0, 1, width), rect(1, 0, 1, width), ...header.merges],
    columnWidths: [5, 16, 11, 7, ...Array(width - 4).fill(7)],
    rowHeights: [
      { row: 0, height: 28 },
      { row: 3, height: 60 },
    ],
    bold: [rect(0, 0, 1, 1), rect(2, 0, 2, width), rect(last, 0, 1, width)],
    fontSize: [{ rect: rect(0, 0, 1, 1), size: 16 }],
    center: [rect(0, 0, 1, width), rect(2, 0, 2, width), body],
    wrap: [rect(2, 0, 2, width)],
    borders: [rect(2, 0, units.length + 3, width)],
    numberFormats: [{ rect: rect(4, 2, units.length + 1, 1), format: '0.00' }],
    freezeRows: 4,
  };
}

const RATE_HEADER = [
  '单位',
  ...CATEGORIES.map((c) => `${c}项目`),
  '项目数',
  '停产闲置率',
  '经营困难率',
  '未按约定联农带农率',
];

/** Weekly dispatch rates per unit + 合计, and a stacked column chart of the category mix per unit. */
export function ratesSheet(
  units: readonly StatsRow[],
  options: { name: string; period: string; total?: StatsRow },
): SheetSpec {
  const total = options.total ?? mergeStats(units);
  const line = (s: StatsRow): CellValue[] => [
    s.unit,
    ...CATEGORIES.map((c) => s.categories[c]),
    s.projects,
    s.rates.idle,
    s.rates.difficult,
    s.rates.linkage,
  ];
  const width = RATE_HEADER.length;
  const values: CellValue[][] = [
    [`${options.period} 周调度比率（按单位）`],
    RATE_HEADER,
    ...units.map(line),
    [...line(total).map((v, i) => (i === 0 ? '合计' : v))],
  ];
  const n = units.length;
  return {
    name: options.name,
    values,
    merges: [rect(0, 0, 1, width)],
    columnWidths: [16, 9, 9, 9, 9, 8, 11, 11, 18],
    bold: [rect(0, 0, 2, width), rect(n + 2, 0, 1, width)],
    center: [rect(1, 0, n + 2, width)],
    borders: [rect(1, 0, n + 2, width)],
    numberFormats: [{ rect: rect(2, 6, n + 1, 3), format: '0.00%' }],
    freezeRows: 2,
    chart:
      n > 0
        ? {
            type: 'ColumnStacked',
            // unit names and the four category counts, side by side (one contiguous range, ExcelApi 1.1)
            data: rect(1, 0, n + 1, 1 + CATEGORIES.length),
            title: '各单位“四个一批”分类构成',
            anchor: rect(n + 5, 0, 18, width),
          }
        : undefined,
  };
}

/** The blank 附件5 管理台账, as the notice ships it: title, meta line, two header rows, 2 rows, 填表说明. */
export function ledgerTemplateSheet(options: { name: string; placeholderRows?: number }): SheetSpec {
  const subOf = (key: string) => (COLUMNS.find((c) => c.key === key) as { sub?: string } | undefined)?.sub;
  const groups = headerGroups().map((g) => ({
    label: g.label,
    subs: subOf(g.keys[0] as string) ? g.keys.map((k) => subOf(k) ?? '') : [],
  }));
  const header = twoLevelHeader(groups, 2);
  const width = header.width;
  const placeholders = options.placeholderRows ?? 2;
  const values: CellValue[][] = [
    [ledgerTitle(COUNTY)],
    [
      '填报单位：',
      null,
      null,
      null,
      '审核人：',
      null,
      null,
      null,
      '填报人及联系电话：',
      null,
      null,
      null,
      null,
      null,
      '更新时间：    年  月  日',
    ],
    ...header.rows,
    ...Array.from({ length: placeholders }, (_, i) => [i + 1] as CellValue[]),
    [
      '填表说明：1.运营模式填写自主经营/委托经营/租赁/合作发展(入股)/股权投资/其他任选一项；2.存在问题、原因分析可多选，用“、”分隔；3.项目现值、投资规模单位为万元；4.“四个一批”分类填写巩固/提升/盘活/重建；5.未充分发挥联农带农作用原因只填一项。',
    ],
  ];
  const dataTop = 4;
  const footer = dataTop + placeholders;
  const lists = enumLists();
  return {
    name: options.name,
    values,
    merges: [rect(0, 0, 1, width), ...header.merges, rect(footer, 0, 1, width)],
    columnWidths: COLUMNS.map((c) => c.width),
    rowHeights: [
      { row: 0, height: 30 },
      { row: 3, height: 48 },
      { row: footer, height: 48 },
    ],
    bold: [rect(0, 0, 1, 1), rect(2, 0, 2, width)],
    fontSize: [{ rect: rect(0, 0, 1, 1), size: 16 }],
    center: [rect(0, 0, 1, width), rect(2, 0, 2, width)],
    wrap: [rect(2, 0, 2, width), rect(footer, 0, 1, width)],
    borders: [rect(2, 0, placeholders + 2, width)],
    freezeRows: 4,
    validations: lists.map((l) => ({
      rect: rect(
        dataTop,
        COLUMNS.findIndex((c) => c.key === l.key),
        placeholders,
        1,
      ),
      list: l.values,
    })),
  };
}
