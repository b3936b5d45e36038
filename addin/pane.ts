/** The pane itself, host-free: mounts the five panels over a `LedgerWorkbook` and switches tabs. */
import { createApi, loadSettings } from './api.js';
import { createApp } from './app.js';
import { mountForms } from './forms.js';
import type { LedgerWorkbook } from './host/types.js';
import { mountCheck } from './panels/check.js';
import { mountClassify } from './panels/classify.js';
import { mountCounty } from './panels/county.js';
import { mountCountyBoard } from './panels/county-board.js';
import { mountDecisionsBoard } from './panels/decisions-board.js';
import { mountReceipts } from './panels/receipts.js';
import { mountStats } from './panels/stats.js';
import { mountSubmit } from './panels/submit.js';
import { mountPeriodState } from './period-state.js';
import { roleOf, showTabsFor } from './roles.js';
import { selectTab, wireTabKeys } from './tabs.js';
import { followTheme } from './theme.js';
import { createUi, type Ui } from './ui.js';

type Mount = typeof mountCheck;
export const PANELS: [id: string, mount: Mount][] = [
  ['check', mountCheck],
  ['classify', mountClassify],
  ['stats', mountStats],
  ['submit', mountSubmit],
  ['county', mountCounty],
  // 选中行 → 生成申请表, on the 统计 tab.
  ['stats', mountForms],
];

function showPanel(ui: Ui, id: string): void {
  selectTab(document, id);
  ui.showTab(id);
}

/** Mounts the pane; `tooOld` is shown when the host lacks the minimum API. */
export function startPane(wb: LedgerWorkbook, tooOld: string): void {
  followTheme(document.documentElement, wb);
  const ui = createUi(document.body);
  const app = createApp({ wb, api: createApi(loadSettings), ui, hasToken: () => loadSettings().token !== '' });
  if (!wb.capabilities().base) ui.notify(tooOld, 'error');
  for (const [id, mount] of PANELS) {
    const section = document.getElementById(`panel-${id}`);
    if (section) mount(section, app);
  }
  // The Thursday routine: this period's state above every tab, 上报记录, the county's board.
  const thursday = app.api;
  const state = document.getElementById('period-state');
  const header = state ? mountPeriodState(state, thursday) : null;
  const submitPanel = document.getElementById('panel-submit');
  if (submitPanel) mountReceipts(submitPanel, app, thursday);
  const countyPanel = document.getElementById('panel-county');
  if (countyPanel) mountCountyBoard(countyPanel, app, thursday);
  // 决策记录: 决策进度, 导出 / 导入审定结果 (spec §8).
  if (countyPanel) mountDecisionsBoard(countyPanel, app);
  for (const tab of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    tab.addEventListener('click', () => {
      showPanel(ui, tab.dataset.panel ?? 'check');
      void header?.refresh();
    });
  }
  wireTabKeys(document);
  showPanel(ui, 'check');
  // Tabs by the saved token's role (GET /me), now and whenever a token is saved on 上报.
  const hint = document.getElementById('role-hint');
  const applyRole = async () => showTabsFor(document, await roleOf(thursday.me), (id) => showPanel(ui, id), hint);
  void applyRole();
  document.addEventListener('token-saved', () => void applyRole());
  document.body.dataset.ready = '1';
  performance.mark('pane-ready');
}

/** Shown when the page is opened outside its host (a plain browser). */
export function outsideHost(text: string): void {
  const note = document.getElementById('message');
  if (note) {
    note.hidden = false;
    note.className = 'message error';
    note.textContent = text;
  }
  document.body.dataset.ready = 'outside';
  performance.mark('pane-ready');
}
