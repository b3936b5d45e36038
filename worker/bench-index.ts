/**
 * The Worker as bench:worker runs it (`wrangler dev worker/bench-index.ts`): every API answer
 * carries `Server-Timing: cpu;dur=` (worker/cpu-timing.ts). Never deployed: wrangler.toml's `main`
 * is worker/index.ts, so the timing code is not in the upload.
 */
import { createApp } from './app.js';
import { cpuTiming } from './cpu-timing.js';

export default createApp({ timing: cpuTiming });
