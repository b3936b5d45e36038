/**
 * Statements that insert a submission's project rows within D1's limits (100 bound parameters per
 * statement, 2 MB per string value). Two strategies, measured by bench/d1-insert.ts:
 * - `json`: the rows as JSON array parameters (≤ ~900 KB each) expanded by `json_each(?)`;
 * - `values`: multi-row `VALUES` statements of at most 100 parameters each.
 * Either list of statements goes into one `batch()` with the submission, so it is one transaction.
 */
import { isIdle, type LedgerRow } from '../../shared/index.js';

export type RowStrategy = 'json' | 'values';

const COLUMNS = '(submission_id, idx, code, category, idle, difficult, data)';
const PARAMS_PER_ROW = 7;
const MAX_PARAMS = 100;
/** Upper bound for one JSON parameter (D1 allows 2,000,000 bytes per string). */
export const MAX_JSON_CHUNK_BYTES = 900_000;

type RowTuple = [idx: number, code: string, category: string | null, idle: 0 | 1, difficult: 0 | 1, data: LedgerRow];

function tuples(rows: readonly LedgerRow[]): RowTuple[] {
  return rows.map((r, idx) => [idx, r.code, r.category, isIdle(r) ? 1 : 0, r.operation === '经营困难' ? 1 : 0, r]);
}

const encoder = new TextEncoder();

function jsonStatements(db: D1Database, submissionId: string, rows: readonly LedgerRow[]): D1PreparedStatement[] {
  const insert = db.prepare(
    `INSERT INTO submission_rows ${COLUMNS}
     SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value -> 5
     FROM json_each(?2) AS j`,
  );
  const statements: D1PreparedStatement[] = [];
  let chunk: string[] = [];
  let bytes = 2;
  const flush = () => {
    if (chunk.length > 0) statements.push(insert.bind(submissionId, `[${chunk.join(',')}]`));
    chunk = [];
    bytes = 2;
  };
  for (const t of tuples(rows)) {
    const item = JSON.stringify(t);
    const size = encoder.encode(item).length + 1;
    if (bytes + size > MAX_JSON_CHUNK_BYTES) flush();
    chunk.push(item);
    bytes += size;
  }
  flush();
  return statements;
}

function valuesStatements(db: D1Database, submissionId: string, rows: readonly LedgerRow[]): D1PreparedStatement[] {
  const perStatement = Math.floor(MAX_PARAMS / PARAMS_PER_ROW);
  const all = tuples(rows);
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < all.length; i += perStatement) {
    const part = all.slice(i, i + perStatement);
    const placeholders = part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
    const params = part.flatMap(([idx, code, category, idle, difficult, data]) => [
      submissionId,
      idx,
      code,
      category,
      idle,
      difficult,
      JSON.stringify(data),
    ]);
    statements.push(db.prepare(`INSERT INTO submission_rows ${COLUMNS} VALUES ${placeholders}`).bind(...params));
  }
  return statements;
}

export function rowInsertStatements(
  db: D1Database,
  submissionId: string,
  rows: readonly LedgerRow[],
  strategy: RowStrategy = 'json',
): D1PreparedStatement[] {
  return strategy === 'json' ? jsonStatements(db, submissionId, rows) : valuesStatements(db, submissionId, rows);
}
