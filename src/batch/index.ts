/**
 * batch: many notices (files, directories, globs) through a pool of worker threads.
 *
 *   runBatch(inputs, { job: 'parse' | 'check', jobs, timeoutMs, rules, config, failOn }, onResult)
 *     → Promise<BatchSummary>
 *
 * - Inputs: a path that exists is taken as it is (a directory is walked recursively for
 *   .pdf .docx .doc .txt, sorted by name; an explicit file is read whatever its name, the
 *   format comes from its bytes); a path that does not exist but holds * ? [ ] { } is a
 *   glob (tinyglobby; Node 20 has no fs.glob) and yields the matching files with those
 *   extensions, sorted. The same file named twice is processed once.
 * - Anything that cannot be read (a dangling symlink, a FIFO or socket named like a
 *   notice, an unreadable sub-directory, a glob that matches nothing, a missing path)
 *   becomes a 'failed' result in its place; the batch goes on.
 * - Each file runs in a worker thread (tinypool; jobs = number of cores by default, jobs=1
 *   uses one worker thread too, so the time limit holds). A file still running after
 *   `timeoutMs` is reported as failed ('timeout') and its worker is terminated and
 *   replaced; a worker that dies (a crash, out of memory) fails only its file.
 * - onResult is called once per file IN INPUT ORDER, as soon as that file and all files
 *   before it are done (at most `jobs` files are in flight, so little is buffered).
 * - The summary counts ok / with findings / failed and gives the worst exit code:
 *   0 ok, 1 findings at or above failOn (check only), 2 a file failed (input error,
 *   timeout, out of memory), 3 an internal error (a bug).
 *
 * Workers load the COMPILED worker, dist/batch/worker.js: run `npm run build` first
 * (the test set-up and the bench do). Rule packs are validated here before any file is
 * read, so an invalid rule file rejects runBatch with its InputError (exit 2).
 */
import { existsSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
// The same limits as every other command (src/limits): 60 s and 1024 MB of heap per file.
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS } from '../limits/index.js';
import type { Notice } from '../model.js';
import type { Finding } from '../rules/index.js';
import type { BatchJob, WorkerResult, WorkerTask } from './worker.js';

export type { BatchJob } from './worker.js';

/** Extensions a directory or a glob yields (lower-cased). */
export const NOTICE_EXTENSIONS = ['.pdf', '.docx', '.doc', '.txt'];

export type FailOn = 'error' | 'warning' | 'never';

export interface BatchOptions {
  job: BatchJob;
  /** Worker threads (default: the number of cores). */
  jobs?: number;
  /** Per-file time limit in ms (default 60 000; 0 or Infinity: none). */
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

export interface BatchError {
  code: string;
  zh: string;
  en: string;
}

export interface BatchResult {
  /** The file as found (an input as given, or a path under a given directory / a glob match). */
  file: string;
  status: 'ok' | 'findings' | 'failed';
  notice?: Notice;
  findings?: Finding[];
  error?: BatchError;
  /** Wall time from dispatch to result (0 for a file that failed before dispatch). */
  ms: number;
  /** This file's exit code: 0, 1 (findings at/above failOn), 2 (failed), 3 (internal error). */
  exitCode: number;
}

export interface BatchSummary {
  total: number;
  ok: number;
  findings: number;
  failed: number;
  /** Of the failed: how many hit the time limit. */
  timedOut: number;
  /** The worst exit code of all files (0 when there were none). */
  exitCode: number;
  ms: number;
}

/** One unit of work after expansion: a file to process, or a failure found while expanding. */
export type BatchItem = { file: string; error?: undefined } | { file: string; error: BatchError };

const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, error: 2 };
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/**
 * The most worker threads a batch uses: the number of cores. More only adds memory (each
 * worker holds its own heap of up to maxMemoryMb; `--jobs 500` reached 7.7 GB) and no speed.
 */
