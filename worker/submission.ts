/**
 * What happens to a submission before it is stored: the unit check, re-validation with the shared
 * engine in submission mode, the unit's 统计表 row, the content hash; plus the receipt and the
 * change list against an earlier submission. No storage here.
 */
import type { Diff } from '../shared/api.js';
import type { Calendar } from '../shared/calendar.js';
import type { Receipt, Submission } from '../shared/contract.js';
import {
  checkRecords,
  foldKey,
  type Issue,
  type LedgerRow,
  type StatsRow,
  submissionStatus,
  summarize,
} from '../shared/index.js';
import { ApiFailure } from './errors.js';
import { sha256Hex } from './tokens.js';

export interface Checked {
  rows: LedgerRow[];
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
export function checkUnit(submission: Submission, unitName: string): void {
  const stated = submission.meta.unit;
  if (stated === null || stated.trim() === '') return;
  if (foldKey(stated) !== foldKey(unitName)) {
    throw new ApiFailure(
      403,
      'unit-mismatch',
      `台账的填报单位“${stated}”与令牌所属单位“${unitName}”不一致：每个单位只能用本单位的令牌报送本单位的台账`,
    );
  }
}

/** Re-validates in submission mode; any error → 422 with the issue list. */
export function checkSubmission(submission: Submission, unitName: string, now: Date): Omit<Checked, 'contentHash'> {
  const result = checkRecords(submission.rows, {
    mode: 'submission',
    meta: submission.meta,
    columns: submission.columns,
    totals: submission.totals,
    now,
  });
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new ApiFailure(
      422,
      'ledger-invalid',
      `台账有 ${errors.length} 个错误，未予接收（未保存任何数据）：${errors[0]?.message ?? ''}`,
      result.issues,
    );
  }
  if (result.rows.length === 0) {
    throw new ApiFailure(422, 'ledger-empty', '台账没有任何项目行，未予接收：请填写项目后再报送');
  }
  return {
    rows: result.rows,
    warnings: result.issues.filter((i) => i.severity === 'warning'),
    stats: summarize(unitName, result.rows),
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
}

/** New, removed and re-classified projects by 项目编号. */
export function diffProjects(
  previous: Diff['previous'],
  before: readonly ProjectRef[],
  after: readonly ProjectRef[],
): Diff {
  const old = new Map(before.map((p) => [p.code, p]));
  const now = new Map(after.map((p) => [p.code, p]));
  const ref = (p: ProjectRef) => ({ code: p.code, name: p.name, category: p.category });
  return {
    previous,
    added: after.filter((p) => !old.has(p.code)).map(ref),
    removed: before.filter((p) => !now.has(p.code)).map(ref),
    reclassified: after.flatMap((p) => {
      const o = old.get(p.code);
      return o && o.category !== p.category ? [{ code: p.code, name: p.name, from: o.category, to: p.category }] : [];
    }),
  };
}
