#!/usr/bin/env node
// Executable entry of the sige CLI: loads the TypeScript sources through tsx and exits with run()'s code.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./index.ts');
process.exitCode = await run(process.argv.slice(2));
