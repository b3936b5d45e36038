/**
 * Decision events (append-only; migration 0006) and 归档目录 receipts. Reads return rows in the
 * order they were recorded; the current state is folded by shared/decisions.ts.
 */
import {
  type ApprovedCategory,
  approvedOf,
  type DecisionEvent,
  type EventKind,
  foldEvents,
} from '../../shared/decisions.js';

export interface NewEvent {
  unitId: number;
  code: string;
  kind: EventKind;
  data: unknown;
  recordedBy: string;
  importId?: string | null;
}

/** Most events one project may hold (a bound on every read of a history). */
export const MAX_EVENTS_PER_PROJECT = 500;
/** Most events a unit-wide read returns. */
export const MAX_EVENTS_PER_READ = 200_000;

interface EventRow {
  id: number;
  unit_id: number;
  code: string;
  kind: EventKind;
  data: string;
  recorded_at: string;
  recorded_by: string;
}

const toEvent = (r: EventRow): DecisionEvent & { unitId: number; code: string } => ({
  id: r.id,
  unitId: r.unit_id,
  code: r.code,
  kind: r.kind,
  data: JSON.parse(r.data) as Record<string, unknown>,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export function insertEventStatement(db: D1Database, e: NewEvent, now: Date): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO decision_events (unit_id, code, kind, data, recorded_at, recorded_by, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .bind(e.unitId, e.code, e.kind, JSON.stringify(e.data), now.toISOString(), e.recordedBy, e.importId ?? null);
}

export async function insertEvent(db: D1Database, e: NewEvent, now = new Date()): Promise<number> {
  const row = await insertEventStatement(db, e, now).first<{ id: number }>();
  if (!row) throw new Error('insert decision event returned nothing');
  return row.id;
}

/** Several events in one D1 batch (one transaction: all stored or none). */
export async function insertEvents(db: D1Database, events: readonly NewEvent[], now = new Date()): Promise<void> {
  if (events.length === 0) return;
  await db.batch(events.map((e) => insertEventStatement(db, e, now)));
}

export async function projectEvents(
  db: D1Database,
  unitId: number,
  code: string,
): Promise<(DecisionEvent & { unitId: number; code: string })[]> {
  const { results } = await db
    .prepare(
      `SELECT id, unit_id, code, kind, data, recorded_at, recorded_by FROM decision_events
       WHERE unit_id = ? AND code = ? ORDER BY id LIMIT ?`,
    )
    .bind(unitId, code, MAX_EVENTS_PER_PROJECT)
    .all<EventRow>();
  return results.map(toEvent);
}

/** Every event of a unit (or of all units when `unitId` is null), in recorded order. */
export async function unitEvents(
  db: D1Database,
  unitId: number | null,
): Promise<(DecisionEvent & { unitId: number; code: string })[]> {
  const { results } = await unitEventsStatement(db, unitId).all<EventRow>();
  return results.map(toEvent);
}

/** The statement behind `unitEvents` (for a batch: its rows go to `approvedOfRows`). */
export function unitEventsStatement(db: D1Database, unitId: number | null): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id, unit_id, code, kind, data, recorded_at, recorded_by FROM decision_events
       WHERE (?1 IS NULL OR unit_id = ?1) ORDER BY unit_id, code, id LIMIT ?2`,
    )
    .bind(unitId, MAX_EVENTS_PER_READ);
}

export interface ArchiveReceiptRow {
  line: number;
  received: number;
  received_on: string | null;
  note: string | null;
  recorded_at: string;
}

/** The current receipt of each line (the latest row per line). */
export async function archiveReceipts(db: D1Database, unitId: number): Promise<ArchiveReceiptRow[]> {
  const { results } = await db
    .prepare(
      `SELECT line, received, received_on, note, recorded_at FROM archive_receipts a
       WHERE unit_id = ?1 AND id = (SELECT MAX(id) FROM archive_receipts b WHERE b.unit_id = ?1 AND b.line = a.line)
       ORDER BY line`,
    )
    .bind(unitId)
    .all<ArchiveReceiptRow>();
  return results;
}

export async function insertArchiveReceipt(
  db: D1Database,
  r: {
    unitId: number;
    line: number;
    received: boolean;
    receivedOn: string | null;
    note: string | null;
    recordedBy: string;
  },
  now = new Date(),
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO archive_receipts (unit_id, line, received, received_on, note, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(r.unitId, r.line, r.received ? 1 : 0, r.receivedOn, r.note, now.toISOString(), r.recordedBy)
    .run();
}

/** The unit's approved categories (code → category, 批复文号): what `category.unapproved` checks against. */
export async function approvedCategories(db: D1Database, unitId: number): Promise<Record<string, ApprovedCategory>> {
  return approvedOfRows((await unitEventsStatement(db, unitId).all()).results);
}

/** `approvedCategories` from the rows of `unitEventsStatement(db, unitId)` (read in a batch). */
export function approvedOfRows(rows: readonly unknown[]): Record<string, ApprovedCategory> {
  const byCode = new Map<string, DecisionEvent[]>();
  for (const e of (rows as EventRow[]).map(toEvent)) {
    const list = byCode.get(e.code);
    if (list) list.push(e);
    else byCode.set(e.code, [e]);
  }
  const approved: Record<string, ApprovedCategory> = {};
  for (const [code, events] of byCode) {
    const a = approvedOf(foldEvents(events));
    if (a) approved[code] = a;
  }
  return approved;
}
