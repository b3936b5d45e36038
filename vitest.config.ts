import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** Tests that drive real programs end to end: wrangler dev, LibreOffice. */
const E2E = [
  '**/*.e2e.test.ts',
  'cli/libreoffice*.test.ts',
  'cli/print.test.ts',
  'cli/forms.test.ts',
  'scripts/**/*.test.ts',
];
const node = { environment: 'node' as const, globalSetup: ['cli/test/global-setup.ts'], testTimeout: 30000 };

/**
 * One `npm test` for every test project: `unit` (shared/ and cli/, in this process) and `e2e` (the
 * same code through real programs) here, and each folder's own vitest.config.ts (worker/ runs
 * inside workerd, addin/ drives Chromium). `npx vitest run --project unit` is the fast loop.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: E2E,
          ...node,
        },
      },
      { test: { name: 'e2e', include: E2E, exclude: ['node_modules/**'], ...node } },
      'worker/vitest.config.ts',
      'addin/vitest.config.ts',
    ].filter((p) => typeof p !== 'string' || existsSync(p)),
  },
});
