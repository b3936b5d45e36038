/**
 * The county's Thursday answers (spec §10) as the CLI prints them: the status board with rates and
 * 催报名单, the `status --json` contract and the trend. The calls are shared/api's (ServiceApi).
 */
import type { Status, Trend } from '../shared/api.js';
import { beijingTime, percent, STATUS_LABEL } from '../shared/index.js';

/** The `status --json` contract: {period, deadline, expected, reportingRate, timelinessRate, units:[…]} (+ extras). */
export function statusJson(s: Status) {
  return {
    period: s.period,
    periodLabel: s.periodLabel,
    deadline: s.deadline,
    closesAt: s.closesAt,
    expected: s.expected,
    reported: s.reported,
    onTime: s.onTime,
    late: s.late,
    missing: s.missing,
    reportingRate: s.reportingRate,
    timelinessRate: s.timelinessRate,
    units: s.units.map((u) => ({
      unit: u.unit,
      status: u.status,
      receivedAt: u.receivedAt,
      accepted: u.accepted
        ? { at: u.accepted.at, by: u.accepted.by.label ?? u.accepted.by.credentialId, current: u.accepted.current }
        : null,
      contact: u.contact,
      submissions: u.submissions,
      projects: u.projects,
      exception: u.exception,
    })),
    chase: s.chase,
  };
}

const contactText = (c: { name: string | null; phone: string | null }) =>
  c.name || c.phone ? `${c.name ?? '（未登记联系人）'} ${c.phone ?? '（未登记电话）'}` : '（未登记联系人）';

/** The board as terminal lines: rates, one line per unit, then the 催报名单. */
export function formatBoard(s: Status): string {
  const lines = [
    `${s.periodLabel}：应报 ${s.expected}，按时 ${s.onTime}，逾期 ${s.late}，未报 ${s.missing}；` +
      `报送率 ${percent(s.reportingRate)}，及时率 ${percent(s.timelinessRate)}` +
      (s.closesAt ? `；${beijingTime(s.closesAt)} 截止收报` : ''),
    ...s.units.map((u) => {
      const at = u.receivedAt ? beijingTime(u.receivedAt) : '—';
      const acc = u.accepted
        ? `  已确认（${beijingTime(u.accepted.at)}${u.accepted.current ? '' : '，其后又有新报送'}）`
        : '';
      return `  ${STATUS_LABEL[u.status]}  ${u.unit}（${u.type}）  ${at}${u.submissions > 1 ? `  共报送 ${u.submissions} 次` : ''}${acc}`;
    }),
  ];
  if (s.chase.length > 0) {
    lines.push(`催报名单（${s.chase.length} 个单位）：`);
    for (const c of s.chase) lines.push(`  ${c.unit}  ${contactText(c.contact)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The trend as terminal lines (county figures, or the unit's own series). */
export function formatTrend(t: Trend): string {
  if (t.county) {
    return `${[
      '期次\t报送率\t及时率\t停产闲置率\t经营困难率\t未按约定联农带农率\t已报/应报',
      ...t.county.map(
        (p) =>
          `${p.period}\t${percent(p.reportingRate)}\t${percent(p.timelinessRate)}\t${percent(p.rates.idle)}\t${percent(p.rates.difficult)}\t${percent(p.rates.linkage)}\t${p.reported}/${p.expected}`,
      ),
    ].join('\n')}\n`;
  }
  const own = t.units[0];
  return `${[
    `${own?.unit ?? ''}`,
    '期次\t报送情况\t停产闲置率\t经营困难率\t未按约定联农带农率',
    ...(own?.series ?? []).map(
      (p) =>
        `${p.period}\t${STATUS_LABEL[p.status]}\t${p.rates ? percent(p.rates.idle) : '—'}\t${p.rates ? percent(p.rates.difficult) : '—'}\t${p.rates ? percent(p.rates.linkage) : '—'}`,
    ),
  ].join('\n')}\n`;
}
