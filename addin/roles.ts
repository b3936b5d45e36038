/**
 * Which tabs the pane shows, by who the saved token belongs to (GET /api/v1/me): a unit's token
 * sees its own work (校验 分类 统计 上报), a county token sees 汇总 instead of the unit-only 分类 and
 * 统计, and without a (working) token the unit tabs show with a line saying where the token goes.
 * Asked when the pane opens and each time a token is saved.
 */
import type { Me } from '../shared/api.js';

export type Role = 'unit' | 'county' | 'none';

/** Tab id → the roles that see it (data, not branches). 上报 holds the token form, so every role keeps it. */
export const TAB_ROLES: Readonly<Record<string, readonly Role[]>> = {
  check: ['none', 'unit', 'county'],
  classify: ['none', 'unit'],
  stats: ['none', 'unit'],
  submit: ['none', 'unit', 'county'],
  county: ['county'],
};

/** The line under the tabs for a role ('' = none). */
export const ROLE_HINT: Readonly<Record<Role | 'offline', string>> = {
  unit: '',
  county: '',
  none: '县级用户请在“上报”页保存县级令牌，即显示“汇总”。',
  offline: '暂时无法确认令牌（网络或服务器问题），先显示单位功能；联网后重新打开面板即可。',
};

export function tabsFor(role: Role): string[] {
  return Object.entries(TAB_ROLES)
    .filter(([, roles]) => roles.includes(role))
    .map(([id]) => id);
}

/** The role a /me answer or failure stands for; 'offline' when the service could not be asked. */
export async function roleOf(me: () => Promise<Me>): Promise<Role | 'offline'> {
  try {
    return (await me()).role;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'no-token' || code === 'unauthorized' || code === 'forbidden' ? 'none' : 'offline';
  }
}

/**
 * Shows the tabs of `role` and hides the others; when the selected tab is hidden, the first shown
 * one is selected (through `select`). Returns the ids shown.
 */
export function showTabsFor(
  root: ParentNode,
  role: Role | 'offline',
  select: (id: string) => void,
  hint: HTMLElement | null,
): string[] {
  const shown = tabsFor(role === 'offline' ? 'none' : role);
  let selectedHidden = false;
  for (const tab of root.querySelectorAll<HTMLButtonElement>('.tabs [role="tab"]')) {
    const on = shown.includes(tab.dataset.panel ?? '');
    tab.hidden = !on;
    if (!on && tab.getAttribute('aria-selected') === 'true') selectedHidden = true;
  }
  if (selectedHidden && shown[0]) select(shown[0]);
  if (hint) {
    hint.textContent = ROLE_HINT[role];
    hint.hidden = ROLE_HINT[role] === '';
  }
  document.body.dataset.role = role;
  return shown;
}
