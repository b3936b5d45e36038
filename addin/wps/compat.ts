/** Where the pane keeps its settings in WPS. */
import type { SettingsStore } from '../host/types.js';

/**
 * localStorage of the pane's origin (kept across WPS restarts); WPS's PluginStorage (shared by the
 * add-in's pages, kept while WPS runs) where a build refuses localStorage, e.g. for file:// pages.
 */
export function settingsStore(): SettingsStore | null {
  try {
    const ls = globalThis.localStorage;
    const probe = '__sige_probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return ls;
  } catch {
    const g = globalThis as unknown as {
      wps?: { PluginStorage?: SettingsStore };
      Application?: { PluginStorage?: SettingsStore };
    };
    const ps = g.wps?.PluginStorage ?? g.Application?.PluginStorage;
    if (!ps) return null;
    return { getItem: (k) => (ps.getItem(k) as string | null) ?? null, setItem: (k, v) => ps.setItem(k, v) };
  }
}
