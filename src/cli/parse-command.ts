/** `gkcheck parse FILE...` — write each notice's model as YAML (default) or JSON. */
import { basename, extname, join } from 'node:path';
import type { Notice } from '../model.js';
import { LimitedRunner, type Limits } from '../limits/index.js';
import { InputError } from '../errors.js';
import { describeError, warning, writeAtomic, type Writer } from './io.js';
import { progressBar } from './term.js';

export interface ParseOptions {
  format: 'yaml' | 'json';
  output?: string;
  outDir?: string;
  /** Nothing on stderr but errors. */
  quiet?: boolean;
  /** Progress bar on stderr for several files (the CLI: stderr is a terminal). */
  progress?: boolean;
  /** Time and memory limits of reading and parsing each file (default: ../limits DEFAULT_LIMITS). */
  limits?: Partial<Limits>;
}

/** Field order that reads well: what it is, then meta, tree, tasks, messages. */
export function serialize(value: Notice | Notice[], format: 'yaml' | 'json', yaml?: typeof import('yaml')): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  return yaml!.stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

export async function runParse(files: string[], opts: ParseOptions, w: Writer): Promise<number> {
  const yaml = opts.format === 'yaml' ? await import('yaml') : undefined;
  const notices: Notice[] = [];
  let failed = 0;
  const bar = progressBar(w, !opts.quiet && Boolean(opts.progress), files.length);
  const ew = bar.writer;
  const runner = new LimitedRunner(opts.limits);
  try {
  for (const [k, f] of files.entries()) {
    bar.step(k, basename(f));
    try {
      const notice = await runner.parse(f);
      for (const m of notice.messages) {
        if (m.severity !== 'info' && !opts.quiet) ew.err(warning(m.message, f));
      }
      if (opts.outDir) {
        const target = join(opts.outDir, basename(f, extname(f)) + (opts.format === 'json' ? '.json' : '.yaml'));
        writeAtomic(target, serialize(notice, opts.format, yaml), files);
      } else notices.push(notice);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      ew.err(describeError(e));
      failed++;
    }
  }
  } finally {
    runner.close();
  }
  bar.step(files.length);
  bar.end();
  if (!opts.outDir && notices.length) {
    const text = serialize(files.length === 1 ? notices[0] : notices, opts.format, yaml);
    if (opts.output) writeAtomic(opts.output, text, files);
    else w.out(text);
  }
  return failed ? 2 : 0;
}
