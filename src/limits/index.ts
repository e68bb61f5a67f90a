/**
 * limits: run document reading and parsing under a time limit and a memory limit.
 *
 *   const runner = new LimitedRunner({ timeoutMs, maxMemoryMb });
 *   try { notice = await runner.parse(file); } finally { runner.close(); }
 *   // or any exported function of a compiled module: runner.run({ module, fn, args }, file)
 *
 * Every call runs in ONE worker thread (kept between calls, so pdf.js and the rule packs load
 * once per command) created with `resourceLimits` (its JS heap is capped at maxMemoryMb). When
 * the runner closes, a healthy worker waits, idle and unref'd, for the next runner with the same
 * heap cap for IDLE_MS (a library caller checking file after file, an editor, a server, the
 * tests, no longer pays a new thread and a fresh load of every module per call); a worker that
 * went over a limit is never kept. The
 * main thread watches the clock and the process's RSS — buffers outside the JS heap (unzipped
 * parts, PDF streams) count there — and terminates the worker when a call runs over either;
 * the call then rejects with an InputError ('time-limit' / 'memory-limit', exit 2) that names
 * the file, the limit and the flag that raises it. The next call gets a fresh worker.
 *
 * Defaults: 50 s and 1024 MB of heap (RSS cap: heap + 384 MB, 1.4 GB; the watchdog samples every
 * 25 ms, so a fast allocation can overshoot by a little — under the 1.5 GB the issue allows). Every real notice
 * in fixtures/ reads in under 2 s and 160 MB, the 2,000-page PDF in ~8 s and ~330 MB.
 *
 * Workers load the COMPILED code (dist/limits/worker.js and the dist/ modules it calls), as
 * the batch workers do: `npm run build` (the test set-up, `npm ci` and the bench run it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Notice } from '../model.js';
import type { Finding } from '../rules/index.js';
import type { WorkerResult, WorkerTask } from '../batch/worker.js';
import type { Call, SerialError } from './worker.js';

export type { Call } from './worker.js';

export interface Limits {
  /** Per call, in ms (0 or Infinity: none). */
  timeoutMs: number;
  /** JS heap of the worker in MB; the process's RSS may reach this + RSS_HEADROOM_MB. */
  maxMemoryMb: number;
}

export const DEFAULT_TIMEOUT_MS = 50_000;
export const DEFAULT_MAX_MEMORY_MB = 1024;
/** Room above the heap cap for what lives outside it: buffers, code, the main thread. */
export const RSS_HEADROOM_MB = 384;
export const DEFAULT_LIMITS: Limits = { timeoutMs: DEFAULT_TIMEOUT_MS, maxMemoryMb: DEFAULT_MAX_MEMORY_MB };

