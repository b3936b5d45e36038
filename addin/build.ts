/**
 * Builds the task pane into addin/dist (served as static assets by the Worker, same origin):
 * main.js (esbuild bundle), check-worker.js (the check's Web Worker), taskpane.html/.css, icons,
 * and Office.js copied from the @microsoft/office-js package (the Excel host files and locale strings only) — never a CDN.
 * ADDIN_ORIGIN (default https://localhost:8787) is written into dist/manifest.xml. The WPS add-in
 * folder (build-wps.ts) goes to dist/wps/, served by the Worker at /wps/.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { buildWps } from './build-wps.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const DIST = join(here, 'dist');
const officeSrc = join(root, 'node_modules/@microsoft/office-js/dist');
export const DEV_ORIGIN = 'https://localhost:8787';

/** Office.js files the pane needs: the loader, Excel host scripts, shared runtime and locale folders. */
export function officeFile(rel: string): boolean {
  if (rel.endsWith('.debug.js') || rel.endsWith('.d.ts') || rel.includes('vsdoc')) return false;
  const top = rel.split('/')[0] as string;
  if (rel.includes('/')) return !/outlook/u.test(rel); // locale strings, telemetry, error UI
  return /^(office|excel|excelwebapp|excelios|o15apptofilemappingtable|es6-promise|html2canvas)\b.*\.js$/u.test(top);
}

function walk(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, join(base, e.name)) : [join(base, e.name)],
  );
}

/** Builds into `outDir` (default addin/dist; tests and benchmarks use a temp folder). */
export async function buildAddin(
  options: { origin?: string; minify?: boolean; outDir?: string } = {},
): Promise<string> {
  const dist = options.outDir ?? DIST;
  const origin = (options.origin ?? process.env.ADDIN_ORIGIN ?? DEV_ORIGIN).replace(/\/+$/u, '');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  /** How both scripts of the pane are built (for the browsers Office and WPS embed). */
  const script: BuildOptions = {
    bundle: true,
    format: 'iife',
    target: ['chrome100', 'edge100', 'safari15'],
    minify: options.minify ?? true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  };
  await build({ ...script, entryPoints: [join(here, 'main.ts')], sourcemap: 'linked', outfile: join(dist, 'main.js') });
  // The check worker (engine/worker.ts), next to main.js: the pane starts it as 'check-worker.js'.
  await build({ ...script, entryPoints: [join(here, 'engine/worker.ts')], outfile: join(dist, 'check-worker.js') });
  await build({
    entryPoints: [join(here, 'taskpane.css')],
    bundle: true,
    minify: true,
    outfile: join(dist, 'taskpane.css'),
    logLevel: 'warning',
  });
  for (const page of ['taskpane.html', 'help.html']) cpSync(join(here, page), join(dist, page));
  cpSync(join(here, 'assets'), join(dist, 'assets'), { recursive: true, filter: (src) => !src.endsWith('.ts') });
  if (!existsSync(officeSrc)) throw new Error(`找不到 @microsoft/office-js：${officeSrc}（先运行 npm install）`);
  for (const rel of walk(officeSrc).filter(officeFile)) {
    mkdirSync(dirname(join(dist, 'office-js', rel)), { recursive: true });
    cpSync(join(officeSrc, rel), join(dist, 'office-js', rel));
  }
  const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8').replaceAll(DEV_ORIGIN, origin);
  writeFileSync(join(dist, 'manifest.xml'), manifest);
  // The WPS 加载项 folder, served by the same Worker at /wps/ (jsplugins.xml points there).
  await buildWps({ outDir: join(dist, 'wps'), origin: options.origin, minify: options.minify });
  return dist;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildAddin();
  console.log(`addin/dist 已生成（${walk(out).length} 个文件）`);
}
