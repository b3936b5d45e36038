/**
 * `npm run bench:hostile` (issue 10): what hostile or unlucky input costs, each against a baseline
 * measured in the same run.
 *
 * 1. Worker (`wrangler dev`, fresh local D1): dry runs of 1,000 / 2,000 / 4,000 rows that all share
 *    one 项目编号 (baseline: the same ledgers with distinct codes), 20,000 blank rows — response
 *    bytes and time, to show them bounded and linear; a clean 20,000-row ledger with every amount
 *    written in 元 (140,000 warnings) submitted for real; and how long a retry waits before it may
 *    take over the claim of a request that died (a pending claim inserted as a dead request leaves it).
 * 2. CLI: peak memory (RSS) and time of `validate` on a zip bomb (a 1 GB entry), a 1,048,576-row
 *    sheet and an entry whose directory understates its size (baseline: a normal 2,000-row ledger).
 *    Each run is stopped past --cap-mb (default 3,000) or --cap-s (default 120) seconds.
 *
 * 3. Over-limit request bodies over real HTTP, with and without Content-Length: 413 or a reset.
 *
 * Options: --part 413|worker|cli (default all), --cap-mb N, --cap-s N.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeTallXlsx } from '../cli/test/zip.js';
import { writeLayout } from '../cli/workbook-write.js';
import { addUnitSql, issueTokenSql } from '../scripts/admin-sql.js';
import { amountsInYuan, demoSubmission } from '../scripts/demo-ledger.js';
import { applyMigrations, executeSql, freePort, ROOT, startDev, stopDev, waitForServer } from '../scripts/wrangler.js';
import type { Submission } from '../shared/contract.js';
import { weekOf } from '../shared/index.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { newToken } from '../worker/tokens.js';
import { option } from './options.js';

const partAt = process.argv.indexOf('--part');
const PART = partAt >= 0 ? process.argv[partAt + 1] : undefined;
const CAP_MB = option('cap-mb', 3000);
const CAP_S = option('cap-s', 120);
const PERIOD = '2026-W40';

const kb = (n: number) => `${(n / 1024).toFixed(0).padStart(9)} KB`;
const ms = (n: number) => `${n.toFixed(0).padStart(7)} ms`;

interface Posted {
  status: number | string;
  bytes: number;
  ms: number;
}

/** A gzipped POST; a dropped connection is a result too (status “断开”), not the end of the bench. */
async function post(base: string, token: string, s: Submission, query = '', key = randomUUID()): Promise<Posted> {
  const started = performance.now();
  try {
    return await send(base, token, s, query, key, started);
  } catch (error) {
    return {
      status: `断开（${(error as Error).cause ?? (error as Error).message}）`,
      bytes: Number.NaN,
      ms: performance.now() - started,
    };
  }
}

