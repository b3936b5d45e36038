/**
 * The pane at 350×700 as the docs show it (fake host, stubbed unit token): light and dark Office
 * theme after validating a ledger, the confirm dialog open, and a 10,000-row ledger's grouped
 * issue list (first group opened). Writes docs/renders/pane-*.png.
 * Run: npx tsx addin/test/screenshots.ts [name…]   (names: light dark dialog dialog-dark check-10000)
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPaneEnv } from './pane-env.js';
import { stubApi, UNIT_TOKEN, withToken } from './stub-api.js';

const OUT = new URL('../../docs/renders/', import.meta.url).pathname;
const MAX_BYTES = 200 * 1024;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const env = await startPaneEnv('shots', { width: 350 });
  try {
    const only = process.argv.slice(2);
    const shot = async (name: string, theme: 'light' | 'dark', dialog: boolean, rows = 60) => {
      if (only.length > 0 && !only.includes(name)) return;
      const page = await env.context.newPage();
      await page.setViewportSize({ width: 350, height: 700 });
      await stubApi(page);
      await withToken(page, UNIT_TOKEN);
      await page.goto(`${env.site.url}/taskpane.html?rows=${rows}&theme=${theme}`);
      await page.waitForSelector('body[data-ready="1"][data-role="unit"]');
      await page.getByRole('button', { name: '一键校验' }).click();
      if (rows > 1000) {
        // A big ledger's groups start closed: open the first one.
        await page.waitForSelector('#issue-list .group-toggle', { timeout: 120000 });
        await page.locator('#issue-list .group-toggle').first().click();
      }
      await page.waitForSelector('#issue-list .issue', { timeout: 120000 });
      if (dialog) {
        await page.locator('#check-more').click();
        await page.getByRole('button', { name: '下拉选项' }).click();
        await page.getByRole('dialog').waitFor();
      }
      await page.mouse.move(0, 690); // no hover highlight in the picture
      const path = join(OUT, `pane-${name}.png`);
      await page.screenshot({ path });
      const bytes = statSync(path).size;
      console.log(`${path}  ${Math.round(bytes / 1024)} KB`);
      if (bytes > MAX_BYTES) throw new Error(`${path} is over 200 KB`);
      await page.close();
    };
    await shot('light', 'light', false);
    await shot('dark', 'dark', false);
    await shot('dialog', 'light', true);
    await shot('dialog-dark', 'dark', true);
    await shot('check-10000', 'light', false, 10_000);
  } finally {
    await env.close();
  }
}

await main();
