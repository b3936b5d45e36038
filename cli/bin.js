#!/usr/bin/env node
// Executable entry of the sige CLI: runs the built CLI in cli/dist (`npm run build:cli`, which
// `npm install` runs through `prepare`). Plain JS, so starting it compiles nothing.
import { existsSync } from 'node:fs';

const built = new URL('./dist/index.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('命令行工具尚未构建：请在项目目录运行 npm run build:cli（npm install 会自动构建）\n');
  process.exit(2);
}

// `npm run cli` runs in the package root; file names on the command line are relative to where
// the user typed it.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const { run } = await import(built.href);
process.exitCode = await run(process.argv.slice(2));
