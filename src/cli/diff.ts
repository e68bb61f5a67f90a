/**
 * `gkcheck diff` — compare plans by content.
 *
 *   gkcheck diff A B [--format text|json|yaml|markdown|html] [-o FILE] [--threshold X]
 *   gkcheck diff --matrix FILE...|DIR [--reference FILE] [--format text|csv|json|yaml|html]
 *   gkcheck diff --against REF FILE... [--format text|json|yaml|markdown|html]
 *
 * Exit codes as for every command: 0 done (differences are a result, not a failure), 2 usage
 * or input error (the other files are still compared), 3 internal error.
 * A progress bar goes to stderr only when stderr is a terminal.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Notice } from '../model.js';
import { LimitedRunner, limitsFrom, type Limits } from '../limits/index.js';
import { addLimitOptions, type LimitFlags } from './limit-options.js';
import { InputError } from '../errors.js';
import { t } from '../i18n/index.js';
import { describeError, isStdio, note, warning, writeAtomic, type Writer } from './io.js';
import { colorEnabled, progressBar } from './term.js';
import { d, desc, examples } from './help.js';

export type DiffFormat = 'text' | 'json' | 'yaml' | 'markdown' | 'html' | 'csv';

export interface DiffCliOptions {
  format?: DiffFormat;
  /** Write here (atomically, never over an input) instead of stdout. */
  output?: string;
  /** Minimum similarity (0..1) for two sections to count as the same task; a string from the command line is accepted. */
  threshold?: number | string;
  /** Coverage matrix of all the files (or of the notices in a folder). */
  matrix?: boolean;
  /** With --matrix: rows are this plan's sections. */
  reference?: string;
  /** Compare each file with this reference plan. */
  against?: string;
  /** ANSI colours in text output; default: stdout is a terminal and NO_COLOR is not set. */
  color?: boolean;
  /** Text output: also print the word-level text diff of every pair. */
  verbose?: boolean;
  /** Progress bar on stderr; default: stderr is a terminal. */
  progress?: boolean;
  /** Nothing on stderr but errors (no notes, warnings or progress). */
  quiet?: boolean;
  /** Time and memory limits of reading and parsing each file. */
  limits?: Partial<Limits>;
}

const PAIR_FORMATS: DiffFormat[] = ['text', 'json', 'yaml', 'markdown', 'html'];
const MATRIX_FORMATS: DiffFormat[] = ['text', 'csv', 'json', 'yaml', 'html'];
const NOTICE_EXT = ['.docx', '.txt', '.doc', '.pdf'];

function usage(zh: string, en: string): InputError {
  return new InputError('usage', null, zh, en);
}

/** Files of a folder that look like notices, one per base name (docx > txt > doc > pdf). */
function expandDir(dir: string, w: Writer, quiet?: boolean): string[] {
  const byBase = new Map<string, string[]>();
  for (const f of readdirSync(dir).sort()) {
    const ext = extname(f).toLowerCase();
    if (!NOTICE_EXT.includes(ext) || f.startsWith('.')) continue;
    const full = join(dir, f);
    if (!statSync(full).isFile()) continue;
    const base = basename(f, extname(f));
    byBase.set(base, [...(byBase.get(base) ?? []), full]);
  }
  const out: string[] = [];
  const chosen: string[] = [];
  for (const files of byBase.values()) {
    files.sort((x, y) => NOTICE_EXT.indexOf(extname(x).toLowerCase()) - NOTICE_EXT.indexOf(extname(y).toLowerCase()));
    out.push(files[0]);
    if (files.length > 1) chosen.push(basename(files[0]));
  }
  if (chosen.length && !quiet) {
    w.err(
      note({
        zh: `${dir} 中同一要点有多种格式，各取一种（docx > txt > doc > pdf）：${chosen.join('、')}`,
        en: `some plans in ${dir} exist in several formats; using one each (docx > txt > doc > pdf): ${chosen.join(', ')}`,
      }),
    );
  }
  return out;
}

