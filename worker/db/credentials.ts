/** Credentials: hashed bearer tokens with a role, optionally tied to a unit. */
import type { Role } from '../env.js';
import { newToken } from '../tokens.js';

export interface CredentialRecord {
  id: string;
  token_hash: string;
  role: Role;
  label: string | null;
  revoked_at: string | null;
  unit_id: number | null;
  unit_name: string | null;
  unit_type: string | null;
}

function credentialStatement(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT c.id, c.token_hash, c.role, c.label, c.revoked_at, c.unit_id, u.name AS unit_name, u.type AS unit_type
       FROM credentials c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id = ?`,
    )
    .bind(id);
}

export async function findCredential(db: D1Database, id: string): Promise<CredentialRecord | null> {
  return credentialStatement(db, id).first<CredentialRecord>();
}

/** The credential and the rows of another read-only statement, in one round trip (one batch). */
export async function findCredentialWith(
  db: D1Database,
  id: string,
  others: readonly D1PreparedStatement[],
): Promise<{ credential: CredentialRecord | null; rows: unknown[][] }> {
  const [cred, ...rest] = await db.batch<unknown>([credentialStatement(db, id), ...others]);
  return {
    credential: (cred?.results[0] as CredentialRecord | undefined) ?? null,
    rows: others.map((_, i) => rest[i]?.results ?? []),
  };
}

/** Creates a credential and returns the token (the only time it exists in clear). */
export async function issueCredential(
  db: D1Database,
  role: Role,
  unitId: number | null,
  label: string | null = null,
  now = new Date(),
): Promise<{ id: string; token: string }> {
  const t = await newToken();
  await db
    .prepare('INSERT INTO credentials (id, token_hash, role, unit_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(t.id, t.hash, role, unitId, label, now.toISOString())
    .run();
  return { id: t.id, token: t.token };
}

export async function revokeCredential(db: D1Database, id: string, now = new Date()): Promise<boolean> {
  const r = await db
    .prepare('UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
    .bind(now.toISOString(), id)
    .run();
  return r.meta.changes > 0;
}
