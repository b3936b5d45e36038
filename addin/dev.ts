/**
 * `npm run dev:addin`: the pane over HTTPS on https://localhost:8787, as manifest.xml expects.
 * 1. installs / reuses the office-addin-dev-certs certificate (a local CA trusted by this machine:
 *    Windows and macOS ask once for permission; Linux needs sudo for update-ca-certificates);
 * 2. builds the add-in into addin/dist and applies the local D1 migrations;
 * 3. runs `wrangler dev` with that certificate (the Worker serves addin/dist and /api/v1);
 * 4. prints how to sideload manifest.xml. Tokens: `npm start` once seeds the demo county and prints them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, QUIET_ENV, ROOT } from '../scripts/wrangler.js';
import { buildAddin } from './build.js';
import { sideloadInstructions } from './sideload.js';

const PORT = 8787;

async function certificates(): Promise<{ key: string; cert: string }> {
  const certs = (await import('office-addin-dev-certs')) as unknown as {
    ensureCertificatesAreInstalled(days?: number, domains?: string[], machine?: boolean): Promise<void>;
  };
  const dir = join(process.env.HOME ?? process.env.USERPROFILE ?? '.', '.office-addin-dev-certs');
  const paths = { key: join(dir, 'localhost.key'), cert: join(dir, 'localhost.crt') };
  try {
    await certs.ensureCertificatesAreInstalled();
  } catch (error) {
    if (!existsSync(paths.cert)) throw error;
    console.warn(`证书已存在但未能安装为受信任（${(error as Error).message}）；浏览器可能提示不安全。`);
  }
  return paths;
}

const { key, cert } = await certificates();
await buildAddin();
applyMigrations();
const dev = spawn(
  join(ROOT, 'node_modules/.bin/wrangler'),
  [
    'dev',
    '--ip',
    'localhost',
    '--port',
    String(PORT),
    '--local',
    '--local-protocol',
    'https',
    '--https-key-path',
    key,
    '--https-cert-path',
    cert,
  ],
  { cwd: ROOT, env: { ...process.env, ...QUIET_ENV }, stdio: 'inherit' },
);
console.log(`\n${sideloadInstructions(`https://localhost:${PORT}`, join(ROOT, 'manifest.xml'))}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => dev.kill(signal));
dev.once('exit', (code) => process.exit(code ?? 0));
