/** Builders for ledgers in tests and benchmarks: valid rows, and grids laid out like 附件5. */
import { COLUMNS, type ColumnKey, LEDGER_COLUMNS } from '../ledger/columns.js';
import type { RawRecord } from '../ledger/types.js';
import { type SampleCells, validProject } from '../sample.js';

export type Cells = SampleCells;

/** A project that passes every rule and is classified 巩固. */
export function validCells(n = 1): Cells {
  return validProject({
    seq: n,
    name: `食用菌种植基地${n}`,
    code: `PS2021-${String(n).padStart(4, '0')}`,
    year: 2021,
    unit: '保家镇人民政府',
    contact: '王五 13912345678',
    investSpecial: 80,
    investOther: 20,
    content: '标准化大棚20个',
    location: '保家镇',
    valueAssets: 90,
  });
}

export const record = (row: number, cells: Cells): RawRecord => ({ row, cells });

export const META_LINE = [
  '填报单位：保家镇',
  '',
  '审核人：张三',
  '',
  '填报人及联系电话：李四 13800000000',
  '',
  '更新时间：2026年11月19日',
];

/** The official two header rows (level-1 on the first, level-2 on the second). */
export function headerRows(order: readonly ColumnKey[] = COLUMNS.map((c) => c.key)): string[][] {
  const top: string[] = [];
  const sub: string[] = [];
  for (const key of order) {
    const c = LEDGER_COLUMNS.find((x) => x.key === key);
    if (!c) continue;
    top.push(c.label);
    sub.push('sub' in c ? c.sub : '');
  }
  // Merged level-1 labels show only in the first cell of their group (as Excel's values do).
  for (let i = top.length - 1; i > 0; i--) if (sub[i] && top[i] === top[i - 1]) top[i] = '';
  return [top, sub];
}

/** The notice's own header text (附件5), with its spaces, line breaks and typos. */
export const NOTICE_HEADER: readonly (readonly string[])[] = [
  [
    '序号',
    '项目  名称',
    '项目   编号',
    '实施年度',
    '四个一分类',
    '责任单位',
    '责任  人及  联系  电话',
    '产业  类型',
    '投资规模\n\n（万元）',
    '',
    '',
    '建设内容',
    '项目\n\n地点',
    '运营\n\n模式',
    '项目现值',
    '',
    '',
    '',
    '项目现状',
    '',
    '',
    '',
    '',
    '联农带农情况',
    '',
    '处置整改措施',
    '外置整改进展情况',
    '备注',
  ],
  [
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '小计',
    '专项资金',
    '其他资金',
    '',
    '',
    '',
    '结余资金',
    '待收待返资金',
    '资产  估值',
    '其他',
    '功能  现状',
    '使用  现状',
    '生产\n\n经营\n\n情况',
    '存在问题',
    '原因分析',
    '发挥  联农  带农  作用',
    '未充\n分发\n挥联农带农作用原因',
    '',
    '',
    '',
  ],
];

/** Title, meta line, header rows, data rows (cells by key in `order`), 填表说明 footer. */
export function ledgerGrid(
  rows: readonly Cells[],
  options: { order?: readonly ColumnKey[]; meta?: unknown[]; footer?: boolean } = {},
): unknown[][] {
  const order = options.order ?? COLUMNS.map((c) => c.key);
  const [top, sub] = headerRows(order);
  const grid: unknown[][] = [
    ['彭水自治县经营性帮扶产业项目“四个一批”管理台账'],
    options.meta ?? META_LINE,
    top as unknown[],
    sub as unknown[],
  ];
  for (const cells of rows) grid.push(order.map((k) => cells[k] ?? null));
  if (options.footer !== false)
    grid.push(['填表说明：1.运营模式。填写自主经营/委托经营/租赁/合作发展(入股)/股权投资/其他等任选其中一项。']);
  return grid;
}

/** Worksheet row of the n-th data row (0-based) in ledgerGrid: title, meta, two header rows. */
export const dataRow = (n: number) => 5 + n;
