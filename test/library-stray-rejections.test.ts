/**
 * A program that uses the library in its own thread must survive a damaged PDF: pdf.js leaves
 * rejected promises behind (fixtures/bad/fuzz-stray-rejection.pdf, found by the fuzzer) after
 * the file's outcome is decided, and Node's default kills a process on an unhandled rejection.
 * Only pdf.js's own exceptions are dropped: the program's own unhandled rejections still end it.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const lib = pathToFileURL(join(process.cwd(), 'dist/index.js')).href;
const run = (body: string) =>
  spawnSync(process.execPath, ['--input-type=module', '-e', `const lib = await import(${JSON.stringify(lib)});\n${body}`], { encoding: 'utf8', timeout: 60_000 });

describe('library use on a damaged PDF', () => {
  it('parseFile reports the file and the program goes on', () => {
    const r = run(`
      try { await lib.parseFile('fixtures/bad/fuzz-stray-rejection.pdf'); console.log('parsed'); }
      catch (e) { console.log('input error', e.code); }
      await new Promise((r) => setTimeout(r, 1000));
      console.log('still running');`);
    expect(r.stderr).not.toMatch(/XRefEntryException|UnhandledPromiseRejection/);
    expect(r.stdout).toMatch(/still running/);
    expect(r.status).toBe(0);
  });

  it("the program's own unhandled rejection still ends it, as Node's default does", () => {
    const r = run(`
      try { await lib.parseFile('fixtures/bad/fuzz-stray-rejection.pdf'); } catch {}
      Promise.reject(new Error('an application bug'));
      await new Promise((r) => setTimeout(r, 1000));
      console.log('still running');`);
    expect(r.stdout).not.toMatch(/still running/);
    expect(r.stderr).toMatch(/an application bug/);
    expect(r.status).not.toBe(0);
  });
});
