import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * One `npm test` for every test project: the node project for shared/ and cli/ here, and each
 * folder's own vitest.config.ts (worker/ runs inside workerd, addin/ drives Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30000,
        },
      },
      'worker/vitest.config.ts',
      'addin/vitest.config.ts',
    ].filter((p) => typeof p !== 'string' || existsSync(p)),
  },
});
