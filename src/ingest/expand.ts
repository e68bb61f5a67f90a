/**
 * Inputs as a user names them → the files to read, in order. Shared by every command.
 *
 *   input:  paths, folders and glob patterns (as typed), and the working directory
 *   output: InputItem[] — a file to read, or a failure found while expanding, in its place
 *
 * - A path that exists is taken as it is: a folder is walked (recursively unless told not
 *   to: diff --matrix reads one folder of plans) for the input
 *   extensions of ./formats.ts (sorted by name); a file named explicitly is read whatever
 *   its name (the format comes from its bytes).
 * - A path that does not exist but holds * ? [ ] { } is a glob (tinyglobby; Node 20 has no
 *   fs.glob) and yields the matching files with input extensions, sorted.
 * - `-` is standard input; the caller reads it (only src/cli talks to the terminal).
 * - An http(s) URL is passed on as it is: it is fetched when it is read.
 * - What cannot be read (a dangling symlink, a FIFO or socket named like a notice, an
 *   unreadable sub-folder, a glob that matches nothing, a missing path) becomes an item with
 *   its error, in its place, so that every report can name it. The same file named twice
 *   is read once.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hasInputExtension, inputFormatList } from './formats.js';

/** Why an input could not be expanded or read: a code and the message in both languages. */
export interface InputProblem {
  code: string;
  zh: string;
  en: string;
}

/** One unit of work after expansion: a file to process, or a failure found while expanding. */
export type InputItem = { file: string; error?: undefined } | { file: string; error: InputProblem };

/** The name standing for standard input. */
export const STDIN = '-';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unreadableError(zh: string, en: string): InputProblem {
  return {
    code: 'unreadable',
    zh: `无法读取该文件（${zh}），已跳过；请确认它是一个普通文件且有读取权限`,
    en: `Cannot read the file (${en}); skipped — make sure it is a regular file you have permission to read`,
  };
}

const GLOB_CHARS = /[*?[\]{}]/;
const hasNoticeExt = hasInputExtension;

async function walk(dir: string, shown: string, out: InputItem[], seenDirs: Set<string>, recursive: boolean): Promise<void> {
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
      if (recursive) await walk(full, display, out, seenDirs, recursive);
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
      if (target.isDirectory()) {
        if (recursive) await walk(full, display, out, seenDirs, recursive);
      }
      else if (hasNoticeExt(ent.name)) out.push(target.isFile() ? { file: display } : notRegular(display));
      continue;
    }
    if (!hasNoticeExt(ent.name)) continue;
    out.push(ent.isFile() ? { file: display } : notRegular(display));
  }
}

function notRegular(file: string): InputItem {
  return { file, error: unreadableError('不是普通文件（可能是管道、套接字或设备）', 'not a regular file: a pipe, socket or device') };
}

/**
 * Inputs → the files to process, in order (directories sorted, globs sorted), each file
 * once; what cannot be processed is an item with its error, in its place.
 */
export async function expandInputs(inputs: string[], cwd = process.cwd(), opts: { recursive?: boolean } = {}): Promise<InputItem[]> {
  const recursive = opts.recursive ?? true;
  const out: InputItem[] = [];
  for (const input of inputs) {
    if (input === STDIN) {
      out.push({ file: STDIN });
      continue;
    }
    // A web address is fetched when read (./fetch.ts), never taken for a path or a glob.
    if (/^https?:\/\//i.test(input)) {
      if (!out.some((o) => o.file === input)) out.push({ file: input });
      continue;
    }
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
            error: {
              code: 'not-found',
              zh: `没有与该通配符匹配的文件（可读取：${inputFormatList().zh}）`,
              en: `No file matches this pattern (readable: ${inputFormatList().en})`,
            },
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
    if (st.isDirectory()) {
      const before = out.length;
      await walk(abs, input, out, new Set(), recursive);
      // An empty folder is a mistake to report (a wrong path in CI), not "0 files, no problems".
      if (out.length === before) {
        out.push({
          file: input,
          error: {
            code: 'no-files',
            zh: `该文件夹中没有可读取的文件（可读取：${inputFormatList().zh}）；请检查路径`,
            en: `The folder holds no file to read (readable: ${inputFormatList().en}); check the path`,
          },
        });
      }
    }
    else if (st.isFile()) out.push({ file: input });
    else out.push(notRegular(input));
  }
  // The same file named twice (a folder and a glob over it) is processed once.
  const seen = new Set<string>();
  return out.filter((item) => {
    if (item.error || item.file === STDIN) return true;
    const key = resolve(cwd, item.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
