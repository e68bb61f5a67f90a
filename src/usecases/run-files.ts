/**
 * The one loop over files that every command shares (parse, check, diff, ledger; the CLI,
 * the API and the batch alike): expand the inputs, process each file, hand each outcome on
 * IN INPUT ORDER as soon as it and every file before it are done, and count.
 *
 *   runFiles(inputs, { job, failOn, pool, ... }, onResult) → Promise<RunSummary>
 *
 * Small runs go file by file, each in a worker thread under a time and memory limit
 * (../limits). Folders, globs or `jobs` make a batch: the files run on a pool of worker threads (../batch), each with a time and memory
 * limit, and at most `jobs` results wait for an earlier one, so memory does not grow with
 * the batch when the caller streams what it gets (the CLI writes reports as files finish).
 * A failure found while expanding (a missing file, a glob or folder with nothing to read)
 * is an outcome in its place, so every report names it.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InputError } from '../errors.js';
import { expandInputs, STDIN, type InputItem } from '../ingest/expand.js';
export type { InputItem };
import { emptySummary, exitCodeOf, tally, type FailOn, type FileOutcome, type RunSummary } from './outcome.js';
import { processFile, type FileJob, type FileResult, type FileTask } from './process-file.js';

export interface RunFilesOptions {
  job: FileJob;
  /** Where rule files and the .gkcheckrc.yaml lookup start (default process.cwd()). */
  cwd?: string;
  /** Where relative inputs are found (default process.cwd()). */
  inputCwd?: string;
  /** check: rule packs or rule files. */
  rules?: string[];
  /** check: the config file. */
  config?: string;
  /** check: the level that fails the run (resolved by the caller from the config). Default 'error'. */
  failOn?: FailOn;
  /** Worker threads: true, false, or 'auto' (default): when a folder or glob is named, or jobs/timeoutMs is given. */
  pool?: boolean | 'auto';
  /** Worker threads (default: the number of cores minus one, at least 1; see batch/index.ts defaultJobs). */
  jobs?: number;
  /** Per-file time limit in ms (default 60 000, ../limits; 0 or Infinity: none). */
  timeoutMs?: number;
  /** Heap limit of each worker in MB (default 1024, ../limits). */
  maxMemoryMb?: number;
  /** false: read in this thread, without the limits' worker (the library default is the worker). */
  limits?: false;
  /** check: keep each notice in its outcome (the API); parse jobs always do. */
  keepNotices?: boolean;
  /** How to get the bytes of `-` (standard input): the CLI reads them. */
  readStdin?: () => Promise<Uint8Array>;
  /** Walk folders into their sub-folders (default true). */
  recursive?: boolean;
  /** Narrow the expanded list (diff --matrix keeps one format of each plan). */
  select?: (items: InputItem[]) => InputItem[];
  /** Called once the inputs are expanded, with the number of files. */
  onExpanded?: (total: number) => void;
  /** @internal Test hook: file (as given) → ms its worker busy-waits before reading it. */
  testDelays?: Record<string, number>;
}

const GLOB_CHARS = /[*?[\]{}]/;
let runSeq = 0;

