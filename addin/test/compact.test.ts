/**
 * The pane as a clerk meets it at 350×700 in real Chromium (fake host, stubbed /me): the first issues
 * above the fold after validating, secondary actions behind an accessible 更多, banners that stay
 * with the tab that raised them, tabs by the token's role, and the period picker.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf, weekOf } from '../../shared/index.js';
import { type PaneEnv, startPaneEnv } from './pane-env.js';
import { COUNTY_TOKEN, stubApi, UNIT_TOKEN, withToken } from './stub-api.js';

let env: PaneEnv;

beforeAll(async () => {
  env = await startPaneEnv('compact', { width: 350 });
});

afterAll(() => env?.close());

async function open(query: string, token?: string): Promise<{ page: Page; asked: string[] }> {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 350, height: 700 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const asked = await stubApi(page);
  if (token) await withToken(page, token);
  else await page.addInitScript(() => localStorage.removeItem('sige-yipi.api'));
  await page.goto(`${env.site.url}/taskpane.html?${query}`);
  await page.waitForSelector('body[data-ready="1"][data-role]');
  expect(errors).toEqual([]);
  return { page, asked };
}

const visibleTabs = (page: Page) => page.$$eval('[role="tab"]:not([hidden])', (tabs) => tabs.map((t) => t.textContent));
const banner = (page: Page) =>
  page.evaluate(() => {
    const m = document.querySelector<HTMLElement>('#message');
    return m?.hidden ? null : (m?.textContent ?? null);
  });

describe('compact 校验', () => {
  it('after validating, the first issues are above the fold at 350×700', async () => {
    const { page } = await open('rows=60', UNIT_TOKEN);
    await page.getByRole('button', { name: '一键校验' }).click();
    await page.waitForSelector('#issue-list .issue');
    const bottoms = await page.$$eval('#issue-list .issue', (els) =>
      els.slice(0, 5).map((e) => e.getBoundingClientRect().bottom),
    );
    expect(await page.locator('#issue-list').evaluate((e) => e.getBoundingClientRect().top)).toBeLessThanOrEqual(420);
    expect(bottoms.filter((b) => b <= 700).length).toBeGreaterThanOrEqual(2);
    // the secondary actions are not on screen until asked for
    expect(await page.getByRole('button', { name: '清除标记' }).isVisible()).toBe(false);
    await page.close();
  });

  it('更多 is a disclosure: aria-expanded, Esc closes and returns focus, a click elsewhere closes', async () => {
    const { page } = await open('rows=5');
    const toggle = page.locator('#check-more');
    expect(await toggle.getAttribute('aria-controls')).toBe('check-more-list');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('button', { name: '插入标准台账' }).isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('清除标记');
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-more');
    await toggle.click();
    await page.locator('header h1').click();
    expect(await page.locator('#check-more-list').isHidden()).toBe(true);
    // choosing an action runs it and closes the menu
    await toggle.click();
    await page.getByRole('button', { name: '插入标准台账' }).click();
    await expect.poll(() => banner(page)).toContain('已新建工作表');
    expect(await page.locator('#check-more-list').isHidden()).toBe(true);
    await page.close();
  });
});

describe('banners stay with their tab', () => {
  it("another tab's banner is hidden, and comes back with its tab", async () => {
    const { page } = await open('rows=30', UNIT_TOKEN);
    await page.getByRole('button', { name: '一键校验' }).click();
    await page.waitForSelector('#issue-list .issue');
    const checked = await banner(page);
    expect(checked).toMatch(/^发现 \d+ 个错误/u);
    await page.getByRole('tab', { name: '上报' }).click();
    expect(await banner(page)).toBeNull();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    expect(await banner(page)).toContain('已保存在本机浏览器中');
    await page.getByRole('tab', { name: '校验' }).click();
    expect(await banner(page)).toBe(checked);
    await page.getByRole('tab', { name: '上报' }).click();
    expect(await banner(page)).toContain('已保存在本机浏览器中');
    // near miss: a new banner on the same tab replaces its old one
    await page.getByRole('tab', { name: '校验' }).click();
    await page.locator('#check-more').click();
    await page.getByRole('button', { name: '清除标记' }).click();
    await expect.poll(() => banner(page)).toContain('已清除');
    await page.close();
  });
});

describe('tabs by role (GET /me)', () => {
  it('no token: the unit tabs and a hint where the token goes', async () => {
    const { page, asked } = await open('rows=5');
    expect(await visibleTabs(page)).toEqual(['校验', '分类', '统计', '上报']);
    expect(await page.locator('#role-hint').textContent()).toContain('“上报”页');
    expect(asked).toEqual([]); // nothing is asked without a token
    await page.close();
  });

  it("a unit's token: no 汇总, no hint", async () => {
    const { page, asked } = await open('rows=5', UNIT_TOKEN);
    expect(await visibleTabs(page)).toEqual(['校验', '分类', '统计', '上报']);
    expect(await page.locator('#role-hint').isHidden()).toBe(true);
    expect(asked).toContain(UNIT_TOKEN);
    await page.close();
  });

  it('saving a county token on 上报 shows 汇总 and hides the unit-only tabs; a wrong token goes back', async () => {
    const { page, asked } = await open('rows=5');
    await page.getByRole('tab', { name: '上报' }).click();
    await page.fill('#token', COUNTY_TOKEN);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForSelector('body[data-role="county"]');
    expect(await visibleTabs(page)).toEqual(['校验', '上报', '汇总']);
    expect(asked).toContain(COUNTY_TOKEN);
    await page.getByRole('tab', { name: '汇总' }).click();
    expect(await page.locator('#panel-county').isVisible()).toBe(true);
    // near miss: a token the service does not know is no county token
    await page.getByRole('tab', { name: '上报' }).click();
    await page.fill('#token', 'not-a-token');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForSelector('body[data-role="none"]');
    expect(await visibleTabs(page)).toEqual(['校验', '分类', '统计', '上报']);
    expect(await page.locator('#role-hint').isVisible()).toBe(true);
    await page.close();
  });

  it('the 汇总 tab selected when a unit token replaces the county one falls back to a shown tab', async () => {
    const { page } = await open('rows=5', COUNTY_TOKEN);
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.evaluate(
      ([token]) => {
        localStorage.setItem('sige-yipi.api', JSON.stringify({ server: '', token }));
        document.dispatchEvent(new CustomEvent('token-saved'));
      },
      [UNIT_TOKEN],
    );
    await page.waitForSelector('body[data-role="unit"]');
    const selected = await page.$$eval('[role="tab"][aria-selected="true"]', (t) => t.map((x) => x.textContent));
    expect(selected).toEqual(['校验']);
    expect(await page.locator('#panel-check').isVisible()).toBe(true);
    await page.close();
  });
});

describe('period picker', () => {
  it('上报: 本周 / 上周 / 本月 / 选择…, with the deadline and the holiday that moved it', async () => {
    const { page } = await open('rows=5', UNIT_TOKEN);
    await page.getByRole('tab', { name: '上报' }).click();
    const now = new Date();
    const thisWeek = weekOf(now);
    const lastWeek = weekOf(new Date(now.getTime() - 7 * 86400_000));
    const options = await page.$$eval('#period-choice option', (o) => o.map((x) => x.textContent));
    expect(options).toEqual([`本周（${thisWeek}）`, `上周（${lastWeek}）`, `本月（${monthOf(now)}）`, '选择…']);
    expect(await page.inputValue('#period')).toBe(thisWeek);
    expect(await page.textContent('#period-deadline')).toMatch(
      new RegExp(`^${thisWeek} · 截止 \\d+月\\d+日（星期.）16:00`, 'u'),
    );
    await page.selectOption('#period-choice', 'last-week');
    expect(await page.inputValue('#period')).toBe(lastWeek);
    await page.selectOption('#period-choice', 'custom');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('period');
    await page.fill('#period', '2026-W40');
    expect(await page.textContent('#period-deadline')).toBe('2026-W40 · 截止 10月8日（星期四）16:00，因国庆节顺延');
    expect(await page.inputValue('#period-choice')).toBe('custom');
    // typing this week's id selects 本周 again; a wrong id says the format
    await page.fill('#period', thisWeek);
    expect(await page.inputValue('#period-choice')).toBe('this-week');
    await page.fill('#period', '2026-W60');
    expect(await page.getAttribute('#period-deadline', 'class')).toContain('bad');
    await page.close();
  });

  it('汇总 (county token) uses the same picker', async () => {
    const { page } = await open('rows=5', COUNTY_TOKEN);
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.selectOption('#county-period-choice', 'this-month');
    expect(await page.inputValue('#county-period')).toBe(monthOf(new Date()));
    expect(await page.textContent('#county-period-deadline')).toMatch(/24:00/u);
    await page.close();
  });

  it('趋势 起始/结束期次 use the picker, with a first choice that leaves them blank (the default)', async () => {
    const { page } = await open('rows=5', COUNTY_TOKEN);
    await page.getByRole('tab', { name: '汇总' }).click();
    for (const [id, hint] of [
      ['trend-from', '留空：默认（报送期次往前 7 周）'],
      ['trend-to', '留空：默认（与报送期次相同）'],
    ] as const) {
      expect(await page.inputValue(`#${id}-choice`)).toBe('empty');
      expect(await page.inputValue(`#${id}`)).toBe('');
      expect(await page.textContent(`#${id}-deadline`)).toBe(hint);
      const options = await page.$$eval(`#${id}-choice option`, (o) => o.map((x) => x.getAttribute('value')));
      expect(options).toEqual(['empty', 'this-week', 'last-week', 'this-month', 'custom']);
    }
    await page.selectOption('#trend-to-choice', 'last-week');
    const lastWeek = await page.$eval(
      '#trend-to-choice',
      (e) => (e as HTMLSelectElement).selectedOptions[0]?.getAttribute('data-id') ?? '',
    );
    expect(lastWeek).toMatch(/^\d{4}-W\d{2}$/u);
    expect(await page.inputValue('#trend-to')).toBe(lastWeek);
    expect(await page.textContent('#trend-to-deadline')).not.toContain('留空');
    // back to the default: blank again
    await page.selectOption('#trend-to-choice', 'empty');
    expect(await page.inputValue('#trend-to')).toBe('');
    expect(await page.textContent('#trend-to-deadline')).toBe('留空：默认（与报送期次相同）');
    // typed: 选择…; cleared by hand: the default again
    await page.fill('#trend-from', '2026-W40');
    expect(await page.inputValue('#trend-from-choice')).toBe('custom');
    await page.fill('#trend-from', '');
    expect(await page.inputValue('#trend-from-choice')).toBe('empty');
    await page.close();
  });
});
