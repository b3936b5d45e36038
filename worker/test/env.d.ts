import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../env.js';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('../index.js');
    }
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      MIGRATION_DB: D1Database;
    }
  }
}
