import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test`: the contributor's loop. The slow suites (browser, batch on worker threads,
// the bad-input catalogue with its 2,000-page PDF) are in test/slow and test/e2e and run
// with `npm run test:slow` (vitest.slow.config.ts); .ci/run runs both.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/slow/**', 'test/e2e/**', '**/node_modules/**'],
    globalSetup: ['test/setup-build.ts'],
    // One module graph per test process, not per file: the pipeline, pdf.js and the rule packs
    // load once per process instead of once per file (the suite's CPU time fell by ~40%), and
    // the limits worker the library keeps between runs serves every file. Forks, not threads:
    // tests chdir and set the environment, which worker threads cannot. Tests restore what they
    // change (see test/helpers/cli.ts).
    pool: 'forks',
    isolate: false,
    // vitest's default is cores - 1: ONE test process on a two-core machine, the other core
    // mostly idle. The main vitest process does little; use every core.
    maxWorkers: availableParallelism(),
    // PDF parsing through pdf.js is CPU-heavy; two cores on CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
