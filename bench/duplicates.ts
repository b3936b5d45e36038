/**
 * Hostile input for the engine (issue 10, item 2): N rows sharing one 项目编号. Prints the issue
 * count, the bytes of all code.duplicate messages and the time of checkRecords for 1k/2k/4k rows;
 * bytes must grow linearly with the rows (before the fix every message listed every row: N²).
 * Run: npx tsx bench/duplicates.ts
 */
import { checkRecords } from '../shared/index.js';
import { record, validCells } from '../shared/test/fixtures.js';

const META = { unit: '保家镇', reviewer: null, filler: null, updatedAt: '2026-11-19' };
const encoder = new TextEncoder();

console.log('rows   issues   message bytes   bytes/row   ms');
for (const n of [1000, 2000, 4000]) {
  const records = Array.from({ length: n }, (_, i) => record(5 + i, { ...validCells(i + 1), code: 'DUP-1' }));
  const start = performance.now();
  const { issues } = checkRecords(records, { meta: META });
  const ms = performance.now() - start;
  const bytes = issues
    .filter((i) => i.ruleId === 'code.duplicate')
    .reduce((sum, i) => sum + encoder.encode(i.message).length, 0);
  console.log(
    `${String(n).padEnd(6)} ${String(issues.length).padEnd(8)} ${String(bytes).padEnd(15)} ${(bytes / n).toFixed(0).padEnd(11)} ${ms.toFixed(0)}`,
  );
}
