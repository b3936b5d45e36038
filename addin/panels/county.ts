/** 汇总 (county token): status board and the consolidated 统计表 + weekly rates with a chart. */
import type { Summary } from '../../shared/api.js';
import {
  beijingStamp,
  describePeriod,
  mergeStats,
  parsePeriod,
  periodFormatError,
  STATUS_LABEL,
  type StatsRow,
  summaryRows,
  weekOf,
} from '../../shared/index.js';
import type { App } from '../app.js';
import { periodPicker } from '../period-picker.js';
import { ratesSheet } from '../sheets.js';
import { countySummarySheet } from '../sheets-county.js';
import { action, append, clear, h } from '../ui.js';

/** The 汇总 tab's period (this week when the box is empty), or null after telling the clerk what is wrong. */
export function countyPeriod(app: App): string | null {
  const input = document.getElementById('county-period') as HTMLInputElement | null;
  const id = (input?.value || weekOf(new Date())).trim();
  const p = parsePeriod(id);
  if (!p) app.ui.notify(`${periodFormatError(id)}。`, 'error');
  return p ? p.id : null;
}

export function mountCounty(root: HTMLElement, app: App): void {
  const period = h('input', { type: 'text', id: 'county-period', value: weekOf(new Date()) }) as HTMLInputElement;
  const board = h('div', { class: 'board', id: 'status-board' });

  function render(summary: Summary): void {
    clear(board);
    const p = parsePeriod(summary.period);
    const tally = (s: string) => summary.units.filter((u) => u.status === s).length;
    append(
      board,
      h(
        'p',
        {},
        `${p ? describePeriod(p) : summary.period}：按时 ${tally('on-time')}，逾期 ${tally('late')}，未报 ${tally('missing')}`,
      ),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...['单位', '状态', '报送时间', '次数'].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          ...summary.units.map((u) =>
            h(
              'tr',
              { class: u.status },
              h('td', {}, u.unit),
              h('td', {}, STATUS_LABEL[u.status]),
              h('td', {}, u.receivedAt ? beijingStamp(u.receivedAt) : '—'),
              h('td', {}, String(u.submissions)),
            ),
          ),
        ),
      ),
    );
  }

  async function status(): Promise<void> {
    const id = countyPeriod(app);
    if (!id) return;
    const summary = await app.task('正在获取报送情况…', () => app.api.summary(id));
    if (summary) render(summary);
  }

  async function pull(): Promise<void> {
    const id = countyPeriod(app);
    if (!id) return;
    const summary = await app.task('正在拉取汇总…', () => app.api.summary(id));
    if (!summary) return;
    render(summary);
    const rows: StatsRow[] = summaryRows(summary);
    const check = mergeStats(rows);
    if (check.projects !== summary.total.projects || check.investmentYuan !== summary.total.investmentYuan)
      app.ui.notify('注意：服务器的合计与各单位相加不一致，已按服务器数据写入，请联系管理员。', 'error');
    const names = await app.task('正在写入汇总表…', async () => [
      // Every registered unit has a row (未报 marked); 合计（已报 N / 应报 M）; a 说明 line below.
      await app.wb.writeSheet(
        countySummarySheet(summary, {
          name: `汇总统计表-${id}`,
          unit: '县乡村振兴局',
          periodLabel: summary.periodLabel,
        }),
      ),
      await app.wb.writeSheet(ratesSheet(rows, { name: `周调度比率-${id}`, period: id, total: summary.total })),
    ]);
    if (names) app.ui.notify(`已新建工作表「${names.join('」「')}」。`, 'ok');
  }

  append(
    root,
    h('h2', {}, '全县汇总（县级令牌）'),
    periodPicker('报送期次', period),
    action('查看报送情况', '列出各单位本期按时、逾期、未报的情况；不改动工作簿。', () => void status()),
    action(
      '拉取汇总',
      '新建两张工作表：全县汇总统计表（附件4，每单位一行＋合计）和各单位周调度比率（含分类构成图）；现有工作表不变。',
      () => void pull(),
      'primary',
    ),
    board,
  );
}
