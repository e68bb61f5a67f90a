// The CLI tests run bin/gkcheck.js and the limits/batch workers load dist/: build it so they
// test this source. scripts/build.mjs skips the compiler when dist/ is already the build of
// exactly this source (a content hash), so a repeat run costs milliseconds, never a stale dist/.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
