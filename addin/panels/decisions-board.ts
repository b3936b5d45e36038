/**
 * 汇总 (county token), the decision records (spec §8): 决策进度 (counts per unit by status and the
 * projects in 公示中 with their end dates), 导出审定结果表 (a new worksheet, the CLI's layout) and
 * 导入审定结果 (the filled-in sheet read through the host seam, stored all or nothing; a refused
 * import lists each refused row with its reason).
 */
import { type DecisionStatus, type ImportResult, ServiceError } from '../../shared/api/index.js';
import type { ImportRow } from '../../shared/decisions.js';
import { importSheet, parseImportGrid } from '../../shared/decisions-layout.js';
import { IMPORT_SHEET_NAME, STATUSES } from '../../shared/decisions-sheet.js';
import type { App } from '../app.js';
import { fromLayout } from '../sheets.js';
import { action, append, clear, h } from '../ui.js';
import { countyPeriod } from './county.js';

/** Longest list the board shows; the rest is counted (“等 N 个”). */
export const LIST_LIMIT = 50;

/** A unit's counts as one line, statuses in their order, zeros left out. */
export function countsLine(counts: Record<string, number>): string {
  const parts = STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${s} ${counts[s]}`);
  return parts.length > 0 ? parts.join('，') : '无项目';
}

/** At most LIST_LIMIT lines, then “…… 等 N 个” for the whole count. */
export function boundedLines(lines: readonly string[], noun: string): string[] {
  if (lines.length <= LIST_LIMIT) return [...lines];
  return [...lines.slice(0, LIST_LIMIT), `…… 等 ${lines.length} 个${noun}（仅列出前 ${LIST_LIMIT} 个）`];
}

const items = (lines: readonly string[], noun: string) => boundedLines(lines, noun).map((t) => h('li', {}, t));

type Outcome = { error: string } | { done: ImportResult } | { refused: ServiceError };

export function mountDecisionsBoard(root: HTMLElement, app: App): void {
  const api = app.api.decisions;
  const board = h('div', { class: 'board', id: 'decisions-board' });
  const result = h('div', { id: 'decisions-import' });

  const period = () => countyPeriod(app);

  function render(s: DecisionStatus): void {
    clear(board);
    const publicity = s.units.flatMap((u) =>
      u.projects.filter((p) => p.status === '公示中').map((p) => ({ unit: u.unit, ...p })),
    );
    append(
      board,
      h('p', {}, `决策进度（${s.period}，截至 ${s.asOf}）：${s.units.length} 个单位`),
      h(
        'ul',
        { id: 'decision-counts' },
        ...boundedLines(
          s.units.map((u) => `${u.unit}：${countsLine(u.counts)}`),
          '单位',
        ).map((t, i) => h('li', { 'data-unit': s.units[i]?.unit ?? '' }, t)),
      ),
      h('h4', {}, `公示中（${publicity.length} 个项目）`),
      publicity.length > 0
        ? h(
            'ul',
            { id: 'decision-publicity' },
            ...items(
              publicity.map((p) => `${p.unit}　${p.code} ${p.name}　公示至 ${p.publicityUntil ?? '（未登记）'}`),
              '项目',
            ),
          )
        : h('p', { id: 'decision-publicity' }, '目前没有公示中的项目。'),
      s.units.some((u) => u.truncated)
        ? h('p', { class: 'warn' }, '部分单位项目过多，服务器只列出了其中一部分项目。')
        : null,
    );
  }

  async function show(): Promise<void> {
    const id = period();
    if (!id) return;
    const s = await app.task('正在获取决策进度…', () => api.status({ period: id }));
    if (s) render(s);
  }

  async function exportSheet(): Promise<void> {
    const done = await app.task('正在导出审定结果表…', async () => {
      const { rows } = await api.applications();
      return { rows: rows.length, name: await app.wb.writeSheet(fromLayout(importSheet(rows))) };
    });
    if (done)
      app.ui.notify(
        `已新建工作表「${done.name}」：${done.rows} 个已申请项目。会后填写审定分类、纪要号、批复文号、公示开始日期，再点“导入审定结果”。`,
        'ok',
      );
  }

  /** The active sheet when it holds the 审定结果 header, else the sheet named 审定结果. */
  async function readRows(): Promise<ImportRow[] | { error: string }> {
    const sheets = await app.wb.listSheets();
    const active = sheets.find((s) => s.active)?.name ?? IMPORT_SHEET_NAME;
    const tries = [
      active,
      ...(active !== IMPORT_SHEET_NAME && sheets.some((s) => s.name === IMPORT_SHEET_NAME) ? [IMPORT_SHEET_NAME] : []),
    ];
    let first: { error: string } | null = null;
    for (const sheet of tries) {
      const g = await app.wb.readLedger(sheet);
      const rows = parseImportGrid(g.grid, {
        book: '当前工作簿',
        sheet: g.sheet,
        originRow: g.origin.row,
        exportHint: '“导出审定结果表”',
      });
      if (!('error' in rows)) return rows;
      first ??= rows;
    }
    return first ?? { error: '当前工作簿中没有工作表。' };
  }

  async function importSheetRows(): Promise<void> {
    clear(result);
    const outcome = await app.task('正在读取并导入审定结果…', async (): Promise<Outcome> => {
      const rows = await readRows();
      if ('error' in rows) return rows;
      try {
        return { done: await api.importRows(rows) };
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'import-refused') return { refused: error };
        throw error;
      }
    });
    if (!outcome) return;
    if ('error' in outcome) {
      app.ui.notify(outcome.error, 'error');
      return;
    }
    if ('refused' in outcome) {
      const e = outcome.refused;
      append(
        result,
        h('p', { class: 'error' }, `整个表未导入（未保存任何数据）。改正下列各行后再导入：`),
        h(
          'ul',
          { id: 'decision-refused', class: 'warnings' },
          ...items(
            e.issues.map((i) => i.message),
            '不合格行',
          ),
        ),
      );
      app.ui.notify(e.message, 'error');
      return;
    }
    const r = outcome.done;
    app.ui.notify(`已导入 ${r.rows} 行审定结果：新增记录 ${r.events} 条，${r.unchanged} 行无新内容。`, 'ok');
  }

  append(
    root,
    h('h3', {}, '决策记录（审定、公示、批复）'),
    action(
      '查看决策进度',
      '按报送期次列出各单位项目的决策状态（未申请 … 已重新分类）和公示中的项目及公示截止日期；不改动工作簿。',
      () => void show(),
    ),
    board,
    action(
      '导出审定结果表',
      '新建工作表“审定结果”：每个已申请项目一行，领导小组会后填写审定分类、纪要号、批复文号、公示开始日期。',
      () => void exportSheet(),
    ),
    action(
      '导入审定结果',
      '读取当前工作表（或名为“审定结果”的工作表）并导入：有任何一行不合格则全部不导入，逐行说明原因。',
      () => void importSheetRows(),
    ),
    result,
  );
}
