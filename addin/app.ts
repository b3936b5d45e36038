/** What every panel shares: the workbook adapter, the API, the last check and the pane's UI. */
import type { ApprovedMap } from '../shared/rules/decisions.js';
import type { Api } from './api.js';
import type { LedgerWorkbook, Progress } from './excel.js';
import type { Ui } from './ui.js';
import type { CheckSession } from './workflow.js';

export interface App {
  wb: LedgerWorkbook;
  api: Api;
  ui: Ui;
  /** Sheet the clerk picked; undefined = detect. */
  sheet: string | undefined;
  /** Marks are on the sheet (so a re-check after a change refreshes them). */
  marked: boolean;
  session: CheckSession | null;
  setSession(session: CheckSession | null): void;
  onSession(listener: (session: CheckSession | null) => void): void;
  /** Runs a workbook/API task with progress shown and errors reported in Chinese; undefined on failure. */
  task<T>(label: string, fn: (progress: Progress) => Promise<T>): Promise<T | undefined>;
  /**
   * The categories the county approved for this unit's projects (spec §8, category.unapproved),
   * when a unit token is saved and the service answers within a few seconds; else undefined and
   * the check runs without them (offline work is never blocked).
   */
  approved(): Promise<ApprovedMap | undefined>;
}

/** How long a check waits for the approved categories before going on without them. */
const APPROVED_WAIT_MS = 3000;

export function createApp(parts: {
  wb: LedgerWorkbook;
  api: Api;
  ui: Ui;
  /** Whether a token is saved (no request is made without one). */
  hasToken?: () => boolean;
}): App {
  const listeners: ((s: CheckSession | null) => void)[] = [];
  let running = false;
  const app: App = {
    ...parts,
    sheet: undefined,
    marked: false,
    session: null,
    setSession(session) {
      app.session = session;
      for (const l of listeners) l(session);
    },
    onSession(listener) {
      listeners.push(listener);
    },
    async task(label, fn) {
      if (running) {
        parts.ui.notify('上一个操作尚未完成，请稍候。', 'info');
        return undefined;
      }
      running = true;
      parts.ui.notify('');
      parts.ui.progress(0, 1, label);
      try {
        return await fn((done, total, text) => parts.ui.progress(done, total, text));
      } catch (error) {
        parts.ui.notify(describeError(error), 'error');
        return undefined;
      } finally {
        running = false;
        parts.ui.done();
      }
    },
    async approved() {
      if (!(parts.hasToken?.() ?? true)) return undefined;
      const answer = parts.api.decisions.approved().then(
        (r) => r.approved,
        () => undefined,
      );
      const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), APPROVED_WAIT_MS));
      return Promise.race([answer, late]);
    },
  };
  return app;
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Office.js errors carry a code (OfficeExtension.Error.code); the fake host puts it in the message.
  const code = `${(error as { code?: unknown } | null)?.code ?? ''} ${message}`;
  if (/ItemNotFound/u.test(code))
    return `找不到工作表或对象：可能已被删除或改名。请刷新工作表列表后重试。（${message}）`;
  if (/InvalidSelection|InvalidOperation|InvalidOperationInCellEditMode/u.test(code))
    return `Excel 拒绝了这项操作：请先退出单元格编辑状态后重试。（${message}）`;
  if (/RequestPayloadSizeLimitExceeded|PayloadTooLarge/u.test(code))
    return `一次写入的数据超过了 Excel 的限制，请分几次操作或联系维护人员。（${message}）`;
  return message.length > 0 ? message : '操作失败，请重试。';
}
