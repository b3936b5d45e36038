/**
 * Keyboard and screen-reader paths of the pane in real Chromium (Excel build over the Office.js
 * fake): the confirm dialog (role, focus in, Tab trapped, Esc cancels, focus back to the opener),
 * the WAI-ARIA tabs (roving tabindex, arrows, Home/End) and the progress bar's role and values.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PaneEnv, startPaneEnv } from './pane-env.js';

let env: PaneEnv;
let context: BrowserContext;
let site: PaneEnv['site'];

beforeAll(async () => {
  env = await startPaneEnv('a11y', { width: 350 });
  ({ context, site } = env);
});

afterAll(() => env?.close());

async function open(query: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.url}/taskpane.html?${query}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  expect(errors).toEqual([]);
  return page;
}

/** Text and id of the focused element, and whether it sits inside the dialog. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return { text: a?.textContent ?? '', id: a?.id ?? '', inDialog: Boolean(a?.closest('[role="dialog"]')) };
  });

const hasSheet = (page: Page, name: string) =>
  page.evaluate(`window.__fake.workbook.sheets.some((s) => s.name === ${JSON.stringify(name)})`) as Promise<boolean>;

/** Opens 更多 by keyboard and presses Enter on `name` inside it. */
async function fromMore(page: Page, name: string): Promise<void> {
  await page.locator('#check-more').focus();
  await page.keyboard.press('Enter');
  expect(await page.locator('#check-more').getAttribute('aria-expanded')).toBe('true');
  await page.getByRole('button', { name }).focus();
  await page.keyboard.press('Enter');
}

describe('confirm dialog by keyboard', () => {
  it('is a modal dialog: focus moves in, Tab is trapped, Esc cancels and focus returns to the opener', async () => {
    const page = await open('rows=20');
    await fromMore(page, '下拉选项');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    // named by its title, described by its text
    expect(await page.getByRole('dialog', { name: '添加下拉选项' }).count()).toBe(1);
    expect(await focused(page)).toMatchObject({ text: '取消', inDialog: true });
    // Tab and Shift+Tab stay among the dialog's two buttons, never the tabs or buttons behind it
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      expect(f.inDialog).toBe(true);
      seen.push(f.text);
    }
    expect(seen).toEqual(['添加', '取消', '添加', '取消']);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ text: '添加', inDialog: true });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirm', { state: 'hidden' });
    expect(await page.getByRole('dialog').count()).toBe(0);
    // the action closed 更多 before it ran: focus returns to the (visible) 更多 button
    expect(await focused(page)).toMatchObject({ id: 'check-more', inDialog: false });
    expect(await page.locator('#check-more').getAttribute('aria-expanded')).toBe('false');
    expect(await hasSheet(page, '下拉选项')).toBe(false); // cancelled: nothing written
    await page.close();
  });

  it('near miss: Enter on the confirm button still confirms, and focus returns to the opener', async () => {
    const page = await open('rows=20');
    await fromMore(page, '下拉选项');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ text: '添加', inDialog: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#message.ok');
    expect(await hasSheet(page, '下拉选项')).toBe(true);
    expect(await focused(page)).toMatchObject({ id: 'check-more', inDialog: false });
    // once closed, Esc and Tab are the page's again: Tab leaves the opener
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).not.toBe('check-more');
    await page.close();
  });
});

/** Per tab: its name, aria-selected, tabindex, and whether its controlled panel is shown. */
const tabState = (page: Page) =>
  page.$$eval('[role="tablist"] [role="tab"]:not([hidden])', (tabs) =>
    tabs.map((t) => {
      const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
      return {
        name: t.textContent,
        selected: t.getAttribute('aria-selected'),
        tabindex: t.getAttribute('tabindex'),
        panelShown: Boolean(panel && !panel.hidden && panel.getAttribute('role') === 'tabpanel'),
        labelledBack: panel?.getAttribute('aria-labelledby') === t.id,
      };
    }),
  );

const selectedName = async (page: Page) => {
  const s = await tabState(page);
  const on = s.filter((t) => t.selected === 'true');
  expect(on).toHaveLength(1);
  // roving tabindex: the selected tab alone is in the Tab order; its panel alone is shown
  expect(s.filter((t) => t.tabindex === '0').map((t) => t.name)).toEqual([on[0]?.name]);
  expect(s.filter((t) => t.panelShown).map((t) => t.name)).toEqual([on[0]?.name]);
  expect((await focused(page)).text).toBe(on[0]?.name);
  return on[0]?.name;
};

describe('tabs by keyboard', () => {
  it('are WAI-ARIA tabs: arrows wrap, Home and End, each tab controls its labelled panel', async () => {
    const page = await open('rows=5');
    await page.waitForSelector('body[data-role="none"]');
    const initial = await tabState(page);
    // no token: the unit's tabs (汇总 is the county's, see roles.test.ts)
    expect(initial.map((t) => t.name)).toEqual(['校验', '分类', '统计', '上报']);
    expect(initial.every((t) => t.labelledBack)).toBe(true);
    await page.getByRole('tab', { name: '校验' }).focus();
    expect(await selectedName(page)).toBe('校验');
    await page.keyboard.press('ArrowRight');
    expect(await selectedName(page)).toBe('分类');
    await page.keyboard.press('ArrowRight');
    expect(await selectedName(page)).toBe('统计');
    await page.keyboard.press('ArrowLeft');
    expect(await selectedName(page)).toBe('分类');
    await page.keyboard.press('End');
    expect(await selectedName(page)).toBe('上报');
    await page.keyboard.press('ArrowRight'); // wraps to the first
    expect(await selectedName(page)).toBe('校验');
    await page.keyboard.press('ArrowLeft'); // wraps to the last
    expect(await selectedName(page)).toBe('上报');
    await page.keyboard.press('Home');
    expect(await selectedName(page)).toBe('校验');
    // Tab leaves the tablist for the panel's first control (not the next tab)
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');
    await page.close();
  });

  it('near miss: other keys do not move the selection; a click still selects', async () => {
    const page = await open('rows=5');
    await page.getByRole('tab', { name: '校验' }).focus();
    for (const key of ['ArrowDown', 'ArrowUp', 'a', 'PageDown']) {
      await page.keyboard.press(key);
      expect(await selectedName(page)).toBe('校验');
    }
    await page.getByRole('tab', { name: '上报' }).click();
    expect(await selectedName(page)).toBe('上报');
    await page.close();
  });
});

describe('progress bar', () => {
  it('has role=progressbar with min/max, and its value moves while a ledger is read', async () => {
    const page = await open('rows=400');
    const bar = page.locator('#progress [role="progressbar"]');
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    await page.evaluate(() => {
      const el = document.querySelector('#progress [role="progressbar"]') as HTMLElement;
      const values: number[] = [];
      (window as unknown as { __values: number[] }).__values = values;
      new MutationObserver(() => values.push(Number(el.getAttribute('aria-valuenow')))).observe(el, {
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.getByRole('button', { name: '一键校验' }).click();
    await page.waitForSelector('#issue-list .group');
    const values = (await page.evaluate('window.__values')) as number[];
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 100)).toBe(true);
    expect(values).toContain(100); // 正在校验… is reported as done reading
    await page.close();
  });
});
