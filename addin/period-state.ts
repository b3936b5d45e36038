/**
 * The line at the top of every tab: this period's state for the clerk's unit — “本周已上报 10:08（按时）”
 * or “尚未上报，距截止 1天6小时” — from the unit's receipts (GET /submissions?period=) and the
 * period's deadline (`parsePeriod(id).due`). Refreshed when the pane opens, on every tab switch
 * and each minute (the countdown); a county token sees the deadline only.
 */

import type { ServiceApi } from '../shared/api/index.js';
import type { Receipt } from '../shared/contract.js';
import {
  beijingTime,
  describePeriod,
  parsePeriod,
  STATUS_LABEL,
  shanghaiDate,
  timeLeft,
  weekOf,
} from '../shared/index.js';

export interface PeriodState {
  text: string;
  kind: 'done' | 'late' | 'open' | 'overdue' | 'none';
}

/** The header text for a unit's receipts of `period` (oldest first) at `now`. */
export function periodState(period: string, receipts: readonly Receipt[], now: Date): PeriodState {
  const p = parsePeriod(period);
  if (!p) return { text: '', kind: 'none' };
  const word = p.kind === 'week' ? '本周' : '本月';
  const mine = receipts.filter((r) => r.period === period);
  const first = mine[0];
  if (first) {
    // The first submission decides on time / late (spec §6); the time shown is when it arrived.
    const sameDay = shanghaiDate(new Date(first.receivedAt)) === shanghaiDate(now);
    const extra = mine.length > 1 ? `，共报送 ${mine.length} 次` : '';
    return {
      text: `${word}已上报 ${beijingTime(first.receivedAt, !sameDay)}（${STATUS_LABEL[first.status]}）${extra}`,
      kind: first.status === 'late' ? 'late' : 'done',
    };
  }
  const left = timeLeft(p.due, now);
  if (left) return { text: `尚未上报，距截止 ${left}`, kind: 'open' };
  return { text: `尚未上报，已过截止时间 ${beijingTime(p.due)}（逾期）`, kind: 'overdue' };
}

export function mountPeriodState(el: HTMLElement, api: ServiceApi, now: () => Date = () => new Date()) {
  let receipts: Receipt[] | null = null;
  let role: 'unit' | 'county' | null = null;
  let period = weekOf(now());

  function render(): void {
    period = weekOf(now());
    const p = parsePeriod(period);
    if (role === 'county') {
      el.textContent = p ? `${describePeriod(p)}：县级令牌，报送情况见“汇总”` : '';
      el.dataset.kind = 'none';
      return;
    }
    if (!receipts) return;
    const s = periodState(period, receipts, now());
    el.textContent = s.text;
    el.dataset.kind = s.kind;
  }

  async function refresh(): Promise<void> {
    try {
      const me = await api.me();
      role = me.role;
      receipts = me.role === 'unit' ? (await api.receipts(weekOf(now()))).submissions : [];
      el.hidden = false;
      render();
    } catch (error) {
      const code = (error as { code?: string }).code;
      el.hidden = false;
      el.dataset.kind = 'none';
      el.textContent =
        code === 'no-token' || code === 'unauthorized'
          ? '在“上报”页填写并保存令牌后，这里显示本期上报情况'
          : '暂时无法获取本期上报情况（网络或服务器问题）';
    }
  }

  const timer = setInterval(render, 60_000);
  void refresh();
  return { refresh, render, stop: () => clearInterval(timer) };
}
