/**
 * 汇总 (county token), the Thursday routine: reporting and timeliness rates, each unit's state
 * with 确认 / 退回, week-over-week warnings, the 催报名单 with contacts (one click to copy), the
 * drill-down by category, cause or unit into a worksheet of project rows, and the trend of the
 * rates as worksheets with a line chart. Reads the period from the 汇总 tab's 报送期次 field.
 */

import type { ServiceApi } from '../../shared/api/index.js';
import type { Status } from '../../shared/api.js';
import { beijingTime, CATEGORIES, CAUSES, parsePeriod, percent, STATUS_LABEL, weekOf } from '../../shared/index.js';
import type { App } from '../app.js';
import { periodPicker } from '../period-picker.js';
import { projectsSheet, trendSheets } from '../sheets-county.js';
import { action, append, clear, field, h } from '../ui.js';
import { countyPeriod } from './county.js';

const WEEK_MS = 7 * 86400_000;

/** The 催报名单 as text to paste into a chat or a message. */
export function chaseText(s: Status): string {
  const lines = s.chase.map(
    (c) => `${c.unit}　${c.contact.name ?? '（未登记联系人）'}　${c.contact.phone ?? '（未登记电话）'}`,
  );
  return `催报名单：${s.periodLabel}，尚未上报 ${s.chase.length} 个单位\n${lines.join('\n')}`;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', {}, text) as HTMLTextAreaElement;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function select(id: string, label: string, options: readonly string[]): HTMLSelectElement {
  return h(
    'select',
    { id },
    h('option', { value: '' }, `（全部${label}）`),
    ...options.map((o) => h('option', { value: o }, o)),
  ) as HTMLSelectElement;
}

