/**
 * 主管层级 (spec §2.1): which 申请表 variant (附件1–3) and which 归档目录 lines (附件6) a project
 * belongs to.
 */
import { TIERS, type Tier } from '../ledger/columns.js';
import { canonicalValue } from '../ledger/normalize.js';
import type { LedgerRow } from '../ledger/types.js';

export { TIERS, type Tier };

/** A tier as written by a clerk or on a command line (the 主管层级 column's spellings) → the tier, or null. */
export function parseTier(text: string | null | undefined): Tier | null {
  const value = text ? canonicalValue('tier', text) : undefined;
  return value ? (value as Tier) : null;
}

/**
 * The tier that follows from a reporting unit: 乡镇/街道 (by the unit's registered type, or a name
 * ending in 镇, 乡 or 街道, with or without 人民政府/办事处) → 乡镇（街道）; otherwise 行业部门.
 */
export function unitTier(unit: { name?: string | null; type?: string | null }): Tier {
  if (unit.type === '乡镇' || unit.type === '街道') return '乡镇（街道）';
  if (unit.type === '部门') return '行业部门';
  const name = (unit.name ?? '').replace(/\s+/gu, '').replace(/(人民政府|办事处)$/u, '');
  return /(镇|乡|街道)$/u.test(name) ? '乡镇（街道）' : '行业部门';
}

/**
 * THE place where a row's own 主管层级 is consulted. The optional `主管层级` column is recognised
 * by the ledger reader as the row field `tier` (spec §2.1); a row without it (or with a value that
 * is not a tier) takes the tier chosen for the run (`--tier`, the pane's choice) or else the unit's.
 */
export function projectTier(row: LedgerRow, fallback: Tier): Tier {
  return row.tier ?? fallback;
}

/** Subtitle of the 申请表 per tier (附件1, 附件2, 附件3). */
export const TIER_FORM_SUBTITLE: Readonly<Record<Tier, string>> = {
  村本级: '（村本级主管和实施项目）',
  '乡镇（街道）': '（乡镇（街道）主管项目）',
  行业部门: '（行业部门主管项目）',
};

/** The notice's attachment number of each variant. */
export const TIER_ATTACHMENT: Readonly<Record<Tier, string>> = {
  村本级: '附件1',
  '乡镇（街道）': '附件2',
  行业部门: '附件3',
};
