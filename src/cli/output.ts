/**
 * Where a command's result goes, piece by piece: stdout, or a file given with -o. A file is
 * written to a temporary name beside it and renamed into place at the end, so it appears
 * whole or not at all, and never over one of the inputs (./io.ts). A report streamed this
 * way never sits in memory as a whole.
 */
import { closeSync, constants, existsSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { assertNotInput, trackTemp, untrackTemp, writeAtomic, writeError, type Writer } from './io.js';

export interface Output {
  write(chunk: string | Uint8Array): void;
  /** Done: the file takes its place. */
  close(): void;
  /** Failed: the temporary file goes, the target is untouched. */
  abort(): void;
}

/** Why the output cannot be written, in the user's words (EACCES, ENOTDIR, ENOSPC …; ./io.ts). */
const cannotWrite = (target: string, e: unknown): InputError => writeError(target, e);

export function openOutput(target: string | undefined, inputs: string[], w: Writer): Output {
  if (!target || target === '-') return { write: (s) => w.out(typeof s === 'string' ? s : Buffer.from(s).toString('utf8')), close: () => undefined, abort: () => undefined };
  assertNotInput(target, inputs);
  // What -o may name follows ./io.ts writeAtomic: a device or pipe is written as a stream,
  // a folder or other special file is refused, a symlink's target is replaced.
  let real = resolve(target);
  let st = null;
  try {
    st = statSync(target);
    real = realpathSync(target);
  } catch {
    // a new file
  }
  if (st && !st.isFile()) {
    if (st.isCharacterDevice() || st.isFIFO()) {
      const fd = openSync(target, constants.O_WRONLY);
      return {
        write: (chunk) => {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
        },
        close: () => closeSync(fd),
        abort: () => closeSync(fd),
      };
    }
    // writeAtomic says why in the user's words (a folder, a socket …).
    writeAtomic(target, '', inputs);
  }
  const dir = dirname(real);
  const tmp = join(dir, `.${basename(real)}.${process.pid}.${Date.now()}.tmp`);
  const target0 = target;
  target = real;
  let fd: number;
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    fd = openSync(tmp, 'wx');
    // A SIGINT/SIGTERM during a long streamed report removes the temp file (./io.ts).
    trackTemp(tmp);
  } catch (e) {
    throw cannotWrite(target0, e);
  }
  let open = true;
  const abort = () => {
    if (!open) return;
    open = false;
    try {
      closeSync(fd);
    } finally {
      rmSync(tmp, { force: true });
      untrackTemp(tmp);
    }
  };
  return {
    write(chunk) {
      if (!chunk.length) return;
      try {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
      } catch (e) {
        abort();
        throw cannotWrite(target0, e);
      }
    },
    close() {
      if (!open) return;
      open = false;
      try {
        closeSync(fd);
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw cannotWrite(target0, e);
      } finally {
        untrackTemp(tmp);
      }
    },
    abort,
  };
}
