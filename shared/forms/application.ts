/**
 * The 申请表 (附件1–3, spec §8.1) of one project, as a printable form: the notice's fields in its
 * order, checkboxes as ☑/☐, amounts in 元 (ledger 万元 × 10000, to the yuan), the three opinion
 * blocks with 盖章 and 年 月 日. One A4 portrait page per project.
 */
import { CATEGORIES, CAUSES, FUNCTION_STATUSES, LINKAGE_SHORTFALLS, USE_STATUSES } from '../ledger/columns.js';
import type { LedgerRow } from '../ledger/types.js';
import type { FormCell, FormSheet, FormStyle } from './form.js';
import { TIER_FORM_SUBTITLE, type Tier } from './tier.js';

export const CHECKED = '☑';
export const UNCHECKED = '☐';

/** 产业类型 in the notice's printed order. */
export const FORM_INDUSTRIES = [
  '种植业',
  '养殖业',
  '仓储冷链物流',
  '休闲农业与乡村旅游',
  '其他',
  '光伏电站',
  '加工业',
] as const;

/** 运营模式 as the form prints them, with the ledger value each one stands for. */
export const FORM_MODES: readonly { label: string; value: string }[] = [
  { label: '自主经营', value: '自主经营' },
  { label: '委托运营', value: '委托经营' },
  { label: '租赁', value: '租赁' },
  { label: '合作发展(入股)', value: '合作发展(入股)' },
  { label: '股权投资', value: '股权投资' },
  { label: '其他', value: '其他' },
];

/** The three opinion blocks, as the notice prints them on every variant. */
export const OPINION_BLOCKS = ['村委会意见', '乡镇（街道）意见', '县实施乡村振兴战略领导小组意见'] as const;

export const SIGN_TEXT = '盖章\n年　　月　　日';

const FUND_SPLIT = '其中：中央资金　　　　元，\n市级资金　　　　元，区县资金　　　　元';

/** 万元 → 元, exact to the yuan (the ledger keeps money to 元 precision); blank stays blank. */
export function yuan(wan: number | null): number | null {
  return wan === null ? null : Math.round(wan * 10000);
}

export function box(checked: boolean): string {
  return checked ? CHECKED : UNCHECKED;
}

/** `☑种植业　☐养殖业…`: one box per option, ticked where `isChecked`. */
export function checkboxLine(options: readonly string[], isChecked: (option: string) => boolean): string {
  return options.map((o) => `${box(isChecked(o))}${o}`).join('　');
}

/** 停产闲置: the project stands still (停产 among its problems, 闲置, or 终止经营). */
export function standsStill(row: LedgerRow): boolean {
  return row.problems.includes('停产') || row.useStatus === '闲置' || row.operation === '终止经营';
}

/** 经营遇到困难: 经营困难 while not standing still. */
export function inDifficulty(row: LedgerRow): boolean {
  return row.operation === '经营困难' && !standsStill(row);
}

export interface ApplicationOptions {
  county: string;
  tier: Tier;
  /** Worksheet name (already sanitised, see sheetNames). */
  sheetName: string;
}

export const APPLICATION_WIDTHS = [5, 13, 30, 15, 30];
const LAST_COL = APPLICATION_WIDTHS.length - 1;

export function applicationTitle(county: string): string {
  return `${county}经营性帮扶产业项目“四个一批”分类及处置措施申请表`;
}

