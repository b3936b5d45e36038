/**
 * The 28 columns of the 管理台账 (附件5), as data. Read this file beside spec §2.1:
 * one entry per column, in the notice's order.
 */

export const CATEGORIES = ['巩固', '提升', '盘活', '重建'] as const;
export type Category = (typeof CATEGORIES)[number];

export const INDUSTRIES = [
  '种植业',
  '养殖业',
  '加工业',
  '仓储冷链物流',
  '休闲农业与乡村旅游',
  '光伏电站',
  '其他',
] as const;
export const MODES = ['自主经营', '委托经营', '租赁', '合作发展(入股)', '股权投资', '其他'] as const;
export const FUNCTION_STATUSES = ['正常', '损坏', '灭失'] as const;
export const USE_STATUSES = ['在用', '闲置'] as const;
export const OPERATIONS = ['经营正常', '经营困难', '终止经营'] as const;
export const PROBLEMS = [
  '停产',
  '亏损',
  '合作主体持续经营存在重大不确定性',
  '未足额分红',
  '到期未全额返还本金',
  '未落实联农带农',
] as const;
/** Causes in the order of spec §2.1 (the ledger's 填表说明). */
export const CAUSES = [
  '产业选择不准',
  '配套设施原因',
  '资金短缺',
  '管理不善',
  '用工短缺',
  '原材料供应困难',
  '技术原因',
  '产品价格波动',
  '自然灾害',
  '其他',
] as const;
export const LINKAGES = ['充分', '不充分'] as const;
export const LINKAGE_SHORTFALLS = [
  '未按约定有效带动农户发展生产',
  '未按约定吸纳农村劳动力稳定就业',
  '未按约定及时足额分配资产收益',
] as const;

/** 主管层级 (optional extra column, spec §2.1): chooses the 申请表 variant (§8). */
export const TIERS = ['村本级', '乡镇（街道）', '行业部门'] as const;
export type Tier = (typeof TIERS)[number];

export type Cause = (typeof CAUSES)[number];
export type LinkageShortfall = (typeof LINKAGE_SHORTFALLS)[number];

export type ColumnType = 'integer' | 'text' | 'enum' | 'multi' | 'number';

/**
 * `required`: true = a blank cell is a `required` error; 'submission' = checked by its own rule
 * (category.missing); false = optional (cross-field rules may still ask for it).
 */
export interface ColumnDef {
  readonly key: string;
  /** Level-1 label as the corrected notice prints it. */
  readonly label: string;
  /** Level-2 label under a merged level-1 label, if any. */
  readonly sub?: string;
  readonly type: ColumnType;
  readonly required: boolean | 'submission';
  /** Canonical allowed values (enum / multi). */
  readonly values?: readonly string[];
  /** Accepted spellings → canonical value (compared after folding, see text.ts). */
  readonly synonyms?: Readonly<Record<string, string>>;
  /** Optional number column: blank, '-', '—', '/', '无' mean 0. */
  readonly blankIsZero?: boolean;
  /** Excel column width (characters) for the official template. */
  readonly width: number;
}

const categorySynonyms = {
  巩固类: '巩固',
  巩固一批: '巩固',
  巩固类项目: '巩固',
  提升类: '提升',
  提升一批: '提升',
  提升类项目: '提升',
  盘活类: '盘活',
  盘活一批: '盘活',
  盘活类项目: '盘活',
  重建类: '重建',
  重建一批: '重建',
  重建类项目: '重建',
  另起炉灶: '重建',
  '另起炉灶(重建)': '重建',
};

