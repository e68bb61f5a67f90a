import { defineConfig } from 'vitest/config';

// `npm test`: the contributor's loop. The slow suites (browser, batch on worker threads,
// the bad-input catalogue with its 2,000-page PDF) are in test/slow and test/e2e and run
// with `npm run test:slow` (vitest.slow.config.ts); .ci/run runs both.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/slow/**', 'test/e2e/**', '**/node_modules/**'],
    globalSetup: ['test/setup-build.ts'],
    // PDF parsing through pdf.js is CPU-heavy; two cores on CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
