/**
 * 分类: rows whose suggested 四个一批 category differs from (or fills) the entered one. Each row
 * jumps to its 分类 cell; a sticky bar counts the ticked rows next to 采纳所选; every 采纳 keeps
 * the old values so 撤销 puts them back (adopt-undo.ts).
 */
import { a1, type Suggestion } from '../../shared/index.js';
import { type AdoptBatch, adoptBatch, batchRect, planUndo, rowList, valueAt } from '../adopt-undo.js';
import type { App } from '../app.js';
import { action, append, clear, h } from '../ui.js';
import { type CheckSession, categoryWrites, differingSuggestions, runCheck } from '../workflow.js';

export function mountClassify(root: HTMLElement, app: App): void {
  const table = h('div', { class: 'suggestions', id: 'suggestions' });
  const chosen = new Set<number>();
  /** 采纳 batches of this session, newest last. */
  const undoStack: AdoptBatch[] = [];
  const count = h('span', { class: 'picked', id: 'picked-count', 'aria-live': 'polite' }, '已选 0 项');
  const undoButton = h(
    'button',
    { type: 'button', class: 'small', id: 'undo-adopt', onclick: () => void undo(), disabled: true },
    '撤销采纳',
  ) as HTMLButtonElement;
  const boxes: HTMLInputElement[] = [];

  function refreshBar(): void {
    count.textContent = `已选 ${chosen.size} 项`;
    const last = undoStack[undoStack.length - 1];
    undoButton.disabled = !last;
    undoButton.textContent = last ? `撤销采纳（${last.cells.length} 行）` : '撤销采纳';
  }

  function pickAll(on: boolean): void {
    for (const box of boxes) {
      box.checked = on;
      const row = Number(box.dataset.row);
      if (on) chosen.add(row);
      else chosen.delete(row);
    }
    refreshBar();
  }

  const bar = h(
    'div',
    { class: 'adopt-bar', id: 'adopt-bar' },
    count,
    h('button', { type: 'button', class: 'small', onclick: () => pickAll(true) }, '全选'),
    h('button', { type: 'button', class: 'small', onclick: () => pickAll(false) }, '全不选'),
    h('button', { type: 'button', class: 'primary', onclick: () => void adopt() }, '采纳所选'),
    undoButton,
  );

  function jump(session: CheckSession, row: number): void {
    const col = session.report.header?.columns.category;
    if (col === undefined) return;
    const cell = a1(row, col);
    void app.task(`正在定位 ${cell}…`, () => app.wb.selectCell(session.ledger.sheet, cell));
  }

  function render(session: CheckSession | null): void {
    clear(table);
    chosen.clear();
    boxes.length = 0;
    refreshBar();
    if (!session) {
      append(table, h('p', { class: 'hint' }, '先在“校验”页点“一键校验”，或点上面的“生成分类建议”。'));
      return;
    }
    const list = differingSuggestions(session.report);
    if (list.length === 0) {
      append(table, h('p', { class: 'ok' }, '所有项目填报的分类与建议一致。'));
      return;
    }
    const names = new Map(session.report.rows.map((r) => [r.row, r.name]));
    const col = session.report.header?.columns.category;
    const items = list.map((s) => {
      const box = h('input', {
        type: 'checkbox',
        'aria-label': `选择第${s.row}行`,
        'data-row': s.row,
      }) as HTMLInputElement;
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(s.row);
        else chosen.delete(s.row);
        refreshBar();
      });
      boxes.push(box);
      const cell = col === undefined ? '' : a1(s.row, col);
      return h(
        'li',
        { class: 'suggestion' },
        h(
          'div',
          { class: 'pick' },
          box,
          h(
            'button',
            {
              type: 'button',
              class: 'jump',
              'data-cell': cell,
              title: cell ? `定位到 ${cell}（分类单元格）` : '',
              onclick: () => jump(session, s.row),
            },
            h('span', { class: 'where' }, `第${s.row}行 ${names.get(s.row) ?? ''}`),
            h(
              'span',
              { class: 'change' },
              h('span', { class: 'entered' }, s.entered ?? '未填'),
              ' → ',
              h('strong', {}, s.category ?? ''),
            ),
          ),
        ),
        h('p', { class: 'reason' }, s.reason),
      );
    });
    append(
      table,
      h(
        'p',
        {},
        `共 ${list.length} 个项目的建议与填报不同（或尚未填报）。点击一行可定位到该行的分类单元格。建议仅供参考，由县领导小组认定。`,
      ),
      h('ul', { class: 'suggestion-list' }, ...items),
    );
  }

  async function suggest(): Promise<void> {
    const session = await app.task('正在读取工作表…', (progress) =>
      runCheck(app.wb, { sheet: app.sheet, progress, mark: app.marked }),
    );
    if (session) app.setSession(session);
  }

  async function adopt(): Promise<void> {
    const session = app.session;
    if (!session) {
      app.ui.notify('请先点“生成分类建议”。', 'info');
      return;
    }
    const picks: Suggestion[] = differingSuggestions(session.report).filter((s) => chosen.has(s.row));
    if (picks.length === 0) {
      app.ui.notify('请先勾选要采纳的行。', 'info');
      return;
    }
    const ok = await app.ui.confirm(
      '采纳分类建议',
      `将把工作表「${session.ledger.sheet}」中 ${picks.length} 行的「四个一批分类」改为建议值（${rowList(
        picks.map((p) => p.row),
      )}）。原来填写的分类会被覆盖；本次打开加载项期间可点“撤销采纳”恢复。`,
      '采纳',
    );
    if (!ok) return;
    const writes = categoryWrites(session, picks);
    if (writes.length === 0) return;
    const sheet = session.ledger.sheet;
    const batch = await app.task('正在写入分类…', async () => {
      const rect = batchRect(writes);
      const before = await app.wb.readRange(sheet, rect);
      const record = adoptBatch(sheet, writes, (row, col) => valueAt(before, rect, row, col));
      await app.wb.writeCells(sheet, writes);
      return record;
    });
    if (!batch) return;
    undoStack.push(batch);
    await suggest();
    refreshBar();
    app.ui.notify(`已采纳 ${writes.length} 行的分类建议。如需恢复原来的分类，请点“撤销采纳”。`, 'ok');
  }

  async function undo(): Promise<void> {
    const batch = undoStack[undoStack.length - 1];
    if (!batch) return;
    const rect = batchRect(batch.cells);
    const current = await app.task('正在读取分类…', () => app.wb.readRange(batch.sheet, rect));
    if (!current) return;
    const plan = planUndo(batch, (row, col) => valueAt(current, rect, row, col));
    if (plan.writes.length === 0) {
      undoStack.pop();
      refreshBar();
      app.ui.notify(
        `无法撤销：上次采纳的 ${batch.cells.length} 行（${rowList(plan.edited)}）的分类在采纳后都已被修改，已保留您的修改，没有改动任何单元格。`,
        'error',
      );
      return;
    }
    if (plan.edited.length > 0) {
      const ok = await app.ui.confirm(
        '撤销采纳',
        `${rowList(plan.edited)}的分类在采纳后已被修改，撤销不会改动这些行；其余 ${plan.writes.length} 行恢复为采纳前的内容。继续吗？`,
        '撤销其余行',
      );
      if (!ok) return;
    }
    const done = await app.task('正在恢复分类…', () => app.wb.writeCells(batch.sheet, plan.writes).then(() => true));
    if (!done) return;
    undoStack.pop();
    await suggest();
    refreshBar();
    app.ui.notify(
      plan.edited.length > 0
        ? `已撤销 ${plan.writes.length} 行的采纳，恢复为原来的分类；${rowList(plan.edited)}保留了您采纳后的修改。`
        : `已撤销 ${plan.writes.length} 行的采纳，恢复为原来的分类。`,
      plan.edited.length > 0 ? 'warn' : 'ok',
    );
  }

  app.onSession(render);
  append(
    root,
    h('h2', {}, '分类建议'),
    action(
      '生成分类建议',
      '读取台账，按分类标准（三）至（六）给出每个项目的建议分类；不改动工作表。',
      () => void suggest(),
      'primary',
    ),
    h(
      'p',
      { class: 'effect' },
      '勾选后点“采纳所选”，把这些行的「四个一批分类」改为建议值（执行前会再次确认，可撤销）。',
    ),
    bar,
    table,
  );
  render(null);
}