async function send(base: string, token: string, s: Submission, query: string, key: string, started: number) {
  const res = await fetch(`${base}/api/v1/submissions${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'idempotency-key': key,
    },
    body: gzipSync(JSON.stringify(s)),
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  return { status: res.status, bytes, ms: performance.now() - started };
}

function duplicates(unit: string, rows: number, same: boolean): Submission {
  const s = demoSubmission(unit, { period: PERIOD, rows });
  if (same) for (const r of s.rows) r.cells.code = 'PS-DUP-0001';
  return s;
}

async function workerPart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-hostile-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  applyMigrations({ persistTo: dir });
  const units = ['甲镇', '乙镇', '丙镇', '丁镇'];
  const tokens: string[] = [];
  const statements: string[] = [];
  const now = new Date();
  for (const name of units) {
    const t = await newToken();
    statements.push(addUnitSql(name, '乡镇', now), issueTokenSql(t, name, 'bench', now));
    tokens.push(t.token);
  }
  executeSql(statements.join('\n'), { persistTo: dir });
  const dev = startDev({ port, persistTo: dir, vars: { REQUEST_LOG: 'off' } });
  try {
    await waitForServer(`${base}/api/v1/me`, 90_000);
    const token = tokens[0] ?? '';
    await post(base, token, duplicates('甲镇', 50, false), '?dryRun=1'); // warm-up, not measured

    console.log('\n[1] 试报送（dryRun，gzip）：项目编号全部相同 vs 各不相同（基线）');
    console.log('   行数     相同编号：HTTP  应答大小      服务器时间   |  基线：HTTP  应答大小      时间');
    for (const n of [1000, 2000, 4000]) {
      const dup = await post(base, token, duplicates('甲镇', n, true), '?dryRun=1');
      const ok = await post(base, token, duplicates('甲镇', n, false), '?dryRun=1');
      console.log(
        `  ${String(n).padStart(5)}            ${dup.status} ${kb(dup.bytes)} ${ms(dup.ms)}   |        ${ok.status} ${kb(ok.bytes)} ${ms(ok.ms)}`,
      );
    }
    const blank = demoSubmission('甲镇', { period: PERIOD, rows: 1 });
    blank.rows = Array.from({ length: 20000 }, (_, i) => ({ row: i + 5, cells: {} }));
    const b = await post(base, token, blank, '?dryRun=1');
    console.log(`  20,000 空白行：HTTP ${b.status}，应答 ${kb(b.bytes).trim()}，${ms(b.ms).trim()}`);

    console.log(
      '\n[2] 正式报送：20,000 行、无错误、每个金额都写成“元”（140,000 条提示） vs 同样 20,000 行写万元（基线）',
    );
    const warned = amountsInYuan(demoSubmission('乙镇', { period: PERIOD, rows: 20000 }));
    const w = await post(base, tokens[1] ?? '', warned);
    const plain = await post(base, tokens[2] ?? '', demoSubmission('丙镇', { period: PERIOD, rows: 20000 }));
    console.log(`  写“元”：HTTP ${w.status}，${ms(w.ms).trim()}，应答 ${kb(w.bytes).trim()}`);
    console.log(`  基线  ：HTTP ${plain.status}，${ms(plain.ms).trim()}，应答 ${kb(plain.bytes).trim()}`);

    console.log('\n[3] 请求中途死掉后（留下 pending 的幂等键），同键同内容的重试多久后能完成');
    const period = weekOf(new Date());
    const body = demoSubmission('丁镇', { period, rows: 20 });
    const json = JSON.stringify(body);
    const hash = createHash('sha256').update(json).digest('hex');
    const key = randomUUID();
    const columns = executeSql('PRAGMA table_info(idempotency_keys);', { persistTo: dir })
      .flat()
      .map((c) => String((c as { name?: unknown }).name));
    const died = new Date().toISOString();
    const leased = columns.includes('lease_until');
    executeSql(
      leased
        ? `INSERT INTO idempotency_keys (unit_id, key, content_hash, state, created_at, lease_until, owner)
           SELECT id, '${key}', '${hash}', 'pending', '${died}', '${new Date(Date.now() + 10_000).toISOString()}', 'died' FROM units WHERE name = '丁镇';`
        : `INSERT INTO idempotency_keys (unit_id, key, content_hash, state, created_at)
           SELECT id, '${key}', '${hash}', 'pending', '${died}' FROM units WHERE name = '丁镇';`,
      { persistTo: dir },
    );
    const t0 = Date.parse(died);
    let took = Number.NaN;
    let refusals = 0;
    while (Date.now() - t0 < 180_000) {
      // An idle keep-alive connection the server has closed fails before reaching it: try again.
      const r = await post(base, tokens[3] ?? '', body, '', key);
      if (r.status === 201 || r.status === 200) {
        took = Date.now() - t0;
        break;
      }
      refusals++;
      await new Promise((res) => setTimeout(res, 500));
    }
    console.log(
      `  ${leased ? '租约（lease_until）' : '无租约（120 s 过期）'}：${(took / 1000).toFixed(1)} s 后重试成功（此前 ${refusals} 次 409）`,
    );
  } finally {
    await stopDev(dev);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Peak RSS (VmHWM of the process and its children) and time of a command; stopped past the caps. */
function measure(
  args: string[],
): Promise<{ code: number | null; peakMb: number; seconds: number; cpu: number; stopped: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let cpu = 0;
    let stopped = '';
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
        peak = Math.max(peak, hwm);
        // utime + stime (fields 14 and 15, in 1/100 s): CPU time, which a busy machine does not inflate.
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        cpu = (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        // exited
      }
      const seconds = (performance.now() - started) / 1000;
      if (!stopped && (peak > CAP_MB || seconds > CAP_S)) {
        stopped = peak > CAP_MB ? `超过 ${CAP_MB} MB 时停止` : `超过 ${CAP_S} s 时停止`;
        child.kill('SIGKILL');
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, peakMb: peak, seconds: (performance.now() - started) / 1000, cpu, stopped });
    });
  });
}

async function cliPart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-hostile-cli-'));
  try {
    const normal = join(dir, '正常-2000行.xlsx');
    const records = demoSubmission('保家镇', { period: PERIOD, rows: 2000 }).rows.map((r) => r.cells);
    await writeLayout(ledgerTemplate({ unit: '保家镇', updatedAt: '2026-11-18', records }), normal);
    const bomb = join(dir, 'bomb-1GB.xlsx');
    await writeTallXlsx(bomb, 10, [{ name: 'xl/media/image1.png', zeros: 1024 * 1024 * 1024 }]);
    const tall = join(dir, 'rows-1048576.xlsx');
    await writeTallXlsx(tall, 1_048_576);
    const liar = join(dir, 'liar-512MB.xlsx');
    await writeTallXlsx(liar, 10, [{ name: 'xl/media/image1.png', zeros: 512 * 1024 * 1024, declaredSize: 1000 }]);
    console.log(`\n[4] cli validate：峰值内存（RSS）与时间（上限 ${CAP_MB} MB / ${CAP_S} s）`);
    console.log('  文件                          文件大小     退出码   峰值 RSS     时间    CPU 时间');
    // Bundle first so the build is not timed.
    await measure([join(ROOT, 'cli/bin.js'), '--help']);
    for (const [label, file] of [
      ['基线：正常台账 2,000 行', normal],
      ['zip 炸弹（1 GB 条目）', bomb],
      ['1,048,576 行工作表', tall],
      ['目录谎报大小（512 MB）', liar],
    ] as const) {
      const r = await measure([join(ROOT, 'cli/bin.js'), 'validate', file]);
      console.log(
        `  ${label.padEnd(24)} ${kb(statSync(file).size)}   ${String(r.code ?? 'kill').padStart(4)}   ${r.peakMb.toFixed(0).padStart(6)} MB ${r.seconds.toFixed(1).padStart(7)} s ${r.cpu.toFixed(1).padStart(7)} s ${r.stopped}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Over-limit bodies over real HTTP, with and without Content-Length (baseline: one at the limit). */
async function limitPart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sgyp-hostile-413-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  applyMigrations({ persistTo: dir });
  const t = await newToken();
  executeSql([addUnitSql('甲镇', '乡镇', new Date()), issueTokenSql(t, '甲镇', 'bench', new Date())].join('\n'), {
    persistTo: dir,
  });
  const dev = startDev({ port, persistTo: dir, vars: { REQUEST_LOG: 'off' } });
  const limit = 5 * 1024 * 1024;
  const chunked = (bytes: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < bytes; sent += 64 * 1024)
          controller.enqueue(new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(0x20));
        controller.close();
      },
    });
  try {
    await waitForServer(`${base}/api/v1/me`, 90_000);
    console.log('\n[5] 超限请求体（真实 HTTP）：有 / 没有 Content-Length');
    for (const [label, body] of [
      ['基线：正好 5 MB，Content-Length', () => new Uint8Array(limit).fill(0x20)],
      ['6 MB，Content-Length', () => new Uint8Array(limit + 1024 * 1024).fill(0x20)],
      ['6 MB，分块（无 Content-Length）', () => chunked(limit + 1024 * 1024)],
      ['64 MB，分块（无 Content-Length）', () => chunked(64 * 1024 * 1024)],
    ] as const) {
      const results: string[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        try {
          const res = await fetch(`${base}/api/v1/submissions`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${t.token}`,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: body(),
            duplex: 'half', // a streamed request body needs it (Node's fetch)
          } as RequestInit);
          await res.arrayBuffer();
          results.push(`${res.status}/${(performance.now() - started).toFixed(0)}ms`);
        } catch (error) {
          results.push(`断开（${String((error as Error).cause ?? (error as Error).message).slice(0, 40)}）`);
        }
      }
      console.log(`  ${label.padEnd(28)} ${results.join('  ')}`);
    }
  } finally {
    await stopDev(dev);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log('bench:hostile — 恶意或异常输入的代价（同一次运行中与基线比较）');
  if (PART === undefined || PART === '413') await limitPart().catch((e: unknown) => console.error('413 部分中止：', e));
  if (PART === '413') return;
  if (PART !== 'cli') await workerPart().catch((e: unknown) => console.error('worker 部分中止：', e));
  if (PART !== 'worker') await cliPart();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
