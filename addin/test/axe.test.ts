/**
 * axe-core (from node_modules) over the pane in real Chromium at 350 px: no serious or critical
 * violation on any tab — with a validated ledger, so lists are filled — nor with the confirm dialog
 * open, in Office's light and dark themes; the dialog's keyboard path in the dark theme; the theme
 * following Office's change event and, without an Office theme, the system's preference.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { type PaneEnv, startPaneEnv } from './pane-env.js';
import { COUNTY_TOKEN, stubApi, UNIT_TOKEN, withToken } from './stub-api.js';

let env: PaneEnv;

beforeAll(async () => {
  env = await startPaneEnv('axe', { width: 350 });
});

afterAll(() => env?.close());

async function open(query: string, token: string): Promise<Page> {
  const page = await env.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await stubApi(page);
  await withToken(page, token);
  await page.goto(`${env.site.url}/taskpane.html?${query}`);
  await page.waitForSelector('body[data-ready="1"][data-role]');
  expect(errors).toEqual([]);
  return page;
}

const rootTheme = (page: Page) =>
  page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    bg: getComputedStyle(document.documentElement).backgroundColor,
  }));

async function validate(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '校验' }).click();
  await page.getByRole('button', { name: '一键校验' }).click();
  await page.waitForSelector('#issue-list .group');
}

for (const theme of ['light', 'dark'] as const) {
  describe(`axe, Office ${theme} theme`, () => {
    it('unit token: 校验 分类 统计 上报 after validating, and the 更多 menu open — 0 serious/critical', async () => {
      const page = await open(`rows=60&theme=${theme}`, UNIT_TOKEN);
      expect((await rootTheme(page)).theme).toBe(theme);
      expect((await rootTheme(page)).bg).toBe(theme === 'dark' ? 'rgb(38, 38, 38)' : 'rgb(255, 255, 255)');
      await validate(page);
      const found: Record<string, string[]> = {};
      for (const tab of ['校验', '分类', '统计', '上报']) {
        await page.getByRole('tab', { name: tab }).click();
        // the mouse stays on the tab (hover colours are checked too)
        found[tab] = await seriousViolations(page);
      }
      await page.getByRole('tab', { name: '校验' }).click();
      await page.locator('#check-more').click();
      found.更多 = await seriousViolations(page);
      expect(found).toEqual({ 校验: [], 分类: [], 统计: [], 上报: [], 更多: [] });
      // the lists were there to be checked
      expect(await page.locator('#issue-list .issue').count()).toBeGreaterThan(10);
      await page.close();
    });

    it('county token: 汇总 and 上报 — 0 serious/critical', async () => {
      const page = await open(`rows=20&theme=${theme}`, COUNTY_TOKEN);
      const found: Record<string, string[]> = {};
      for (const tab of ['汇总', '上报', '校验']) {
        await page.getByRole('tab', { name: tab }).click();
        found[tab] = await seriousViolations(page);
      }
      expect(found).toEqual({ 汇总: [], 上报: [], 校验: [] });
      await page.close();
    });

    it('the confirm dialog open: 0 serious/critical, and its keyboard path', async () => {
      const page = await open(`rows=20&theme=${theme}`, UNIT_TOKEN);
      await validate(page);
      const opener = page.locator('#check-more');
      await opener.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '下拉选项' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      const inDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
      expect(await inDialog()).toBe(true);
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
        expect(await inDialog()).toBe(true);
      }
      await page.keyboard.press('Escape');
      await page.waitForSelector('#confirm', { state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-more');
      await page.close();
    });
  });
}

describe('the axe check itself', () => {
  it('near miss: the old grey hint (≈3.6:1) and an unlabelled field are reported', async () => {
    const page = await open('rows=5&theme=light', UNIT_TOKEN);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = '说明文字';
      p.style.cssText = 'color:#8b949e;background:#fff;font-size:12px';
      const input = document.createElement('input');
      input.type = 'text';
      document.querySelector('#panel-check')?.append(p, input);
    });
    const found = await seriousViolations(page);
    expect(found.some((v) => v.startsWith('color-contrast:'))).toBe(true);
    expect(found.some((v) => v.startsWith('label:'))).toBe(true);
    await page.close();
  });
});

describe('theme follows the host', () => {
  it("Office's theme change event repaints the pane (light → dark → light)", async () => {
    const page = await open('rows=5&theme=light', UNIT_TOKEN);
    expect(await rootTheme(page)).toEqual({ theme: 'light', bg: 'rgb(255, 255, 255)' });
    await page.evaluate('window.__setTheme("dark")');
    expect(await rootTheme(page)).toEqual({ theme: 'dark', bg: 'rgb(38, 38, 38)' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate('window.__setTheme("light")');
    expect((await rootTheme(page)).theme).toBe('light');
    await page.close();
  });

  it('near miss: without an Office theme the pane follows the system (light, or dark when asked)', async () => {
    const page = await open('rows=5&theme=none', UNIT_TOKEN);
    expect((await rootTheme(page)).theme).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await rootTheme(page)).theme).toBe('dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
