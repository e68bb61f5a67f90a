import { defineConfig } from 'vitest/config';

// The slow suites: headless Chromium (test/e2e), worker-thread batches and the bad-input
// catalogue (test/slow). Run by `npm run test:slow` and by .ci/run after `npm test`.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    globalSetup: ['test/setup-build.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
