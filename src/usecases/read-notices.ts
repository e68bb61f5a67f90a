/**
 * readNotices: read and parse files into Notices, for parse, diff and ledger (the CLI, the
 * batch and the API alike).
 *
 *   readNotices(inputs, { cwd, pool, jobs, timeoutMs, readStdin }, onFile?) → ReadRun
 *
 * Output: each file's outcome in input order (with its notice, or the error that stopped
 * it), the notices that were read, the summary and the exit code (0, or 2 when a file
 * failed; 3 for an internal error).
 */
import type { Notice } from '../model.js';
import type { FileOutcome, RunSummary } from './outcome.js';
import { runFiles, type RunFilesOptions } from './run-files.js';

export type ReadNoticesOptions = Omit<RunFilesOptions, 'job' | 'rules' | 'config' | 'failOn' | 'keepNotices'>;

export interface ReadRun {
  files: FileOutcome[];
  notices: Notice[];
  summary: RunSummary;
  exitCode: number;
}

export async function readNotices(inputs: string[], opts: ReadNoticesOptions = {}, onFile?: (r: FileOutcome) => void): Promise<ReadRun> {
  const files: FileOutcome[] = [];
  const notices: Notice[] = [];
  const summary = await runFiles(inputs, { ...opts, job: 'parse' }, (r) => {
    if (onFile) onFile(r);
    else files.push(r);
    if (r.notice && !onFile) notices.push(r.notice);
  });
  return { files, notices, summary, exitCode: summary.exitCode };
}
