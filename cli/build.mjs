#!/usr/bin/env node
// Builds the CLI (`npm run build:cli`; `npm install` runs it through `prepare`): the TypeScript sources
// bundled into cli/dist/ — the command (index.js) and the worker thread `aggregate --jobs` starts
// beside it (aggregate-worker.js). Dependencies stay in node_modules. bin.js runs only this output.
import { build } from 'esbuild';

await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: { index: 'cli/index.ts', 'aggregate-worker': 'cli/aggregate-worker.ts' },
  outdir: 'cli/dist',
  outExtension: { '.js': '.js' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'error',
});