export function mountCountyBoard(root: HTMLElement, app: App, api: ServiceApi): void {
  const board = h('div', { class: 'board', id: 'rates-board' });
  const category = select('drill-category', '分类', CATEGORIES);
  const cause = select('drill-cause', '原因', CAUSES);
  const unit = select('drill-unit', '单位', []);
  const from = h('input', { type: 'text', id: 'trend-from', placeholder: '如 2026-W40' }) as HTMLInputElement;
  const to = h('input', { type: 'text', id: 'trend-to', placeholder: '如 2026-W47' }) as HTMLInputElement;

  const period = () => countyPeriod(app);

  function render(s: Status): void {
    clear(board);
    const units = s.units.map((u) => u.unit);
    if (unit.options.length !== units.length + 1) {
      clear(unit);
      append(unit, h('option', { value: '' }, '（全部单位）'), ...units.map((u) => h('option', { value: u }, u)));
    }
    append(
      board,
      h(
        'p',
        { id: 'rates' },
        `${s.periodLabel}：报送率 ${percent(s.reportingRate)}（已报 ${s.reported} / 应报 ${s.expected}），` +
          `及时率 ${percent(s.timelinessRate)}（按时 ${s.onTime}，逾期 ${s.late}，未报 ${s.missing}）` +
          (s.closesAt ? `；${beijingTime(s.closesAt)} 截止收报` : ''),
      ),
      h(
        'table',
        { id: 'unit-board' },
        h('thead', {}, h('tr', {}, ...['单位', '状态', '报送时间', '确认', '变化'].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          ...s.units.map((u) =>
            h(
              'tr',
              { class: u.status, 'data-unit': u.unit },
              h('td', {}, u.unit),
              h('td', {}, STATUS_LABEL[u.status]),
              h('td', {}, u.receivedAt ? beijingTime(u.receivedAt) : '—'),
              h(
                'td',
                {},
                u.accepted
                  ? h(
                      'span',
                      {},
                      `已确认 ${beijingTime(u.accepted.at)}${u.accepted.current ? '' : '（其后有新报送）'} `,
                      h('button', { type: 'button', class: 'link', onclick: () => void act('reopen', u.unit) }, '退回'),
                    )
                  : u.submissionId
                    ? h('button', { type: 'button', class: 'link', onclick: () => void act('accept', u.unit) }, '确认')
                    : '—',
              ),
              h(
                'td',
                { title: u.changes.join('\n') },
                u.changes.length > 0 ? h('span', { class: 'warn' }, `${u.changes.length} 项`) : '—',
              ),
            ),
          ),
        ),
      ),
      s.units.some((u) => u.changes.length > 0)
        ? h(
            'ul',
            { id: 'week-changes', class: 'warnings' },
            ...s.units.flatMap((u) => u.changes.map((c) => h('li', {}, `${u.unit}：${c}`))),
          )
        : null,
      h('h4', {}, `催报名单（${s.chase.length} 个单位）`),
      s.chase.length > 0
        ? h(
            'ul',
            { id: 'chase-list' },
            ...s.chase.map((c) =>
              h('li', {}, `${c.unit}　${c.contact.name ?? '（未登记联系人）'}　${c.contact.phone ?? '（未登记电话）'}`),
            ),
          )
        : h('p', { id: 'chase-list' }, '全部单位均已上报。'),
      s.chase.length > 0
        ? h(
            'button',
            {
              type: 'button',
              id: 'copy-chase',
              onclick: () =>
                void copy(chaseText(s)).then((ok) =>
                  app.ui.notify(
                    ok ? `已复制 ${s.chase.length} 个单位的催报名单。` : '复制失败：请手动选中名单复制。',
                    ok ? 'ok' : 'error',
                  ),
                ),
            },
            '复制催报名单',
          )
        : null,
    );
  }

  async function show(): Promise<void> {
    const id = period();
    if (!id) return;
    const s = await app.task('正在获取报送率和催报名单…', () => api.board(id, true));
    if (s) render(s);
  }

  async function act(what: 'accept' | 'reopen', name: string): Promise<void> {
    const id = period();
    if (!id) return;
    const ok = await app.ui.confirm(
      what === 'accept' ? `确认 ${name} 的报送？` : `退回 ${name} 的报送？`,
      what === 'accept'
        ? `确认后，${name} 本期（${id}）不能再报送，除非退回。`
        : `退回后，${name} 本期（${id}）可以重新报送。`,
      what === 'accept' ? '确认' : '退回',
    );
    if (!ok) return;
    const done = await app.task(what === 'accept' ? '正在确认…' : '正在退回…', () =>
      api.periodAction(id, what, { unit: name }),
    );
    if (!done) return;
    app.ui.notify(`${what === 'accept' ? '已确认' : '已退回'}：${name} ${id}。`, 'ok');
    await show();
  }

  async function drill(): Promise<void> {
    const id = period();
    if (!id) return;
    const filter = { period: id, category: category.value, cause: cause.value, unit: unit.value };
    const what = [filter.unit, filter.category, filter.cause && `原因含“${filter.cause}”`].filter(Boolean).join('，');
    const page = await app.task('正在查询项目明细…', () => api.projects(filter));
    if (!page) return;
    const name = await app.task('正在写入明细表…', () =>
      app.wb.writeSheet(projectsSheet(page, `${id} 项目明细${what ? `：${what}` : '（全部）'}`, `明细-${id}`)),
    );
    if (name) app.ui.notify(`已新建工作表「${name}」：${page.total} 个项目。`, 'ok');
  }

  async function trend(): Promise<void> {
    const id = period();
    if (!id) return;
    const end = to.value.trim() || id;
    const p = parsePeriod(end);
    const start =
      from.value.trim() ||
      (p?.kind === 'week' ? weekOf(new Date((p?.due.getTime() ?? Date.now()) - 7 * WEEK_MS)) : end);
    const t = await app.task('正在获取趋势…', () => api.trend({ from: start, to: end }));
    if (!t) return;
    const names = await app.task('正在写入趋势表…', async () => {
      const written: string[] = [];
      for (const spec of trendSheets(t, { main: `趋势-${start}至${end}`, units: `各单位趋势-${end}` }))
        written.push(await app.wb.writeSheet(spec));
      return written;
    });
    if (names) app.ui.notify(`已新建工作表「${names.join('」「')}」（含折线图）。`, 'ok');
  }

  append(
    root,
    h('h3', {}, '报送率、确认与催报'),
    action(
      '查看报送率与催报名单',
      '列出报送率、及时率、各单位状态（可确认或退回）、与上期相比的变化和催报名单；不改动工作簿。',
      () => void show(),
    ),
    board,
    h('h3', {}, '明细下钻'),
    field('分类', category),
    field('原因', cause),
    field('单位', unit, '先点“查看报送率与催报名单”载入单位列表'),
    action(
      '明细写入工作表',
      '新建一张工作表，列出符合条件的项目行（本期各单位最新报送）；现有工作表不变。',
      () => void drill(),
    ),
    h('h3', {}, '趋势'),
    periodPicker('起始期次', from, { empty: '默认（报送期次往前 7 周）' }),
    periodPicker('结束期次', to, { empty: '默认（与报送期次相同）' }),
    action(
      '趋势写入工作表',
      '新建工作表：各期报送率、及时率和三项比率（停产闲置率、经营困难率、未按约定联农带农率）及折线图，另一张为各单位的三项比率；现有工作表不变。',
      () => void trend(),
    ),
  );
}
