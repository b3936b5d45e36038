/**
 * Submissions (immutable) and their rows: storing one, reading one, listing them, and the latest
 * per unit. The latest submission per (unit, period) is the one the county's table counts;
 * received_at then rowid break ties. The Idempotency-Key claims are in idempotency.ts, the 统计表
 * row cache in stats-cache.ts, the drill-down over project rows in projects.ts.
 */
import type { Issue, LedgerMeta, LedgerRow, StatsRow } from '../../shared/index.js';
import { capIssues } from '../../shared/issue-cap.js';
import { periodStart } from '../../shared/period-window.js';
import { decodeRows, MAX_PART_CHARS, rowsStatements, type StoredPart, type StoredRows } from './rows.js';
import { rememberStats } from './stats-cache.js';

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
export const LATEST_FIRST = 'ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY received_at DESC, rowid DESC)';

const SELECT = `SELECT s.id, s.unit_id, u.name AS unit_name, s.period, s.received_at, s.idempotency_key,
  s.content_hash, s.row_count, s.warning_count, s.stats FROM submissions s JOIN units u ON u.id = s.unit_id`;

export interface NewSubmission {
  id: string;
  unitId: number;
  period: string;
  receivedAt: Date;
  idempotencyKey: string;
  contentHash: string;
  /** The project rows: as checked (LedgerTable, stored without building a row object each) or as rows. */
  rows: StoredRows;
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

/**
 * `WHERE a AND b …` over the conditions whose value is given (in their order), with the values to
 * bind; an empty clause when none is.
 */
function whereGiven(conditions: readonly (readonly [sql: string, value: string | number | undefined])[]): {
  clause: string;
  params: (string | number)[];
} {
  const given = conditions.filter((c): c is readonly [string, string | number] => c[1] !== undefined);
  return {
    clause: given.length > 0 ? `WHERE ${given.map(([sql]) => sql).join(' AND ')}` : '',
    params: given.map(([, value]) => value),
  };
}

export async function listSubmissions(
  db: D1Database,
  filter: { period?: string; unitId?: number },
): Promise<SubmissionRecord[]> {
  const { clause, params } = whereGiven([
    ['s.period = ?', filter.period],
    ['s.unit_id = ?', filter.unitId],
  ]);
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
  const { clause, params } = whereGiven([
    ['s.unit_id = ?', unitId],
    ['s.period = ?', opts.period],
    ['s.period < ?', opts.periodBefore],
    ['s.period GLOB ?', opts.periodLike],
  ]);
  return db
    .prepare(`${SELECT} ${clause} ORDER BY s.period DESC, s.received_at DESC, s.rowid DESC LIMIT 1`)
    .bind(...params)
    .first<SubmissionRecord>();
}
