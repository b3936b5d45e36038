/** 分类: rows whose suggested 四个一批 category differs from (or fills) the entered one; adopt after confirmation. */
import type { Suggestion } from '../../shared/index.js';
import type { App } from '../app.js';
import { action, append, clear, h } from '../ui.js';
import { type CheckSession, categoryWrites, differingSuggestions, runCheck } from '../workflow.js';

export function mountClassify(root: HTMLElement, app: App): void {
  const table = h('div', { class: 'suggestions', id: 'suggestions' });
  const chosen = new Set<number>();

  function render(session: CheckSession | null): void {
    clear(table);
    chosen.clear();
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
    const items = list.map((s) => {
      const box = h('input', { type: 'checkbox', 'aria-label': `第${s.row}行` }) as HTMLInputElement;
      box.addEventListener('change', () => (box.checked ? chosen.add(s.row) : chosen.delete(s.row)));
      return h(
        'li',
        { class: 'suggestion' },
        h(
          'label',
          { class: 'pick' },
          box,
          h('span', { class: 'where' }, `第${s.row}行 ${names.get(s.row) ?? ''}`),
          h(
            'span',
            { class: 'change' },
            h('span', { class: 'entered' }, s.entered ?? '未填'),
            ' → ',
            h('strong', {}, s.category ?? ''),
          ),
        ),
        h('p', { class: 'reason' }, s.reason),
      );
    });
    append(
      table,
      h('p', {}, `共 ${list.length} 个项目的建议与填报不同（或尚未填报）。建议仅供参考，由县领导小组认定。`),
      h(
        'label',
        { class: 'toggle' },
        h('input', {
          type: 'checkbox',
          id: 'pick-all',
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            for (const box of table.querySelectorAll<HTMLInputElement>('li input[type=checkbox]')) {
              box.checked = on;
              box.dispatchEvent(new Event('change'));
            }
          },
        }),
        ' 全选',
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
    if (!session) return;
    const picks: Suggestion[] = differingSuggestions(session.report).filter((s) => chosen.has(s.row));
    if (picks.length === 0) {
      app.ui.notify('请先勾选要采纳的行。', 'info');
      return;
    }
    const ok = await app.ui.confirm(
      '采纳分类建议',
      `将把工作表「${session.ledger.sheet}」中 ${picks.length} 行的「四个一批分类」改为建议值（第${picks
        .slice(0, 8)
        .map((p) => p.row)
        .join('、')}${picks.length > 8 ? '…' : ''}行）。原来填写的分类会被覆盖。`,
      '采纳',
    );
    if (!ok) return;
    const writes = categoryWrites(session, picks);
    const done = await app.task('正在写入分类…', () =>
      app.wb.writeCells(session.ledger.sheet, writes).then(() => true),
    );
    if (!done) return;
    await suggest();
    app.ui.notify(`已采纳 ${writes.length} 行的分类建议。`, 'ok');
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
    action('采纳所选', '把勾选行的「四个一批分类」改为建议值；执行前会再次确认。', () => void adopt()),
    table,
  );
  render(null);
}
