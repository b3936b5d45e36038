/**
 * Bearer tokens: `sgyp_<id>_<secret>`, id = 12 hex chars (public, for lookup and revocation),
 * secret = 32 random bytes base64url (256 bits). Only SHA-256(token) is stored. Web Crypto only,
 * so the Worker and the Node admin script share this file.
 */
const TOKEN = /^sgyp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/u;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 (hex) of a text (as UTF-8) or of bytes as they are. */
export async function sha256Hex(data: string | ArrayBuffer): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

export interface NewToken {
  id: string;
  token: string;
  hash: string;
}

export async function newToken(): Promise<NewToken> {
  const id = hex(crypto.getRandomValues(new Uint8Array(6)));
  const token = `sgyp_${id}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  return { id, token, hash: await sha256Hex(token) };
}

/** The public id of a well-formed token, or null. */
export function tokenId(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null;
}

/** Constant-time comparison of two equal-length hex digests. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