export function maxJobs(): number {
  return defaultJobs();
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

function unreadableError(zh: string, en: string): BatchError {
  return {
    code: 'unreadable',
    zh: `无法读取该文件（${zh}），已跳过；请确认它是一个普通文件且有读取权限`,
    en: `Cannot read the file (${en}); skipped — make sure it is a regular file you have permission to read`,
  };
}

function timeoutError(ms: number): BatchError {
  const s = ms >= 1000 ? `${+(ms / 1000).toFixed(1)}` : `${+(ms / 1000).toFixed(3)}`;
  return {
    code: 'timeout',
    zh: `处理超时（超过 ${s} 秒），已跳过该文件；文件可能过大或已损坏，可用 --timeout 放宽时限后重试`,
    en: `Timed out after ${s} s; the file was skipped — it may be very large or damaged: raise the limit with --timeout and try again`,
  };
}

function memoryError(mb: number): BatchError {
  return {
    code: 'out-of-memory',
    zh: `处理该文件所需内存超过 ${mb} MB，已跳过该文件；文件可能过大或已损坏`,
    en: `Processing the file needed more than ${mb} MB of memory; the file was skipped — it may be very large or damaged`,
  };
}

function crashError(msg: string): BatchError {
  return {
    code: 'worker-crash',
    zh: `处理该文件的工作线程意外退出（${msg}），已跳过该文件；请报告此问题`,
    en: `The worker processing the file stopped unexpectedly (${msg}); the file was skipped — please report it`,
  };
}

/** "错误：file: zh\nError: file: en\n" — the CLI's format for an input error. */
export function describeFailure(r: Pick<BatchResult, 'file' | 'error'>): string {
  if (!r.error) return '';
  return `错误：${r.file}: ${r.error.zh}\nError: ${r.file}: ${r.error.en}\n`;
}

// ---- expansion -----------------------------------------------------------------------

const GLOB_CHARS = /[*?[\]{}]/;
const hasNoticeExt = (p: string) => NOTICE_EXTENSIONS.includes(extname(p).toLowerCase());

async function walk(dir: string, shown: string, out: BatchItem[], seenDirs: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    real = resolve(dir);
  }
  if (seenDirs.has(real)) return; // a symlink loop
  seenDirs.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    out.push({
      file: shown,
      error: {
        code: 'unreadable',
        zh: `无法读取该文件夹（${code}），其中的文件已跳过；请检查该文件夹的读取权限`,
        en: `Cannot list the folder (${code}); the files in it were skipped — check the folder's read permission`,
      },
    });
    return;
  }
  entries.sort((a, b) => byCodeUnit(a.name, b.name));
  for (const ent of entries) {
    const full = join(dir, ent.name);
    const display = join(shown, ent.name);
    if (ent.isDirectory()) {
      await walk(full, display, out, seenDirs);
      continue;
    }
    if (ent.isSymbolicLink()) {
      let target;
      try {
        target = await stat(full);
      } catch {
        if (hasNoticeExt(ent.name)) out.push({ file: display, error: unreadableError('符号链接指向的文件不存在', 'a symbolic link to a file that does not exist') });
        continue;
      }
      if (target.isDirectory()) await walk(full, display, out, seenDirs);
      else if (hasNoticeExt(ent.name)) out.push(target.isFile() ? { file: display } : notRegular(display));
      continue;
    }
    if (!hasNoticeExt(ent.name)) continue;
    out.push(ent.isFile() ? { file: display } : notRegular(display));
  }
}

function notRegular(file: string): BatchItem {
  return { file, error: unreadableError('不是普通文件（可能是管道、套接字或设备）', 'not a regular file: a pipe, socket or device') };
}

/**
 * Inputs → the files to process, in order (directories sorted, globs sorted), each file
 * once; what cannot be processed is an item with its error, in its place.
 */
