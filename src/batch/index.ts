/**
 * batch: many notices on a pool of worker threads, for ../usecases/run-files.ts (the one
 * loop over files) and the bench.
 *
 *   runPool(tasks, { jobs, timeoutMs, maxMemoryMb }, done) — each task on a worker thread
 *   runBatch(inputs, { job, jobs, timeoutMs, rules, config, failOn }, onResult) → summary
 *     (= runFiles on the pool: expansion, input order, counts)
 *
 * - Each file runs in a worker thread (tinypool; jobs = cores - 1 (at least 1) by default, jobs=1
 *   uses one worker thread too, so the time limit holds). A file still running after
 *   `timeoutMs` is reported as failed ('timeout') and its worker is terminated and
 *   replaced; a worker that dies (a crash, out of memory) fails only its file.
 * - At most `jobs` files are in flight; run-files hands results on in input order.
 *
 * Workers load the COMPILED worker, dist/batch/worker.js: run `npm run build` first
 * (the test set-up and the bench do). Rule packs are validated before any file is read,
 * so an invalid rule file rejects runBatch with its InputError (exit 2).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { labelled } from '../i18n/index.js';
// The same limits as every other command (src/limits): 50 s and 1024 MB of heap per file.
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS } from '../limits/index.js';
import type { FailOn, FileError, FileOutcome, RunSummary } from '../usecases/outcome.js';
import type { FileTask } from '../usecases/process-file.js';
import type { WorkerResult } from './worker.js';

export type { BatchJob } from './worker.js';
export { expandInputs, type InputItem as BatchItem } from '../ingest/expand.js';
export type { FailOn };
export type BatchError = FileError;
export type BatchResult = FileOutcome;
export type BatchSummary = RunSummary;

export interface BatchOptions {
  job: 'parse' | 'check';
  /** Worker threads (default: the number of cores minus one, at least 1; see batch/index.ts defaultJobs). */
  jobs?: number;
  /** Per-file time limit in ms (default 50 000; 0 or Infinity: none). */
  timeoutMs?: number;
  /** --rules: pack names or rule files (check only). */
  rules?: string[];
  /** --config (check only). */
  config?: string;
  /** Exit 1 when a finding is at or above this level (default: the config's failOn, else 'error'). */
  failOn?: FailOn;
  /** Working directory for relative inputs, rule files and the .gkcheckrc.yaml lookup (default process.cwd()). */
  cwd?: string;
  /** Heap limit of each worker in MB (default 1024): a file that needs more fails as 'out-of-memory'. */
  maxMemoryMb?: number;
  /** @internal Test hook: file (as given) → ms its worker busy-waits before reading it: a hang only termination stops. */
  testDelays?: Record<string, number>;
}

export interface PoolOptions {
  jobs?: number;
  timeoutMs?: number;
  maxMemoryMb?: number;
}


const cores = (): number => (typeof availableParallelism === 'function' ? availableParallelism() : cpus().length);

/**
 * Worker threads when --jobs is not given: one core fewer than the machine has (at least one),
 * as Jest does. A worker keeps more than its own core busy — V8 compiles its hot code and
 * collects its garbage on background threads (1,000 notices on 2 cores: one worker used 1.4
 * cores) — and the main thread reads, orders and writes. Measured on 2 cores, 1,000 TXT
 * notices: 2 workers took 8.3 s and 15.7 s of CPU, 1 worker 8.8–9.5 s and 12–12.6 s.
 */
export function defaultJobs(): number {
  return Math.max(1, cores() - 1);
}

/**
 * The most worker threads a batch uses: the number of cores. More only adds memory (each
 * worker holds its own heap of up to maxMemoryMb; `--jobs 500` reached 7.7 GB) and no speed.
 */
export function maxJobs(): number {
  return cores();
}