/** Folders, globs or jobs make a batch on a pool of worker threads. */
export function wantsPool(inputs: string[], opts: Pick<RunFilesOptions, 'pool' | 'jobs' | 'inputCwd'>, isDirectory: (p: string) => boolean): boolean {
  if (opts.pool !== undefined && opts.pool !== 'auto') return opts.pool;
  if (opts.jobs !== undefined) return true;
  return inputs.some((f) => f !== STDIN && !/^https?:\/\//i.test(f) && (GLOB_CHARS.test(f) || isDirectory(resolve(opts.inputCwd ?? process.cwd(), f))));
}

export async function runFiles(inputs: string[], opts: RunFilesOptions, onResult: (r: FileOutcome) => void): Promise<RunSummary> {
  const started = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const inputCwd = opts.inputCwd ?? process.cwd();
  const failOn = opts.failOn ?? 'error';
  if (inputs.length === 0) throw new InputError('usage', null, '请至少指定一个文件', 'Name at least one file');
  if (inputs.filter((f) => f === STDIN).length > 1) throw new InputError('usage', null, '标准输入（-）只能出现一次', 'Standard input (-) can be named only once');
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs >= 0)) throw new InputError('usage', null, '--timeout 应为非负数', '--timeout must not be negative');

  const { statSync } = await import('node:fs');
  const isDir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  const pool = wantsPool(inputs, opts, isDir);
  const expanded = await expandInputs(inputs, inputCwd, { recursive: opts.recursive });
  const items = opts.select ? opts.select(expanded) : expanded;
  opts.onExpanded?.(items.length);

  const summary = emptySummary();
  if (pool) summary.pooled = true;
  const finish = (r: FileOutcome) => {
    tally(summary, r);
    onResult(r);
  };
  const run = `${process.pid}-${++runSeq}-${started}`;
  const taskOf = async (it: InputItem): Promise<FileTask> => ({
    file: it.file === STDIN || /^https?:\/\//i.test(it.file) ? it.file : resolve(inputCwd, it.file),
    display: it.file,
    job: opts.job,
    run,
    ...(it.file === STDIN ? { bytes: await readStdin(opts) } : {}),
    ...(opts.rules ? { rules: opts.rules } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    cwd,
    ...(opts.keepNotices ? { keepNotice: true } : {}),
    ...(opts.testDelays?.[it.file] ? { testDelayMs: opts.testDelays[it.file] } : {}),
  });

  if (!pool) {
    // One file at a time, each read, parsed (and checked) in a worker thread under the time
    // and memory limits (../limits); `limits: false` runs in this thread (no dist/ needed).
    const runner = opts.limits === false ? null : new (await import('../limits/index.js')).LimitedRunner({ ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.maxMemoryMb !== undefined ? { maxMemoryMb: opts.maxMemoryMb } : {}) });
    try {
    for (const it of items) {
      if (it.error) {
        finish(failedBeforeRead(it.file, it.error));
        continue;
      }
      const t0 = performance.now();
      const task = await taskOf(it);
      let r: FileResult;
      try {
        r = runner ? await runner.run<FileResult>({ module: 'batch/worker.js', fn: 'processFile', args: [task] }, it.file) : await processFile(task);
      } catch (e) {
        // Over a limit (InputError time-limit / memory-limit) or the worker died.
        if (!(e instanceof InputError)) throw e;
        r = { status: 'failed', error: { code: e.code, zh: e.zh, en: e.en } };
      }
      if (r.stack && process.env.GKCHECK_DEBUG) process.stderr.write(r.stack + '\n');
      const { stack: _stack, ...rest } = r;
      const out: FileOutcome = { file: it.file, ...rest, ms: performance.now() - t0, exitCode: 0 };
      out.exitCode = exitCodeOf(out, failOn);
      finish(out);
    }
    } finally {
      runner?.close();
    }
    summary.ms = performance.now() - started;
    return summary;
  }

  // Results wait here until every file before them is done.
  const done = new Map<number, FileOutcome>();
  let nextOut = 0;
  const emit = (i: number, r: FileOutcome) => {
    done.set(i, r);
    while (done.has(nextOut)) {
      const res = done.get(nextOut)!;
      done.delete(nextOut);
      nextOut++;
      finish(res);
    }
  };
  const toRun: { i: number; task: FileTask }[] = [];
  for (const [i, it] of items.entries()) {
    if (it.error) emit(i, failedBeforeRead(it.file, it.error));
    else toRun.push({ i, task: await taskOf(it) });
  }
  if (toRun.length) {
    const { runPool } = await import('../batch/index.js');
    await runPool(toRun, { jobs: opts.jobs, timeoutMs: opts.timeoutMs, maxMemoryMb: opts.maxMemoryMb }, (i, r) => {
      r.exitCode = r.status === 'failed' ? r.exitCode : exitCodeOf(r, failOn);
      emit(i, r);
    });
  }
  summary.ms = performance.now() - started;
  return summary;
}

function failedBeforeRead(file: string, error: FileOutcome['error']): FileOutcome {
  return { file, status: 'failed', error, ms: 0, exitCode: 2 };
}

async function readStdin(opts: RunFilesOptions): Promise<Uint8Array> {
  if (!opts.readStdin) throw new InputError('usage', STDIN, '此处不能读取标准输入', 'Standard input cannot be read here');
  return opts.readStdin();
}
