/**
 * The pane's binding of the one HTTP client (shared/api: URL check, bearer token, gzip,
 * deadlines, retries, schema-checked answers). Relative `/api/v1/...` by default (the pane is
 * served by the same Worker); a server URL and the token live in the browser's (partitioned)
 * localStorage — never in the workbook, which travels by e-mail.
 */
import { createClient, type Fetch, type ServiceApi, ServiceError, serviceApi } from '../shared/api/index.js';
import type { SettingsStore } from './host/types.js';
import { randomUUID } from './uuid.js';

export interface ApiSettings {
  /** Empty = same origin as the pane. */
  server: string;
  token: string;
}

const SETTINGS_KEY = 'sige-yipi.api';

let chosenStore: SettingsStore | null | undefined;

/** The host's place for the settings (the WPS build picks one); default: this origin's localStorage. */
export function useSettingsStore(store: SettingsStore | null): void {
  chosenStore = store;
}

function storage(): SettingsStore | null {
  if (chosenStore !== undefined) return chosenStore;
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadSettings(store: SettingsStore | null = storage()): ApiSettings {
  try {
    const raw = store?.getItem(SETTINGS_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<ApiSettings>) : {};
    return { server: String(parsed.server ?? ''), token: String(parsed.token ?? '') };
  } catch {
    return { server: '', token: '' };
  }
}

export function saveSettings(settings: ApiSettings, store: SettingsStore | null = storage()): void {
  store?.setItem(SETTINGS_KEY, JSON.stringify({ server: settings.server.trim(), token: settings.token.trim() }));
}

export function newIdempotencyKey(): string {
  return randomUUID();
}

const noToken = () => new ServiceError(401, 'no-token', '尚未填写令牌：请在“上报”页填写县里发放的令牌并保存。');

/** The county service with the pane's settings (read at each call: they may change while the pane is open). */
export function createApi(settings: () => ApiSettings, fetchImpl?: Fetch, timeoutMs?: number): ServiceApi {
  const connection = () => {
    const s = settings();
    if (!s.token) throw noToken();
    return s;
  };
  return serviceApi(createClient({ connection, fetch: fetchImpl, timeoutMs }));
}

export type Api = ServiceApi;
