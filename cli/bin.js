#!/usr/bin/env node
// Executable entry of the sige CLI. Runs an esbuild bundle of the TypeScript sources, kept beside
// this file and rebuilt whenever one of its sources is newer, so a run does not pay for compiling
// TypeScript at start-up (≈ 0.4 s). Where the bundle cannot be written (a read-only install), the
// sources are loaded through tsx instead.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
// Beside the sources, so `new URL('./aggregate-worker.js', import.meta.url)` still resolves.
const bundle = join(here, '.bundle.mjs');
const inputs = join(here, '.bundle-inputs.json');

// `npm run cli` runs in the package root; file names on the command line are relative to where
// the user typed it.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

function isFresh() {
  if (!existsSync(bundle) || !existsSync(inputs)) return false;
  const built = statSync(bundle).mtimeMs;
  const sources = JSON.parse(readFileSync(inputs, 'utf8'));
  return sources.every((file) => existsSync(join(root, file)) && statSync(join(root, file)).mtimeMs <= built);
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  const temp = `${bundle}.${process.pid}.tmp`;
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: [join(here, 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: temp,
    metafile: true,
    logLevel: 'error',
  });
  writeFileSync(inputs, JSON.stringify(Object.keys(result.metafile.inputs)));
  renameSync(temp, bundle); // atomic: a concurrent run sees the old bundle or the new one
}

async function loadRun() {
  try {
    if (!isFresh()) await build();
    return (await import(pathToFileURL(bundle).href)).run;
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return (await import('./index.ts')).run;
  }
}

const run = await loadRun();
process.exitCode = await run(process.argv.slice(2));
