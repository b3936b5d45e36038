import { defineProject } from 'vitest/config';

/** The add-in: adapter against the fake host, manifest structure, and the pane in real Chromium. */
export default defineProject({
  test: {
    name: 'addin',
    root: new URL('..', import.meta.url).pathname,
    include: ['addin/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120000,
    hookTimeout: 180000,
  },
});
