/**
 * The decision vocabulary that front ends need without zod or the calendar (fast CLI start-up):
 * statuses and the 审定结果 worksheet's columns. shared/decisions.ts re-exports all of it.
 */

export const STATUSES = ['未申请', '已申请', '已审定', '公示中', '已批复', '处置中', '处置完毕', '已重新分类'] as const;
export type Status = (typeof STATUSES)[number];

/** Most rows one import may carry. */
export const MAX_IMPORT_ROWS = 5000;

/** The 审定结果 worksheet's columns, in order (export writes them, import reads them by label). */
export const IMPORT_COLUMNS = [
  { key: 'unit', label: '单位' },
  { key: 'code', label: '项目编号' },
  { key: 'name', label: '项目名称' },
  { key: 'applied', label: '申请分类' },
  { key: 'category', label: '审定分类' },
  { key: 'minutesNo', label: '纪要号' },
  { key: 'minutesDate', label: '纪要日期' },
  { key: 'replyNo', label: '批复文号' },
  { key: 'replyDate', label: '批复日期' },
  { key: 'publicityStart', label: '公示开始日期' },
] as const;
export const IMPORT_SHEET_NAME = '审定结果';
