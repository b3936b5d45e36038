/** 统计: the unit's own 附件4 sheet, from the ledger, without any server. */
import { notesLine, RATE_KEYS, RATE_LABELS, type StatsNotes, statsNotes } from '../../shared/index.js';
import type { App } from '../app.js';
import { statsSheet } from '../sheets.js';
import { action, append, clear, h } from '../ui.js';
import { type CheckSession, runCheck } from '../workflow.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The unit's own table leaves out its unclassified projects and may rest on a ledger with errors. */
function unitNotes(session: CheckSession): StatsNotes {
  const { summary, errors } = session.report;
  return statsNotes({
    rows: [summary],
    erroneous: errors > 0 ? [{ unit: summary.unit, errors, included: true }] : [],
  });
}

export function mountStats(root: HTMLElement, app: App): void {
  const preview = h('div', { class: 'preview', id: 'stats-preview' });

  function render(session: CheckSession | null): void {
    clear(preview);
    if (!session) return;
    const s = session.report.summary;
    const rows: [string, string][] = [
      ['单位', s.unit],
      ['项目数', String(s.projects)],
      ['项目实际投入（万元）', s.investment.toFixed(2)],
      [
        '巩固 / 提升 / 盘活 / 重建',
        `${s.categories.巩固} / ${s.categories.提升} / ${s.categories.盘活} / ${s.categories.重建}`,
      ],
      ['未分类', String(s.uncategorized)],
      ...RATE_KEYS.map((k): [string, string] => [RATE_LABELS[k], pct(s.rates[k])]),
    ];
    append(
      preview,
      h('table', {}, h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))))),
      h('p', { class: 'notes', id: 'stats-notes' }, notesLine(unitNotes(session))),
    );
  }

  async function write(): Promise<void> {
    const session =
      (await app.task('正在读取工作表…', (progress) =>
        runCheck(app.wb, { sheet: app.sheet, progress, mark: app.marked }),
      )) ?? null;
    if (!session) return;
    app.setSession(session);
    const s = session.report.summary;
    const notes = unitNotes(session);
    const name = await app.task('正在写入统计表…', () =>
      app.wb.writeSheet(
        statsSheet([s], {
          name: `统计表-${s.unit}`,
          unit: s.unit,
          updatedAt: session.report.meta.updatedAt,
          notes: notesLine(notes),
        }),
      ),
    );
    if (name) app.ui.notify(`已新建工作表「${name}」（附件4 格式）。${notesLine(notes)}`, 'ok');
  }

  app.onSession(render);
  append(
    root,
    h('h2', {}, '本单位统计表'),
    action(
      '生成本单位统计表',
      '读取台账，新建一张「统计表-单位名」工作表（附件4 格式）；台账本身不改动，无需联网。',
      () => void write(),
      'primary',
    ),
    preview,
  );
}
