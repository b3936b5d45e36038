/**
 * 校验: one-click validation (off the page's thread, with progress and 取消), the issue list grouped
 * by rule and column (issue-list.ts), marks, dropdowns, the blank 附件5 sheet, and the export of
 * the issue list to a 校验结果 sheet.
 */
import { a1, columnLetters, type Issue } from '../../shared/index.js';
import { RESULT_SHEET_NAME } from '../../shared/result-sheet.js';
import { type App, describeError } from '../app.js';
import { defaultEngine, pause } from '../engine/run.js';
import { CheckCancelled } from '../engine/steps.js';
import { groupByRule } from '../issue-groups.js';
import { checkBanner } from '../ledger-state.js';
import { ledgerTemplateSheets } from '../sheets.js';
import { action, append, clear, field, h, more } from '../ui.js';
import { type CheckSession, dropdownPlan, runCheck } from '../workflow.js';
import { exportIssues, exportMessage } from './export-issues.js';
import { createIssueList } from './issue-list.js';

/** Up to this many issues, every group opens at once; above it the clerk opens the ones to work on. */
const EXPAND_ALL_UP_TO = 50;

const grouped = new Intl.NumberFormat('en-US');

export function mountCheck(root: HTMLElement, app: App): void {
  const select = h('select', { id: 'sheet-select', 'aria-label': '工作表' }) as HTMLSelectElement;
  const onlyErrors = h('input', { type: 'checkbox', id: 'only-errors' }) as HTMLInputElement;
  const counts = h('div', { class: 'counts' });
  const tally = h('div', { class: 'tally', id: 'check-tally', 'aria-live': 'polite' });
  const cancel = h(
    'button',
    { type: 'button', class: 'small check-cancel', id: 'check-cancel', hidden: true, onclick: () => running?.abort() },
    '取消校验',
  );
  const exportButton = h(
    'button',
    { type: 'button', class: 'small', id: 'export-issues', hidden: true, onclick: () => void exportList() },
    '导出问题清单到工作表',
  );
  const empty = h('div', { id: 'issue-empty' });
  // What the list shows: a finished check, or (while one runs) the issues found so far on `sheet`.
  let shown: CheckSession | null = null;
  let shownSheet = '';
  const list = createIssueList({
    cellOf: (issue) => cellOf(shown, issue),
    pick: (_issue, cell) => {
      const sheet = shownSheet;
      // While a check runs the pane is busy with it: the jump goes straight to the workbook.
      if (running) void app.wb.selectCell(sheet, cell).catch((e) => app.ui.notify(describeError(e), 'error'));
      else void app.task(`正在定位 ${cell}…`, () => app.wb.selectCell(sheet, cell));
    },
  });
  let running: AbortController | null = null;

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
  onlyErrors.addEventListener('change', () => render(app.session));

  function render(session: CheckSession | null): void {
    clear(counts);
    clear(tally);
    clear(empty);
    shown = session;
    shownSheet = session?.ledger.sheet ?? '';
    exportButton.hidden = session === null;
    if (!session) {
      list.clear();
      return;
    }
    const { report } = session;
    append(
      tally,
      h('span', { class: 'count error' }, `错误 ${grouped.format(report.errors)}`),
      ' · ',
      h('span', { class: 'count warning' }, `提示 ${grouped.format(report.warnings)}`),
    );
    append(
      counts,
      h(
        'span',
        { class: 'sheet' },
        `工作表「${session.ledger.sheet}」${session.ledger.detected ? '（自动识别）' : ''}`,
      ),
      h('span', {}, `项目 ${grouped.format(report.rows.length)} 个`),
    );
    if (report.issues.length === 0) {
      list.clear();
      append(empty, h('p', { class: 'ok' }, '未发现问题，可以上报。'));
      return;
    }
    const groups = groupByRule(report.issues, onlyErrors.checked);
    const listed = groups.reduce((n, g) => n + g.issues.length, 0);
    list.show(groups, listed <= EXPAND_ALL_UP_TO);
  }

  /** While the check runs: the issues found so far, grouped the same way, the list filling as it goes. */
  function renderFound(sheet: string, found: readonly Issue[]): void {
    shown = null;
    shownSheet = sheet;
    exportButton.hidden = true;
    clear(tally);
    clear(counts);
    clear(empty);
    const errors = found.filter((i) => i.severity === 'error').length;
    append(
      tally,
      h('span', { class: 'count error' }, `错误 ${grouped.format(errors)}`),
      ' · ',
      h('span', { class: 'count warning' }, `提示 ${grouped.format(found.length - errors)}`),
      h('span', { class: 'so-far' }, '（校验中，已发现）'),
    );
    append(counts, h('span', { class: 'sheet' }, `工作表「${sheet}」`));
    list.show(groupByRule(found, onlyErrors.checked), false, true);
  }

  app.onSession(render);

  async function check(): Promise<void> {
    const controller = new AbortController();
    running = controller;
    cancel.hidden = false;
    const found: Issue[] = [];
    const session = await app.task('正在读取工作表…', async (progress) => {
      try {
        return await runCheck(app.wb, {
          sheet: app.sheet,
          progress,
          mark: true,
          approved: await app.approved(),
          engine: defaultEngine(),
          signal: controller.signal,
          found: (ledger, more) => {
            for (const issue of more) found.push(issue);
            renderFound(ledger.sheet, found);
          },
          // The issues show as soon as the check is done; marking the sheet follows and cannot be cancelled.
          checked: async (done) => {
            cancel.hidden = true;
            // This list first, then (a task later) every other panel that follows the session.
            render(done);
            await pause();
            app.setSession(done);
          },
        });
      } catch (error) {
        if (error instanceof CheckCancelled) return null;
        throw error;
      } finally {
        running = null;
        cancel.hidden = true;
      }
    });
    if (session === null) {
      render(app.session);
      app.ui.notify('已取消校验，工作表没有任何改动。', 'info');
      return;
    }
    if (!session) {
      render(app.session);
      return;
    }
    app.marked = true;
    const banner = checkBanner(session);
    app.ui.notify(banner.text, banner.kind);
  }

  async function exportList(): Promise<void> {
    const session = app.session;
    if (!session) return;
    const sheet = await app.task('正在导出问题清单…', () => exportIssues(app.wb, session));
    if (sheet) app.ui.notify(exportMessage(sheet, RESULT_SHEET_NAME), 'ok');
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
      (await app.task('正在读取工作表…', (progress) =>
        runCheck(app.wb, { sheet: app.sheet, progress, mark: false, engine: defaultEngine() }),
      ));
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
    h(
      'div',
      { class: 'check-sticky', id: 'check-counts' },
      h('div', { class: 'check-sticky-line' }, tally, cancel),
      counts,
      h('div', { class: 'issue-tools' }, h('label', { class: 'toggle' }, onlyErrors, ' 只看错误'), exportButton),
    ),
    empty,
    list.element,
  );
  void refreshSheets().catch(() => undefined);
}

/** The cell an issue points at: its own, else the first column of its row (once the header is known). */
function cellOf(session: CheckSession | null, issue: Issue): string | null {
  if (!session) return null;
  return issue.cell ?? (issue.row !== null ? firstCell(session, issue.row) : null);
}

function firstCell(session: CheckSession, row: number): string | null {
  const cols = Object.values(session.report.header?.columns ?? {}).filter((c): c is number => typeof c === 'number');
  return cols.length > 0 ? a1(row, Math.min(...cols)) : null;
}
