/**
 * A stubbed service for pane tests that need a role but no real data: GET /api/v1/me answers by
 * token (unknown → 401 as the Worker does), a unit's receipts are empty, anything else is 503.
 * Routed inside the page (Playwright), so no Worker is started.
 */
import type { Page } from 'playwright-core';
import type { Me } from '../../shared/api.js';

export const UNIT_TOKEN = 'unit-token-baojia';
export const COUNTY_TOKEN = 'county-token-pengshui';

export const ROLES: Record<string, Me> = {
  [UNIT_TOKEN]: { role: 'unit', unit: { name: '保家镇', type: 'township' }, credentialId: 'c-unit', label: '保家镇' },
  [COUNTY_TOKEN]: { role: 'county', unit: null, credentialId: 'c-county', label: '县乡村振兴局' },
};

const SETTINGS_KEY = 'sige-yipi.api';

/** Routes /api/v1 of `page` to the stub; returns the list of paths asked for /me. */
export async function stubApi(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route('**/api/v1/**', (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const token = (request.headers().authorization ?? '').replace(/^Bearer /u, '');
    if (path === '/api/v1/me') {
      asked.push(token);
      const me = ROLES[token];
      return me
        ? route.fulfill({ json: me })
        : route.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: '令牌不对或已停用' } } });
    }
    if (path === '/api/v1/submissions') return route.fulfill({ json: { submissions: [] } });
    return route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: '服务器暂时不可用' } } });
  });
  return asked;
}

/** A token saved before the pane loads (as the 上报 tab's 保存 would). */
export async function withToken(page: Page, token: string): Promise<void> {
  await page.addInitScript(
    ([key, value]) => localStorage.setItem(key as string, JSON.stringify({ server: '', token: value })),
    [SETTINGS_KEY, token],
  );
}
