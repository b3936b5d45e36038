/** Project rows of stored submissions: a submission's project references, and the drill-down over a period. */
import type { LedgerRow } from '../../shared/index.js';
import { type ProjectRef, refOf } from '../submission.js';
import { decodeRows, type StoredPart } from './rows.js';
import { LATEST_FIRST, submissionRows } from './submissions.js';

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