function expandInputs(args: string[], w: Writer, quiet?: boolean): string[] {
  const out: string[] = [];
  for (const a of args) {
    let isDir = false;
    try {
      isDir = statSync(a).isDirectory();
    } catch {
      // Not there: parseFile reports it with the usual message.
    }
    if (isDir) out.push(...expandDir(a, w, quiet));
    else out.push(a);
  }
  return out;
}

export async function runDiff(files: string[], opts: DiffCliOptions, w: Writer): Promise<number> {
  try {
    return await run(files, opts, w);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }
}

async function run(files: string[], opts: DiffCliOptions, w: Writer): Promise<number> {
  const mode = opts.against !== undefined ? 'against' : opts.matrix ? 'matrix' : 'pair';
  const format: DiffFormat = opts.format ?? 'text';
  if (opts.against !== undefined && opts.matrix) throw usage('--against 与 --matrix 不能同时使用', '--against and --matrix cannot be used together');
  if (opts.reference !== undefined && mode !== 'matrix') throw usage('--reference 只用于 --matrix；与单个参照比对请用 --against', '--reference goes with --matrix; to compare plans with one reference use --against');
  const allowed = mode === 'matrix' ? MATRIX_FORMATS : PAIR_FORMATS;
  if (!allowed.includes(format)) {
    throw usage(`此模式下不支持格式 ${format}，可用：${allowed.join('、')}`, `Format ${format} is not available here; use one of ${allowed.join(', ')}`);
  }
  let threshold: number | undefined;
  if (opts.threshold !== undefined) {
    threshold = typeof opts.threshold === 'number' ? opts.threshold : Number(opts.threshold);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw usage('--threshold 须为 0 到 1 之间的数，例如 0.13', '--threshold must be a number from 0 to 1, e.g. 0.13');
    }
  }

  const inputs = mode === 'matrix' ? expandInputs(files, w, opts.quiet) : files;
  if (mode === 'pair' && inputs.length !== 2) {
    throw usage('gkcheck diff 需要两个文件：gkcheck diff A B（多个文件请用 --matrix 或 --against）', 'gkcheck diff takes two files: gkcheck diff A B (for more, use --matrix or --against)');
  }
  if (mode === 'against' && inputs.length < 1) throw usage('--against REF 之后还需要至少一个文件', '--against REF needs at least one more file to compare');
  if (mode === 'matrix' && inputs.length + (opts.reference ? 1 : 0) < 2) {
    throw usage('--matrix 需要至少两个要点（或一个要点加 --reference）', '--matrix needs at least two plans (or one plan and --reference)');
  }

  // Parse everything first (the slow part), with a progress bar on a terminal.
  const refPath = mode === 'against' ? opts.against! : opts.reference;
  const all = [...(refPath ? [refPath] : []), ...inputs];
  const showBar = !opts.quiet && (opts.progress ?? Boolean(process.stderr.isTTY));
  const bar = progressBar(w, showBar, all.length);
  const ew = bar.writer;
  const parsed = new Map<string, Notice>();
  let failed = 0;
  const runner = new LimitedRunner(opts.limits);
  try {
  for (const [k, f] of all.entries()) {
    bar.step(k, basename(f));
    try {
      const n = await runner.parse(f);
      for (const m of n.messages) {
        if (m.severity !== 'info' && !opts.quiet) ew.err(warning(m.message, f));
      }
      parsed.set(f, n);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      ew.err(describeError(e));
      failed++;
    }
  }
  } finally {
    runner.close();
  }
  bar.step(all.length, '');
  bar.end();

  const diff = await import('../diff/index.js');
  const inputsForWrite = all;
  let content: string;

  if (mode === 'pair') {
    const [a, b] = inputs.map((f) => parsed.get(f));
    if (!a || !b) return 2;
    const d = diff.diffNotices(a, b, { threshold });
    content = await renderPair(d, format, opts, w);
  } else if (mode === 'against') {
    const ref = parsed.get(refPath!);
    if (!ref) return 2;
    const plans = inputs.filter((f) => parsed.has(f));
    if (!plans.length) return 2;
    const diffs = plans.map((f) => diff.diffNotices(ref, parsed.get(f)!, { threshold }));
    content = await renderAgainst(diffs, format, opts, w);
  } else {
    const ref = refPath ? parsed.get(refPath) : undefined;
    if (refPath && !ref) return 2;
    const plans = inputs.filter((f) => parsed.has(f)).map((f) => parsed.get(f)!);
    if (plans.length + (ref ? 1 : 0) < 2 || !plans.length) return 2;
    const m = diff.matrix(plans, { reference: ref, threshold });
    const r = await import('../diff/render-matrix.js');
    const data = await import('../diff/render-data.js');
    content =
      format === 'csv'
        ? r.renderMatrixCsv(m)
        : format === 'json'
          ? data.renderJson(m)
          : format === 'yaml'
            ? data.renderYaml(m)
            : format === 'html'
              ? r.renderMatrixHtml(m)
              : r.renderMatrixText(m, { color: useColor(opts, w) });
  }

  if (opts.output) writeAtomic(opts.output, content, inputsForWrite);
  else w.out(content);
  return failed ? 2 : 0;
}

