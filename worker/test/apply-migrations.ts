import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Runs before each test file: the real migrations, applied once per isolated storage.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
