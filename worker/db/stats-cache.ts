/**
 * 统计表 rows by submission id. A submission never changes, so neither does its row: each isolate
 * keeps the rows it has stored or read (up to STATS_CACHE_SIZE, the oldest dropped first), and the
 * county summary reads from D1 only those of submissions this isolate has not seen. Cached rows are
 * frozen: they are shared between requests.
 */
import type { StatsRow } from '../../shared/index.js';

/** Rows kept per isolate. */
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
