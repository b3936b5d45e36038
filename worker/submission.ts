/**
 * What happens to a submission before it is stored: the unit check, re-validation with the shared
 * engine in submission mode, the unit's 统计表 row, the content hash; plus the receipt and the
 * change list against an earlier submission. No storage here.
 */
import type { Diff } from '../shared/api.js';
import type { Calendar } from '../shared/calendar.js';
import type { Receipt, SubmissionBody } from '../shared/contract.js';
import {
  checkedTable,
  checkRecords,
  foldCode,
  foldKey,
  type Issue,
  isIdle,
  type LedgerRow,
  type LedgerTable,
  type StatsRow,
  sortIssues,
  submissionStatus,
} from '../shared/index.js';
import { capIssues, clipMessage } from '../shared/issue-cap.js';
import type { ApprovedMap } from '../shared/rules/decisions.js';
import { ServiceError } from './errors.js';
import { sanitizeSubmission } from './sanitize.js';
import { sha256Hex } from './tokens.js';

export interface Checked {
  /** The projects as the check holds them (by column); `.rows()` builds LedgerRow objects. */
  table: LedgerTable;
  warnings: Issue[];
  stats: StatsRow;
  contentHash: string;
}

/**
 * SHA-256 of the request body's bytes as sent. A retry resends the same bytes, so “same key, same
 * body” is a byte comparison; hashing the bytes as they are (~3 ms for 2,000 rows) spares
 * re-encoding the text, and canonicalising the parsed object cost ~55 ms.
 */
export async function contentHash(body: string | ArrayBuffer): Promise<string> {
  return sha256Hex(body);
}

/** 填报单位 on the sheet must be the token's unit (when filled in). */
export function checkUnit(submission: SubmissionBody, unitName: string): void {
  const stated = submission.meta.unit;
  if (stated === null || stated.trim() === '') return;
  if (foldKey(stated) !== foldKey(unitName)) {
    throw new ServiceError(
      403,
      'unit-mismatch',
      `台账的填报单位“${stated}”与令牌所属单位“${unitName}”不一致：每个单位只能用本单位的令牌报送本单位的台账`,
    );
  }
}

/**
 * Re-validates in submission mode (after removing invisible characters, worker/sanitize.ts); any
 * error → 422 with the issue list as `capIssues` bounds it (the first issues of each rule with
 * their rows, then a count per rule), so the answer stays small whatever the ledger.
 */
export function checkSubmission(
  submission: SubmissionBody,
  unitName: string,
  now: Date,
  approved?: ApprovedMap,
  /** The JSON text the submission was parsed from (lets sanitizing skip a body with nothing to remove). */
  jsonText?: string,
): Omit<Checked, 'contentHash'> {
  const clean = sanitizeSubmission(submission, jsonText);
  const result = checkRecords(clean.submission.rows, {
    approved,
    mode: 'submission',
    meta: clean.submission.meta,
    columns: clean.submission.columns,
    totals: clean.submission.totals,
    now,
    unit: unitName,
  });
  const issues = clean.issues.length > 0 ? sortIssues([...clean.issues, ...result.issues]) : result.issues;
  // No project at all (the engine's ledger.empty): its own error code, before the issue list.
  if (result.summary.projects === 0) {
    throw new ServiceError(422, 'ledger-empty', '台账没有任何项目行，未予接收：请填写项目后再报送', capIssues(issues));
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new ServiceError(
      422,
      'ledger-invalid',
      `台账有 ${errors.length} 个错误，未予接收（未保存任何数据）：${clipMessage(errors[0]?.message ?? '')}`,
      capIssues(issues),
    );
  }
  return {
    table: checkedTable(result),
    warnings: issues.filter((i) => i.severity === 'warning'),
    stats: result.summary,
  };
}

/** On time or late against the period's deadline on the county's calendar (spec §6). */
export function receiptOf(
  r: {
    id: string;
    unit: string;
    period: string;
    receivedAt: string;
    rows: number;
    contentHash: string;
    warnings: number;
    summary: StatsRow;
  },
  calendar: Calendar,
): Receipt {
  const resolved = calendar.resolve(r.period);
  if (!resolved) throw new Error(`stored period ${r.period} does not parse`);
  const status = submissionStatus(resolved.period, new Date(r.receivedAt));
  return {
    ...r,
    status: status === 'late' ? 'late' : 'on-time',
    due: resolved.period.due.toISOString(),
    ...(resolved.warnings.length > 0 ? { calendarWarnings: resolved.warnings } : {}),
  };
}

