#!/usr/bin/env node
// Builds dist/ from src/ (tsc -p tsconfig.build.json), skipping the compiler when dist/ is
// already the build of exactly this source. `npm ci` (prepare), `npm run build` and the test
// set-up all come here, so a fresh clone compiles once and every later `npm test` pays ~20 ms
// instead of a full tsc run (~10 s of CPU).
//
// Up to date means: the fingerprint (a hash of every file under src/, both tsconfigs and the
// TypeScript version) equals the one recorded after the last successful build, dist/'s .js
// files hash to what that build wrote (so a dist/ compiled by hand from other source is not
// taken for it), and every src/**/*.ts has its dist/**/*.js. Content, not mtimes, so a checkout, a stash or a copy that
// keeps old times can never leave a stale dist/ behind. When the compiler must run it runs
// incrementally (its build info lives in node_modules/.cache, never in the repository).
//
//   node scripts/build.mjs            # build if needed
//   node scripts/build.mjs --force    # always run the compiler
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'gkcheck');
const STAMP = join(CACHE, 'build-fingerprint');
const BUILD_INFO = join(CACHE, 'tsconfig.build.tsbuildinfo');

function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Hash of what the build reads: the source, the compiler settings and the compiler's version. */
export function fingerprint() {
  const h = createHash('sha256');
  const tsVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/typescript/package.json'), 'utf8')).version;
  h.update(`typescript ${tsVersion}\0`);
  const files = [...filesUnder(join(ROOT, 'src')), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json')];
  for (const f of files.map((p) => relative(ROOT, p)).sort()) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(ROOT, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Hash of the compiled modules as they are now. */
function distFingerprint() {
  const h = createHash('sha256');
  const dist = join(ROOT, 'dist');
  if (!existsSync(dist)) return '';
  for (const f of filesUnder(dist).filter((p) => p.endsWith('.js')).map((p) => relative(dist, p)).sort()) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(dist, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Every compiled module is there (tsc's incremental mode would not notice a deleted output). */
function outputsPresent() {
  return filesUnder(join(ROOT, 'src'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .every((f) => existsSync(join(ROOT, 'dist', relative(join(ROOT, 'src'), f)).replace(/\.ts$/, '.js')));
}

/** Builds dist/ unless it is the build of this source; returns whether the compiler ran. */
export function build({ force = false, log = () => {} } = {}) {
  const want = fingerprint();
  const [haveSrc, haveDist] = (existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : '').trim().split(/\s+/);
  // dist/ is exactly what the last build wrote (nothing missing, nothing changed since).
  const distIntact = haveDist !== undefined && outputsPresent() && distFingerprint() === haveDist;
  if (!force && want === haveSrc && distIntact) {
    log('dist/ is up to date with src/ (scripts/build.mjs)');
    return false;
  }
  mkdirSync(CACHE, { recursive: true });
  rmSync(STAMP, { force: true });
  // Otherwise start from nothing: tsc's incremental mode trusts its build info, not dist/.
  if (force || !distIntact) rmSync(BUILD_INFO, { force: true });
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--incremental', '--tsBuildInfoFile', BUILD_INFO],
    { stdio: 'inherit', cwd: ROOT },
  );
  // The fingerprint taken BEFORE compiling: a file saved during the build makes the next run build again.
  writeFileSync(STAMP, `${want} ${distFingerprint()}\n`);
  return true;
}

/**
 * dist/rules/builtin-packs.json: each rules/*.yaml pack's text and the data the compiled
 * parser reads from it, so a process loading a built-in pack skips the YAML parse (see
 * src/rules/yaml-file.ts; a pack whose text differs is parsed as before). Written on every
 * run (a pack edited without a source change must not keep old data, though the text key
 * would make old data unused anyway).
 */
export async function writeBuiltinPacks() {
  const { pathToFileURL } = await import('node:url');
  const { parseYaml } = await import(pathToFileURL(join(ROOT, 'dist/rules/yaml-file.js')).href);
  const dir = join(ROOT, 'rules');
  const packs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const source = readFileSync(join(dir, f), 'utf8');
      return { file: f, source, data: parseYaml(f, source).data };
    });
  const out = join(ROOT, 'dist/rules/builtin-packs.json');
  const text = JSON.stringify(packs) + '\n';
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) writeFileSync(out, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build({ force: process.argv.includes('--force') });
  await writeBuiltinPacks();
}
