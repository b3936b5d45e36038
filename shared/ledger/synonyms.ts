/**
 * Header label spellings seen in real files, as data. Keys and values are compared after
 * foldKey(): white space and line breaks removed, full-width folded. Values are canonical labels
 * from columns.ts (level-1 `label` or level-2 `sub`).
 */
export const LEVEL1_LABEL_SYNONYMS: Readonly<Record<string, string>> = {
  四个一分类: '四个一批分类',
  四个一批: '四个一批分类',
  '“四个一批”分类': '四个一批分类',
  '"四个一批"分类': '四个一批分类',
  外置整改进展情况: '处置整改进展情况',
  处置整改进展: '处置整改进展情况',
  整改进展情况: '处置整改进展情况',
  处置整改措施情况: '处置整改措施',
  '投资规模(万元)': '投资规模（万元）',
  投资规模: '投资规模（万元）',
  责任人及电话: '责任人及联系电话',
  责任人联系电话: '责任人及联系电话',
  项目现值万元: '项目现值',
  '项目现值(万元)': '项目现值',
  联农带农: '联农带农情况',
  年度: '实施年度',
  项目年度: '实施年度',
};

/** Level-2 spellings, per level-1 label (canonical). */
export const LEVEL2_LABEL_SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '投资规模（万元）': {
    合计: '小计',
    专项: '专项资金',
    财政专项资金: '专项资金',
    其他: '其他资金',
    其它资金: '其他资金',
  },
  项目现值: { 其它: '其他', 待收待返: '待收待返资金', 资产价值: '资产估值' },
  项目现状: { 功能: '功能现状', 使用: '使用现状', 经营情况: '生产经营情况', 问题: '存在问题', 原因: '原因分析' },
  联农带农情况: {
    发挥联农带农: '发挥联农带农作用',
    是否充分发挥联农带农作用: '发挥联农带农作用',
    未充分发挥原因: '未充分发挥联农带农作用原因',
    未充分发挥联农带农原因: '未充分发挥联农带农作用原因',
  },
};

/** Labels of the meta line (row 2), with the field each fills. */
export const META_LABELS: readonly { label: string; field: 'unit' | 'reviewer' | 'filler' | 'updatedAt' }[] = [
  { label: '填报单位', field: 'unit' },
  { label: '审核人', field: 'reviewer' },
  { label: '填报人及联系电话', field: 'filler' },
  { label: '填报人', field: 'filler' },
  { label: '更新时间', field: 'updatedAt' },
];

/** A 序号 or 项目名称 with one of these marks a total row. */
export const TOTAL_MARKERS: readonly string[] = ['合计', '小计', '总计'];

/** The footer row that ends the data region starts with this. */
export const FOOTER_MARKER = '填表说明';

/** Blank-ish spellings of zero in optional number cells. */
export const ZERO_MARKERS: readonly string[] = ['-', '—', '－', '/', '／', '无', '——'];

/** Separators between items of a multi-select cell. */
export const MULTI_SEPARATORS = /[、，,；;／/\s]+/u;

/** The separators of MULTI_SEPARATORS that are not white space, as character codes. */
const SEPARATOR_CODES = new Set([...'、，,；;／/'].map((ch) => ch.charCodeAt(0)));
const WHITE_SPACE_CHAR = /\s/u;

/** True when the character (a UTF-16 code unit) is a MULTI_SEPARATORS separator. */
export function isSeparator(code: number): boolean {
  if (SEPARATOR_CODES.has(code)) return true;
  // ASCII letters and digits, and CJK ideographs, are never separators: skip the regular expression.
  if ((code > 0x20 && code < 0x7f) || (code >= 0x4e00 && code <= 0x9fff)) return false;
  return WHITE_SPACE_CHAR.test(String.fromCharCode(code));
}
