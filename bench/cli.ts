/**
 * CLI benchmark (npm run bench:cli):
 *  1. `aggregate` over 40 generated unit workbooks × 500 rows (target ≤ 5 s), in-process and as a
 *     real process, against a baseline of only opening the same 40 files (ExcelJS parsing);
 *  2. `validate --annotate` on one 10,000-row workbook, against plain `validate` of the same file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { suggestedJobs } from '../cli/aggregate.js';
import { type Io, run } from '../cli/index.js';
import { variedProject } from '../cli/test/projects.js';
import { openWorkbook } from '../cli/workbook.js';
import { writeLayout } from '../cli/workbook-write.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';

const FILES = 40;
const ROWS = 500;
const BIG = 10_000;
const TARGET_MS = 5000;

const quiet: Io = { out: () => {}, err: () => {}, progress: null, env: {} };

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sige-bench-'));
  try {
    const units = join(dir, 'units');
    mkdirSync(units);
    const gen = await time(async () => {
      for (let u = 0; u < FILES; u++) {
        const records = Array.from({ length: ROWS }, (_, i) => variedProject(i, `U${u}`));
        await writeLayout(ledgerTemplate({ unit: `单位${u + 1}`, records }), join(units, `单位${u + 1}.xlsx`));
      }
    });
    console.log(`generated ${FILES} workbooks × ${ROWS} rows in ${fmt(gen.ms)}`);

    const files = Array.from({ length: FILES }, (_, u) => join(units, `单位${u + 1}.xlsx`));
    for (const f of files.slice(0, 3)) await openWorkbook(f); // warm up the JIT before timing
    const baseline = await time(async () => {
      for (const f of files) await openWorkbook(f);
    });
    const inProcess = await time(() => run(['aggregate', units, '--json', '--out', join(dir, 'a1.xlsx')], quiet));
    const jobs = suggestedJobs();
    const pooled = await time(() =>
      run(['aggregate', units, '--json', '--jobs', String(jobs), '--out', join(dir, 'a.xlsx')], quiet),
    );
    if (inProcess.value !== 0 || pooled.value !== 0) throw new Error('aggregate: unexpected exit code');
    const cliPath = new URL('../cli/bin.js', import.meta.url).pathname;
    const proc = await time(async () =>
      spawnSync(process.execPath, [cliPath, 'aggregate', units, '--json', '--out', join(dir, 'b.xlsx')], {
        encoding: 'utf8',
      }),
    );
    if (proc.value.status !== 0) throw new Error(`aggregate process exited ${proc.value.status}: ${proc.value.stderr}`);
    const rows = FILES * ROWS;
    console.log('\naggregate (40 files × 500 rows)');
    console.log(`  baseline: open the 40 files only     ${fmt(baseline.ms)}  (one thread, ExcelJS parsing)`);
    console.log(
      `  aggregate, in-process                ${fmt(inProcess.ms)}  (${Math.round(rows / (inProcess.ms / 1000))} rows/s, ${(inProcess.ms / baseline.ms).toFixed(2)}× baseline)`,
    );
    console.log(
      `  aggregate --jobs ${jobs}, in-process       ${fmt(pooled.ms)}  (${(pooled.ms / baseline.ms).toFixed(2)}× baseline)`,
    );
    console.log(
      `  aggregate as a process (npm bin)     ${fmt(proc.ms)}  target ≤ ${fmt(TARGET_MS)}: ${proc.ms <= TARGET_MS ? 'met' : 'MISSED'}`,
    );

    const big = join(dir, 'big.xlsx');
    const records = Array.from({ length: BIG }, (_, i) => ({
      ...variedProject(i, 'BIG'),
      ...(i % 50 === 7 ? { contact: '无电话' } : {}),
      ...(i % 80 === 11 ? { category: null } : {}),
    }));
    await writeLayout(ledgerTemplate({ unit: '大单位', records }), big);
    const plain = await time(() => run(['validate', big, '--json'], quiet));
    const annotated = await time(() => run(['validate', big, '--annotate', join(dir, 'big-标注.xlsx')], quiet));
    if (plain.value !== 1 || annotated.value !== 1) throw new Error('validate: unexpected exit code');
    console.log(`\nvalidate on one ${BIG.toLocaleString('en')}-row workbook`);
    console.log(`  baseline: validate --json            ${fmt(plain.ms)}`);
    console.log(
      `  validate --annotate                  ${fmt(annotated.ms)}  (${(annotated.ms / plain.ms).toFixed(2)}× baseline)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
