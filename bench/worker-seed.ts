/**
 * The database bench/worker.ts starts from: units with tokens, and (issue 12) trend units with one
 * submission per week before the bench week, their 统计表 rows as the Worker stores them.
 */
import { addUnitSql, issueTokenSql } from '../scripts/admin-sql.js';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { executeSql } from '../scripts/wrangler.js';
import { checkRecords, nextPeriod } from '../shared/index.js';
import { newToken } from '../worker/tokens.js';

export const PERIOD = '2026-W47';

/** The `periods` weeks before PERIOD, oldest first. */
export function trendWeeks(periods: number): string[] {
  const weeks: string[] = [];
  for (let p: string | null = '2024-W01'; p !== null && p < PERIOD; p = nextPeriod(p)) weeks.push(p);
  return weeks.slice(-periods);
}

/** SQL for `units` trend units and one submission each per week (统计表 row only; the trend reads no project rows). */
export function trendSeedSql(now: Date, units: number, periods: number): string {
  const q = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const lines: string[] = [];
  for (let u = 0; u < units; u++) {
    const name = `趋势单位${String(u + 1).padStart(2, '0')}`;
    lines.push(addUnitSql(name, '乡镇', now));
    const stats = [0, 1, 2, 3].map((seed) => {
      const l = demoSubmission(name, { period: PERIOD, rows: 20, seed });
      return JSON.stringify(checkRecords(l.rows, { mode: 'submission', meta: l.meta, unit: name }).summary);
    });
    for (const [i, week] of trendWeeks(periods).entries()) {
      const id = `trend-${u}-${week}`;
      lines.push(
        `INSERT INTO submissions (id, unit_id, period, received_at, idempotency_key, content_hash, row_count, warning_count, warnings, meta, stats)
SELECT ${q(id)}, id, ${q(week)}, ${q(now.toISOString())}, ${q(id)}, ${q('0'.repeat(64))}, 20, 0, '[]', '{}', ${q(stats[i % 4] ?? '')} FROM units WHERE name = ${q(name)};`,
      );
    }
  }
  return lines.join('\n');
}

/** One unit token per name and one county token, written to the database in `persistTo`. */
export async function seed(persistTo: string, names: string[]): Promise<{ county: string; tokens: string[] }> {
  const now = new Date();
  const statements: string[] = [];
  const tokens: string[] = [];
  for (const name of names) {
    const t = await newToken();
    statements.push(addUnitSql(name, '乡镇', now), issueTokenSql(t, name, 'bench', now));
    tokens.push(t.token);
  }
  const county = await newToken();
  statements.push(issueTokenSql(county, null, 'bench', now));
  executeSql(statements.join('\n'), { persistTo });
  return { county: county.token, tokens };
}
