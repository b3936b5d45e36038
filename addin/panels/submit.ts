/** 上报: server settings (browser storage only), dry run with diff, submission with an idempotency key, receipt. */
import type { DryRunReceipt, Receipt } from '../../shared/api/index.js';
import { ServiceError } from '../../shared/api/index.js';
import {
  beijingStamp,
  describePeriod,
  parsePeriod,
  periodFormatError,
  STATUS_LABEL,
  weekOf,
} from '../../shared/index.js';
import { capIssues } from '../../shared/issue-cap.js';
import { loadSettings, newIdempotencyKey, saveSettings } from '../api.js';
import type { App } from '../app.js';
import { periodPicker } from '../period-picker.js';
import { action, append, clear, field, h } from '../ui.js';
import { buildSubmission, runCheck, type SubmissionPayload } from '../workflow.js';

export function receiptTable(r: Receipt): HTMLElement {
  const rows: [string, string][] = [
    ['回执编号', r.id === 'dry-run' ? '试报送，未保存，无编号' : r.id],
    ['单位', r.unit],
    [
      '期次',
      // The deadline as the server computed it (county holidays and county-set deadlines included).
      parsePeriod(r.period)
        ? describePeriod({
            ...(parsePeriod(r.period) as NonNullable<ReturnType<typeof parsePeriod>>),
            ...(r.due ? { due: new Date(r.due) } : {}),
          })
        : r.period,
    ],
    ...(r.calendarWarnings ?? []).map((w): [string, string] => ['提示', w.message]),
    ['接收时间', beijingStamp(r.receivedAt)],
    ['状态', STATUS_LABEL[r.status]],
    ['项目数', String(r.rows)],
    ['提示数', String(r.warnings)],
    ['项目实际投入（万元）', r.summary.investment.toFixed(2)],
    ['内容校验码', r.contentHash],
  ];
  return h(
    'table',
    { class: 'receipt-table' },
    h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))),
  );
}

export function describeDiff(diff: DryRunReceipt['diff'] | undefined): string[] {
  if (!diff) return ['服务器未返回差异。'];
  if (!diff.previous) return ['这是本单位的第一次上报，没有可比较的上次数据。'];
  const list = (items: { name: string; code: string }[]) =>
    items.length === 0
      ? ''
      : `：${items
          .slice(0, 5)
          .map((i) => `${i.name}（${i.code}）`)
          .join('、')}${items.length > 5 ? '…' : ''}`;
  return [
    `对比上次上报（${diff.previous.period}，${beijingStamp(diff.previous.receivedAt)}）：`,
    `新增项目 ${diff.counts?.added ?? diff.added.length} 个${list(diff.added)}`,
    `减少项目 ${diff.counts?.removed ?? diff.removed.length} 个${list(diff.removed)}`,
    `分类变化 ${diff.counts?.reclassified ?? diff.reclassified.length} 个${diff.reclassified
      .slice(0, 5)
      .map((r, i) => `${i === 0 ? '：' : '、'}${r.name} ${r.from ?? '未填'}→${r.to ?? '未填'}`)
      .join('')}`,
    // Week over week (spec §10): warnings, never refusals.
    ...(diff.investmentChanged?.length
      ? [
          `项目实际投入变化 ${diff.investmentChanged.length} 个${diff.investmentChanged
            .slice(0, 5)
            .map((r, i) => `${i === 0 ? '：' : '、'}${r.name} ${r.from ?? '空'}→${r.to ?? '空'} 万元`)
            .join('')}`,
        ]
      : []),
    ...(diff.newlyIdle?.length ? [`新增停产闲置 ${diff.newlyIdle.length} 个${list(diff.newlyIdle)}`] : []),
  ];
}

