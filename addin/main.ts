/** Start-up and panel switching. Waits for Office.js, then mounts the five panels. */
import { createApi, loadSettings } from './api.js';
import { createApp } from './app.js';
import { createWorkbook, officeHost } from './excel.js';
import { mountForms } from './forms.js';
import { mountCheck } from './panels/check.js';
import { mountClassify } from './panels/classify.js';
import { mountCounty } from './panels/county.js';
import { mountStats } from './panels/stats.js';
import { mountSubmit } from './panels/submit.js';
import { createUi } from './ui.js';
import { isLedgerHeader } from './workflow.js';

type Mount = typeof mountCheck;
const PANELS: [id: string, mount: Mount][] = [
  ['check', mountCheck],
  ['classify', mountClassify],
  ['stats', mountStats],
  ['submit', mountSubmit],
  ['county', mountCounty],
  ['stats', (root, app) => mountForms(root, app)],
];

interface OfficeGlobal {
  onReady(): Promise<{ host: string | null }>;
}

function showPanel(id: string): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    const on = tab.dataset.panel === id;
    tab.setAttribute('aria-selected', String(on));
  }
  for (const panel of document.querySelectorAll<HTMLElement>('main > section.panel'))
    panel.hidden = panel.id !== `panel-${id}`;
}

function start(): void {
  const ui = createUi(document.body);
  const wb = createWorkbook(officeHost(), { isLedgerHeader });
  const app = createApp({ wb, api: createApi(loadSettings), ui });
  if (!wb.capabilities().base) {
    ui.notify('当前 Excel 版本过旧（需要 ExcelApi 1.8，即 Office 2019 或更新版本），部分功能不可用。', 'error');
  }
  for (const [id, mount] of PANELS) {
    const section = document.getElementById(`panel-${id}`);
    if (section) mount(section, app);
  }
  for (const tab of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    tab.addEventListener('click', () => showPanel(tab.dataset.panel ?? 'check'));
  }
  showPanel('check');
  document.body.dataset.ready = '1';
  performance.mark('pane-ready');
}

function outsideExcel(): void {
  const note = document.getElementById('message');
  if (note) {
    note.hidden = false;
    note.className = 'message error';
    note.textContent = '请在 Excel 中打开本加载项（开始 → 四个一批 → 打开面板）。';
  }
  document.body.dataset.ready = 'outside';
  performance.mark('pane-ready');
}

const office = (globalThis as unknown as { Office?: OfficeGlobal }).Office;
if (!office) outsideExcel();
else
  void office
    .onReady()
    .then((info) => (info.host === 'Excel' ? start() : outsideExcel()))
    .catch(outsideExcel);
