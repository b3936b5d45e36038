/**
 * The pane's tabs as WAI-ARIA tabs: one tab in the Tab order (roving tabindex), aria-selected on
 * the shown one, ArrowLeft/ArrowRight (wrapping), Home and End move focus and show that tab
 * (automatic activation, by clicking it so the pane's click handler runs once for mouse and keys).
 */

const tabsOf = (list: Element): HTMLButtonElement[] => [
  ...list.querySelectorAll<HTMLButtonElement>('[role="tab"]:not([hidden])'),
];

/** Marks the tab of `id` selected and shows its panel only. */
export function selectTab(root: ParentNode, id: string): void {
  for (const tab of root.querySelectorAll<HTMLButtonElement>('.tabs [role="tab"]')) {
    const on = tab.dataset.panel === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  for (const panel of root.querySelectorAll<HTMLElement>('main > section.panel'))
    panel.hidden = panel.id !== `panel-${id}`;
}

/** The tab a key moves to from `current`, or null for keys the tablist does not handle. */
export function tabForKey(tabs: HTMLButtonElement[], current: number, key: string): HTMLButtonElement | null {
  const n = tabs.length;
  if (n === 0) return null;
  if (key === 'ArrowRight') return tabs[(current + 1) % n] ?? null;
  if (key === 'ArrowLeft') return tabs[(current - 1 + n) % n] ?? null;
  if (key === 'Home') return tabs[0] ?? null;
  if (key === 'End') return tabs[n - 1] ?? null;
  return null;
}

/** Arrow/Home/End keys on the tablist. */
export function wireTabKeys(root: ParentNode): void {
  const list = root.querySelector<HTMLElement>('.tabs[role="tablist"]');
  if (!list) return;
  list.addEventListener('keydown', (event) => {
    const tabs = tabsOf(list);
    const current = tabs.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    const next = tabForKey(tabs, current, event.key);
    if (!next) return;
    event.preventDefault();
    next.focus();
    next.click();
  });
}
