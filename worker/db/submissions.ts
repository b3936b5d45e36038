/**
 * Submissions (immutable), their rows and the Idempotency-Key claims. The latest submission per
 * (unit, period) is the one the county's table counts; received_at then rowid break ties.
 */
import type { Issue, LedgerMeta, LedgerRow, StatsRow } from '../../shared/index.js';
import { capIssues } from '../../shared/issue-cap.js';
import { periodStart } from '../../shared/period-window.js';
import { type ProjectRef, refOf } from '../submission.js';
import { decodeRows, MAX_PART_CHARS, rowsStatements, type StoredPart } from './rows.js';

export interface SubmissionRecord {
  id: string;
  unit_id: number;
  unit_name: string;
  period: string;
  received_at: string;
  idempotency_key: string;
  content_hash: string;
  row_count: number;
  warning_count: number;
  stats: string;
}

/** Rank 1 = the submission the county's table counts for a (unit, period): the latest received. */
const LATEST_FIRST = 'ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY received_at DESC, rowid DESC)';

const SELECT = `SELECT s.id, s.unit_id, u.name AS unit_name, s.period, s.received_at, s.idempotency_key,
  s.content_hash, s.row_count, s.warning_count, s.stats FROM submissions s JOIN units u ON u.id = s.unit_id`;

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

/** Takes the Idempotency-Key for a unit, leased to `owner`; false when it is already taken (pending or done). */
export async function claimKey(
  db: D1Database,
  unitId: number,
  key: string,
  contentHash: string,
  now: Date,
  owner: string = crypto.randomUUID(),
): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO idempotency_keys (unit_id, key, content_hash, state, created_at, lease_until, owner)
       VALUES (?, ?, ?, 'pending', ?, ?, ?)
       ON CONFLICT (unit_id, key) DO NOTHING`,
    )
    .bind(unitId, key, contentHash, now.toISOString(), leaseEnd(now), owner)
    .run();
  return r.meta.changes === 1;
}

/**
 * Takes over a pending claim for the same body whose lease has run out (its request died); true
 * when this request (`owner`) now holds it. One statement, so two retries cannot both take it.
 */
export async function takeOverClaim(
  db: D1Database,
  unitId: number,
  key: string,
  contentHash: string,
  now: Date,
  owner: string,
): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE idempotency_keys SET lease_until = ?, owner = ?
       WHERE unit_id = ? AND key = ? AND content_hash = ? AND state = 'pending'
         AND COALESCE(lease_until, created_at) < ?`,
    )
    .bind(leaseEnd(now), owner, unitId, key, contentHash, now.toISOString())
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

export interface NewSubmission {
  id: string;
  unitId: number;
  period: string;
  receivedAt: Date;
  idempotencyKey: string;
  contentHash: string;
  rows: readonly LedgerRow[];
  warnings: readonly Issue[];
  meta: LedgerMeta;
  stats: StatsRow;
}

/**
 * Stores the submission, its rows and completes the claim in one transaction. `warning_count` is
 * every warning; `warnings` keeps them as `capIssues` lists them (the first of each rule, then a
 * count per rule), so the stored value stays far below D1's 2 MB limit whatever the ledger (a
 * 20,000-row ledger with every amount in 元 has 140,000 warnings, 24 MB as JSON). Every warning
 * can be found again by validating the stored rows.
 */
