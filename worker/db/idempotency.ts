/**
 * Idempotency-Key claims: a submission's key is claimed (leased to its request) before anything is
 * stored, renewed while the request works, completed by `storeSubmission` in the same transaction
 * as the rows, released when the request fails, and taken over by a retry when its request died.
 */

export interface Claim {
  content_hash: string;
  state: 'pending' | 'done';
  submission_id: string | null;
  created_at: string;
  lease_until: string | null;
}

/**
 * How long a pending claim stays its request's without being renewed. The request renews it while it
 * works (`renewLease`); a claim whose lease has run out belongs to a request that died, and a retry
 * with the same key and body takes it over (`takeOverClaim`).
 */
export const CLAIM_LEASE_MS = 10_000;

const leaseEnd = (now: Date) => new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();

/** A request's claim on an idempotency key: whose key, for which body, when, by which request. */
export interface KeyClaim {
  unitId: number;
  key: string;
  contentHash: string;
  now: Date;
  /** The claiming request's own id. */
  owner: string;
}

/** Takes the Idempotency-Key for a unit, leased to `owner`; false when it is already taken (pending or done). */
export async function claimKey(db: D1Database, claim: KeyClaim): Promise<boolean> {
  return claimed(await claimStatement(db, claim).run());
}

/** The statement behind `claimKey`, for a caller's own batch (its result goes to `claimed`). */
export function claimStatement(db: D1Database, c: KeyClaim): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO idempotency_keys (unit_id, key, content_hash, state, created_at, lease_until, owner)
       VALUES (?, ?, ?, 'pending', ?, ?, ?)
       ON CONFLICT (unit_id, key) DO NOTHING`,
    )
    .bind(c.unitId, c.key, c.contentHash, c.now.toISOString(), leaseEnd(c.now), c.owner);
}

/** True when the result of `claimStatement` took the key. */
export function claimed(result: D1Result | undefined): boolean {
  return result?.meta.changes === 1;
}

/**
 * Takes over a pending claim for the same body whose lease has run out (its request died); true
 * when this request (`owner`) now holds it. One statement, so two retries cannot both take it.
 */
export async function takeOverClaim(db: D1Database, c: KeyClaim): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE idempotency_keys SET lease_until = ?, owner = ?
       WHERE unit_id = ? AND key = ? AND content_hash = ? AND state = 'pending'
         AND COALESCE(lease_until, created_at) < ?`,
    )
    .bind(leaseEnd(c.now), c.owner, c.unitId, c.key, c.contentHash, c.now.toISOString())
    .run();
  return r.meta.changes === 1;
}

/** Extends the lease of a claim this request holds; false when it no longer holds it. */
export async function renewLease(
  db: D1Database,
  unitId: number,
  key: string,
  owner: string,
  now: Date = new Date(),
): Promise<boolean> {
  const r = await db
    .prepare(
      "UPDATE idempotency_keys SET lease_until = ? WHERE unit_id = ? AND key = ? AND owner = ? AND state = 'pending'",
    )
    .bind(leaseEnd(now), unitId, key, owner)
    .run();
  return r.meta.changes === 1;
}

export async function findClaim(db: D1Database, unitId: number, key: string): Promise<Claim | null> {
  return db
    .prepare(
      `SELECT content_hash, state, submission_id, created_at, lease_until FROM idempotency_keys
       WHERE unit_id = ? AND key = ?`,
    )
    .bind(unitId, key)
    .first<Claim>();
}

/** Frees a pending claim this request holds (the request failed, nothing was stored). */
export async function releaseKey(db: D1Database, unitId: number, key: string, owner?: string): Promise<void> {
  await db
    .prepare(
      "DELETE FROM idempotency_keys WHERE unit_id = ?1 AND key = ?2 AND state = 'pending' AND (?3 IS NULL OR owner = ?3)",
    )
    .bind(unitId, key, owner ?? null)
    .run();
}