/** --timeout (seconds) and --max-memory (MB) → Limits, the defaults for what is not given. */
export function limitsFrom(o: { timeoutSec?: number; maxMemoryMb?: number } = {}): Limits {
  return {
    timeoutMs: o.timeoutSec !== undefined ? o.timeoutSec * 1000 : DEFAULT_TIMEOUT_MS,
    maxMemoryMb: o.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
  };
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)}` : `${+(ms / 1000).toFixed(3)}`;
}

export function timeLimitError(file: string | null, ms: number): InputError {
  const s = seconds(ms);
  return new InputError(
    'time-limit',
    file,
    `处理超时（超过 ${s} 秒的时限），已停止；文件可能过大、已损坏或被特意构造，确需处理时可用 --timeout 秒数 放宽时限`,
    `Stopped: processing took longer than the time limit of ${s} s — the file may be very large, damaged or crafted; if it is genuine, raise the limit with --timeout SECONDS`,
  );
}

export function memoryLimitError(file: string | null, mb: number): InputError {
  return new InputError(
    'memory-limit',
    file,
    `处理该文件所需内存超过 ${mb} MB 的限制，已停止；文件可能过大、已损坏或被特意构造，确需处理时可用 --max-memory MB数 放宽限制`,
    `Stopped: processing the file needed more than the memory limit of ${mb} MB — it may be very large, damaged or crafted; if it is genuine, raise the limit with --max-memory MB`,
  );
}

/** The compiled worker beside this module (dist/), or dist/ when this runs from src/ (tests). */
export function limitsWorkerFile(): string {
  for (const rel of ['./worker.js', '../../dist/limits/worker.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error('dist/limits/worker.js not found: run `npm run build` first (limited runs load the compiled code)');
}

function revive(e: SerialError): Error {
  if (e.name === 'InputError' && e.code) return new InputError(e.code as InputError['code'], e.file ?? null, e.zh ?? e.message, e.en ?? e.message);
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** A WorkerResult of the batch worker's processFile → its value, or the error it stands for. */
function unwrap(r: WorkerResult, file: string): WorkerResult {
  if (r.status !== 'failed' || !r.error) return r;
  if (r.error.code === 'internal-error') {
    const err = new Error(r.error.en);
    if (r.stack) err.stack = r.stack;
    throw err;
  }
  throw new InputError(r.error.code as InputError['code'], file, r.error.zh, r.error.en);
}

/** How long a released worker waits for the next runner before it is stopped. */
export const IDLE_MS = 10_000;
/** Idle workers kept per heap cap (more than one: concurrent library calls each take one). */
const MAX_IDLE = 2;
/** Idle workers by heap cap in MB (`resourceLimits` is fixed when a worker starts). */
const idle = new Map<number, { worker: Worker; drop: () => void }[]>();

function takeIdle(maxMemoryMb: number): Worker | null {
  const entry = idle.get(maxMemoryMb)?.pop();
  if (!entry) return null;
  entry.drop();
  return entry.worker;
}

function putIdle(maxMemoryMb: number, w: Worker): void {
  const list = idle.get(maxMemoryMb) ?? [];
  if (list.length >= MAX_IDLE) {
    void w.terminate();
    return;
  }
  // An idle worker that errors or exits (or outstays IDLE_MS) leaves the list; no listener may
  // stay behind on a worker that is taken again.
  const leave = (): void => {
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    entry.drop();
  };
  const onGone = (): void => leave();
  const timer = setTimeout(() => {
    leave();
    void w.terminate();
  }, IDLE_MS);
  timer.unref();
  const entry = {
    worker: w,
    drop: (): void => {
      clearTimeout(timer);
      w.off('error', onGone);
      w.off('exit', onGone);
    },
  };
  w.on('error', onGone);
  w.on('exit', onGone);
  list.push(entry);
  idle.set(maxMemoryMb, list);
}

/** Stop every idle worker now (a long-lived caller that wants its memory back at once). */
export function closeIdleWorkers(): void {
  for (const list of idle.values()) {
    for (const e of list.splice(0)) {
      e.drop();
      void e.worker.terminate();
    }
  }
}

export class LimitedRunner {
  readonly limits: Limits;
  private worker: Worker | null = null;
  private seq = 0;
  private busy = 0;

  constructor(limits: Partial<Limits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    if (!(this.limits.timeoutMs >= 0)) throw new InputError('usage', null, '--timeout 应为正数（秒）', '--timeout must be a positive number of seconds');
    if (!(this.limits.maxMemoryMb >= 16)) throw new InputError('usage', null, '--max-memory 应不少于 16（MB）', '--max-memory must be at least 16 (MB)');
  }

  private spawn(): Worker {
    const reused = takeIdle(this.limits.maxMemoryMb);
    if (reused) return reused;
    const w = new Worker(limitsWorkerFile(), { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb } });
    // Never keep the process alive on its own: a pending call holds the loop through its timers.
    w.unref();
    return w;
  }

  /** Call `fn` of dist/`module` with `args` in the worker, under the limits; `file` is named in a limit's message. */
  run<T>(call: Call, file: string | null): Promise<T> {
    const w = (this.worker ??= this.spawn());
    const { timeoutMs, maxMemoryMb } = this.limits;
    const rssCap = (maxMemoryMb + RSS_HEADROOM_MB) * 1024 * 1024;
    const id = ++this.seq;
    this.busy++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        this.busy--;
        if (timer) clearTimeout(timer);
        clearInterval(watch);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        f();
      };
      const stop = (err: Error): void => {
        if (this.worker === w) this.worker = null;
        void w.terminate();
        finish(() => reject(err));
      };
      const onMessage = (m: { id: number; ok: boolean; value?: T; error?: SerialError }): void => {
        if (m.id !== id) return;
        finish(() => (m.ok ? resolve(m.value as T) : reject(revive(m.error!))));
      };
      const onError = (e: NodeJS.ErrnoException): void => {
        if (this.worker === w) this.worker = null;
        finish(() => reject(e?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryLimitError(file, maxMemoryMb) : e));
      };
      const onExit = (code: number): void => {
        if (this.worker === w) this.worker = null;
        finish(() => reject(new Error(`the worker thread stopped unexpectedly (exit code ${code})`)));
      };
      const timer = timeoutMs > 0 && Number.isFinite(timeoutMs) ? setTimeout(() => stop(timeLimitError(file, timeoutMs)), timeoutMs) : null;
      // Memory outside the JS heap (Buffers, typed arrays) is not capped by resourceLimits: watch RSS.
      const watch = setInterval(() => {
        if (process.memoryUsage.rss() > rssCap) stop(memoryLimitError(file, maxMemoryMb));
      }, 25);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id, ...call });
    });
  }

  /** Read and parse one notice (the batch worker's processFile, job 'parse'). */
  async parse(file: string): Promise<Notice> {
    const task: WorkerTask = { file, job: 'parse', cwd: process.cwd() };
    return unwrap(await this.run<WorkerResult>({ module: 'batch/worker.js', fn: 'processFile', args: [task] }, file), file).notice!;
  }

  /** Read, parse and check one notice; rule packs and config load inside the limits too. */
  async check(file: string, sel: { rules?: string[]; config?: string; cwd?: string } = {}): Promise<{ notice: Notice; findings: Finding[] }> {
    const task: WorkerTask = { file, job: 'check', keepNotice: true, cwd: sel.cwd ?? process.cwd(), ...(sel.rules ? { rules: sel.rules } : {}), ...(sel.config ? { config: sel.config } : {}) };
    const r = unwrap(await this.run<WorkerResult>({ module: 'batch/worker.js', fn: 'processFile', args: [task] }, file), file);
    return { notice: r.notice!, findings: r.findings ?? [] };
  }

  /** Release the worker (idempotent): kept idle for the next runner, or stopped if a call is still running. */
  close(): void {
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    if (this.busy > 0) void w.terminate();
    else putIdle(this.limits.maxMemoryMb, w);
  }
}

/** One limited call with a runner of its own. */
export async function runLimited<T>(call: Call, file: string | null, limits: Partial<Limits> = {}): Promise<T> {
  const runner = new LimitedRunner(limits);
  try {
    return await runner.run<T>(call, file);
  } finally {
    runner.close();
  }
}