export async function storeSubmission(db: D1Database, s: NewSubmission, partChars = MAX_PART_CHARS): Promise<void> {
  const rows = rowsStatements(db, s.id, s.rows, partChars);
  await db.batch([
    db
      .prepare(
        `INSERT INTO submissions (id, unit_id, period, received_at, idempotency_key, content_hash, row_count,
           warning_count, warnings, meta, stats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        s.id,
        s.unitId,
        s.period,
        s.receivedAt.toISOString(),
        s.idempotencyKey,
        s.contentHash,
        s.rows.length,
        s.warnings.length,
        JSON.stringify(capIssues(s.warnings)),
        JSON.stringify(s.meta),
        JSON.stringify(s.stats),
      ),
    ...rows,
    db
      .prepare("UPDATE idempotency_keys SET state = 'done', submission_id = ? WHERE unit_id = ? AND key = ?")
      .bind(s.id, s.unitId, s.idempotencyKey),
  ]);
  rememberStats(s.id, s.stats);
}

export async function findSubmission(db: D1Database, id: string): Promise<SubmissionRecord | null> {
  return db.prepare(`${SELECT} WHERE s.id = ?`).bind(id).first<SubmissionRecord>();
}

const PARTS = 'SELECT encoding, data FROM submission_data WHERE submission_id = ? ORDER BY part';

/** A submission's project rows (LedgerRow, in ledger order). */
export async function submissionRows(db: D1Database, id: string): Promise<LedgerRow[]> {
  const { results } = await db.prepare(PARTS).bind(id).all<StoredPart>();
  return decodeRows(results);
}

export async function submissionDetail(
  db: D1Database,
  id: string,
): Promise<{ warnings: Issue[]; meta: LedgerMeta; rows: LedgerRow[] }> {
  const [head, parts] = await db.batch<{ warnings?: string; meta?: string } & Partial<StoredPart>>([
    db.prepare('SELECT warnings, meta FROM submissions WHERE id = ?').bind(id),
    db.prepare(PARTS).bind(id),
  ]);
  const h = head?.results[0];
  return {
    warnings: JSON.parse(h?.warnings ?? '[]') as Issue[],
    meta: JSON.parse(h?.meta ?? 'null') as LedgerMeta,
    rows: decodeRows((parts?.results ?? []) as StoredPart[]),
  };
}

export async function listSubmissions(
  db: D1Database,
  filter: { period?: string; unitId?: number },
): Promise<SubmissionRecord[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.period !== undefined) {
    where.push('s.period = ?');
    params.push(filter.period);
  }
  if (filter.unitId !== undefined) {
    where.push('s.unit_id = ?');
    params.push(filter.unitId);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const { results } = await db
    .prepare(`${SELECT} ${clause} ORDER BY s.received_at, s.rowid LIMIT 10000`)
    .bind(...params)
    .all<SubmissionRecord>();
  return results;
}

export interface UnitPeriodRecord {
  unit_id: number;
  unit_name: string;
  unit_type: string;
  submission_id: string | null;
  received_at: string | null;
  first_received_at: string | null;
  submissions: number;
}

/**
 * Every unit with its latest submission for the period: O(units) small rows, no project rows and
 * no 统计表 rows (those come from `statsOf`).
 */
export function latestPerUnitStatement(db: D1Database, period: string): D1PreparedStatement {
  // Timeliness counts only submissions inside the period's window (from its start); anything
  // received earlier (stored before future periods were refused) does not make a unit on time.
  const opens = periodStart({ id: period }).toISOString();
  return db
    .prepare(
      `WITH ranked AS (
         SELECT unit_id, id, received_at,
           ${LATEST_FIRST} AS rn,
           COUNT(*) OVER (PARTITION BY unit_id) AS n,
           MIN(CASE WHEN received_at >= ?2 THEN received_at END) OVER (PARTITION BY unit_id) AS first_at
         FROM submissions WHERE period = ?1)
       SELECT u.id AS unit_id, u.name AS unit_name, u.type AS unit_type, r.id AS submission_id,
         r.received_at, r.first_at AS first_received_at, COALESCE(r.n, 0) AS submissions
       FROM units u LEFT JOIN ranked r ON r.unit_id = u.id AND r.rn = 1
       ORDER BY u.id`,
    )
    .bind(period, opens);
}

/**
 * 统计表 rows by submission id. A submission never changes, so neither does its row: each isolate
 * keeps the rows it has stored or read (up to STATS_CACHE_SIZE, the oldest dropped first), and the
 * county summary reads from D1 only those of submissions this isolate has not seen. Cached rows are
 * frozen: they are shared between requests.
 */
export const STATS_CACHE_SIZE = 5000;
const statsCache = new Map<string, StatsRow>();

export function rememberStats(submissionId: string, stats: StatsRow): StatsRow {
  const frozen = Object.isFrozen(stats) ? stats : Object.freeze(stats);
  statsCache.set(submissionId, frozen);
  if (statsCache.size > STATS_CACHE_SIZE) {
    const oldest = statsCache.keys().next();
    if (!oldest.done) statsCache.delete(oldest.value);
  }
  return frozen;
}

export async function statsOf(db: D1Database, ids: readonly string[]): Promise<Map<string, StatsRow>> {
  const found = new Map<string, StatsRow>();
  const missing: string[] = [];
  for (const id of ids) {
    const cached = statsCache.get(id);
    if (cached) found.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const { results } = await db
      .prepare('SELECT id, stats FROM submissions WHERE id IN (SELECT value FROM json_each(?))')
      .bind(JSON.stringify(missing))
      .all<{ id: string; stats: string }>();
    for (const r of results) found.set(r.id, rememberStats(r.id, JSON.parse(r.stats) as StatsRow));
  }
  return found;
}

export async function latestPerUnit(db: D1Database, period: string): Promise<UnitPeriodRecord[]> {
  const { results } = await latestPerUnitStatement(db, period).all<UnitPeriodRecord>();
  return results;
}

/** The unit's latest submission before `before` (by receipt), optionally restricted to a period. */
export async function latestOfUnit(
  db: D1Database,
  unitId: number,
  opts: { period?: string; periodBefore?: string; periodLike?: string },
): Promise<SubmissionRecord | null> {
  const where = ['s.unit_id = ?'];
  const params: (string | number)[] = [unitId];
  if (opts.period !== undefined) {
    where.push('s.period = ?');
    params.push(opts.period);
  }
  if (opts.periodBefore !== undefined) {
    where.push('s.period < ?');
    params.push(opts.periodBefore);
  }
  if (opts.periodLike !== undefined) {
    where.push('s.period GLOB ?');
    params.push(opts.periodLike);
  }
  return db
    .prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY s.period DESC, s.received_at DESC, s.rowid DESC LIMIT 1`)
    .bind(...params)
    .first<SubmissionRecord>();
}

/** Project rows of a submission (code, name, category, investment, 停产闲置), for change lists. */
export async function projectRefs(db: D1Database, submissionId: string): Promise<ProjectRef[]> {
  return (await submissionRows(db, submissionId)).map(refOf);
}

export interface ProjectFilter {
  period: string;
  category?: string;
  cause?: string;
  unitId?: number;
  limit: number;
  offset: number;
}

export interface FoundProject {
  unitName: string;
  submissionId: string;
  row: LedgerRow;
}

/**
 * Drill-down: project rows of each unit's latest submission for the period, in unit then ledger
 * order. Each submission's rows are decoded in turn and filtered here (O(rows of the period));
 * only the requested page is kept.
 */
export async function findProjects(db: D1Database, f: ProjectFilter): Promise<{ total: number; rows: FoundProject[] }> {
  const { results } = await db
    .prepare(
      `WITH latest AS (
         SELECT id, unit_id FROM (
           SELECT id, unit_id, ${LATEST_FIRST} AS rn
           FROM submissions WHERE period = ?1) WHERE rn = 1 AND (?2 IS NULL OR unit_id = ?2))
       SELECT u.name AS unit_name, l.id AS submission_id, d.encoding, d.data
       FROM latest l JOIN units u ON u.id = l.unit_id JOIN submission_data d ON d.submission_id = l.id
       ORDER BY u.id, d.part`,
    )
    .bind(f.period, f.unitId ?? null)
    .all<StoredPart & { unit_name: string; submission_id: string }>();
  const matches = (r: LedgerRow) =>
    (f.category === undefined || r.category === f.category) && (f.cause === undefined || r.causes.includes(f.cause));
  const page: FoundProject[] = [];
  let total = 0;
  for (let i = 0; i < results.length; ) {
    const first = results[i] as (typeof results)[number];
    let end = i + 1;
    while (end < results.length && results[end]?.submission_id === first.submission_id) end++;
    for (const row of decodeRows(results.slice(i, end))) {
      if (!matches(row)) continue;
      if (total >= f.offset && page.length < f.limit) {
        page.push({ unitName: first.unit_name, submissionId: first.submission_id, row });
      }
      total++;
    }
    i = end;
  }
  return { total, rows: page };
}
