/** 校验: one-click validation, the grouped issue list, marks, dropdowns, the blank 附件5 sheet. */
import { a1, columnLetters, type Issue } from '../../shared/index.js';
import { clipMessage } from '../../shared/issue-cap.js';
import type { App } from '../app.js';
import { checkBanner } from '../ledger-state.js';
import { ledgerTemplateSheets } from '../sheets.js';
import { action, append, clear, field, h, more } from '../ui.js';
import { type CheckSession, dropdownPlan, runCheck } from '../workflow.js';

const GROUPS_SHOWN = 150;

export interface IssueGroup {
  row: number | null;
  title: string;
  issues: Issue[];
  errors: number;
}

/** Ledger-level issues first, then rows with errors, then rows with warnings only; errors first inside. */
export function groupIssues(session: CheckSession, onlyErrors = false): IssueGroup[] {
  const names = new Map(session.report.rows.map((r) => [r.row, r.name]));
  const byRow = new Map<number | null, Issue[]>();
  for (const issue of session.report.issues) {
    if (onlyErrors && issue.severity !== 'error') continue;
    const list = byRow.get(issue.row) ?? [];
    list.push(issue);
    byRow.set(issue.row, list);
  }
  const groups: IssueGroup[] = [...byRow.entries()].map(([row, issues]) => ({
    row,
    title: row === null ? '整表' : `第${row}行${names.get(row) ? ` · ${names.get(row)}` : ''}`,
    issues: [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)),
    errors: issues.filter((i) => i.severity === 'error').length,
  }));
  const rank = (g: IssueGroup) => (g.row === null ? 0 : g.errors > 0 ? 1 : 2);
  return groups.sort((a, b) => rank(a) - rank(b) || (a.row ?? 0) - (b.row ?? 0));
}

