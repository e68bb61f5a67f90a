/**
 * One file through the pipeline: read → parse (→ check). Plain data in, plain data out, so
 * the same function runs in-process (one file, the API) and in a worker thread (a batch,
 * src/batch): the one place that handles a single file for every command.
 *
 *   input:  FileTask — the path (or stdin's bytes), the job, the rule selection
 *   output: FileOutcome without its exit code (the caller knows failOn)
 *
 * It never throws for a bad file: an InputError becomes { status: 'failed', error } with the
 * error's own bilingual message; any other exception a failed result with code
 * 'internal-error' (a bug: exit 3).
 */
import { InputError } from '../errors.js';
import type { ActiveRule, Pack } from '../rules/index.js';
import type { FileOutcome } from './outcome.js';

export type FileJob = 'parse' | 'check';

export interface FileTask {
  /** The path to read (absolute in a worker). */
  file: string;
  /** The name to report (as the user named it); default `file`. */
  display?: string;
  job: FileJob;
  /** Bytes already read (stdin); then `file` is not opened. */
  bytes?: Uint8Array;
  rules?: string[];
  config?: string;
  /** Directory that relative rule/config paths (and the .gkcheckrc.yaml lookup) start from. */
  cwd: string;
  /** The run this file belongs to: the rule selection is made once per run, never reused by a later one (a config edited in between). */
  run?: string;
  /** check: also return the parsed notice (the API does; a streaming batch does not). */
  keepNotice?: boolean;
  /** Test-only: a busy loop of this many ms before the file is read (exercises the timeout). */
  testDelayMs?: number;
}

export type FileResult = Omit<FileOutcome, 'file' | 'ms' | 'exitCode'> & {
  /** Stack of an internal error, for GKCHECK_DEBUG. */
  stack?: string;
};

/**
 * pdfjs-dist's legacy build (what pdf-parse loads) bundles core-js, which on Node 20 REPLACES
 * two built-ins for the whole thread: Array.prototype.push (forced: V8 differs from the spec
 * on lengths above 2^53 - 1) and JSON.parse (the source-text-access proposal). Both then run as
 * slow JS for every caller: push + its length setter were ~16% of a PDF parse's CPU profile.
 * Neither pdf.js nor gkcheck relies on what they change, so the native ones go back after
 * each file.
 */
const NATIVE_PUSH = Array.prototype.push;
const NATIVE_JSON_PARSE = JSON.parse;
function restoreBuiltins(): void {
  if (Array.prototype.push !== NATIVE_PUSH) Array.prototype.push = NATIVE_PUSH;
  if (JSON.parse !== NATIVE_JSON_PARSE) JSON.parse = NATIVE_JSON_PARSE;
}

// A thread (a limits worker kept for the next run, the API's own thread) outlives a run: the
// selection is cached per run, and only the last few runs are kept.
const ruleCache = new Map<string, { active: ActiveRule[]; packs: Pack[] }>();
const RULE_CACHE_RUNS = 4;

async function selectedRules(task: FileTask): Promise<{ active: ActiveRule[]; packs: Pack[] }> {
  const key = JSON.stringify([task.run ?? null, task.rules ?? null, task.config ?? null, task.cwd]);
  let selected = ruleCache.get(key);
  if (!selected || task.run === undefined) {
    const { selectRules } = await import('../rules/index.js');
    const { active, packs } = selectRules({ rules: task.rules, config: task.config, cwd: task.cwd });
    selected = { active, packs };
    if (task.run !== undefined) {
      ruleCache.set(key, selected);
      if (ruleCache.size > RULE_CACHE_RUNS) ruleCache.delete(ruleCache.keys().next().value!);
    }
  }
  return selected;
}

export async function processFile(task: FileTask): Promise<FileResult> {
  const name = task.display ?? task.file;
  try {
    if (task.testDelayMs) {
      const until = Date.now() + task.testDelayMs;
      while (Date.now() < until) {
        // deliberately synchronous: a hang that only terminating the thread can stop
      }
    }
    const { ingestBuffer, ingestFile } = await import('../ingest/index.js');
    const { parseSourceFile } = await import('../parse.js');
    const src = task.bytes ? await ingestBuffer(task.bytes, name) : await ingestFile(task.file);
    restoreBuiltins();
    src.path = name;
    // The file object travels on: source lines, the notice, its messages, then its findings.
    const file = parseSourceFile(src);
    const { notice, messages } = file;
    if (task.job === 'parse') return { status: 'ok', notice, messages };
    const { runRules, packStatuses } = await import('../rules/index.js');
    const { active, packs: selectedPacks } = await selectedRules(task);
    const findings = (file.findings = runRules(file, active, { file: name }));
    // Which packs applied to this notice (a provincial pack on another province's plan does not).
    const packs = packStatuses(notice, selectedPacks);
    return { status: findings.length > 0 ? 'findings' : 'ok', findings, packs, messages, ...(task.keepNotice ? { notice } : {}) };
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
      },
      ...(err?.stack ? { stack: err.stack } : {}),
    };
  }
}
