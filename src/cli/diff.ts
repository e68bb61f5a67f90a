/**
 * `gkcheck diff` — compare plans by content.
 *
 *   gkcheck diff A B [--format text|json|yaml|markdown|html] [-o FILE] [--threshold X]
 *   gkcheck diff --matrix FILE...|DIR [--reference FILE] [--format text|csv|json|yaml|html]
 *   gkcheck diff --against REF FILE... [--format text|json|yaml|markdown|html]
 *
 * Exit codes as for every command: 0 done (differences are a result, not a failure), 2 usage
 * or input error (the other files are still compared), 3 internal error. The outputs are
 * declared in ../diff/outputs.ts; the work is ../usecases/diff-files.ts.
 * A progress bar goes to stderr only when stderr is a terminal.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { InputError } from '../errors.js';
import { describeFailure } from '../batch/index.js';
import { DIFF_FORMATS, DIFF_OUTPUTS, diffOutput, formatsFor, type DiffMode } from '../diff/outputs.js';
import { diffFiles } from '../usecases/diff-files.js';
import { readStdin } from './stdin.js';
import { describeError, isStdio, note, warning, writeAtomic, type Writer } from './io.js';
import { limitsFrom, type Limits } from '../limits/index.js';
import { addLimitOptions, type LimitFlags } from './limit-options.js';
import { colorEnabled, progressBar } from './term.js';
import { optionHelp, commandHelp, examples } from './help.js';

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
  /** How to read `-` (standard input). */
  readStdin?: () => Promise<Uint8Array>;
  /** Time and memory limits of reading and parsing each file. */
  limits?: Partial<Limits>;
}

function usage(zh: string, en: string): InputError {
  return new InputError('usage', null, zh, en);
}

function useColor(opts: DiffCliOptions, w: Writer): boolean {
  if (opts.color !== undefined) return opts.color;
  return !opts.output && isStdio(w) && colorEnabled();
}

/** The diff command: flags → diffFiles → the chosen output (../diff/outputs.ts) → stdout or -o. */
export async function runDiff(files: string[], opts: DiffCliOptions, w: Writer): Promise<number> {
  let bar = progressBar(w, false, 0);
  let done = 0;
  try {
    const mode: DiffMode = opts.against !== undefined && !opts.matrix ? 'against' : opts.matrix ? 'matrix' : 'pair';
    if (opts.against !== undefined && opts.matrix) throw usage('--against 与 --matrix 不能同时使用', '--against and --matrix cannot be used together');
    const format = opts.format ?? 'text';
    const allowed = formatsFor(mode);
    const output = diffOutput(format);
    if (!output || !allowed.includes(format)) {
      throw usage(`此模式下不支持格式 ${format}，可用：${allowed.join('、')}`, `Format ${format} is not available here; use one of ${allowed.join(', ')}`);
    }
    let threshold: number | undefined;
    if (opts.threshold !== undefined) {
      threshold = typeof opts.threshold === 'number' ? opts.threshold : Number(opts.threshold);
      if (typeof opts.threshold === 'string' && opts.threshold.trim() === '') threshold = NaN;
    }
    const showBar = !opts.quiet && (opts.progress ?? Boolean(process.stderr.isTTY));
    const run = await diffFiles(files, {
      mode,
      against: opts.against,
      reference: opts.reference,
      threshold,
      readStdin: opts.readStdin,
      ...(opts.limits?.timeoutMs !== undefined ? { timeoutMs: opts.limits.timeoutMs } : {}),
      ...(opts.limits?.maxMemoryMb !== undefined ? { maxMemoryMb: opts.limits.maxMemoryMb } : {}),
      onExpanded: (total) => {
        bar = progressBar(w, showBar, total);
        bar.step(0);
      },
      onFile: (r) => {
        bar.step(++done, basename(r.file));
        if (!opts.quiet) for (const m of r.messages ?? []) if (m.severity !== 'info') bar.writer.err(warning(m.message, r.file));
        if (r.status === 'failed') bar.writer.err(describeFailure(r));
      },
    });
    bar.end();
    if (!opts.quiet) for (const n of run.notes) w.err(note(n));
    if (!run.data) return run.exitCode;
    const content = await output.render(run.data, { color: useColor(opts, w), verbose: opts.verbose });
    const inputs = [...(opts.against ? [opts.against] : []), ...(opts.reference ? [opts.reference] : []), ...files];
    if (opts.output) writeAtomic(opts.output, content, inputs);
    else w.out(content);
    return run.exitCode;
  } catch (e) {
    bar.end();
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }
}

/**
 * Register `gkcheck diff` on a commander program (the CLI's index calls this).
 */
export function addDiffCommand(program: Command, w: Writer, setCode: (c: number) => void, chatter: () => { quiet: boolean; progress: boolean } = () => ({ quiet: false, progress: false })): Command {
  const cmd = program
    .command('diff')
    .description(commandHelp({ zh: '按内容比对要点：两个要点逐节对照，或多个要点的覆盖矩阵', en: 'Compare plans by content: two side by side, or a coverage matrix of many' }))
    .argument('<files...>', optionHelp({ zh: '要点文件（--matrix 时也可以是文件夹）', en: 'plan files (with --matrix, also folders)' }))
    .addOption(
      new Option('-f, --format <format>', optionHelp({ zh: `输出格式：${DIFF_OUTPUTS.map((o) => `${o.name} ${o.label.zh}`).join('；')}`, en: `output format: ${DIFF_OUTPUTS.map((o) => `${o.name} ${o.label.en}`).join('; ')}` }))
        .choices(DIFF_FORMATS)
        .default('text'),
    )
    .option('-o, --output <file>', optionHelp({ zh: '写入文件而不是标准输出', en: 'write to a file instead of stdout' }))
    .option('--threshold <x>', optionHelp({ zh: '视为同一任务的最低相似度（0–1，默认 0.13）', en: 'minimum similarity for the same task (0–1, default 0.13)' }))
    .option('--matrix', optionHelp({ zh: '覆盖矩阵：行为主题，列为要点', en: 'coverage matrix: rows are topics, columns are plans' }))
    .option('--reference <file>', optionHelp({ zh: '与 --matrix 合用：以此要点的章节为行', en: 'with --matrix: rows are the sections of this plan' }))
    .option('--against <ref>', optionHelp({ zh: '将每个文件与参照要点比对', en: 'compare each file with this reference plan' }))
    .option('-v, --verbose', optionHelp({ zh: '文字输出中列出每对章节的文字差异', en: 'text output: show the text diff of every pair' }));
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
      setCode(await runDiff(files, { ...rest, limits: limitsFrom({ timeoutSec: timeout, maxMemoryMb: maxMemory }), ...chatter(), readStdin }, w));
    });
}