export interface ProjectRef {
  code: string;
  name: string;
  category: string | null;
  /** 项目实际投入 (万元) and 停产闲置, for the week-over-week warnings; absent = not compared. */
  investTotal?: number | null;
  idle?: boolean;
}

/** Projects named per list of a change list; the counts give the full numbers. */
export const DIFF_LISTED = 100;
const DIFF_TEXT_CHARS = 100;
/** Warnings name this many projects one by one before “等 N 个”. */
const WARNING_LISTED = 10;

/** A ledger row as a change-list reference (with what week over week compares). */
export function refOf(r: LedgerRow): ProjectRef {
  return { code: r.code, name: r.name, category: r.category, investTotal: r.investTotal, idle: isIdle(r) };
}

function listed(items: readonly string[]): string {
  return items.length <= WARNING_LISTED
    ? items.join('、')
    : `${items.slice(0, WARNING_LISTED).join('、')}等 ${items.length} 个`;
}

/**
 * New, removed and re-classified projects by 项目编号 (folded: invisible characters, dash variants),
 * and week over week (spec §10): 项目实际投入 changes and projects that turned 停产闲置, all also as
 * Chinese warnings (never refusals). Lists hold the first DIFF_LISTED (texts shortened) and `counts`
 * the full numbers — bounded whatever the ledgers.
 */
export function diffProjects(
  previous: Diff['previous'],
  before: readonly ProjectRef[],
  after: readonly ProjectRef[],
): Diff {
  const old = new Map(before.map((p) => [foldCode(p.code), p]));
  const now = new Set(after.map((p) => foldCode(p.code)));
  const short = (text: string) => clipMessage(text, DIFF_TEXT_CHARS);
  const ref = (p: ProjectRef) => ({ code: short(p.code), name: short(p.name), category: p.category });
  const pairs = after.flatMap((p) => {
    const o = old.get(foldCode(p.code));
    return o ? [{ o, p }] : [];
  });
  const added = after.filter((p) => !old.has(foldCode(p.code))).map(ref);
  const removed = before.filter((p) => !now.has(foldCode(p.code))).map(ref);
  const reclassified = pairs
    .filter(({ o, p }) => o.category !== p.category)
    .map(({ o, p }) => ({ code: short(p.code), name: short(p.name), from: o.category, to: p.category }));
  const investmentChanged = pairs
    .filter(({ o, p }) => o.investTotal !== undefined && p.investTotal !== undefined && o.investTotal !== p.investTotal)
    .map(({ o, p }) => ({
      code: short(p.code),
      name: short(p.name),
      from: o.investTotal ?? null,
      to: p.investTotal ?? null,
    }));
  const newlyIdle = pairs.filter(({ o, p }) => o.idle === false && p.idle === true).map(({ p }) => ref(p));
  const warnings: string[] = [];
  if (previous) {
    const since = `与上次报送（${previous.period}）相比`;
    const wan = (v: number | null) => (v === null ? '空' : `${v} 万元`);
    if (removed.length > 0)
      warnings.push(`${since}减少了 ${removed.length} 个项目：${listed(removed.map((r) => `${r.code} ${r.name}`))}`);
    if (investmentChanged.length > 0)
      warnings.push(
        `${since}项目实际投入变化 ${investmentChanged.length} 个：${listed(investmentChanged.map((r) => `${r.code} ${r.name} ${wan(r.from)} → ${wan(r.to)}`))}`,
      );
    if (reclassified.length > 0)
      warnings.push(
        `${since}调整分类 ${reclassified.length} 个（未见领导小组审定的调整决定）：${listed(reclassified.map((r) => `${r.code} ${r.name} ${r.from ?? '未分类'} → ${r.to ?? '未分类'}`))}`,
      );
    if (newlyIdle.length > 0)
      warnings.push(
        `${since}新增停产闲置 ${newlyIdle.length} 个：${listed(newlyIdle.map((r) => `${r.code} ${r.name}`))}`,
      );
  }
  return {
    previous,
    added: added.slice(0, DIFF_LISTED),
    removed: removed.slice(0, DIFF_LISTED),
    reclassified: reclassified.slice(0, DIFF_LISTED),
    counts: { added: added.length, removed: removed.length, reclassified: reclassified.length },
    investmentChanged: investmentChanged.slice(0, DIFF_LISTED),
    newlyIdle: newlyIdle.slice(0, DIFF_LISTED),
    warnings,
  };
}
