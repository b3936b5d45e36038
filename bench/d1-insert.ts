/**
 * `npm run bench:d1-insert`: the two ways worker/db/rows.ts can insert a submission's project rows
 * into D1, on their own (no HTTP, no validation): multi-row `VALUES` statements of ≤ 100 bound
 * parameters (baseline) against JSON array parameters expanded by `json_each(?)`. Both go into one
 * `batch()` (one transaction). Local D1 through wrangler's platform proxy, fresh temporary state.
 * Options: --rows N (default 2000) --rounds N (default 15)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { applyMigrations, ensureAssetsDir, ROOT } from '../scripts/wrangler.js';
import { checkRecords, type LedgerRow } from '../shared/index.js';

type Statement = unknown;
interface Db {
  prepare(sql: string): { bind(...values: unknown[]): Statement; run(): Promise<unknown> };
  batch(statements: Statement[]): Promise<unknown>;
}
interface RowsModule {
  rowInsertStatements(db: Db, submissionId: string, rows: readonly LedgerRow[], strategy: string): Statement[];
}
// Loaded by path: the module is typed for Workers (worker/tsconfig.json), this script runs in Node.
const ROWS_MODULE = join(ROOT, 'worker', 'db', 'rows.ts');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

const ROWS = option('rows', 2000);
const ROUNDS = option('rounds', 15);
const STRATEGIES = ['values', 'json'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-d1-'));
  ensureAssetsDir();
  applyMigrations({ persistTo: dir });
  const { rowInsertStatements } = (await import(ROWS_MODULE)) as RowsModule;
  const proxy = await getPlatformProxy<{ DB: Db }>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(dir, 'v3') },
  });
  try {
    const db = proxy.env.DB;
    await db.prepare("INSERT INTO units (id, name, type, created_at) VALUES (1, '保家镇', '乡镇', '2026-11-19')").run();
    const s = demoSubmission('保家镇', { period: '2026-W47', rows: ROWS });
    const rows = checkRecords(s.rows, { mode: 'submission', meta: s.meta }).rows;
    const times: Record<string, number[]> = { values: [], json: [] };
    const statements: Record<string, number> = {};
    let n = 0;
    for (let round = 0; round < ROUNDS + 2; round++) {
      // Alternate the order each round so neither strategy always runs on a warmer database.
      for (const strategy of round % 2 === 0 ? STRATEGIES : [...STRATEGIES].reverse()) {
        const id = `s${n++}`;
        const head = db
          .prepare(
            `INSERT INTO submissions (id, unit_id, period, received_at, idempotency_key, content_hash, row_count,
             warning_count, warnings, meta, stats) VALUES (?, 1, '2026-W47', '2026-11-19T07:00:00Z', ?, 'x', ?, 0, '[]', '{}', '{}')`,
          )
          .bind(id, id, rows.length);
        const inserts = rowInsertStatements(db, id, rows, strategy);
        statements[strategy] = inserts.length;
        const t0 = performance.now();
        await db.batch([head, ...inserts]);
        if (round >= 2) times[strategy]?.push(performance.now() - t0); // two warm-up rounds
      }
    }
    console.log(`bench:d1-insert — 每次 ${ROWS} 行，各 ${ROUNDS} 轮（本地 D1，wrangler platform proxy）`);
    for (const strategy of STRATEGIES) {
      const xs = times[strategy] ?? [];
      console.log(
        `${strategy.padEnd(7)} 语句数 ${String(statements[strategy]).padStart(4)}  中位数 ${median(xs).toFixed(1).padStart(7)} ms  最快 ${Math.min(
          ...xs,
        )
          .toFixed(1)
          .padStart(7)} ms`,
      );
    }
    const ratio = median(times.json ?? []) / median(times.values ?? []);
    console.log(`json_each / VALUES = ${ratio.toFixed(2)}×（< 1 表示 json_each 更快）`);
  } finally {
    await proxy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
