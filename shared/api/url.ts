/** Where a call goes: the service's /api/v1 under a server address, checked before anything is sent. */
import { ServiceError } from './error.js';
import { parseUrl } from './platform.js';

/**
 * `https://host/prefix/` + `/summary` → `https://host/prefix/api/v1/summary`; an empty server is
 * the page's own origin (`/api/v1/summary`: the pane is served by the Worker). Anything but an
 * http(s) address is refused with a Chinese message naming it.
 */
export function apiUrl(server: string, path: string): string {
  const given = server.trim();
  if (given === '') return `/api/v1${path}`;
  let base: { protocol: string; origin: string; pathname: string };
  try {
    base = parseUrl(given);
  } catch {
    throw new ServiceError(0, 'bad-url', `服务器地址“${given}”无效：应为完整的网址，如 https://county.example.org`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new ServiceError(0, 'bad-url', `服务器地址“${given}”不是网址：应形如 https://county.example.org`);
  return `${base.origin}${base.pathname.replace(/\/+$/u, '')}/api/v1${path}`;
}

/** “ https://host” for a message about an absolute URL; nothing for the pane's own origin. */
export function serverOf(url: string): string {
  return url.startsWith('/') ? '' : ` ${parseUrl(url).origin}`;
}
