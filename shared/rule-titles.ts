/**
 * A short Chinese name for each rule id (spec §3 table), for headings that stand for many issues
 * of one rule — e.g. the pane's “项目编号重复 · 项目编号列 · 1,000 处”.
 */
export const RULE_TITLES: Readonly<Record<string, string>> = {
  'header.not-found': '找不到台账表头',
  'header.missing-column': '缺少栏目',
  'meta.unit-missing': '未填填报单位',
  'ledger.empty': '台账没有项目',
  required: '必填项为空',
  enum: '不在可选范围内',
  'multi.enum': '多选项不在可选范围内',
  'linkage.multiple-shortfalls': '未充分发挥原因填了多个',
  number: '不是数字',
  'number.negative': '金额为负数',
  'number.unit': '金额单位可能不对',
  'year.range': '实施年度超出范围',
  'code.duplicate': '项目编号重复',
  'code.invisible-char': '项目编号含不可见字符',
  'contact.phone': '缺少有效联系电话',
  'invest.sum': '投资小计与分项之和不符',
  'status.normal-but-stopped': '经营正常却已停产',
  'status.causes-missing': '未填原因分析',
  'status.causes-unexpected': '经营正常却填了原因分析',
  'status.lost-in-use': '已灭失却填在用',
  'status.idle-normal': '闲置却填经营正常',
  'linkage.shortfall-missing': '未填未充分发挥的原因',
  'linkage.shortfall-unexpected': '联农带农充分却填了原因',
  'linkage.problem-conflict': '联农带农情况前后矛盾',
  'category.missing': '未填四个一批分类',
  'category.terminated': '终止经营却归为巩固或提升',
  'category.consolidate-conditions': '归为巩固但台账显示有问题',
  'measures.missing': '未填处置整改措施',
  'category.mismatch': '分类与建议不一致',
  'total.mismatch': '合计行与各行之和不符',
  'category.unapproved': '分类与县里审定的不一致',
  'decision.publicity-short': '公示时间不足',
};

/** The rule's name; an id without one (a rule added later) reads as 其他问题. */
export function ruleTitle(ruleId: string): string {
  return RULE_TITLES[ruleId] ?? '其他问题';
}
