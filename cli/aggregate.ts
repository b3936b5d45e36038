/**
 * aggregate: many unit workbooks → the county 分类统计表 (附件4). Each file is read on its own;
 * a file that cannot be read is reported and skipped, the others still count.
 *
 * Ledgers that still have errors are counted (the clerk sees the figures while fixing them) and
 * named in the 说明 line as counted-but-unverified; `--strict` leaves them out and names them as
 * left out. Either way they are never counted silently.
 */
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  type ErroneousLedger,
  mergeStats,
  RATE_KEYS,
  RATE_LABELS,
  type StatsNotes,
  type StatsRow,
  statsNotes,
  unclassifiedOf,
} from '../shared/index.js';
import { type AggregateFileJson, type AggregateJson, statsJson } from './json.js';
import { validateFile } from './validate.js';

/** A file's line in the JSON, plus its 统计表 row (null when it could not be read). */
export interface FileResult extends AggregateFileJson {
  summary: StatsRow | null;
  /** The ledger's 更新时间 (YYYY-MM-DD), for the --period check; not part of the JSON line. */
  updatedAt?: string | null;
}

export interface Aggregate {
  files: FileResult[];
  /** One row per unit, in the order units first appear; rows of one unit from several files are merged. */
  units: StatsRow[];
  total: StatsRow;
  /** The 说明 line: unclassified projects, ledgers with errors (named). */
  notes: StatsNotes;
}

const isWorkbook = (name: string) =>
  extname(name).toLowerCase() === '.xlsx' && !name.startsWith('~$') && !name.startsWith('.');

/** Files and folders → workbook paths (folders: their .xlsx files, recursively, sorted by name). */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch {
      out.push(input); // reported as unreadable by the reader
      continue;
    }
    if (!isDir) {
      out.push(input);
      continue;
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    const found = entries
      .filter((e) => e.isFile() && isWorkbook(e.name))
      .map((e) => join(e.parentPath, e.name))
      .sort((a, b) => a.localeCompare(b, 'zh-CN'));
    out.push(...found);
  }
  return [...new Set(out)];
}

export interface AggregateOptions {
  strict?: boolean;
  /** Worker threads reading files in parallel; 1 (the default) = read in this thread. */
  jobs?: number;
  /** Called after each file (progress bar). */
  onFile?: (done: number, total: number, file: string) => void;
}

/**
 * Each worker pays about a second to load ExcelJS and warm up, so workers are opt-in (--jobs):
 * measured on 2 CPUs, 40 files × 500 rows took longer with 2 workers than in one thread
 * (bench/cli.ts prints both). Worth it for hundreds of files on a machine with more cores.
 */
export const DEFAULT_JOBS = 1;

/** A sensible --jobs for many files: one worker per CPU, at most 4. */
export function suggestedJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export async function aggregateFiles(files: readonly string[], options: AggregateOptions = {}): Promise<Aggregate> {
  const jobs = Math.max(1, Math.min(options.jobs ?? DEFAULT_JOBS, files.length));
  const results = jobs > 1 ? await readInWorkers(files, jobs, options) : await readInThread(files, options);
  const byUnit = new Map<string, StatsRow[]>();
  for (const r of results) {
    if (!r.included || !r.summary) continue;
    const list = byUnit.get(r.summary.unit) ?? [];
    list.push(r.summary);
    byUnit.set(r.summary.unit, list);
  }
  const units = [...byUnit].map(([unit, rows]) => (rows.length === 1 ? (rows[0] as StatsRow) : mergeStats(rows, unit)));
  const total = mergeStats(units);
  const erroneous: ErroneousLedger[] = results.flatMap((r) =>
    r.errors > 0 && r.summary ? [{ unit: r.summary.unit, errors: r.errors, included: r.included }] : [],
  );
  return { files: results, units, total, notes: statsNotes({ rows: units, total, erroneous }) };
}

async function readInThread(files: readonly string[], options: AggregateOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const [index, file] of files.entries()) {
    results.push(await readLedgerFile(file, { strict: options.strict === true }));
    options.onFile?.(index + 1, files.length, file);
  }
  return results;
}

