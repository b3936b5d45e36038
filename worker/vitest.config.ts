import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
// wrangler.toml serves the add-in from addin/dist (built by `npm run build:addin`, gitignored):
// the folder must exist for the Worker to start, built or not.
mkdirSync(`${root}/addin/dist`, { recursive: true });

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: `${root}/worker/index.ts`,
      wrangler: { configPath: `${root}/wrangler.toml` },
      miniflare: {
        // DB from wrangler.toml; MIGRATION_DB is an empty database for tests of the migrations themselves.
        d1Databases: ['DB', 'MIGRATION_DB'],
        bindings: {
          REQUEST_LOG: 'off',
          CORS_ORIGINS: 'https://addin.example.org',
          TEST_MIGRATIONS: await readD1Migrations(`${root}/worker/migrations`),
        },
      },
    })),
  ],
  test: {
    name: 'worker',
    root: `${root}/worker`,
    include: ['test/**/*.test.ts'],
    setupFiles: ['./test/apply-migrations.ts'],
    testTimeout: 60000,
  },
});
