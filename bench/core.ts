/**
 * Core benchmark: parse + validate + classify + aggregate (checkLedger) on synthetic ledgers of
 * 1,000 / 10,000 / 100,000 rows, against a bare loop that reads every cell's value into a printed
 * checksum, in the same run. Targets (issues 2, 15): 10,000 rows ≤ 30 ms; linear growth; ≤ 15× the
 * bare loop.
 * Run: npm run bench:core
 */
import { checkLedger } from '../shared/index.js';
import { type Cells, ledgerGrid, validCells } from '../shared/test/fixtures.js';

const SIZES = [1_000, 10_000, 100_000];
const TARGET_MS_10K = 30;
const TARGET_RATIO = 15;

/** A realistic mix: mostly valid rows, some troubled projects, some clerical errors. */
function syntheticRow(i: number): Cells {
  const base = validCells(i + 1);
  switch (i % 10) {
    case 1:
      return {
        ...base,
        category: '盘活',
        useStatus: '闲置',
        operation: '经营困难',
        causes: '资金短缺、用工短缺',
        measures: '引进业主',
      };
    case 2:
      return {
        ...base,
        category: '提升',
        problems: '亏损',
        causes: '产品价格波动',
        linkage: '不充分',
        linkageShortfall: '未按约定及时足额分配资产收益',
        measures: '拓展销路',
      };
    case 3:
      return {
        ...base,
        category: '重建',
        operation: '终止经营',
        useStatus: '闲置',
        causes: '自然灾害',
        measures: '重新规划',
      };
    case 4:
      return { ...base, investTotal: '125万元', investSpecial: '1,000,000元', investOther: '25' };
    case 5:
      return { ...base, industry: '渔业', contact: '王五', year: 2030 };
    case 6:
      return { ...base, category: null, problems: '停产', causes: null };
    default:
      return base;
  }
}

/**
 * The floor: read every cell's value into a checksum that is printed, so the JIT cannot drop the
 * work (numbers added, every character code of a string added, dates by getTime, booleans as 0/1).
 */
function bareLoop(grid: readonly (readonly unknown[])[]): number {
  let sum = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] as readonly unknown[];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === 'number') sum += cell;
      else if (typeof cell === 'string') {
        for (let i = 0; i < cell.length; i++) sum += cell.charCodeAt(i);
      } else if (typeof cell === 'boolean') sum += cell ? 1 : 0;
      else if (cell instanceof Date) sum += cell.getTime();
    }
    sum %= 1_000_000_007;
  }
  return sum;
}

/**
 * Median ms per call of `a` and of `b`, timed in turn (a, b, a, b…) after a warm-up call of each,
 * so both see the same machine: on a shared machine a neighbour's burst then hits both, and the
 * median leaves out the calls it hit hardest.
 */
function timePair(a: () => unknown, b: () => unknown, repeat: number): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < repeat; i++) {
    let start = performance.now();
    a();
    ta.push(performance.now() - start);
    start = performance.now();
    b();
    tb.push(performance.now() - start);
  }
  return [median(ta), median(tb)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const results: { rows: number; ms: number; bare: number }[] = [];
console.log('rows      checkLedger ms   rows/s        bare loop ms   ratio   issues   checksum');
for (const rows of SIZES) {
  const grid = ledgerGrid(Array.from({ length: rows }, (_, i) => syntheticRow(i)));
  const repeat = rows >= 100_000 ? 5 : rows >= 10_000 ? 21 : 51;
  let issues = 0;
  let checksum = 0;
  const [ms, bare] = timePair(
    () => {
      issues = checkLedger(grid, { now: new Date('2026-11-20T00:00:00Z') }).issues.length;
    },
    () => {
      checksum = (checksum + bareLoop(grid)) % 1_000_000_007;
    },
    repeat,
  );
  results.push({ rows, ms, bare });
  const rate = Math.round(rows / (ms / 1000)).toLocaleString('en');
  const ratio = `${(ms / bare).toFixed(1)}×`;
  console.log(
    [
      String(rows).padEnd(9),
      ms.toFixed(2).padStart(12),
      rate.padStart(11),
      bare.toFixed(3).padStart(12),
      ratio.padStart(6),
      String(issues).padStart(6),
      checksum,
    ].join('   '),
  );
}

const tenK = results.find((r) => r.rows === 10_000);
const first = results[0];
const last = results[results.length - 1];
if (!tenK || !first || !last) throw new Error('missing results');
const growth = last.ms / last.rows / (first.ms / first.rows);
const checks = [
  [`10,000 rows ≤ ${TARGET_MS_10K} ms`, tenK.ms <= TARGET_MS_10K, `${tenK.ms.toFixed(1)} ms`],
  ['linear growth (per-row cost at 100k ≤ 2× at 1k)', growth <= 2, `${growth.toFixed(2)}×`],
  [
    `≤ ${TARGET_RATIO}× the bare loop at 10,000 rows`,
    tenK.ms / tenK.bare <= TARGET_RATIO,
    `${(tenK.ms / tenK.bare).toFixed(1)}×`,
  ],
] as const;
console.log('');
for (const [name, ok, value] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${name}: ${value}`);
