/**
 * `aggregate --period`: the period is not only a label. A ledger whose 更新时间 lies before the
 * period opens or after its deadline (on the working-day calendar, spec §6) is probably not this
 * period's ledger: say so per file, on screen and in --json.
 */

import { shanghaiDate } from '../shared/beijing-time.js';
import type { ResolvedPeriod } from '../shared/calendar.js';
import { describePeriod } from '../shared/periods.js';
import type { PeriodCheckJson } from './json.js';

/** Where a ledger's 更新时间 (YYYY-MM-DD) falls against the period; day precision, both ends inclusive. */
export function checkUpdatedAt(updatedAt: string | null | undefined, resolved: ResolvedPeriod): PeriodCheckJson {
  const label = describePeriod(resolved.period);
  if (!updatedAt)
    return { status: 'unknown', updatedAt: null, message: `未填写更新时间，无法核对是否为${label}的台账` };
  const start = shanghaiDate(resolved.start);
  // A deadline at 00:00 (the 7th 24:00) belongs to the day before.
  const due = shanghaiDate(new Date(resolved.period.due.getTime() - 1));
  if (updatedAt < start)
    return {
      status: 'before',
      updatedAt,
      message: `更新时间 ${updatedAt} 早于${label}的开始（${start}）：可能不是本期台账，请核实`,
    };
  if (updatedAt > due)
    return {
      status: 'after',
      updatedAt,
      message: `更新时间 ${updatedAt} 晚于${label}的截止日期（${due}）：可能不是本期台账，请核实`,
    };
  return { status: 'within', updatedAt, message: null };
}

/** Lines for the terminal: the files whose 更新时间 is outside the period. */
export function formatPeriodChecks(
  files: readonly { file: string; unit: string | null; period?: PeriodCheckJson }[],
): string[] {
  const flagged = files.filter((f) => f.period?.message);
  if (flagged.length === 0) return [];
  return [
    '更新时间与报送期次不符：',
    ...flagged.map((f) => `  ${f.file}${f.unit ? `（${f.unit}）` : ''}：${f.period?.message}`),
  ];
}
