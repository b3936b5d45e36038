/**
 * 上报记录 (in the 上报 tab, unit token): the unit's receipts — period, time, on time / late,
 * projects, warnings — newest first; “打开” shows one with its warnings and “写成回执表” writes it
 * as a 回执 worksheet for printing where window.print() does not work.
 */
import type { ReceiptDetail, ServiceApi } from '../../shared/api/index.js';
import { beijingTime, STATUS_LABEL } from '../../shared/index.js';
import type { App } from '../app.js';
import { receiptSheet } from '../sheets-county.js';
import { action, append, clear, h } from '../ui.js';

const SHOWN = 50;

export function mountReceipts(root: HTMLElement, app: App, api: ServiceApi): { refresh: () => Promise<void> } {
  const list = h('div', { id: 'receipt-list', class: 'receipts' });
  const detail = h('div', { id: 'receipt-detail' });

  function show(r: ReceiptDetail): void {
    clear(detail);
    const warnings = r.issues.filter((i) => i.severity === 'warning');
    append(
      detail,
      h('h4', {}, `回执 ${r.period}（${r.unit}）`),
      h(
        'p',
        {},
        `${beijingTime(r.receivedAt)} 收到（${STATUS_LABEL[r.status]}），项目 ${r.rows} 个，提示 ${r.warnings} 个。回执编号 ${r.id}`,
      ),
      warnings.length > 0
        ? h('ul', { class: 'warnings' }, ...warnings.slice(0, 20).map((i) => h('li', {}, i.message)))
        : null,
      action('写成回执表', '新建一张“回执”工作表（可打印）；现有工作表不变。', () => {
        void app
          .task('正在写入回执表…', () => app.wb.writeSheet(receiptSheet(r, r.issues, `回执-${r.period}`)))
          .then((name) => {
            if (name) app.ui.notify(`已新建工作表「${name}」。`, 'ok');
          });
      }),
    );
  }

  async function open(id: string): Promise<void> {
    const r = await app.task('正在读取回执…', () => api.receipt(id));
    if (r) show(r);
  }

  async function refresh(): Promise<void> {
    const got = await app.task('正在读取上报记录…', () => api.receipts());
    if (!got) return;
    clear(list);
    const rows = [...got.submissions].reverse().slice(0, SHOWN);
    if (rows.length === 0) {
      append(list, h('p', { class: 'muted' }, '还没有上报记录。'));
      return;
    }
    append(
      list,
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...['期次', '时间', '按时', '项目', '提示', ''].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              { class: r.status, 'data-id': r.id },
              h('td', {}, r.period),
              h('td', {}, beijingTime(r.receivedAt)),
              h('td', {}, STATUS_LABEL[r.status]),
              h('td', {}, String(r.rows)),
              h('td', {}, String(r.warnings)),
              h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => void open(r.id) }, '打开')),
            ),
          ),
        ),
      ),
    );
  }

  append(
    root,
    h('h3', {}, '上报记录'),
    action(
      '刷新上报记录',
      '列出本单位的历次上报（期次、时间、是否按时、项目数、提示数）；不改动工作簿。',
      () => void refresh(),
    ),
    list,
    detail,
  );
  return { refresh };
}
