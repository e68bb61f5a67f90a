/**
 * The batch worker: one file in, one plain (structured-clone safe) result out.
 *
 * Runs inside a worker thread of the pool (tinypool loads the COMPILED module,
 * dist/batch/worker.js, so `npm run build` must have run; see ./index.ts). It never
 * throws for a bad file: an InputError becomes { status: 'failed', error } with the
 * error's own bilingual message; any other exception becomes a failed result with
 * code 'internal-error' (a bug: exit 3). Only a worker that dies or hangs is left
 * to the pool (worker-crash, timeout, out-of-memory).
 *
 * The rules of a 'check' job are selected once per worker and reused for every file.
 */
import { isMainThread } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Notice } from '../model.js';
import type { ActiveRule, Finding } from '../rules/index.js';

export type BatchJob = 'parse' | 'check';

export interface WorkerTask {
  file: string;
  job: BatchJob;
  rules?: string[];
  config?: string;
  /** Directory that relative rule/config paths (and .gkcheckrc.yaml lookup) start from. */
  cwd: string;
  /** Test-only: a busy loop of this many ms before the file is read (exercises the timeout). */
  testDelayMs?: number;
}

export interface WorkerError {
  code: string;
  zh: string;
  en: string;
  /** Stack of an internal error (not of an InputError), for GKCHECK_DEBUG. */
  stack?: string;
}

export interface WorkerResult {
  status: 'ok' | 'findings' | 'failed';
  notice?: Notice;
  findings?: Finding[];
  error?: WorkerError;
}

/**
 * pdf.js (through pdf-parse) can leave a rejected promise behind on a damaged PDF — e.g.
 * "XRefEntryException: Bad (uncompressed) XRef entry" — after ingest has already thrown its
 * InputError or returned (fixtures/bad/fuzz-stray-rejection.pdf, found by scripts/fuzz.mjs).
 * Unhandled, it kills this worker while it processes the NEXT file, failing an innocent
 * file as a crash. The file's outcome is already decided by then, so such a straggler is
 * ignored here (shown with GKCHECK_DEBUG).
 */
if (!isMainThread) {
  process.on('unhandledRejection', (reason) => {
    if (process.env.GKCHECK_DEBUG) process.stderr.write(`gkcheck batch worker: ignored a stray rejection: ${String((reason as Error)?.stack ?? reason)}\n`);
  });
}

/**
 * pdfjs-dist's legacy build (what pdf-parse loads) bundles core-js, which on Node 20 REPLACES
 * two built-ins for the whole thread: Array.prototype.push (forced: V8 differs from the spec
 * on lengths above 2^53 - 1) and JSON.parse (the source-text-access proposal). Both then run as
 * slow JS for every caller: push + its length setter were ~16% of a PDF parse's CPU profile.
 * Neither pdf.js nor gkcheck relies on what they change, so the worker puts the native ones back
 * after each file. (The same fix belongs in src/ingest/pdf.ts for the single-process CLI.)
 */
const NATIVE_PUSH = Array.prototype.push;
const NATIVE_JSON_PARSE = JSON.parse;
function restoreBuiltins(): void {
  if (Array.prototype.push !== NATIVE_PUSH) Array.prototype.push = NATIVE_PUSH;
  if (JSON.parse !== NATIVE_JSON_PARSE) JSON.parse = NATIVE_JSON_PARSE;
}

const ruleCache = new Map<string, ActiveRule[]>();

async function activeRules(task: WorkerTask): Promise<ActiveRule[]> {
  const key = JSON.stringify([task.rules ?? null, task.config ?? null, task.cwd]);
  let active = ruleCache.get(key);
  if (!active) {
    const { selectRules } = await import('../rules/index.js');
    active = selectRules({ rules: task.rules, config: task.config, cwd: task.cwd }).active;
    ruleCache.set(key, active);
  }
  return active;
}

/** Exported for the in-process path and for tests; tinypool calls the default export. */
export async function processFile(task: WorkerTask): Promise<WorkerResult> {
  try {
    if (task.testDelayMs) {
      const until = Date.now() + task.testDelayMs;
      while (Date.now() < until) {
        // deliberately synchronous: a hang that only terminating the thread can stop
      }
    }
    const { ingestFile } = await import('../ingest/index.js');
    const { parseSource } = await import('../parse.js');
    const src = await ingestFile(task.file);
    restoreBuiltins();
    const notice = parseSource(src);
    if (task.job === 'parse') return { status: 'ok', notice };
    const { runRules } = await import('../rules/index.js');
    const findings = runRules(notice, await activeRules(task), { file: task.file, lines: src.lines });
    return { status: findings.length > 0 ? 'findings' : 'ok', notice, findings };
  } catch (e) {
    restoreBuiltins();
    if (e instanceof InputError) return { status: 'failed', error: { code: e.code, zh: e.zh, en: e.en } };
    const err = e as Error;
    const msg = err?.message ?? String(e);
    return {
      status: 'failed',
      error: {
        code: 'internal-error',
        zh: `处理该文件时发生内部错误（${msg}），已跳过该文件；请报告此问题`,
        en: `Internal error while processing the file (${msg}); the file was skipped — please report it`,
        ...(err?.stack ? { stack: err.stack } : {}),
      },
    };
  }
}

export default processFile;
