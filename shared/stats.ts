/**
 * The 分类统计表 (附件4, spec §5): ledger rows → one row per unit, merge for the county 合计,
 * and the weekly dispatch rates (二十二). Money is summed in integer 元, so totals are exact.
 */
import { CATEGORIES, type Category, type Cause, LINKAGE_SHORTFALLS, type LinkageShortfall } from './ledger/columns.js';
import { wanToYuan, yuanToWan } from './ledger/money.js';
import type { LedgerRow } from './ledger/types.js';

/** Causes in the column order of 附件4 (differs from the ledger's 填表说明 order). */
export const STATS_CAUSE_ORDER: readonly Cause[] = [
  '产业选择不准',
  '资金短缺',
  '管理不善',
  '用工短缺',
  '原材料供应困难',
  '技术原因',
  '产品价格波动',
  '配套设施原因',
  '自然灾害',
  '其他',
];

export const TOTAL_UNIT = '合计';

export interface Rates {
  /** 停产闲置率 */
  idle: number;
  /** 经营困难率 */
  difficult: number;
  /** 未按约定联农带农率 */
  linkage: number;
}

/**
 * The names of the three weekly rates (spec §5), the same in the pane, the CLI, the sheets and the
 * API labels. The notice also says 未发挥联农带农率 (二十二) for the third: same figure, one name here.
 */
export const RATE_LABELS: Readonly<Record<keyof Rates, string>> = {
  idle: '停产闲置率',
  difficult: '经营困难率',
  linkage: '未按约定联农带农率',
};

/** The rates in display order. */
export const RATE_KEYS: readonly (keyof Rates)[] = ['idle', 'difficult', 'linkage'];

export interface StatsRow {
  unit: string;
  /** 项目实际投入, 万元 rounded to 2 decimals (display). */
  investment: number;
  /** The same in integer 元: exact, what merge adds up. */
  investmentYuan: number;
  projects: number;
  categories: Record<Category, number>;
  /** Projects with a blank or invalid category (not in any of the four columns). */
  uncategorized: number;
  idleProjects: number;
  idleCauses: Record<Cause, number>;
  difficultProjects: number;
  difficultCauses: Record<Cause, number>;
  linkageInsufficient: number;
  linkageShortfalls: Record<LinkageShortfall, number>;
  rates: Rates;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function emptyStats(unit: string): StatsRow {
  return {
    unit,
    investment: 0,
    investmentYuan: 0,
    projects: 0,
    categories: zeros(CATEGORIES),
    uncategorized: 0,
    idleProjects: 0,
    idleCauses: zeros(STATS_CAUSE_ORDER),
    difficultProjects: 0,
    difficultCauses: zeros(STATS_CAUSE_ORDER),
    linkageInsufficient: 0,
    linkageShortfalls: zeros(LINKAGE_SHORTFALLS),
    rates: { idle: 0, difficult: 0, linkage: 0 },
  };
}

/**
 * 停产闲置 (spec §5): 存在问题 includes 停产, or 使用现状 = 闲置, or 生产经营情况 = 终止经营
 * (附件1 knows only 正常 / 停产闲置 / 经营遇到困难: a terminated project has stopped).
 */
export function isIdle(r: LedgerRow): boolean {
  return r.problems.includes('停产') || r.useStatus === '闲置' || r.operation === '终止经营';
}

/** Counts each distinct cause once (a plain loop: the lists are short, no Set per row). */
function countCauses(target: Record<Cause, number>, causes: readonly string[]): void {
  for (let i = 0; i < causes.length; i++) {
    const c = causes[i] as string;
    if (c in target && causes.indexOf(c) === i) target[c as Cause]++;
  }
}

export function summarize(unit: string, rows: readonly LedgerRow[]): StatsRow {
  const s = emptyStats(unit);
  for (const r of rows) addProject(s, r);
  return finishStats(s);
}

/** Adds one project to a 统计表 row being built (from emptyStats; finishStats when all are in). */
export function addProject(s: StatsRow, r: LedgerRow): void {
  s.projects++;
  s.investmentYuan += wanToYuan(r.investTotal ?? 0);
  if (r.category) s.categories[r.category]++;
  else s.uncategorized++;
  if (isIdle(r)) {
    s.idleProjects++;
    countCauses(s.idleCauses, r.causes);
  }
  if (r.operation === '经营困难') {
    s.difficultProjects++;
    countCauses(s.difficultCauses, r.causes);
  }
  if (r.linkage === '不充分') s.linkageInsufficient++;
  if (r.linkageShortfall && r.linkageShortfall in s.linkageShortfalls)
    s.linkageShortfalls[r.linkageShortfall as LinkageShortfall]++;
}

function addCounts<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const k of Object.keys(into) as K[]) into[k] += from[k] ?? 0;
}

