/**
 * Every rule id the engine reports (spec §3), with its severity: part of the product's contract.
 * `submission` = warning while editing, error at submission. Classification ids (classify.*) are
 * in classify.ts; category.unapproved / decision.publicity-short belong to the decisions rules.
 */
export const RULE_IDS = [
  { id: 'header.not-found', severity: 'error' },
  { id: 'header.missing-column', severity: 'error' },
  { id: 'meta.unit-missing', severity: 'warning' },
  { id: 'ledger.empty', severity: 'error' },
  { id: 'required', severity: 'error' },
  { id: 'enum', severity: 'error' },
  { id: 'multi.enum', severity: 'error' },
  { id: 'linkage.multiple-shortfalls', severity: 'error' },
  { id: 'number', severity: 'error' },
  { id: 'number.negative', severity: 'error' },
  { id: 'number.unit', severity: 'warning' },
  { id: 'year.range', severity: 'error' },
  { id: 'code.duplicate', severity: 'error' },
  /** Issue 10: a 项目编号 holding characters that do not show (zero-width, bidi, control). */
  { id: 'code.invisible-char', severity: 'warning' },
  { id: 'contact.phone', severity: 'error' },
  { id: 'invest.sum', severity: 'error' },
  { id: 'status.normal-but-stopped', severity: 'error' },
  { id: 'status.causes-missing', severity: 'error' },
  { id: 'status.causes-unexpected', severity: 'warning' },
  { id: 'status.lost-in-use', severity: 'error' },
  { id: 'status.idle-normal', severity: 'warning' },
  { id: 'linkage.shortfall-missing', severity: 'error' },
  { id: 'linkage.shortfall-unexpected', severity: 'error' },
  { id: 'linkage.problem-conflict', severity: 'error' },
  { id: 'category.missing', severity: 'submission' },
  { id: 'category.terminated', severity: 'warning' },
  { id: 'category.consolidate-conditions', severity: 'warning' },
  { id: 'measures.missing', severity: 'error' },
  { id: 'category.mismatch', severity: 'warning' },
  { id: 'total.mismatch', severity: 'warning' },
] as const;

export type RuleId = (typeof RULE_IDS)[number]['id'];
