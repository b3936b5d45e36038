#!/usr/bin/env node
// Builds the CLI (`npm run build:cli`; `npm install` runs it through `prepare`): the TypeScript sources
// bundled into cli/dist/ — the command (index.js) and the worker thread `aggregate --jobs` starts
// beside it (aggregate-worker.js). Dependencies stay in node_modules. bin.js runs only this output.
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/** Data files of dependencies (the holiday table) go into the bundle: Node would need an import attribute. */
const bundleJsonData = {
  name: 'bundle-json-data',
  setup(b) {
    b.onResolve({ filter: /\.json$/ }, (args) =>
      args.path.startsWith('.') ? undefined : { path: require.resolve(args.path) },
    );
  },
};

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
  plugins: [bundleJsonData],
  logLevel: 'error',
});
