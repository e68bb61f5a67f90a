/**
 * What the use cases return: plain data (structured-clone safe, so a worker thread can hand
 * it back), which the CLI prints, the batch pool passes on and the API returns as it is.
 *
 *   FileOutcome  one input file: ok / findings / failed, its findings, its reading notes,
 *                the error that stopped it (code + Chinese + English), its exit code
 *   RunSummary   counts over a run and the run's exit code
 *
 * Exit codes, fixed for every command: 0 ok, 1 findings at or above failOn (check),
 * 2 a file or the usage failed (input error, timeout, out of memory), 3 internal error.
 */
import type { Message, Notice, Severity } from '../model.js';
import type { Finding } from '../rules/types.js';
import type { PackStatus } from '../rules/applicability.js';

/** The level of finding that fails a run (exit 1): error, warning, or never. */
export type FailOn = 'error' | 'warning' | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** True when this finding fails the run under `failOn`. The one place that decides it. */
export function failsRun(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[severity] >= RANK[failOn];
}

/** Why a file could not be processed. `code`: an InputErrorCode, timeout, out-of-memory, worker-crash, internal-error, no-files. */
export interface FileError {
  code: string;
  zh: string;
  en: string;
}

export type FileStatus = 'ok' | 'findings' | 'failed';

export interface FileOutcome {
  /** The file as the user named it (or as found under a folder / by a glob); `-` for stdin. */
  file: string;
  status: FileStatus;
  /** parse jobs, and check jobs that keep notices (the API). */
  notice?: Notice;
  /** check jobs: the findings, sorted by place. */
  findings?: Finding[];
  /** check jobs: each selected rule pack, whether it ran on this file and why (not). */
  packs?: PackStatus[];
  /** Notes from reading the file that did not stop it (warnings and infos of ingest/parse). */
  messages?: Message[];
  error?: FileError;
  /** Wall time in ms (0 for a file that failed before it was read). */
  ms: number;
  /** This file's exit code: 0, 1, 2 or 3. */
  exitCode: number;
}

export interface RunSummary {
  total: number;
  ok: number;
  findings: number;
  failed: number;
  /** Of the failed: how many hit the time limit. */
  timedOut: number;
  /** The worst exit code of all files; 2 when there were no files at all. */
  exitCode: number;
  ms: number;
  /** The files ran on worker threads (a batch). */
  pooled?: boolean;
}

export function emptySummary(): RunSummary {
  return { total: 0, ok: 0, findings: 0, failed: 0, timedOut: 0, exitCode: 0, ms: 0 };
}

/** Count one outcome into the summary. */
export function tally(summary: RunSummary, r: FileOutcome): void {
  summary.total++;
  if (r.status === 'ok') summary.ok++;
  else if (r.status === 'findings') summary.findings++;
  else {
    summary.failed++;
    if (r.error?.code === 'timeout') summary.timedOut++;
  }
  summary.exitCode = Math.max(summary.exitCode, r.exitCode);
}

/** A file's exit code from its status, findings and failOn. */
export function exitCodeOf(r: Pick<FileOutcome, 'status' | 'findings' | 'error'>, failOn: FailOn): number {
  if (r.status === 'failed') return r.error && (r.error.code === 'internal-error' || r.error.code === 'worker-crash') ? 3 : 2;
  return (r.findings ?? []).some((f) => failsRun(f.severity, failOn)) ? 1 : 0;
}
