/** Words the pane, the CLI and the Worker say the same way: a unit's reporting status, a bad period id. */
import type { SubmissionStatus } from './periods.js';

/** 按时 / 逾期 / 未报 */
export const STATUS_LABEL: Readonly<Record<SubmissionStatus, string>> = {
  'on-time': '按时',
  late: '逾期',
  missing: '未报',
};

/** What a period id looks like, for a hint next to the input. */
export const PERIOD_FORMAT = '2026-W47（周）或 2026-11（月）';

/** “报送期次“2026-W99”格式不对：应为 2026-W47（周）或 2026-11（月）” */
export function periodFormatError(id: string): string {
  return `报送期次“${id}”格式不对：应为 ${PERIOD_FORMAT}`;
}