export function mountSubmit(root: HTMLElement, app: App): void {
  const settings = loadSettings();
  const server = h('input', {
    type: 'url',
    id: 'server',
    placeholder: '留空＝与本加载项同一服务器',
    value: settings.server,
  }) as HTMLInputElement;
  const token = h('input', {
    type: 'password',
    id: 'token',
    autocomplete: 'off',
    value: settings.token,
  }) as HTMLInputElement;
  const period = h('input', { type: 'text', id: 'period', value: weekOf(new Date()) }) as HTMLInputElement;
  const who = h('p', { class: 'who', id: 'who' });
  const result = h('div', { class: 'result', id: 'submit-result' });
  let pending: { payload: SubmissionPayload; key: string } | null = null;

  function save(): void {
    saveSettings({ server: server.value, token: token.value });
    // The pane shows the tabs of the token's role (roles.ts).
    root.dispatchEvent(new CustomEvent('token-saved', { bubbles: true }));
    app.ui.notify('已保存在本机浏览器中（不会写入工作簿）。', 'ok');
  }

  async function checkConnection(): Promise<void> {
    save();
    const me = await app.task('正在连接服务器…', () => app.api.me());
    if (!me) return;
    who.textContent =
      me.role === 'county' ? '当前令牌：县级（可查看汇总）' : `当前令牌：${me.unit?.name ?? me.label ?? ''}`;
    app.ui.notify('连接正常。', 'ok');
  }

  function showIssues(error: ServiceError): void {
    append(
      result,
      h('p', { class: 'bad' }, error.message),
      ...(error.issues.length > 0
        ? [h('ul', { class: 'server-issues' }, ...capIssues(error.issues).map((i) => h('li', {}, i.message)))]
        : []),
    );
  }

  async function dryRun(): Promise<void> {
    clear(result);
    pending = null;
    const p = parsePeriod(period.value.trim());
    if (!p) {
      app.ui.notify(`${periodFormatError(period.value.trim())}。`, 'error');
      return;
    }
    save();
    const session = await app.task('正在校验台账…', async (progress) =>
      runCheck(app.wb, {
        sheet: app.sheet,
        progress,
        mode: 'submission',
        mark: app.marked,
        approved: await app.approved(),
      }),
    );
    if (!session) return;
    app.setSession(session);
    if (session.report.errors > 0) {
      app.ui.notify(
        `台账还有 ${session.report.errors} 个错误（上报时分类为必填），请在“校验”页改正后再上报。`,
        'error',
      );
      return;
    }
    const payload = buildSubmission(session, p.id);
    const receipt = await app.task('正在试报送（不保存）…', () =>
      app.api.dryRun(payload, newIdempotencyKey()).catch((e: unknown) => {
        if (e instanceof ServiceError) showIssues(e);
        throw e;
      }),
    );
    if (!receipt) return;
    pending = { payload, key: newIdempotencyKey() };
    append(
      result,
      h('h3', {}, '试报送结果（未保存）'),
      h('ul', { class: 'diff' }, ...describeDiff(receipt.diff).map((l) => h('li', {}, l))),
      receiptTable(receipt),
      h(
        'p',
        { class: 'effect' },
        `确认无误后点“正式上报”：将把 ${payload.rows.length} 个项目报送到县里，作为 ${describePeriod(p)} 的数据。`,
      ),
      h('button', { type: 'button', class: 'primary', id: 'submit-now', onclick: () => void submit() }, '正式上报'),
    );
  }

  async function submit(): Promise<void> {
    if (!pending) return;
    const { payload, key } = pending;
    let failure: ServiceError | null = null;
    const note = h('p', { class: 'bad', id: 'retry-note' });
    const sent = await app.task('正在上报…', () =>
      app.api
        .submit(payload, key, {
          // Said on the pane: what failed, when the next try is, and that it cannot be stored twice.
          onRetry: (attempt, waitMs, error) => {
            note.textContent = `第 ${attempt} 次上报未完成（${error.message}），${Math.round(waitMs / 1000)} 秒后自动重新上报；约 1 分钟内会一直重试，同一份台账不会重复报送。`;
            if (!note.isConnected) append(result, note);
          },
        })
        .catch((e: unknown) => {
          if (e instanceof ServiceError) failure = e;
          throw e;
        }),
    );
    clear(result);
    const receipt = sent?.receipt;
    if (!receipt) {
      const f = failure as ServiceError | null;
      if (f?.retryable) {
        append(
          result,
          h(
            'p',
            { class: 'bad' },
            `约 1 分钟内自动重试仍未完成（${f.message}），数据已保留。稍后点“重新上报（不会重复）”，同一份台账不会重复报送。`,
          ),
          h(
            'button',
            { type: 'button', class: 'primary', id: 'retry', onclick: () => void submit() },
            '重新上报（不会重复）',
          ),
        );
      } else if (f) {
        pending = null;
        showIssues(f);
      }
      return;
    }
    pending = null;
    append(
      result,
      h('section', { class: 'receipt', id: 'receipt' }, h('h3', {}, '上报回执'), receiptTable(receipt)),
      h('button', { type: 'button', onclick: () => printReceipt() }, '打印回执'),
    );
    app.ui.notify(`已上报，状态：${STATUS_LABEL[receipt.status]}。`, 'ok');
  }

  append(
    root,
    h('h2', {}, '上报'),
    h(
      'fieldset',
      {},
      h('legend', {}, '服务器与令牌（只保存在本机浏览器中，不写入工作簿）'),
      field('服务器地址', server),
      field('令牌', token, '由县乡村振兴局发放；请勿写在表格里。'),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: save }, '保存'),
        h('button', { type: 'button', onclick: () => void checkConnection() }, '检查连接'),
      ),
      who,
    ),
    periodPicker('报送期次', period),
    action(
      '试报送',
      '按上报规则再校验一遍，发给服务器核对并显示与上次上报的差异；不保存任何数据。',
      () => void dryRun(),
      'primary',
    ),
    result,
  );
}

function printReceipt(): void {
  document.body.classList.add('printing');
  globalThis.print();
  document.body.classList.remove('printing');
}
