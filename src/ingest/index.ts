/**
 * ingest: bytes → SourceText. The only stage that reads files.
 *
 *   input:  a path (ingestFile) or bytes plus the path to report (ingestBuffer)
 *   output: SourceText — lines with page/line, tables, text quality, messages
 *   throws: InputError (see ./errors.ts) for anything the user must fix
 *
 * The format comes from the bytes (./sniff.ts), never from the file name; the reader of
 * each format is declared once in ./formats.ts. The
 * PDF/Word libraries are loaded with `await import()` only when a file of that
 * format arrives, so importing this module stays cheap.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { SourceText } from '../model.js';
import { InputError } from '../errors.js';
import { corrupt, emptyFile, notFound, unreadable, unsupported } from './errors.js';
import { sniff } from './sniff.js';
import { inputFormat } from './formats.js';

export { QUALITY_FAIL, QUALITY_WARN, measureQuality } from './quality.js';
export { sniff } from './sniff.js';
export { INPUT_FORMATS, INPUT_EXTENSIONS, hasInputExtension, inputFormatList, type InputFormat } from './formats.js';

/** An http(s) address rather than a path (see ./fetch.ts). */
export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * Read a file and ingest it; an http(s) URL is fetched (./fetch.ts, loaded only then) with
 * `fetch` options: time limit, size cap, redirects, a folder to keep what was fetched.
 */
export async function ingestFile(path: string, fetchOptions?: import('./fetch.js').FetchOptions): Promise<SourceText> {
  if (isUrl(path)) return (await import('./fetch.js')).ingestUrl(path, fetchOptions);
  let bytes: Uint8Array;
  let fd: number | null = null;
  try {
    // A FIFO or device named like a notice would block the read forever: only regular files.
    // Opened without blocking (a FIFO's open waits for a writer) and checked on the same
    // descriptor that is read, so the file cannot be swapped in between. Read synchronously:
    // a notice is read whole before any work on it, and the thread pool's four round trips
    // per file cost more than the read itself.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!st.isFile()) throw unreadable(path, { zh: '这不是普通文件（可能是管道或设备）', en: 'it is not a regular file (a pipe or a device?)' });
    bytes = readFileSync(fd);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound(path);
    if (code === 'EISDIR') throw unreadable(path, { zh: '这是一个文件夹', en: 'it is a directory' });
    if (code === 'EACCES' || code === 'EPERM') throw unreadable(path, { zh: '没有读取权限', en: 'permission denied' });
    throw unreadable(path, { zh: code ?? String(err), en: code ?? String(err) });
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return ingestBuffer(bytes, path);
}

/** Ingest bytes already in memory; `path` is only used for reporting. */
export async function ingestBuffer(bytes: Uint8Array, path: string): Promise<SourceText> {
  if (bytes.length === 0) throw emptyFile(path);
  const kind = sniff(bytes);
  if (kind.format) {
    const reader = inputFormat(kind.format);
    if (reader) return reader.read(bytes, path);
    throw unsupported(path);
  }
  if (kind.corrupt) throw corrupt(path, kind.corrupt, kind.detail);
  throw unsupported(path, kind.kind, kind.advice);
}
