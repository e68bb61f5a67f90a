/**
 * `gkcheck parse FILE|FOLDER|GLOB|- ...` — write each notice's model as YAML (default) or
 * JSON: one object for one file, an array (schema/notices.schema.json) for several, streamed
 * as files finish; or, with --out-dir, one file per input.
 *
 * --out-dir keeps the inputs' folders below their common base (counties/a/要点.docx and
 * counties/b/要点.docx → out/a/要点.yaml, out/b/要点.yaml), so two inputs never map to one
 * output; what would still collide (qixia.docx and qixia.pdf in one folder) gets its source
 * extension in the name (qixia.pdf.yaml) and a note. Nothing is ever overwritten silently.
 */
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { statSync } from 'node:fs';
import type { Notice } from '../model.js';
import { InputError } from '../errors.js';
import { describeFailure } from '../batch/index.js';
import { readNotices } from '../usecases/read-notices.js';
import { STDIN } from '../ingest/expand.js';
import { describeError, note, warning, writeAtomic, type Writer } from './io.js';
import { openOutput, type Output } from './output.js';
import { progressBar } from './term.js';

export type ParseFormat = 'yaml' | 'json';
export const PARSE_FORMATS: readonly ParseFormat[] = ['yaml', 'json'];

export interface ParseOptions {
  format: ParseFormat;
  output?: string;
  outDir?: string;
  /** Nothing on stderr but errors. */
  quiet?: boolean;
  /** Progress bar on stderr for several files (the CLI: stderr is a terminal). */
  progress?: boolean;
  /** How to read `-` (standard input). */
  readStdin?: () => Promise<Uint8Array>;
  /** Worker threads (folders and globs run as a batch). */
  jobs?: number;
  /** Per-file time limit in seconds (default: ../limits). */
  timeoutSec?: number;
  /** Memory limit in MB while reading and parsing (default: ../limits). */
  maxMemoryMb?: number;
}

/** Field order that reads well: what it is, then meta, tree, tasks, messages. */
export function serialize(value: Notice | Notice[], format: ParseFormat, yaml?: typeof import('yaml')): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  return yaml!.stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

const GLOB_CHARS = /[*?[\]{}]/;

/** The folder an input stands for: a folder itself, a glob's fixed part, a file's folder. */
function baseOf(input: string): string {
  if (input === STDIN) return resolve('.');
  if (GLOB_CHARS.test(input)) {
    const parts = input.split(/[\\/]/);
    const fixed = parts.slice(0, parts.findIndex((p) => GLOB_CHARS.test(p)));
    return resolve(fixed.join(sep) || '.');
  }
  try {
    if (statSync(input).isDirectory()) return resolve(input);
  } catch {
    // a missing file: reported when read
  }
  return dirname(resolve(input));
}

function commonBase(dirs: string[]): string {
  const split = dirs.map((d) => d.split(sep));
  const out: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0][i]); i++) out.push(split[0][i]);
  return out.join(sep) || sep;
}

/**
 * Output names for --out-dir, handed out in input order: the input's path below the common
 * base, the extension replaced; a name already handed out gets the source extension
 * (and then a number) added instead.
 */
export function outDirNamer(inputs: string[], outDir: string, ext: string): (file: string) => { target: string; renamed: boolean } {
  const base = commonBase(inputs.map(baseOf));
  const used = new Set<string>();
  return (file) => {
    let rel = file === STDIN ? 'stdin' : relative(base, resolve(file));
    if (rel.startsWith('..') || isAbsolute(rel)) rel = basename(file);
    const stem = rel.slice(0, rel.length - extname(rel).length);
    const candidates = [`${stem}${ext}`, `${rel}${ext}`];
    for (let n = 2; candidates.length < 1000; n++) candidates.push(`${rel}.${n}${ext}`);
    const pick = candidates.find((c) => !used.has(resolve(outDir, c).toLowerCase()))!;
    used.add(resolve(outDir, pick).toLowerCase());
    return { target: join(outDir, pick), renamed: pick !== candidates[0] };
  };
}

export async function runParse(files: string[], opts: ParseOptions, w: Writer): Promise<number> {
  const yaml = opts.format === 'yaml' ? await import('yaml') : undefined;
  let bar = progressBar(w, false, 0);
  let done = 0;
  let out: Output | undefined;
  let count = 0;
  // One plain file → one object; several, or a folder or glob → an array.
  const single = files.length === 1 && !GLOB_CHARS.test(files[0]) && baseOf(files[0]) !== resolve(files[0]);
  const ext = opts.format === 'json' ? '.json' : '.yaml';
  const nameOf = opts.outDir ? outDirNamer(files, opts.outDir, ext) : undefined;
  let pending: Notice | undefined;
  const emit = (n: Notice) => {
    out ??= openOutput(opts.output, files, w);
    if (single) {
      pending = n;
      return;
    }
    if (opts.format === 'json') out.write(`${count ? ',' : '['}\n  ${serialize(n, 'json').trimEnd().replace(/\n/g, '\n  ')}`);
    else out.write(serialize([n], 'yaml', yaml));
    count++;
  };
  try {
    if (opts.output && opts.outDir) throw new InputError('usage', null, '-o 与 --out-dir 不能同时使用', '-o and --out-dir cannot be used together');
    const run = await readNotices(
      files,
      {
        readStdin: opts.readStdin,
        jobs: opts.jobs,
        ...(opts.timeoutSec !== undefined ? { timeoutMs: opts.timeoutSec * 1000 } : {}),
        ...(opts.maxMemoryMb !== undefined ? { maxMemoryMb: opts.maxMemoryMb } : {}),
        onExpanded: (total) => {
          bar = progressBar(w, !opts.quiet && Boolean(opts.progress), total);
          bar.step(0);
        },
      },
      (r) => {
        bar.step(++done, basename(r.file));
        if (!opts.quiet) for (const m of r.messages ?? []) if (m.severity !== 'info') bar.writer.err(warning(m.message, r.file));
        if (r.status === 'failed' || !r.notice) {
          bar.writer.err(describeFailure(r));
          return;
        }
        if (nameOf) {
          const { target, renamed } = nameOf(r.file);
          if (renamed && !opts.quiet) {
            bar.writer.err(note({ zh: `另一个输入已写入同名文件，本文件写入 ${target}`, en: `another input already took that name; written to ${target}` }, r.file));
          }
          writeAtomic(target, serialize(r.notice, opts.format, yaml), files);
        } else emit(r.notice);
      },
    );
    bar.end();
    if (!opts.outDir) {
      if (single && pending) out!.write(serialize(pending, opts.format, yaml));
      else if (!single && opts.format === 'json' && (count || run.summary.failed === 0)) (out ??= openOutput(opts.output, files, w)).write(count ? '\n]\n' : '[]\n');
      else if (!single && opts.format === 'yaml' && count === 0 && run.summary.failed === 0) (out ??= openOutput(opts.output, files, w)).write('[]\n');
      out?.close();
    }
    return run.exitCode;
  } catch (e) {
    bar.end();
    out?.abort();
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }
}
