#!/usr/bin/env node
// Executable entry of the sige CLI: loads the TypeScript sources through tsx and exits with run()'s code.
import { register } from 'tsx/esm/api';

// `npm run cli` runs in the package root; file names on the command line are relative to where
// the user typed it.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

register();
const { run } = await import('./index.ts');
process.exitCode = await run(process.argv.slice(2));
