/** 统计: the unit's own 附件4 sheet, from the ledger, without any server. */
import { notesLine, RATE_KEYS, RATE_LABELS, type StatsNotes, statsNotes } from '../../shared/index.js';
import type { App } from '../app.js';
import type { OwnedSheet } from '../excel.js';
import { ledgerState, nothingToUse } from '../ledger-state.js';
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

/** What happened to the sheet, in the clerk's words. */
export function writtenBanner(written: OwnedSheet, wanted: string): string {
  const clash = written.clash ? `已有一张名为「${wanted}」的工作表不是本加载项生成的，没有改动它；` : '';
  return written.replaced
    ? `${clash}已更新工作表「${written.name}」（附件4 格式）。`
    : `${clash}已新建工作表「${written.name}」（附件4 格式）。`;
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
    const state = ledgerState(session);
    const nothing = nothingToUse(state, '统计表没有生成');
    if (nothing) {
      app.ui.notify(nothing.text, nothing.kind);
      return;
    }
    const s = session.report.summary;
    const notes = unitNotes(session);
    if (state.kind === 'errors') {
      const ok = await app.ui.confirm(
        '台账还有错误',
        `台账还有 ${state.errors} 个错误，统计表将注明“台账仍有错误、数字待核实”，仍要生成吗？（可先在“校验”页改正错误再生成。）`,
        '仍要生成',
      );
      if (!ok) {
        app.ui.notify('没有生成统计表。改正台账中的错误后再点“生成本单位统计表”。', 'info');
        return;
      }
    }
    const meta = session.report.meta;
    const written = await app.task('正在写入统计表…', () =>
      app.wb.writeOwnedSheet(
        statsSheet([s], {
          name: `统计表-${s.unit}`,
          unit: meta.unit ?? s.unit,
          reviewer: meta.reviewer,
          filler: meta.filler,
          updatedAt: meta.updatedAt,
          notes: notesLine(notes),
        }),
      ),
    );
    if (!written) return;
    const banner = writtenBanner(written, `统计表-${s.unit}`);
    if (state.kind === 'errors')
      app.ui.notify(`${banner}台账还有 ${state.errors} 个错误，表下已注明“数字待核实”；改正后请重新生成。`, 'warn');
    else app.ui.notify(`${banner}${notesLine(notes)}`, 'ok');
  }

  app.onSession(render);
  append(
    root,
    h('h2', {}, '本单位统计表'),
    action(
      '生成本单位统计表',
      '读取台账，生成「统计表-单位名」工作表（附件4 格式）；再次生成时更新本加载项生成的那张，台账本身不改动，无需联网。',
      () => void write(),
      'primary',
    ),
    preview,
  );
}
