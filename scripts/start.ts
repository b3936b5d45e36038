/**
 * `npm start`: the whole county service on this machine, never reaching out.
 * 1. builds the add-in (`npm run build:addin`, when that script exists) into addin/dist;
 * 2. applies the D1 migrations to the local database (.wrangler/state);
 * 3. on an empty database seeds the demo county (彭水 units, one token each + a county token) and
 *    prints the tokens once, with ready-made curl / CLI examples;
 * 4. runs `wrangler dev` on 127.0.0.1:8787 and, on a fresh seed, submits demo ledgers for some units
 *    for the current week so the status board and the 统计表 have something to show.
 * Options: --port N, --reset (delete the local database first).
 */

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sideloadInstructions } from '../addin/sideload.js';
import { weekOf } from '../shared/index.js';
import { demoSubmission } from './demo-ledger.js';
import { DEMO_COUNTY, type SeededCounty, seedDemo } from './seed.js';
import { applyMigrations, ensureAssetsDir, ROOT, startDev, stopDev, WranglerError, waitForServer } from './wrangler.js';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1]) || 8787;
const reset = args.includes('--reset');
const base = `http://127.0.0.1:${port}`;

function buildAddin(): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  ensureAssetsDir();
  if (!pkg.scripts?.['build:addin']) {
    console.log('（package.json 中没有 build:addin，跳过加载项构建；API 照常可用）');
    return;
  }
  console.log('构建 Excel 加载项（npm run build:addin）…');
  const r = spawnSync('npm', ['run', '-s', 'build:addin'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.warn('警告：加载项构建失败，任务窗格暂不可用；API 照常启动。');
}

function printWelcome(seeded: SeededCounty | null, period: string): void {
  const line = '─'.repeat(78);
  console.log(`\n${line}\n四个一批台账 县级服务（本地）  ${base}\n${line}`);
  if (seeded) {
    const first = seeded.units[0];
    console.log(`演示县：${DEMO_COUNTY}。以下令牌只显示这一次（数据库只保存其 SHA-256）：\n`);
    console.log(`  县级（县乡村振兴局）  ${seeded.county}`);
    for (const u of seeded.units) console.log(`  ${u.name.padEnd(6, '　')}（${u.type}）  ${u.token}`);
    console.log(`\n试一试（本周期次 ${period}）：`);
    console.log(`  curl -s ${base}/api/v1/me -H "Authorization: Bearer ${first?.token}"`);
    console.log(`  curl -s "${base}/api/v1/summary?period=${period}" -H "Authorization: Bearer ${seeded.county}"`);
    console.log(
      `  curl -s "${base}/api/v1/projects?period=${period}&category=%E7%9B%98%E6%B4%BB" -H "Authorization: Bearer ${seeded.county}"`,
    );
    console.log(
      `  npm run cli -- submit 台账.xlsx --period ${period} --server ${base} --token ${first?.token}` +
        `\n  npm run cli -- summary --period ${period} --server ${base} --token ${seeded.county} --out 统计表.xlsx`,
    );
  } else {
    console.log('本地数据库已有数据，沿用原有单位和令牌（令牌不再显示）。');
    console.log('  新令牌：npm run admin -- token issue 保家镇    全部重来：npm start -- --reset');
  }
  console.log(`\n任务窗格（浏览器中预览）：${base}/taskpane.html`);
  console.log(
    'Excel 只加载 https 的加载项：按 Ctrl+C 停止本服务，运行 npm run dev:addin（安装本机开发证书，以 https://localhost:8787 启动，数据和令牌不变），再侧载：\n',
  );
  console.log(sideloadInstructions('https://localhost:8787', join(ROOT, 'manifest.xml')));
  console.log(`管理单位与令牌：npm run admin -- unit add 某某镇 --type 乡镇 / token issue / token revoke\n${line}\n`);
}

/** Demo data: the first units report the current week (some units stay missing on purpose). */
async function submitDemoLedgers(seeded: SeededCounty, period: string): Promise<void> {
  for (const [i, u] of seeded.units.slice(0, 5).entries()) {
    const res = await fetch(`${base}/api/v1/submissions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${u.token}`,
        'content-type': 'application/json',
        'idempotency-key': `demo-seed-${period}-${i}`,
      },
      body: JSON.stringify(demoSubmission(u.name, { period, rows: 12 + i * 5 })),
    });
    if (res.status !== 201) console.warn(`演示台账“${u.name}”未能提交：HTTP ${res.status} ${await res.text()}`);
  }
  console.log(`已为前 5 个单位提交 ${period} 的演示台账；其余单位显示为“未报”。`);
}

async function main(): Promise<void> {
  buildAddin();
  if (reset) {
    rmSync(join(ROOT, '.wrangler', 'state', 'v3', 'd1'), { recursive: true, force: true });
    console.log('已删除本地数据库（--reset）。');
  }
  console.log('应用数据库迁移（本地 D1）…');
  applyMigrations();
  const seeded = await seedDemo({});
  const period = weekOf(new Date());
  const dev = startDev({ port, interactive: true });
  const stop = () => {
    void stopDev(dev).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  dev.once('exit', (code) => process.exit(code ?? 0));
  await waitForServer(`${base}/api/v1/me`);
  if (seeded) await submitDemoLedgers(seeded, period);
  printWelcome(seeded, period);
}

main().catch((error: unknown) => {
  console.error(error instanceof WranglerError ? `错误：${error.message}` : error);
  process.exit(1);
});