export function mountCheck(root: HTMLElement, app: App): void {
  const select = h('select', { id: 'sheet-select', 'aria-label': '工作表' }) as HTMLSelectElement;
  const onlyErrors = h('input', { type: 'checkbox', id: 'only-errors' }) as HTMLInputElement;
  const counts = h('div', { class: 'counts', id: 'check-counts' });
  const list = h('div', { class: 'issues', id: 'issue-list' });
  let shown = GROUPS_SHOWN;

  async function refreshSheets(): Promise<void> {
    const sheets = await app.wb.listSheets();
    clear(select);
    append(select, h('option', { value: '' }, '自动识别（当前工作表或第一张台账）'));
    for (const s of sheets.filter((x) => x.visible)) append(select, h('option', { value: s.name }, s.name));
    select.value = app.sheet ?? '';
  }

  select.addEventListener('change', () => {
    app.sheet = select.value || undefined;
  });
  onlyErrors.addEventListener('change', () => {
    shown = GROUPS_SHOWN;
    render(app.session);
  });

  function render(session: CheckSession | null): void {
    clear(counts);
    clear(list);
    if (!session) return;
    const { report } = session;
    append(
      counts,
      h(
        'span',
        { class: 'sheet' },
        `工作表「${session.ledger.sheet}」${session.ledger.detected ? '（自动识别）' : ''}`,
      ),
      h('span', {}, `项目 ${report.rows.length} 个`),
      h('span', { class: 'count error' }, `错误 ${report.errors}`),
      h('span', { class: 'count warning' }, `提示 ${report.warnings}`),
    );
    if (report.issues.length === 0) {
      append(list, h('p', { class: 'ok' }, '未发现问题，可以上报。'));
      return;
    }
    const groups = groupIssues(session, onlyErrors.checked);
    for (const g of groups.slice(0, shown)) {
      const items = g.issues.map((issue) => {
        const cell = issue.cell ?? (issue.row !== null ? firstCell(session, issue.row) : null);
        return h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `issue ${issue.severity}`,
              'data-cell': cell ?? '',
              title: cell ? `定位到 ${cell}` : '',
              disabled: cell === null,
              onclick: () => {
                if (cell) void app.task(`正在定位 ${cell}…`, () => app.wb.selectCell(session.ledger.sheet, cell));
              },
            },
            h('span', { class: 'badge' }, issue.severity === 'error' ? '错误' : '提示'),
            h('span', { class: 'text' }, clipMessage(issue.message)),
            cell ? h('span', { class: 'cell' }, cell) : null,
          ),
        );
      });
      append(
        list,
        h(
          'section',
          { class: `group${g.errors > 0 ? ' has-errors' : ''}` },
          h('h4', {}, g.title),
          h('ul', {}, ...items),
        ),
      );
    }
    if (groups.length > shown) {
      append(
        list,
        h(
          'button',
          {
            type: 'button',
            class: 'more',
            onclick: () => {
              shown += GROUPS_SHOWN;
              render(app.session);
            },
          },
          `还有 ${groups.length - shown} 组，显示更多`,
        ),
      );
    }
  }

  app.onSession(render);

  async function check(): Promise<void> {
    const session = await app.task('正在读取工作表…', async (progress) =>
      runCheck(app.wb, { sheet: app.sheet, progress, mark: true, approved: await app.approved() }),
    );
    if (!session) return;
    app.marked = true;
    shown = GROUPS_SHOWN;
    app.setSession(session);
    const banner = checkBanner(session);
    app.ui.notify(banner.text, banner.kind);
  }

  async function clearMarks(): Promise<void> {
    const n = await app.task('正在清除标记…', () => app.wb.clearMarks());
    if (n === undefined) return;
    app.marked = false;
    app.ui.notify(n > 0 ? `已清除 ${n} 张工作表上的标记，格式已恢复原样。` : '没有需要清除的标记。', 'ok');
  }

  async function dropdowns(): Promise<void> {
    const session =
      app.session ??
      (await app.task('正在读取工作表…', (progress) => runCheck(app.wb, { sheet: app.sheet, progress, mark: false })));
    if (!session) return;
    const plan = dropdownPlan(session);
    if (plan.columns.length === 0) {
      app.ui.notify('未识别到台账表头，无法添加下拉选项。', 'error');
      return;
    }
    const ok = await app.ui.confirm(
      '添加下拉选项',
      `将在工作表「${session.ledger.sheet}」第${plan.firstRow + 1}–${plan.lastRow + 1}行的 ${plan.columns.length} 个单选栏目（${plan.columns.map((c) => columnLetters(c.col)).join('、')} 列）加下拉列表，这些单元格原有的数据验证会被替换；其他列不变。`,
      '添加',
    );
    if (!ok) return;
    const done = await app.task('正在添加下拉选项…', () =>
      app.wb.addDropdowns(session.ledger.sheet, plan.firstRow, plan.lastRow, plan.columns).then(() => true),
    );
    if (done) app.ui.notify('已添加下拉选项（选项在隐藏工作表「下拉选项」中）。', 'ok');
  }

  async function insertTemplate(): Promise<void> {
    const names = await app.task('正在插入标准台账…', async () => {
      const written: string[] = [];
      for (const spec of ledgerTemplateSheets()) written.push(await app.wb.writeSheet(spec));
      return written;
    });
    const name = names?.[names.length - 1];
    if (name) {
      app.ui.notify(`已新建工作表「${name}」（附件5 格式）。`, 'ok');
      await refreshSheets();
    }
  }

  append(
    root,
    h('h2', {}, '校验'),
    h(
      'div',
      { class: 'row' },
      field('台账工作表', select),
      h(
        'button',
        { type: 'button', class: 'small', onclick: () => void app.task('正在读取工作表列表…', refreshSheets) },
        '刷新',
      ),
    ),
    // Compact: 更多 (the secondary actions) beside 一键校验, so the first issues stay above the fold at 350×700.
    h(
      'div',
      { class: 'primary-row' },
      action(
        '一键校验',
        '按县通知的规则检查，问题单元格标底色（红＝错误，黄＝提示），不改内容。',
        () => void check(),
        'primary',
      ),
      more('check-more', [
        action('清除标记', '删除本加载项加的底色标记，工作表恢复原样。', () => void clearMarks()),
        action('下拉选项', '为 8 个单选栏目加下拉列表（先请您确认）。', () => void dropdowns()),
        action('插入标准台账', '新建一张空白台账（附件5 格式）。', () => void insertTemplate()),
      ]),
    ),
    counts,
    h('label', { class: 'toggle' }, onlyErrors, ' 只看错误'),
    list,
  );
  void refreshSheets().catch(() => undefined);
}

function firstCell(session: CheckSession, row: number): string | null {
  const cols = Object.values(session.report.header?.columns ?? {}).filter((c): c is number => typeof c === 'number');
  return cols.length > 0 ? a1(row, Math.min(...cols)) : null;
}
