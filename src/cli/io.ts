/**
 * Terminal and file output for the CLI. Output files are written whole or not at all
 * (temp file in the same folder + rename), and never over one of the inputs.
 *
 * What -o may name:
 * - a new file or an existing regular file: written to a temp file beside it, then renamed
 *   over it (a symlink to a regular file: its target is replaced, the link stays);
 * - an existing character device or pipe (`-o /dev/null`, `-o /dev/stdout`, `-o >(gzip)`):
 *   written to as a stream, the device or pipe itself is never replaced — what a shell user
 *   means by `> /dev/null` (root's rename would otherwise put a regular file at /dev/null);
 * - anything else that exists (a folder, a block device, a socket): refused, exit 2.
 * A temp file is removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP): the signal
 * is handled after the synchronous write and rename, so the output is whole or absent.
 * Every write error (EACCES, ENOTDIR, ENAMETOOLONG, ENOSPC, EROFS …) is an InputError: exit 2.
 */
import { closeSync, constants, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { labelled, type Text } from '../i18n/index.js';

export interface Writer {
  out(s: string): void;
  err(s: string): void;
}

export const stdio: Writer = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

/**
 * Control characters a document or a file name could smuggle to the terminal: C0 (but tab,
 * LF, CR), DEL, C1, and the bidi overrides/isolates/marks that reorder what is shown. ESC
 * starts ANSI/OSC sequences (clear screen, retitle, hyperlinks), U+202E reverses a line.
 * gkcheck's own colour and erase-line sequences (`ESC [ … m`, `ESC [ K`) are let through.
 */
const CONTROLS = /\x1b\[[0-9;]*[mK]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One control character in a visible form: ␛ for ESC (the Unicode control pictures), <U+202E> for the rest. */
function visibleControl(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp < 0x20) return String.fromCodePoint(0x2400 + cp);
  if (cp === 0x7f) return '\u2421';
  return `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Text for a terminal: every control character shown visibly (see CONTROLS), nothing else changed. */
export function visibleControls(s: string): string {
  return s.replace(CONTROLS, (m) => (m.length > 1 ? m : visibleControl(m)));
}

/** A Writer whose output cannot drive the terminal: everything through visibleControls. */
export function safeWriter(w: Writer): Writer {
  const safe = { out: (s: string) => w.out(visibleControls(s)), err: (s: string) => w.err(visibleControls(s)) };
  if (isStdio(w)) wrapsStdio.add(safe);
  return safe;
}

const wrapsStdio = new WeakSet<Writer>();

/** The process's own stdout/stderr (directly or through safeWriter): colours follow the terminal. */
export function isStdio(w: Writer): boolean {
  return w === stdio || wrapsStdio.has(w);
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Refuse to write where an input lives. */
export function assertNotInput(target: string, inputs: string[]): void {
  const t = canonical(target);
  if (inputs.some((i) => canonical(i) === t)) {
    throw new InputError(
      'usage',
      target,
      '输出文件与输入文件相同，gkcheck 不会覆盖输入文件；请换一个输出文件名',
      'The output file is one of the inputs; gkcheck never overwrites an input: choose another output name',
    );
  }
}

const WRITE_ERRORS: Record<string, { zh: string; en: string }> = {
  EACCES: { zh: '没有写入权限', en: 'permission denied' },
  EPERM: { zh: '不允许写入', en: 'operation not permitted' },
  ENOTDIR: { zh: '路径中有一段不是文件夹', en: 'a part of the path is not a folder' },
  ENAMETOOLONG: { zh: '文件名或路径过长', en: 'the file name or path is too long' },
  ENOSPC: { zh: '磁盘空间不足', en: 'no space left on the disk' },
  EDQUOT: { zh: '超出磁盘配额', en: 'disk quota exceeded' },
  EROFS: { zh: '文件系统是只读的', en: 'the file system is read-only' },
  EISDIR: { zh: '这是一个文件夹', en: 'it is a folder' },
  ENOENT: { zh: '所在文件夹不存在且无法创建', en: 'its folder does not exist and cannot be created' },
  EEXIST: { zh: '路径中有同名文件挡住了文件夹', en: 'a file stands where a folder of the path should be' },
  EIO: { zh: '磁盘读写错误', en: 'an input/output error on the disk' },
};

export function writeError(target: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const why = WRITE_ERRORS[code] ?? { zh: code || String(e), en: code || String(e) };
  return new InputError(
    'unreadable',
    target,
    `无法写入输出文件（${why.zh}${code && WRITE_ERRORS[code] ? `，${code}` : ''}）；请换一个可写的位置或文件名`,
    `Cannot write the output file (${why.en}${code && WRITE_ERRORS[code] ? `, ${code}` : ''}): choose a writable folder or another file name`,
  );
}

/** Temp files being written: removed if a signal ends the process. */
const pendingTemps = new Set<string>();
let signalsHooked = false;

/** A temp file that a signal must not leave behind (until untrackTemp). */
export function trackTemp(tmp: string): void {
  hookSignals();
  pendingTemps.add(tmp);
}

export function untrackTemp(tmp: string): void {
  pendingTemps.delete(tmp);
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  const codes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [sig, code] of Object.entries(codes)) {
    process.once(sig as NodeJS.Signals, () => {
      for (const t of pendingTemps) rmSync(t, { force: true });
      process.exit(code);
    });
  }
}

/** Write to an existing device or pipe as a stream (no temp file, nothing replaced). */
function writeStream(target: string, content: string | Uint8Array): void {
  const fd = openSync(target, constants.O_WRONLY);
  try {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}

export function writeAtomic(target: string, content: string | Uint8Array, inputs: string[]): void {
  assertNotInput(target, inputs);
  let tmp: string | null = null;
  try {
    let real = resolve(target);
    let st = null;
    try {
      st = statSync(target);
      real = realpathSync(target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw e;
    }
    if (st && !st.isFile()) {
      if (st.isCharacterDevice() || st.isFIFO()) return writeStream(target, content);
      throw new InputError(
        'usage',
        target,
        st.isDirectory() ? '输出位置是一个文件夹；请给出文件名，例如 -o 结果.json' : '输出位置已存在且不是普通文件（可能是块设备或套接字），gkcheck 不会替换它；请换一个文件名',
        st.isDirectory() ? 'The output is a folder: name a file, e.g. -o result.json' : 'The output exists and is not a regular file (a block device or a socket?); gkcheck does not replace it: choose another name',
      );
    }
    const dir = dirname(real);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    hookSignals();
    tmp = join(dir, `.${basename(real)}.${process.pid}.${Date.now()}.tmp`);
    pendingTemps.add(tmp);
    writeFileSync(tmp, content, { flag: 'wx' });
    renameSync(tmp, real);
  } catch (e) {
    if (tmp) rmSync(tmp, { force: true });
    throw writeError(target, e);
  } finally {
    if (tmp) pendingTemps.delete(tmp);
  }
}

/** The message for an input error: "错误：<file>: <zh>" and/or "Error: <file>: <en>", per the language setting. */
export function describeError(e: InputError): string {
  return labelled({ zh: '错误', en: 'Error' }, e, e.file ? `${e.file}: ` : '') + '\n';
}

/** "警告：<file>: …" / "Warning: <file>: …" (a problem the run survives). */
export function warning(text: Text, file?: string | null): string {
  return labelled({ zh: '警告', en: 'Warning' }, text, file ? `${file}: ` : '') + '\n';
}

/** "提示：…" / "Note: …" (something worth knowing; silent with --quiet). */
export function note(text: Text, file?: string | null): string {
  return labelled({ zh: '提示', en: 'Note' }, text, file ? `${file}: ` : '') + '\n';
}

