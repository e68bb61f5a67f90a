/**
 * Two ways to run the command line in a test:
 *   gk(args)     — main(argv, writer) in this process: what bin/gkcheck.js runs, with the same
 *                  clean environment and working directory, without paying for a new Node.
 *   gkProc(args) — a real `node bin/gkcheck.js` process: for what only a process shows (exit
 *                  status, colours decided at start-up, no stack on stderr, pipes, stdin).
 * Every command and behaviour keeps at least one gkProc test in the fast suite; the catalogue
 * of bad inputs runs each through a real process in test/slow/bad-inputs.test.ts.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/index.js';
import { setLang } from '../../src/i18n/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/gkcheck.js');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** A clean environment: no colour forcing, no language, unless the test sets them (undefined removes). */
export function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['GKCHECK_LANG', 'FORCE_COLOR', 'NO_COLOR', 'CI']) delete e[k];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) e[k] = v;
  return e;
}

/** A real process. */
export function gkProc(args: string[], opts: CliOptions & Pick<SpawnSyncOptions, 'input'> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: env({ NO_COLOR: '1', ...opts.env }), ...(opts.input !== undefined ? { input: opts.input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The CLI in this process, environment and working directory restored afterwards. */
export async function gk(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const want = env({ NO_COLOR: '1', ...opts.env });
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (!(k in want)) delete process.env[k];
  Object.assign(process.env, want);
  const dir = process.cwd();
  process.chdir(opts.cwd ?? ROOT);
  let out = '';
  let err = '';
  try {
    const code = await main(['node', BIN, ...args], { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  } finally {
    process.chdir(dir);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    setLang('both');
  }
}
