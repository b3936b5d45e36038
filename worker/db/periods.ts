/**
 * The Thursday routine in D1 (spec §10, migration 0007): the county's acceptance of a unit's
 * submission (locks the period for the unit until reopened), a period's closing time with per-unit
 * exceptions, the audit of each of these, the status board with contacts, and the trend query.
 */
import type { AuditEntry } from '../../shared/api.js';

export interface Actor {
  credentialId: string;
  label: string | null;
}

/** Why a unit may not store a submission for a period now (null: it may). */
export interface Lock {
  kind: 'accepted' | 'closed';
  at: string;
  by: Actor | null;
}

/**
 * The one check the submissions route makes before storing: accepted for this unit, or closed for
 * everyone (its closing time passed) without an exception for this unit. One D1 query.
 */
export async function lockOf(db: D1Database, unitId: number, period: string, now: Date): Promise<Lock | null> {
  return lockOfRow(await lockStatement(db, unitId, period).first<LockRow>(), now);
}

export interface LockRow {
  accepted_at: string | null;
  credential_id: string | null;
  label: string | null;
  closes_at: string | null;
  excepted: number;
}

/** The query behind `lockOf`, for a caller's own batch (its row goes to `lockOfRow`). */
export function lockStatement(db: D1Database, unitId: number, period: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT a.accepted_at, a.credential_id, a.label, c.closes_at,
         EXISTS (SELECT 1 FROM closure_exceptions e WHERE e.period = ?2 AND e.unit_id = ?1) AS excepted
       FROM (SELECT 1) LEFT JOIN acceptances a ON a.unit_id = ?1 AND a.period = ?2
       LEFT JOIN period_closures c ON c.period = ?2`,
    )
    .bind(unitId, period);
}

/** The lock at `now` from the row of `lockStatement` (null: open for this unit). */
export function lockOfRow(r: LockRow | null | undefined, now: Date): Lock | null {
  if (!r) return null;
  if (r.accepted_at !== null && r.credential_id !== null)
    return { kind: 'accepted', at: r.accepted_at, by: { credentialId: r.credential_id, label: r.label } };
  if (r.closes_at !== null && Date.parse(r.closes_at) <= now.getTime() && !r.excepted)
    return { kind: 'closed', at: r.closes_at, by: null };
  return null;
}

function auditStatement(
  db: D1Database,
  e: { at: Date; action: AuditEntry['action']; period: string; unitId: number | null; submissionId: string | null },
  by: Actor,
  detail: string | null = null,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO period_audit (at, action, period, unit_id, submission_id, credential_id, label, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(e.at.toISOString(), e.action, e.period, e.unitId, e.submissionId, by.credentialId, by.label, detail);
}

/** Records the acceptance of `submissionId` (replacing an earlier one) and its audit row, atomically. */
export async function accept(
  db: D1Database,
  unitId: number,
  period: string,
  submissionId: string,
  by: Actor,
  now: Date,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO acceptances (unit_id, period, submission_id, accepted_at, credential_id, label)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit_id, period) DO UPDATE SET submission_id = excluded.submission_id,
           accepted_at = excluded.accepted_at, credential_id = excluded.credential_id, label = excluded.label`,
      )
      .bind(unitId, period, submissionId, now.toISOString(), by.credentialId, by.label),
    auditStatement(db, { at: now, action: 'accept', period, unitId, submissionId }, by),
  ]);
}

/** Deletes the acceptance; false when there was none (nothing written). */
export async function reopen(db: D1Database, unitId: number, period: string, by: Actor, now: Date): Promise<boolean> {
  const [deleted] = await db.batch([
    db.prepare('DELETE FROM acceptances WHERE unit_id = ? AND period = ? RETURNING submission_id').bind(unitId, period),
    db
      .prepare(
        `INSERT INTO period_audit (at, action, period, unit_id, submission_id, credential_id, label)
         SELECT ?, 'reopen', ?, ?, NULL, ?, ? WHERE changes() > 0`,
      )
      .bind(now.toISOString(), period, unitId, by.credentialId, by.label),
  ]);
  return (deleted?.results.length ?? 0) > 0;
}