/** Adds unit rows up (合计 for the county; also a unit's rows from several ledgers). */
export function mergeStats(rows: readonly StatsRow[], unit: string = TOTAL_UNIT): StatsRow {
  const s = emptyStats(unit);
  for (const r of rows) {
    s.projects += r.projects;
    s.investmentYuan += r.investmentYuan;
    s.uncategorized += r.uncategorized;
    s.idleProjects += r.idleProjects;
    s.difficultProjects += r.difficultProjects;
    s.linkageInsufficient += r.linkageInsufficient;
    addCounts(s.categories, r.categories);
    addCounts(s.idleCauses, r.idleCauses);
    addCounts(s.difficultCauses, r.difficultCauses);
    addCounts(s.linkageShortfalls, r.linkageShortfalls);
  }
  return finishStats(s);
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000);

/** Fills in the 投入 in 万元 and the rates of a 统计表 row whose projects are all added. */
export function finishStats(s: StatsRow): StatsRow {
  s.investment = yuanToWan(s.investmentYuan, 2);
  s.rates = {
    idle: rate(s.idleProjects, s.projects),
    difficult: rate(s.difficultProjects, s.projects),
    linkage: rate(s.linkageInsufficient, s.projects),
  };
  return s;
}

/** The 附件4 header: level-1 labels with their level-2 labels (32 columns in all). */
export const STATS_HEADER: readonly { label: string; subs?: readonly string[] }[] = [
  { label: '序号' },
  { label: '地区' },
  { label: '项目实际投入（万元）' },
  { label: '项目数' },
  { label: '“四个一批”分类统计', subs: ['巩固项目', '提升项目', '盘活项目', '另起炉灶(重建)项目'] },
  { label: '停产闲置原因', subs: STATS_CAUSE_ORDER },
  { label: '生产经营遇到困难项目数' },
  { label: '生产经营遇到困难原因', subs: STATS_CAUSE_ORDER },
  { label: '发挥联农带农不充分的原因', subs: LINKAGE_SHORTFALLS },
];

/** One 统计表 line as the 32 cell values of 附件4 (序号 blank on the 合计 line). */
export function statsCells(row: StatsRow, seq: number | null): (string | number)[] {
  return [
    seq ?? '',
    row.unit,
    row.investment,
    row.projects,
    ...CATEGORIES.map((c) => row.categories[c]),
    ...STATS_CAUSE_ORDER.map((c) => row.idleCauses[c]),
    row.difficultProjects,
    ...STATS_CAUSE_ORDER.map((c) => row.difficultCauses[c]),
    ...LINKAGE_SHORTFALLS.map((c) => row.linkageShortfalls[c]),
  ];
}

/** Title of the 统计表 sheet for a county. */
export function statsTitle(county: string): string {
  return `${county}经营性帮扶产业项目“四个一批”分类统计表`;
}

/** Title of the 管理台账 sheet for a county. */
export function ledgerTitle(county: string): string {
  return `${county}经营性帮扶产业项目“四个一批”管理台账`;
}

/** The 统计表 rows of a county summary: one per unit that has submitted, in unit order. */
export function summaryRows(summary: { units: readonly { summary: StatsRow | null }[] }): StatsRow[] {
  return summary.units.flatMap((u) => (u.summary ? [u.summary] : []));
}