export async function expandInputs(inputs: string[], cwd = process.cwd()): Promise<BatchItem[]> {
  const out: BatchItem[] = [];
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && GLOB_CHARS.test(input)) {
        const { glob } = await import('tinyglobby');
        const matches = (await glob(input, { cwd, onlyFiles: true, expandDirectories: false, followSymbolicLinks: true })).filter(hasNoticeExt).sort(byCodeUnit);
        if (matches.length === 0) {
          out.push({
            file: input,
            error: { code: 'not-found', zh: '没有与该通配符匹配的 PDF/Word/文本文件', en: 'No PDF/Word/text file matches this pattern' },
          });
        }
        for (const m of matches) out.push({ file: m });
        continue;
      }
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        let dangling = false;
        try {
          dangling = (await lstat(abs)).isSymbolicLink();
        } catch {
          // does not exist at all
        }
        out.push({
          file: input,
          error: dangling
            ? unreadableError('符号链接指向的文件不存在', 'a symbolic link to a file that does not exist')
            : { code: 'not-found', zh: '找不到该文件，请检查路径和文件名是否正确', en: 'File not found: check the path and the file name' },
        });
        continue;
      }
      out.push({ file: input, error: unreadableError(code ?? String(e), code ?? String(e)) });
      continue;
    }
    if (st.isDirectory()) await walk(abs, input, out, new Set());
    else if (st.isFile()) out.push({ file: input });
    else out.push(notRegular(input));
  }
  // The same file named twice (a folder and a glob over it) is processed once.
  const seen = new Set<string>();
  return out.filter((item) => {
    if (item.error) return true;
    const key = resolve(cwd, item.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- running -------------------------------------------------------------------------

function exitCodeOf(r: Pick<BatchResult, 'status' | 'findings' | 'error'>, failOn: FailOn): number {
  if (r.status === 'failed') return r.error && (r.error.code === 'internal-error' || r.error.code === 'worker-crash') ? 3 : 2;
  if (r.status === 'findings' && failOn !== 'never') {
    return (r.findings ?? []).some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
  }
  return 0;
}

export async function runBatch(inputs: string[], opts: BatchOptions, onResult: (r: BatchResult) => void): Promise<BatchSummary> {
  const started = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const jobs = Math.min(maxJobs(), Math.max(1, Math.floor(opts.jobs ?? defaultJobs())));
  const timeoutMs = opts.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : opts.timeoutMs;
  const maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  if (opts.job !== 'parse' && opts.job !== 'check') {
    throw new InputError('usage', null, `未知的批处理任务“${String(opts.job)}”（可用：parse、check）`, `unknown batch job "${String(opts.job)}" (use parse or check)`);
  }
  if (!(timeoutMs >= 0)) throw new InputError('usage', null, '--timeout 应为非负数（毫秒）', '--timeout must be a non-negative number of milliseconds');

  // Rule packs are checked once, here: an invalid rule file stops the run before any file (exit 2).
  let failOn: FailOn = opts.failOn ?? 'error';
  if (opts.job === 'check') {
    const { selectRules } = await import('../rules/index.js');
    const selected = selectRules({ rules: opts.rules, config: opts.config, cwd });
    failOn = opts.failOn ?? selected.config?.failOn ?? 'error';
  }

  const items = await expandInputs(inputs, cwd);
  const summary: BatchSummary = { total: items.length, ok: 0, findings: 0, failed: 0, timedOut: 0, exitCode: 0, ms: 0 };
  const done = new Map<number, BatchResult>();
  let nextOut = 0;
  const emit = (i: number, r: BatchResult) => {
    done.set(i, r);
    while (done.has(nextOut)) {
      const res = done.get(nextOut)!;
      done.delete(nextOut);
      nextOut++;
      if (res.status === 'ok') summary.ok++;
      else if (res.status === 'findings') summary.findings++;
      else {
        summary.failed++;
        if (res.error?.code === 'timeout') summary.timedOut++;
      }
      summary.exitCode = Math.max(summary.exitCode, res.exitCode);
      onResult(res);
    }
  };

  const toRun = items.map((it, i) => ({ ...it, i })).filter((it) => !it.error);
  for (const [i, it] of items.entries()) if (it.error) emit(i, { file: it.file, status: 'failed', error: it.error, ms: 0, exitCode: 2 });
  if (toRun.length === 0) {
    summary.ms = performance.now() - started;
    return summary;
  }

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

  const runOne = async (it: { file: string; i: number }): Promise<void> => {
    const task: WorkerTask = {
      file: resolve(cwd, it.file),
      job: opts.job,
      ...(opts.rules ? { rules: opts.rules } : {}),
      ...(opts.config ? { config: opts.config } : {}),
      cwd,
      ...(opts.testDelays?.[it.file] ? { testDelayMs: opts.testDelays[it.file] } : {}),
    };
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
      const r = (await pool.run(task, { signal: ac.signal })) as WorkerResult;
      const out: BatchResult = { file: it.file, status: r.status, ms: performance.now() - t0, exitCode: 0 };
      if (r.notice) {
        // Report the file as the user named it, not the absolute path the worker was given.
        r.notice.source.path = it.file;
        out.notice = r.notice;
      }
      if (r.findings) out.findings = r.findings.map((f) => ({ ...f, file: it.file }));
      if (r.error) {
        out.error = { code: r.error.code, zh: r.error.zh, en: r.error.en };
        if (r.error.stack && process.env.GKCHECK_DEBUG) process.stderr.write(r.error.stack + '\n');
      }
      out.exitCode = exitCodeOf(out, failOn);
      result = out;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const error = timedOut
        ? timeoutError(timeoutMs)
        : err?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? memoryError(maxMemoryMb)
          : crashError(err?.message ?? String(e));
      result = { file: it.file, status: 'failed', error, ms: performance.now() - t0, exitCode: error.code === 'worker-crash' ? 3 : 2 };
    } finally {
      if (timer) clearTimeout(timer);
    }
    emit(it.i, result);
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
  summary.ms = performance.now() - started;
  return summary;
}