export async function close(db: D1Database, period: string, closesAt: Date, by: Actor, now: Date): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO period_closures (period, closes_at, credential_id, label, set_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (period) DO UPDATE SET closes_at = excluded.closes_at, credential_id = excluded.credential_id,
           label = excluded.label, set_at = excluded.set_at`,
      )
      .bind(period, closesAt.toISOString(), by.credentialId, by.label, now.toISOString()),
    auditStatement(
      db,
      { at: now, action: 'close', period, unitId: null, submissionId: null },
      by,
      closesAt.toISOString(),
    ),
  ]);
}

/** Lets a unit submit after the closing time (allow) or takes that back; false when nothing changed. */
export async function setException(
  db: D1Database,
  unitId: number,
  period: string,
  allow: boolean,
  by: Actor,
  now: Date,
): Promise<boolean> {
  const change = allow
    ? db
        .prepare(
          `INSERT INTO closure_exceptions (period, unit_id, credential_id, label, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (period, unit_id) DO NOTHING RETURNING unit_id`,
        )
        .bind(period, unitId, by.credentialId, by.label, now.toISOString())
    : db
        .prepare('DELETE FROM closure_exceptions WHERE period = ? AND unit_id = ? RETURNING unit_id')
        .bind(period, unitId);
  const [changed] = await db.batch([
    change,
    db
      .prepare(
        `INSERT INTO period_audit (at, action, period, unit_id, submission_id, credential_id, label)
         SELECT ?, ?, ?, ?, NULL, ?, ? WHERE changes() > 0`,
      )
      .bind(now.toISOString(), allow ? 'exception' : 'exception-removed', period, unitId, by.credentialId, by.label),
  ]);
  return (changed?.results.length ?? 0) > 0;
}

/** The period's audit rows, oldest first (bounded). */
export async function auditOf(db: D1Database, period: string, limit = 1000): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT a.at, a.action, a.period, u.name AS unit, a.submission_id, a.credential_id, a.label, a.detail
       FROM period_audit a LEFT JOIN units u ON u.id = a.unit_id WHERE a.period = ? ORDER BY a.id LIMIT ?`,
    )
    .bind(period, limit)
    .all<{
      at: string;
      action: AuditEntry['action'];
      period: string;
      unit: string | null;
      submission_id: string | null;
      credential_id: string;
      label: string | null;
      detail: string | null;
    }>();
  return results.map((r) => ({
    at: r.at,
    action: r.action,
    period: r.period,
    unit: r.unit,
    submissionId: r.submission_id,
    by: { credentialId: r.credential_id, label: r.label },
    detail: r.detail,
  }));
}

export interface StatusRecord {
  unit_id: number;
  unit_name: string;
  unit_type: string;
  contact_name: string | null;
  contact_phone: string | null;
  submission_id: string | null;
  received_at: string | null;
  first_received_at: string | null;
  submissions: number;
  row_count: number | null;
  warning_count: number | null;
  accepted_at: string | null;
  accepted_by: string | null;
  accepted_label: string | null;
  accepted_submission: string | null;
  exception: number;
}

/** Every registered unit with its latest submission, acceptance, exception and contact: one query. */
export async function statusOf(
  db: D1Database,
  period: string,
): Promise<{ units: StatusRecord[]; closesAt: string | null }> {
  const [units, closure] = await db.batch([
    db
      .prepare(
        `WITH ranked AS (
           SELECT unit_id, id, received_at, row_count, warning_count,
             ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY received_at DESC, rowid DESC) AS rn,
             COUNT(*) OVER (PARTITION BY unit_id) AS n,
             MIN(received_at) OVER (PARTITION BY unit_id) AS first_at
           FROM submissions WHERE period = ?1)
         SELECT u.id AS unit_id, u.name AS unit_name, u.type AS unit_type, u.contact_name, u.contact_phone,
           r.id AS submission_id, r.received_at, r.first_at AS first_received_at, COALESCE(r.n, 0) AS submissions,
           r.row_count, r.warning_count, a.accepted_at, a.credential_id AS accepted_by, a.label AS accepted_label,
           a.submission_id AS accepted_submission, (e.unit_id IS NOT NULL) AS exception
         FROM units u LEFT JOIN ranked r ON r.unit_id = u.id AND r.rn = 1
           LEFT JOIN acceptances a ON a.unit_id = u.id AND a.period = ?1
           LEFT JOIN closure_exceptions e ON e.unit_id = u.id AND e.period = ?1
         ORDER BY u.id`,
      )
      .bind(period),
    db.prepare('SELECT closes_at FROM period_closures WHERE period = ?').bind(period),
  ]);
  return {
    units: (units?.results ?? []) as StatusRecord[],
    closesAt: ((closure?.results[0] as { closes_at?: string } | undefined)?.closes_at ?? null) as string | null,
  };
}

export interface TrendRecord {
  unit_id: number;
  period: string;
  first_at: string;
  /** From the counted submission's 统计表 row: 项目数 and the numerators of the three rates. */
  projects: number;
  idle: number;
  difficult: number;
  linkage: number;
}

/**
 * Each unit's counted (latest) submission per period in [from, to] of one kind, with the four
 * counts the rates need read out of its stored 统计表 row in SQL (no JSON shipped or parsed here).
 */
export async function trendSubmissions(
  db: D1Database,
  from: string,
  to: string,
  kindGlob: string,
  unitId: number | null,
): Promise<TrendRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT unit_id, period, first_at,
         json_extract(stats, '$.projects', '$.idleProjects', '$.difficultProjects', '$.linkageInsufficient') AS counts
       FROM (
         SELECT unit_id, period, stats,
           ROW_NUMBER() OVER (PARTITION BY unit_id, period ORDER BY received_at DESC, rowid DESC) AS rn,
           MIN(received_at) OVER (PARTITION BY unit_id, period) AS first_at
         FROM submissions WHERE period >= ?1 AND period <= ?2 AND period GLOB ?3 AND (?4 IS NULL OR unit_id = ?4))
       WHERE rn = 1`,
    )
    .bind(from, to, kindGlob, unitId)
    .all<{ unit_id: number; period: string; first_at: string; counts: string }>();
  // One JSON parse per row in SQLite (several paths at once), then a four-number array here.
  return results.map((r) => {
    const [projects, idle, difficult, linkage] = JSON.parse(r.counts) as number[];
    return {
      unit_id: r.unit_id,
      period: r.period,
      first_at: r.first_at,
      projects: projects ?? 0,
      idle: idle ?? 0,
      difficult: difficult ?? 0,
      linkage: linkage ?? 0,
    };
  });
}
