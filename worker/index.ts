/** The Worker (wrangler.toml `main`): the county service as worker/app.ts builds it. */
import { createApp } from './app.js';

export default createApp();
