/**
 * `npm run bench:d1-store`: how a submission's project rows are stored in D1, on their own (no HTTP,
 * no validation), for a 2,000-row ledger. Baseline: the previous layout, one table row per project
 * inserted with `json_each(?)` over the rows' JSON (migration 0001, dropped by 0003). Measured: the
 * Worker's layout (worker/db/rows.ts): the rows' JSON gzip-compressed and base64-encoded into one
 * value (or a few parts). Both in one `batch()` (one transaction), times include encoding.
 * Local D1 through wrangler's platform proxy, fresh temporary state.
 * Options: --rows N (default 2000) --rounds N (default 15)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { applyMigrations, ensureAssetsDir, ROOT } from '../scripts/wrangler.js';
import { checkRecords, type LedgerRow } from '../shared/index.js';
import { option } from './options.js';

type Statement = unknown;
interface Db {
  prepare(sql: string): { bind(...values: unknown[]): Statement; run(): Promise<unknown> };
  batch(statements: Statement[]): Promise<unknown>;
}
interface RowsModule {
  rowsStatements(db: Db, submissionId: string, rows: readonly LedgerRow[]): Statement[];
  encodeRows(rows: readonly LedgerRow[]): { data: string }[];
}
// Loaded by path: the module is typed for Workers (worker/tsconfig.json), this script runs in Node.
const ROWS_MODULE = join(ROOT, 'worker', 'db', 'rows.ts');

/** The layout before migration 0003, recreated here as the baseline. */
const PER_ROW_TABLE = `CREATE TABLE bench_per_row (submission_id TEXT NOT NULL, idx INTEGER NOT NULL, code TEXT NOT NULL,
  category TEXT, data TEXT NOT NULL, PRIMARY KEY (submission_id, idx)) WITHOUT ROWID`;
const PER_ROW_INSERT = `INSERT INTO bench_per_row (submission_id, idx, code, category, data)
  SELECT ?1, j.key, j.value ->> '$.code', j.value ->> '$.category', j.value FROM json_each(?2) AS j`;

const ROWS = option('rows', 2000);
const ROUNDS = option('rounds', 15);
const LAYOUTS = ['per-row', 'gzip'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-d1-'));
  ensureAssetsDir();
  applyMigrations({ persistTo: dir });
  const { rowsStatements, encodeRows } = (await import(ROWS_MODULE)) as RowsModule;
  const proxy = await getPlatformProxy<{ DB: Db }>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(dir, 'v3') },
  });
  try {
    const db = proxy.env.DB;
    await db.prepare(PER_ROW_TABLE).run();
    await db.prepare("INSERT INTO units (id, name, type, created_at) VALUES (1, '保家镇', '乡镇', '2026-11-19')").run();
    const s = demoSubmission('保家镇', { period: '2026-W47', rows: ROWS });
    const rows = checkRecords(s.rows, { mode: 'submission', meta: s.meta }).rows;
    const times: Record<string, number[]> = { 'per-row': [], gzip: [] };
    let n = 0;
    for (let round = 0; round < ROUNDS + 2; round++) {
      // Alternate the order each round so neither layout always runs on a warmer database.
      for (const layout of round % 2 === 0 ? LAYOUTS : [...LAYOUTS].reverse()) {
        const id = `s${n++}`;
        const t0 = performance.now();
        const head = db
          .prepare(
            `INSERT INTO submissions (id, unit_id, period, received_at, idempotency_key, content_hash, row_count,
             warning_count, warnings, meta, stats) VALUES (?, 1, '2026-W47', '2026-11-19T07:00:00Z', ?, 'x', ?, 0, '[]', '{}', '{}')`,
          )
          .bind(id, id, rows.length);
        const inserts =
          layout === 'gzip'
            ? rowsStatements(db, id, rows)
            : [db.prepare(PER_ROW_INSERT).bind(id, JSON.stringify(rows))];
        await db.batch([head, ...inserts]);
        if (round >= 2) times[layout]?.push(performance.now() - t0); // two warm-up rounds
      }
    }
    const jsonBytes = Buffer.byteLength(JSON.stringify(rows));
    const storedBytes: Record<string, number> = {
      'per-row': jsonBytes,
      gzip: encodeRows(rows).reduce((sum, p) => sum + p.data.length, 0),
    };
    console.log(
      `bench:d1-store — 每份台账 ${ROWS} 行，各 ${ROUNDS} 轮（本地 D1，wrangler platform proxy；含编码时间）`,
    );
    for (const layout of LAYOUTS) {
      const xs = times[layout] ?? [];
      console.log(
        `${layout.padEnd(8)} 中位数 ${median(xs).toFixed(1).padStart(7)} ms  最快 ${Math.min(...xs)
          .toFixed(1)
          .padStart(7)} ms  存储 ${((storedBytes[layout] ?? 0) / 1024).toFixed(0).padStart(6)} KB`,
      );
    }
    const ratio = median(times.gzip ?? []) / median(times['per-row'] ?? []);
    console.log(`gzip / 逐行 = ${ratio.toFixed(2)}×（< 1 表示压缩存储更快）`);
  } finally {
    await proxy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