export const COLUMNS = [
  { key: 'seq', label: '序号', type: 'integer', required: false, width: 6 },
  { key: 'name', label: '项目名称', type: 'text', required: true, width: 22 },
  { key: 'code', label: '项目编号', type: 'text', required: true, width: 16 },
  { key: 'year', label: '实施年度', type: 'integer', required: true, width: 8 },
  {
    key: 'category',
    label: '四个一批分类',
    type: 'enum',
    required: 'submission',
    values: CATEGORIES,
    synonyms: categorySynonyms,
    width: 10,
  },
  { key: 'unit', label: '责任单位', type: 'text', required: true, width: 14 },
  { key: 'contact', label: '责任人及联系电话', type: 'text', required: true, width: 18 },
  {
    key: 'industry',
    label: '产业类型',
    type: 'enum',
    required: true,
    values: INDUSTRIES,
    synonyms: { 种植: '种植业', 养殖: '养殖业', 加工: '加工业', 乡村旅游: '休闲农业与乡村旅游', 光伏: '光伏电站' },
    width: 12,
  },
  { key: 'investTotal', label: '投资规模（万元）', sub: '小计', type: 'number', required: true, width: 10 },
  { key: 'investSpecial', label: '投资规模（万元）', sub: '专项资金', type: 'number', required: true, width: 10 },
  {
    key: 'investOther',
    label: '投资规模（万元）',
    sub: '其他资金',
    type: 'number',
    required: false,
    blankIsZero: true,
    width: 10,
  },
  { key: 'content', label: '建设内容', type: 'text', required: true, width: 24 },
  { key: 'location', label: '项目地点', type: 'text', required: true, width: 14 },
  {
    key: 'mode',
    label: '运营模式',
    type: 'enum',
    required: true,
    values: MODES,
    synonyms: { 委托运营: '委托经营', 合作发展: '合作发展(入股)', 入股: '合作发展(入股)', 合作入股: '合作发展(入股)' },
    width: 12,
  },
  {
    key: 'valueBalance',
    label: '项目现值',
    sub: '结余资金',
    type: 'number',
    required: false,
    blankIsZero: true,
    width: 10,
  },
  {
    key: 'valueReceivable',
    label: '项目现值',
    sub: '待收待返资金',
    type: 'number',
    required: false,
    blankIsZero: true,
    width: 10,
  },
  {
    key: 'valueAssets',
    label: '项目现值',
    sub: '资产估值',
    type: 'number',
    required: false,
    blankIsZero: true,
    width: 10,
  },
  { key: 'valueOther', label: '项目现值', sub: '其他', type: 'number', required: false, blankIsZero: true, width: 10 },
  {
    key: 'functionStatus',
    label: '项目现状',
    sub: '功能现状',
    type: 'enum',
    required: true,
    values: FUNCTION_STATUSES,
    width: 8,
  },
  {
    key: 'useStatus',
    label: '项目现状',
    sub: '使用现状',
    type: 'enum',
    required: true,
    values: USE_STATUSES,
    width: 8,
  },
  {
    key: 'operation',
    label: '项目现状',
    sub: '生产经营情况',
    type: 'enum',
    required: true,
    values: OPERATIONS,
    synonyms: { 正常: '经营正常', 正常经营: '经营正常', 困难: '经营困难', 终止: '终止经营', 停止经营: '终止经营' },
    width: 10,
  },
  {
    key: 'problems',
    label: '项目现状',
    sub: '存在问题',
    type: 'multi',
    required: false,
    values: PROBLEMS,
    synonyms: { 无: '', 停工停产: '停产', 未落实联农带农机制: '未落实联农带农' },
    width: 18,
  },
  {
    key: 'causes',
    label: '项目现状',
    sub: '原因分析',
    type: 'multi',
    required: false,
    values: CAUSES,
    synonyms: { 无: '', 价格波动: '产品价格波动', 配套设施不完善: '配套设施原因', 其它: '其他', 其他原因: '其他' },
    width: 18,
  },
  {
    key: 'linkage',
    label: '联农带农情况',
    sub: '发挥联农带农作用',
    type: 'enum',
    required: true,
    values: LINKAGES,
    synonyms: { 是: '充分', 充分发挥: '充分', 否: '不充分', 未充分发挥: '不充分', 发挥不充分: '不充分' },
    width: 10,
  },
  {
    key: 'linkageShortfall',
    label: '联农带农情况',
    sub: '未充分发挥联农带农作用原因',
    type: 'enum',
    required: false,
    values: LINKAGE_SHORTFALLS,
    synonyms: { 无: '' },
    width: 22,
  },
  { key: 'measures', label: '处置整改措施', type: 'text', required: false, width: 24 },
  { key: 'progress', label: '处置整改进展情况', type: 'text', required: false, width: 20 },
  { key: 'remarks', label: '备注', type: 'text', required: false, width: 12 },
] as const satisfies readonly ColumnDef[];

/**
 * Columns the official form does not have but a ledger may add (spec §2.1): recognised by label
 * when present, never required, never written into the template. They follow COLUMNS in every
 * per-row array (COLUMN_KEYS, the submission's cells, the stored rows).
 */
export const EXTRA_COLUMNS = [
  {
    key: 'tier',
    label: '主管层级',
    type: 'enum',
    required: false,
    values: TIERS,
    synonyms: {
      村级: '村本级',
      村本级主管: '村本级',
      乡镇: '乡镇（街道）',
      街道: '乡镇（街道）',
      乡镇主管: '乡镇（街道）',
      '乡镇（街道）主管': '乡镇（街道）',
      部门: '行业部门',
      行业部门主管: '行业部门',
      村: '村本级',
      村本级主管和实施项目: '村本级',
      乡镇街道: '乡镇（街道）',
      '乡镇（街道）主管项目': '乡镇（街道）',
      行业部门主管项目: '行业部门',
    },
    width: 10,
  },
] as const satisfies readonly ColumnDef[];

/** Every column the reader recognises: the 28 official ones, then the optional extras. */
export const LEDGER_COLUMNS = [...COLUMNS, ...EXTRA_COLUMNS] as const;

export type ColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];

export const COLUMN_KEYS: readonly ColumnKey[] = LEDGER_COLUMNS.map((c) => c.key);

/** The label a clerk reads in messages: 「项目现状/功能现状」 or 「项目名称」. */
const labels = new Map<string, string>(
  LEDGER_COLUMNS.map((c) => [c.key, 'sub' in c ? `${c.label}/${c.sub}` : c.label]),
);

export function columnLabel(key: ColumnKey): string {
  return labels.get(key) as string;
}

const quotedLabels = new Map<string, string>([...labels].map(([key, label]) => [key, `「${label}」`]));

/** 「项目名称」: how a message names a column (made once per column: messages are built per issue). */
export function quotedLabel(key: ColumnKey): string {
  return quotedLabels.get(key) as string;
}

/** Level-1 labels in order, each with its level-2 labels and the keys beneath it (for two-level headers). */
export function headerGroups(): { label: string; subs: string[]; keys: ColumnKey[] }[] {
  const groups: { label: string; subs: string[]; keys: ColumnKey[] }[] = [];
  for (const c of COLUMNS) {
    const last = groups[groups.length - 1];
    const sub = 'sub' in c ? c.sub : undefined;
    if (last && sub !== undefined && last.label === c.label) {
      last.subs.push(sub);
      last.keys.push(c.key);
    } else groups.push({ label: c.label, subs: sub === undefined ? [] : [sub], keys: [c.key] });
  }
  return groups;
}
