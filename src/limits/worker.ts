/**
 * The worker of the limited runner (./index.ts): it calls one exported function of a
 * compiled gkcheck module per message and posts back its value or its error.
 *
 * Message in:  { id, module: 'batch/worker.js', fn: 'processFile', args: [...] }
 * Message out: { id, ok: true, value } | { id, ok: false, error: { name, message, stack?, code?, file?, zh?, en? } }
 *
 * Values and arguments cross the thread boundary by structured clone: plain data only.
 * Modules are named relative to dist/ (this file is dist/limits/worker.js).
 */
import { parentPort } from 'node:worker_threads';

export interface Call {
  module: string;
  fn: string;
  args: unknown[];
}

export interface SerialError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  file?: string | null;
  zh?: string;
  en?: string;
}

export function serialError(e: unknown): SerialError {
  const err = e as Partial<SerialError> & Error;
  if (err && typeof err === 'object') {
    return {
      name: String(err.name ?? 'Error'),
      message: String(err.message ?? e),
      ...(err.stack ? { stack: String(err.stack) } : {}),
      ...(typeof err.code === 'string' ? { code: err.code } : {}),
      ...(err.name === 'InputError' ? { file: err.file ?? null, zh: err.zh, en: err.en } : {}),
    };
  }
  return { name: 'Error', message: String(e) };
}

if (parentPort) {
  const port = parentPort;
  // pdf.js can leave rejected promises behind after a file's outcome is decided (see
  // src/batch/worker.ts): they must not kill the worker while it serves the next call.
  process.on('unhandledRejection', (reason) => {
    if (process.env.GKCHECK_DEBUG) process.stderr.write(`gkcheck worker: ignored a stray rejection: ${String((reason as Error)?.stack ?? reason)}\n`);
  });
  port.on('message', async (msg: Call & { id: number }) => {
    try {
      const mod = (await import(new URL(`../${msg.module}`, import.meta.url).href)) as Record<string, (...a: unknown[]) => unknown>;
      const value = await mod[msg.fn](...msg.args);
      port.postMessage({ id: msg.id, ok: true, value });
    } catch (e) {
      port.postMessage({ id: msg.id, ok: false, error: serialError(e) });
    }
  });
}
