/** Bearer token → principal (role `unit` or `county`); 401 for missing, malformed, unknown or revoked tokens. */
import type { MiddlewareHandler } from 'hono';
import { type CredentialRecord, findCredential, findCredentialWith } from './db/credentials.js';
import type { AppEnv, Principal } from './env.js';
import { forbidden, unauthorized } from './errors.js';
import { sameDigest, sha256Hex, tokenId } from './tokens.js';

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/iu.exec(header);
  const token = match?.[1] ?? '';
  const id = tokenId(token);
  if (!id) throw unauthorized();
  const alongside = c.get('alongside');
  // The token's hash is computed while D1 looks the credential up.
  const hashing = sha256Hex(token);
  let cred: CredentialRecord | null;
  let alongsideRows: unknown[][] = [];
  if (alongside) {
    ({ credential: cred, rows: alongsideRows } = await findCredentialWith(c.env.DB, id, alongside.statements));
  } else {
    cred = await findCredential(c.env.DB, id);
  }
  const hash = await hashing;
  // Compare even when the id is unknown, so timing does not tell which ids exist.
  const matches = sameDigest(hash, cred?.token_hash ?? '0'.repeat(64));
  if (!cred || !matches || cred.revoked_at !== null) throw unauthorized();
  const principal: Principal = {
    credentialId: cred.id,
    role: cred.role,
    unit:
      cred.unit_id !== null && cred.unit_name !== null
        ? { id: cred.unit_id, name: cred.unit_name, type: cred.unit_type ?? '' }
        : null,
    label: cred.label,
  };
  if (principal.role === 'unit' && !principal.unit) throw unauthorized();
  c.set('principal', principal);
  if (alongside) c.set('alongsideRows', { key: alongside.key, rows: alongsideRows });
  await next();
};

export function requireCounty(p: Principal): void {
  if (p.role !== 'county') throw forbidden('此操作仅限县级（县乡村振兴局）令牌');
}

/** The unit a unit token acts for; county tokens have none. */
export function ownUnit(p: Principal): { id: number; name: string; type: string } {
  if (p.role !== 'unit' || !p.unit) throw forbidden('此操作仅限报送单位的令牌；县级令牌不能代替单位报送');
  return p.unit;
}
