#!/usr/bin/env node
// Start-up path kept minimal: `--version` answers without loading the CLI or any library.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(pkg.version + '\n');
} else {
  // pdf.js can leave rejected promises nobody awaits after a damaged PDF has already been
  // reported (found by npm run fuzz); they must not turn exit 2 into a crash with a stack.
  process.on('unhandledRejection', (e) => {
    if (process.env.GKCHECK_DEBUG) process.stderr.write(`unhandled rejection: ${e?.stack ?? e}\n`);
  });
  // `gkcheck parse … | head`: the reader went away; stop quietly.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const { main } = await import('../dist/cli/index.js');
  process.exitCode = await main(process.argv);
}
