/**
 * The batch worker: one file in, one plain (structured-clone safe) result out — the same
 * `processFile` the in-process path runs (../usecases/process-file.ts), in a worker thread of
 * the pool. Tinypool loads the COMPILED module, dist/batch/worker.js, so `npm run build` must
 * have run (see ./index.ts). Only a worker that dies or hangs is left to the pool
 * (worker-crash, timeout, out-of-memory).
 */
import { isMainThread } from 'node:worker_threads';
import { processFile, type FileJob, type FileResult, type FileTask } from '../usecases/process-file.js';

export type BatchJob = FileJob;
export type WorkerTask = FileTask;
export type WorkerResult = FileResult;
export { processFile };

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

export default processFile;
