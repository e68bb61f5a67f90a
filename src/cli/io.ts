/**
 * Terminal and file output for the CLI. Output files are written whole or not at all
 * (temp file in the same folder + rename), and never over one of the inputs.
 */
import { mkdirSync, realpathSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
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

export function writeAtomic(target: string, content: string | Uint8Array, inputs: string[]): void {
  assertNotInput(target, inputs);
  const dir = dirname(resolve(target));
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError('unreadable', target, '无法写入输出文件，请检查目录是否存在且可写', `Cannot write the output file (${(e as Error).message}): check that the folder exists and is writable`);
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