function useColor(opts: DiffCliOptions, w: Writer): boolean {
  if (opts.color !== undefined) return opts.color;
  return !opts.output && isStdio(w) && colorEnabled();
}

type Diff = import('../diff/index.js').NoticeDiff;

async function renderPair(d: Diff, format: DiffFormat, opts: DiffCliOptions, w: Writer): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../diff/render-data.js')).renderJson(d);
    case 'yaml':
      return (await import('../diff/render-data.js')).renderYaml(d);
    case 'markdown':
      return (await import('../diff/render-markdown.js')).renderMarkdown(d);
    case 'html':
      return (await import('../diff/render-html.js')).renderHtml(d);
    default:
      return (await import('../diff/render-text.js')).renderText(d, { color: useColor(opts, w), verbose: opts.verbose });
  }
}

async function renderAgainst(diffs: Diff[], format: DiffFormat, opts: DiffCliOptions, w: Writer): Promise<string> {
  switch (format) {
    case 'json':
    case 'yaml': {
      const data = await import('../diff/render-data.js');
      const value = { reference: diffs[0].a, comparisons: diffs.map((d) => ({ plan: d.b, summary: d.summary, diff: d })) };
      return format === 'json' ? data.renderJson(value) : data.renderYaml(value);
    }
    case 'markdown': {
      const { renderMarkdown } = await import('../diff/render-markdown.js');
      return diffs.map(renderMarkdown).join('\n---\n\n');
    }
    case 'html':
      return (await import('../diff/render-html.js')).renderHtml(diffs);
    default: {
      const { renderText } = await import('../diff/render-text.js');
      const { padWidth, displayWidth } = await import('../diff/render-util.js');
      const ref = diffs[0].a;
      const head = [t({ zh: `与参照要点比对：${ref.label}（${ref.path}）`, en: `Compared with ${ref.label} (${ref.path})`, both: `与参照要点比对 / Compared with ${ref.label} (${ref.path})` }), ''];
      const cols = [
        { zh: '配对', en: 'pairs' },
        { zh: '移动', en: 'moved' },
        { zh: '仅参照', en: 'only-ref' },
        { zh: '仅本要点', en: 'only-plan' },
        { zh: '时限', en: 'deadlines' },
        { zh: '单位', en: 'units' },
      ].map((c) => t(c, ' '));
      head.push(`  ${padWidth(t({ zh: '要点', en: 'plan' }, ' '), 24)} ${cols.join('  ')}`);
      for (const d of diffs) {
        const s = d.summary;
        const cells = [s.pairs, s.moved, s.onlyA, s.onlyB, s.deadlineChanges, s.unitChanges].map((n, k) => String(n).padStart(displayWidth(cols[k])));
        head.push(`  ${padWidth(d.b.label, 24)} ${cells.join('  ')}`);
      }
      return [head.join('\n') + '\n', ...diffs.map((d) => renderText(d, { color: useColor(opts, w), verbose: opts.verbose }))].join('\n');
    }
  }
}