/** The compiled worker beside this module (dist/), or dist/ when this runs from src/ (tests). */
export function workerFile(): string {
  for (const rel of ['./worker.js', '../../dist/batch/worker.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error('dist/batch/worker.js not found: run `npm run build` first (batch workers load the compiled code)');
}

// ---- messages ------------------------------------------------------------------------

function timeoutError(ms: number): FileError {
  const s = ms >= 1000 ? `${+(ms / 1000).toFixed(1)}` : `${+(ms / 1000).toFixed(3)}`;
  return {
    code: 'timeout',
    zh: `处理超时（超过 ${s} 秒），已跳过该文件；文件可能过大或已损坏，可用 --timeout 放宽时限后重试`,
    en: `Timed out after ${s} s; the file was skipped — it may be very large or damaged: raise the limit with --timeout and try again`,
  };
}

function memoryError(mb: number): FileError {
  return {
    code: 'out-of-memory',
    zh: `处理该文件所需内存超过 ${mb} MB，已跳过该文件；文件可能过大或已损坏`,
    en: `Processing the file needed more than ${mb} MB of memory; the file was skipped — it may be very large or damaged`,
  };
}

function crashError(msg: string): FileError {
  return {
    code: 'worker-crash',
    zh: `处理该文件的工作线程意外退出（${msg}），已跳过该文件；请报告此问题`,
    en: `The worker processing the file stopped unexpectedly (${msg}); the file was skipped — please report it`,
  };
}

/** "错误：file: zh" / "Error: file: en" in the language of the run (src/i18n). */
export function describeFailure(r: Pick<FileOutcome, 'file' | 'error'>): string {
  if (!r.error) return '';
  return labelled({ zh: '错误', en: 'Error' }, r.error, `${r.file}: `) + '\n';
}

// ---- running -------------------------------------------------------------------------

/** Inputs → outcomes in input order, on the pool (see ../usecases/run-files.ts). */
export async function runBatch(inputs: string[], opts: BatchOptions, onResult: (r: BatchResult) => void): Promise<BatchSummary> {
  if (opts.job !== 'parse' && opts.job !== 'check') {
    throw new InputError('usage', null, `未知的批处理任务“${String(opts.job)}”（可用：parse、check）`, `unknown batch job "${String(opts.job)}" (use parse or check)`);
  }
  const cwd = opts.cwd ?? process.cwd();
  // Rule packs are checked once, here: an invalid rule file stops the run before any file (exit 2).
  let failOn: FailOn = opts.failOn ?? 'error';
  if (opts.job === 'check') {
    const { selectRules } = await import('../rules/index.js');
    const selected = selectRules({ rules: opts.rules, config: opts.config, cwd });
    failOn = opts.failOn ?? selected.config?.failOn ?? 'error';
  }
  const { runFiles } = await import('../usecases/run-files.js');
  return runFiles(inputs, { ...opts, cwd, inputCwd: cwd, failOn, pool: true }, onResult);
}

/**
 * Each task on a worker thread; `done(i, outcome)` as each finishes (in any order). The
 * exit code of a file that did not fail is left to the caller (it knows failOn).
 */
export async function runPool(tasks: { i: number; task: FileTask }[], opts: PoolOptions, done: (i: number, r: FileOutcome) => void): Promise<void> {
  const jobs = Math.min(maxJobs(), Math.max(1, Math.floor(opts.jobs ?? defaultJobs())));
  const timeoutMs = opts.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : opts.timeoutMs;
  const maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  const toRun = tasks;
  const { Tinypool } = await import('tinypool');
  const threads = Math.min(jobs, toRun.length);
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
  });
  // A worker that dies while idle is replaced by the pool; never let that surface as an unhandled 'error'.
  pool.on('error', () => undefined);

  const runOne = async ({ i, task }: { i: number; task: FileTask }): Promise<void> => {
    const file = task.display ?? task.file;
    const ac = new AbortController();
    let timedOut = false;
    const timer =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            timedOut = true;
            ac.abort();
          }, timeoutMs)
        : null;
    const t0 = performance.now();
    let result: BatchResult;
    try {
      const { stack, ...r } = (await pool.run(task, { signal: ac.signal })) as WorkerResult;
      if (stack && process.env.GKCHECK_DEBUG) process.stderr.write(stack + '\n');
      result = { file, ...r, ms: performance.now() - t0, exitCode: r.status === 'failed' ? (r.error?.code === 'internal-error' ? 3 : 2) : 0 };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const error = timedOut
        ? timeoutError(timeoutMs)
        : err?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? memoryError(maxMemoryMb)
          : crashError(err?.message ?? String(e));
      result = { file, status: 'failed', error, ms: performance.now() - t0, exitCode: error.code === 'worker-crash' ? 3 : 2 };
    } finally {
      if (timer) clearTimeout(timer);
    }
    done(i, result);
  };

  // A sliding window of `threads` files: each dispatched file starts at once on a free
  // worker (so its clock is its own), and at most that many results wait for an earlier one.
  let next = 0;
  const lane = async () => {
    while (next < toRun.length) await runOne(toRun[next++]);
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await pool.destroy();
  }
}