/** One project's 申请表. */
export function applicationForm(row: LedgerRow, options: ApplicationOptions): FormSheet {
  const cells: FormCell[] = [];
  const merges: FormSheet['merges'] = [];
  const heights: number[] = [];
  const put = (r: number, c: number, value: string | number | null, style: FormStyle) => {
    cells.push({ row: r, col: c, value, style });
  };
  const merge = (top: number, left: number, bottom: number, right: number) => {
    if (bottom > top || right > left) merges.push({ top, left, bottom, right });
  };
  let r = 0;
  const line = (height = 22) => {
    heights[r] = height;
    return r++;
  };

  // Title and subtitle.
  put(line(30), 0, applicationTitle(options.county), 'title');
  merge(0, 0, 0, LAST_COL);
  put(line(22), 0, TIER_FORM_SUBTITLE[options.tier], 'subtitle');
  merge(1, 0, 1, LAST_COL);

  const introTop = r;
  /** A label in column B and a value across C–E. */
  const field = (label: string, value: string | number | null, height = 24) => {
    const at = line(height);
    put(at, 1, label, 'label');
    put(at, 2, value, 'value');
    merge(at, 2, at, LAST_COL);
    return at;
  };
  /** Two label/value pairs on one line. */
  const pair = (l1: string, v1: string | number | null, l2: string, v2: string | number | null) => {
    const at = line(30);
    put(at, 1, l1, 'label');
    put(at, 2, v1, 'value');
    put(at, 3, l2, 'label');
    put(at, 4, v2, 'value');
  };
  /** A label in B spanning several lines. */
  const group = (label: string, top: number, bottom: number) => {
    put(top, 1, label, 'label');
    merge(top, 1, bottom, 1);
  };
  /** An item in C, its amount in D (元), a note in E. */
  const amount = (item: string, wan: number | null, note: string | null) => {
    const at = line(note ? 32 : 22);
    put(at, 2, item, 'value');
    put(at, 3, yuan(wan), 'money');
    put(at, 4, note, 'value');
    return at;
  };

  pair('项目名称', row.name, '项目编号', row.code);
  pair('项目地点', `${row.location}\n（镇（乡）　　村（居））`, '实施年度', row.year);
  pair('责任单位', row.unit, '责任人及联系电话', row.contact);
  field(
    '产业类型',
    checkboxLine(FORM_INDUSTRIES, (o) => o === row.industry),
    36,
  );

  const investTop = amount('合计（元）', row.investTotal, null);
  amount('1.财政专项扶贫资金（衔接资金）', row.investSpecial, FUND_SPLIT);
  amount('2.整合其他涉农资金', null, FUND_SPLIT);
  amount('3.行业扶贫（帮扶）资金', null, FUND_SPLIT);
  const investBottom = amount('4.社会扶贫（帮扶）资金', null, null);
  group('投资规模\n（元）', investTop, investBottom);

  const valueTop = amount('1.货币资金结余', row.valueBalance, null);
  amount('2.待收待返资金', row.valueReceivable, null);
  amount('3.资产估值', row.valueAssets, null);
  const valueBottom = amount('4.其他', row.valueOther, null);
  group('项目现值\n（估算，元）', valueTop, valueBottom);

  field(
    '运营模式',
    checkboxLine(
      FORM_MODES.map((m) => m.label),
      (label) => FORM_MODES.find((m) => m.label === label)?.value === row.mode,
    ),
    30,
  );

  // 项目现状: function and use, then production (正常 / 不正常 with its two kinds and causes).
  const statusTop = line(24);
  put(statusTop, 2, `功能现状：${checkboxLine(FUNCTION_STATUSES, (o) => o === row.functionStatus)}`, 'value');
  merge(statusTop, 2, statusTop, LAST_COL);
  const useAt = line(24);
  put(useAt, 2, `使用现状：${checkboxLine(USE_STATUSES, (o) => o === row.useStatus)}`, 'value');
  merge(useAt, 2, useAt, LAST_COL);
  const normalAt = line(24);
  put(normalAt, 2, `${box(row.operation === '经营正常')}生产经营正常`, 'value');
  merge(normalAt, 2, normalAt, LAST_COL);
  const still = standsStill(row);
  const difficult = inDifficulty(row);
  const abnormal = row.operation === '经营困难' || row.operation === '终止经营';
  const causeLine = (ticked: boolean) => checkboxLine(CAUSES, (c) => ticked && row.causes.includes(c));
  const stillAt = line(62);
  put(stillAt, 2, `${box(abnormal)}生产经营不正常`, 'value');
  put(stillAt, 3, `${box(still)}停产闲置`, 'value');
  put(stillAt, 4, causeLine(still), 'value');
  const hardAt = line(62);
  put(hardAt, 3, `${box(difficult)}经营遇到困难`, 'value');
  put(hardAt, 4, causeLine(difficult), 'value');
  merge(stillAt, 2, hardAt, 2);
  group('项目现状', statusTop, hardAt);

  // 联农带农情况.
  const fullAt = line(24);
  put(fullAt, 2, `${box(row.linkage === '充分')}充分发挥联农带农作用`, 'value');
  merge(fullAt, 2, fullAt, LAST_COL);
  const shortAt = line(54);
  put(shortAt, 2, `${box(row.linkage === '不充分')}发挥联农带农作用不充分`, 'value');
  put(shortAt, 3, LINKAGE_SHORTFALLS.map((s) => `${box(row.linkageShortfall === s)}${s}`).join('\n'), 'value');
  merge(shortAt, 3, shortAt, LAST_COL);
  group('联农带农\n情况', fullAt, shortAt);

  put(introTop, 0, '项\n目\n简\n介', 'label');
  merge(introTop, 0, shortAt, 0);

  /** A label across A–B and a value across C–E. */
  const wide = (label: string, value: string | null, height: number, style: FormStyle = 'value') => {
    const at = line(height);
    put(at, 0, label, 'label');
    merge(at, 0, at, 1);
    put(at, 2, value, style);
    merge(at, 2, at, LAST_COL);
  };
  wide(
    '“四个一批”认定',
    checkboxLine(CATEGORIES, (c) => c === row.category),
    28,
  );
  wide('处置措施', row.measures, 60);
  for (const block of OPINION_BLOCKS) wide(block, SIGN_TEXT, 72, 'sign');

  return {
    name: options.sheetName,
    widths: [...APPLICATION_WIDTHS],
    heights,
    cells,
    merges,
    print: { paper: 'A4', orientation: 'portrait', onePage: true },
  };
}