/**
 * Register `gkcheck diff` on a commander program (the CLI's index calls this).
 */
export function addDiffCommand(program: Command, w: Writer, setCode: (c: number) => void, chatter: () => { quiet: boolean; progress: boolean } = () => ({ quiet: false, progress: false })): Command {
  const cmd = program
    .command('diff')
    .description(desc({ zh: '按内容比对要点：两个要点逐节对照，或多个要点的覆盖矩阵', en: 'Compare plans by content: two side by side, or a coverage matrix of many' }))
    .argument('<files...>', d({ zh: '要点文件（--matrix 时也可以是文件夹）', en: 'plan files (with --matrix, also folders)' }))
    .addOption(new Option('-f, --format <format>', d({ zh: '输出格式', en: 'output format' })).choices(['text', 'json', 'yaml', 'markdown', 'html', 'csv']).default('text'))
    .option('-o, --output <file>', d({ zh: '写入文件而不是标准输出', en: 'write to a file instead of stdout' }))
    .option('--threshold <x>', d({ zh: '视为同一任务的最低相似度（0–1，默认 0.13）', en: 'minimum similarity for the same task (0–1, default 0.13)' }))
    .option('--matrix', d({ zh: '覆盖矩阵：行为主题，列为要点', en: 'coverage matrix: rows are topics, columns are plans' }))
    .option('--reference <file>', d({ zh: '与 --matrix 合用：以此要点的章节为行', en: 'with --matrix: rows are the sections of this plan' }))
    .option('--against <ref>', d({ zh: '将每个文件与参照要点比对', en: 'compare each file with this reference plan' }))
    .option('-v, --verbose', d({ zh: '文字输出中列出每对章节的文字差异', en: 'text output: show the text diff of every pair' }));
  return addLimitOptions(cmd)
    .addHelpText(
      'after',
      examples([
        { cmd: 'gkcheck diff fixtures/qixia-2022.docx fixtures/mudan-2022.docx', what: { zh: '逐节对照两个要点', en: 'two plans side by side' } },
        { cmd: 'gkcheck diff fixtures/qixia-2022.pdf fixtures/mudan-2022.pdf --format html -o report.html', what: { zh: '网页报告', en: 'HTML report' } },
        { cmd: 'gkcheck diff --matrix fixtures/ --format csv -o coverage.csv', what: { zh: '文件夹中所有要点的覆盖矩阵', en: 'coverage matrix of a folder' } },
        { cmd: 'gkcheck diff --matrix fixtures/mudan-2022.docx fixtures/zhaoyuan-2021.docx --reference fixtures/qixia-2022.docx', what: { zh: '以参照要点的章节为行', en: 'rows are the reference plan’s sections' } },
        { cmd: 'gkcheck diff --against fixtures/qixia-2022.docx fixtures/mudan-2022.docx fixtures/huating-2022.docx', what: { zh: '每个要点与参照比对', en: 'each plan against a reference' } },
      ]),
    )
    .action(async (files: string[], o: { format: DiffFormat; output?: string; threshold?: string; matrix?: boolean; reference?: string; against?: string; verbose?: boolean } & LimitFlags) => {
      const { timeout, maxMemory, ...rest } = o;
      setCode(await runDiff(files, { ...rest, limits: limitsFrom({ timeoutSec: timeout, maxMemoryMb: maxMemory }), ...chatter() }, w));
    });
}
