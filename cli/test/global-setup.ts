/** The CLI tests run the real executable, which runs the built CLI: build it from the sources under test. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, [new URL('../build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
}
