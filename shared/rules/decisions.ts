/**
 * `category.unapproved` (spec §3, §8): the county has recorded an approved category for a 项目编号
 * and the ledger's category differs. Error at submission, warning while editing. The approved
 * categories come from the county service (GET /api/v1/decisions/approved) through
 * CheckOptions.approved; without them the rule is silent.
 */
import type { Category } from '../ledger/columns.js';
import { quotedLabel } from '../ledger/columns.js';
import type { LedgerRow } from '../ledger/types.js';

export interface ApprovedEntry {
  category: Category;
  /** 批复文号, null while the 批复 is not recorded. */
  replyNo: string | null;
}

/** 项目编号 → the approved category of that project. */
export type ApprovedMap = Readonly<Record<string, ApprovedEntry>>;

export const CATEGORY_UNAPPROVED = 'category.unapproved';

/** The message after “第N行”, or null when the row agrees with the decision (or has none). */
export function unapprovedMessage(row: LedgerRow, approved: ApprovedEntry | undefined): string | null {
  if (!approved || row.category === null || row.category === approved.category) return null;
  const reply = approved.replyNo ? `批复文号：${approved.replyNo}` : '审定已记录，批复文号尚未登记';
  return (
    `${quotedLabel('category')}为“${row.category}”，但县实施乡村振兴战略领导小组已审定为“${approved.category}”（${reply}）：` +
    '台账分类应与审定结果一致；如需改变分类，须在处置完毕后由县级重新分类（通知第十五条）。'
  );
}