/** A small pool: each worker takes the next file as soon as it is done; results keep file order. */
/**
 * The built CLI starts its bundled worker (cli/dist/aggregate-worker.js); tests that run the sources
 * start the TypeScript one through tsx (a devDependency, so only where the sources are).
 */
function startWorker(workerData: { strict: boolean }): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./aggregate-worker.js', import.meta.url), { workerData });
  const entry = JSON.stringify(new URL('./aggregate-worker.ts', import.meta.url).href);
  const load = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })`;
  return new Worker(load, { eval: true, workerData });
}

function readInWorkers(files: readonly string[], jobs: number, options: AggregateOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<FileResult[]>((resolve, reject) => {
    const finish = (error?: unknown) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const feed = (worker: Worker) => {
      if (next < files.length) {
        const index = next++;
        worker.postMessage({ index, file: files[index] });
      }
    };
    for (let j = 0; j < jobs; j++) {
      const worker = startWorker({ strict: options.strict === true });
      workers.push(worker);
      worker.on('message', (message: { ready?: true; index?: number; result?: FileResult }) => {
        if (message.index !== undefined && message.result) {
          results[message.index] = message.result;
          done++;
          options.onFile?.(done, files.length, files[message.index] as string);
          if (done === files.length) return finish();
        }
        feed(worker);
      });
      worker.on('error', (error) => finish(error));
    }
  });
}

/** One ledger file → its 统计表 row and issue counts; an unreadable file becomes a problem, never a throw. */
export async function readLedgerFile(file: string, options: { strict?: boolean }): Promise<FileResult> {
  try {
    const v = await validateFile(file, { mode: 'editing' });
    const { errors, warnings, summary } = v.report;
    const excluded = errors > 0 && options.strict === true;
    return {
      file,
      unit: summary.unit,
      errors,
      warnings,
      unclassified: unclassifiedOf(summary),
      included: !excluded,
      problem:
        errors === 0
          ? null
          : excluded
            ? `有 ${errors} 个错误，按 --strict 未计入统计表`
            : `有 ${errors} 个错误，已计入统计表，请核实`,
      summary,
      updatedAt: v.report.meta.updatedAt,
    };
  } catch (error) {
    return {
      file,
      unit: null,
      errors: 0,
      warnings: 0,
      unclassified: 0,
      included: false,
      problem: error instanceof Error ? error.message : String(error),
      summary: null,
    };
  }
}

export function aggregateJson(a: Aggregate): AggregateJson {
  const files: AggregateFileJson[] = a.files.map(({ summary: _summary, updatedAt: _updatedAt, ...file }) => file);
  const { text, unclassified, erroneous } = a.notes;
  return {
    units: a.units.map(statsJson),
    total: statsJson(a.total),
    files,
    notes: { text, unclassified, erroneous: erroneous.map((e) => ({ ...e })) },
  };
}

/** 统计表 rows as a tab-separated table for the terminal (also used by `summary`). */
export function formatStatsTable(units: readonly StatsRow[], total: StatsRow): string[] {
  const lines = [
    ['地区', '项目数', '投资（万元）', '巩固', '提升', '盘活', '重建', ...RATE_KEYS.map((k) => RATE_LABELS[k])].join(
      '\t',
    ),
  ];
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  for (const u of [...units, total]) {
    lines.push(
      [
        u.unit,
        u.projects,
        u.investment.toFixed(2),
        u.categories.巩固,
        u.categories.提升,
        u.categories.盘活,
        u.categories.重建,
        pct(u.rates.idle),
        pct(u.rates.difficult),
        pct(u.rates.linkage),
      ].join('\t'),
    );
  }
  return lines;
}

/** A short readable table for the terminal, its 说明 line, then the files that need attention. */
export function formatAggregate(a: Aggregate): string {
  const lines = formatStatsTable(a.units, a.total);
  lines.push(`说明：${a.notes.text}`);
  const problems = a.files.filter((f) => f.problem !== null);
  lines.push('');
  lines.push(
    `共读取 ${a.files.length} 个文件，计入 ${a.files.filter((f) => f.included).length} 个，单位 ${a.units.length} 个。`,
  );
  if (problems.length > 0) {
    lines.push('需要注意的文件：');
    for (const f of problems) lines.push(`  ${f.file}${f.unit ? `（${f.unit}）` : ''}：${f.problem}`);
  }
  return lines.join('\n');
}
