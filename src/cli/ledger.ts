/**
 * `gkcheck ledger FILE... [--format xlsx|csv|ics|json] [-o OUT] [--by-unit] [--unit NAME]`
 * — the 工作台账 of one or more notices (see ../ledger/index.ts).
 *
 * XLSX is binary and needs -o. Output files are written whole or not at all, never over
 * an input. Exit codes as for every command: 0 done, 2 usage or input error (the other
 * files are still read), 3 internal error.
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import { lines } from '../i18n/index.js';
import { describeFailure } from '../batch/index.js';
import { LEDGER_FORMATS, LEDGER_OUTPUTS, ledgerFormatFromName, ledgerOutput } from '../ledger/outputs.js';
import { ledgerFiles } from '../usecases/ledger-files.js';
import { readStdin } from './stdin.js';
import { limitsFrom, type Limits } from '../limits/index.js';
import { addLimitOptions, type LimitFlags } from './limit-options.js';
import { describeError, note, warning, writeAtomic, type Writer } from './io.js';
import { optionHelp, commandHelp, examples } from './help.js';
import { progressBar } from './term.js';

export type LedgerFormat = 'xlsx' | 'csv' | 'ics' | 'json';

export interface LedgerCliOptions {
  format: LedgerFormat;
  /** Write here (atomically, never over an input) instead of stdout; required for xlsx. */
  output?: string;
  /** XLSX: one more sheet per unit. */
  byUnit?: boolean;
  /** Keep rows naming this unit (财政局 matches 区财政局). */
  unit?: string;
  /** Issue date (YYYY-MM-DD) for notices whose own date cannot be read: due dates of 印发后N日内. */
  issued?: string;
  /** Also list body sentences that a task-table row restates. */
  keepRestated?: boolean;
  /** Nothing on stderr but errors (no notes, warnings, progress or "wrote …"). */
  quiet?: boolean;
  /** Progress bar on stderr while reading several files (the CLI: stderr is a terminal). */
  progress?: boolean;
  /** How to read `-` (standard input). */
  readStdin?: () => Promise<Uint8Array>;
  /** Time and memory limits of reading and parsing each file. */
  limits?: Partial<Limits>;
}

const FORMATS = LEDGER_FORMATS as LedgerFormat[];

function usage(zh: string, en: string): InputError {
  return new InputError('usage', null, zh, en);
}

export async function runLedger(files: string[], opts: LedgerCliOptions, w: Writer): Promise<number> {
  try {
    return await run(files, opts, w);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }
}

async function run(files: string[], opts: LedgerCliOptions, w: Writer): Promise<number> {
  const format = opts.format ?? 'xlsx';
  const output = ledgerOutput(format);
  if (!output) {
    throw usage(`不支持的格式 ${format}，可用：${LEDGER_FORMATS.join('、')}`, `Unknown format ${format}; use one of ${LEDGER_FORMATS.join(', ')}`);
  }
  if (output.binary && !opts.output) {
    throw usage(
      `${format.toUpperCase()} 是二进制文件，不能输出到终端或标准输出；请用 -o 指定文件，例如 -o 工作台账${output.extension}`,
      `${format.toUpperCase()} is a binary file and is not written to a terminal or stdout: name a file with -o, e.g. -o ledger${output.extension}`,
    );
  }
  const info = (s: string): void => {
    if (!opts.quiet) w.err(s);
  };
  if (opts.byUnit && format !== 'xlsx') info(note({ zh: '--by-unit 只用于 xlsx，已忽略', en: '--by-unit applies to xlsx only; ignored' }));

  let bar = progressBar(w, false, 0);
  let done = 0;
  const run = await ledgerFiles(files, {
    unit: opts.unit,
    issued: opts.issued,
    keepRestated: opts.keepRestated,
    readStdin: opts.readStdin,
    ...(opts.limits?.timeoutMs !== undefined ? { timeoutMs: opts.limits.timeoutMs } : {}),
    ...(opts.limits?.maxMemoryMb !== undefined ? { maxMemoryMb: opts.limits.maxMemoryMb } : {}),
    onExpanded: (total) => {
      bar = progressBar(w, !opts.quiet && Boolean(opts.progress), total);
      bar.step(0);
    },
    onFile: (r) => {
      bar.step(++done, basename(r.file));
      if (!opts.quiet) for (const m of r.messages ?? []) if (m.severity !== 'info') bar.writer.err(warning(m.message, r.file));
      if (r.status === 'failed') bar.writer.err(describeFailure(r));
    },
  });
  bar.end();
  for (const n of run.notes) info((n.level === 'warning' ? warning : note)(n.text, n.file));
  if (!run.summary.total || run.summary.failed === run.summary.total) return run.exitCode;

  const unit = opts.unit?.trim() || undefined;
  const rows = run.rows;
  const content = await output.render(rows, { byUnit: opts.byUnit, unit });
  // A calendar holds events, not rows: say how many, and why when there are none.
  const ics = format === 'ics' ? await import('../ledger/ics.js') : null;
  const events = ics ? ics.icsEventCount(rows) : 0;
  if (ics && !events) info(note(ics.EMPTY_CALENDAR_NOTE));
  if (opts.output && ics) {
    writeAtomic(opts.output, content, files);
    info(lines({ zh: `已写入 ${opts.output}：${events} 个日程（${rows.length} 行中有具体日期的时限）`, en: `Wrote ${opts.output}: ${events} events (the dated time limits of ${rows.length} rows)` }) + '\n');
  } else if (opts.output) {
    writeAtomic(opts.output, content, files);
    const tasks = rows.filter((r) => r.origin === 'task').length;
    info(
      lines({
        zh: `已写入 ${opts.output}：${rows.length} 行（任务表 ${tasks}，正文 ${rows.length - tasks}）`,
        en: `Wrote ${opts.output}: ${rows.length} rows (${tasks} task-table, ${rows.length - tasks} body)`,
      }) + '\n',
    );
  } else w.out(content as string);
  return run.exitCode;
}

/** Register `gkcheck ledger` on a commander program (the CLI's index calls this). */
export function addLedgerCommand(program: Command, w: Writer, setCode: (c: number) => void, chatter: () => { quiet: boolean; progress: boolean } = () => ({ quiet: false, progress: false })): Command {
  const cmd = program
    .command('ledger')
    .description(
      commandHelp({
        zh: '生成工作台账：每个任务表行和每条工作要求一行，含责任单位、时限和截止日期',
        en: 'Build the work ledger: one row per task-table row and requirement, with units, time limits and due dates',
      }),
    )
    .argument('<files...>', optionHelp({ zh: '通知文件', en: 'notice files' }))
    .addOption(
      new Option(
        '-f, --format <format>',
        optionHelp({
          zh: `输出格式（默认按 -o 的扩展名，否则 xlsx）：${LEDGER_OUTPUTS.map((o) => `${o.name} ${o.label.zh}`).join('；')}`,
          en: `output format (default: from the -o extension, else xlsx): ${LEDGER_OUTPUTS.map((o) => `${o.name} ${o.label.en}`).join('; ')}`,
        }),
      ).choices(FORMATS),
    )
    .option('-o, --output <file>', optionHelp({ zh: '写入文件（xlsx 必须）', en: 'write to this file (required for xlsx)' }))
    .option('--by-unit', optionHelp({ zh: 'xlsx：每个单位再加一个工作表', en: 'xlsx: one more sheet per unit' }))
    .option('--unit <name>', optionHelp({ zh: '只保留牵头或责任单位含此名称的行', en: 'keep rows whose lead or responsible units name this unit' }))
    .option('--issued <date>', optionHelp({ zh: '通知未写日期时，按此印发日期（YYYY-MM-DD）计算“印发后N日内”', en: 'issue date (YYYY-MM-DD) for notices without one' }))
    .option('--keep-restated', optionHelp({ zh: '保留与任务表内容重复的正文条目', en: 'also list body sentences a task-table row restates' }));
  return addLimitOptions(cmd)
    .addHelpText(
      'after',
      examples([
        { cmd: 'gkcheck ledger fixtures/huaiyin-2022.docx -o 工作台账.xlsx', what: { zh: '任务表 67 行加正文要求', en: '67 task-table rows plus body requirements' } },
        { cmd: 'gkcheck ledger fixtures/*.docx --by-unit -o 台账.xlsx', what: { zh: '每个单位一个工作表', en: 'a sheet per unit' } },
        { cmd: 'gkcheck ledger fixtures/huaiyin-2022.docx -o 台账.csv', what: { zh: '格式按扩展名', en: 'format from the extension' } },
        { cmd: 'gkcheck ledger fixtures/huaiyin-2022.docx --format ics --unit 区财政局 -o 财政局.ics', what: { zh: '一个单位的日历', en: "one unit's calendar" } },
      ]),
    )
    .action(async (files: string[], o: Omit<LedgerCliOptions, 'format' | 'limits'> & { format?: LedgerFormat } & LimitFlags) => {
      const { timeout, maxMemory, ...rest } = o;
      setCode(await runLedger(files, { ...rest, limits: limitsFrom({ timeoutSec: timeout, maxMemoryMb: maxMemory }), ...chatter(), readStdin, format: o.format ?? formatFromName(o.output) ?? 'xlsx' }, w));
    });
}

/** -o 台账.csv → csv */
export function formatFromName(file: string | undefined): LedgerFormat | undefined {
  return ledgerFormatFromName(file) as LedgerFormat | undefined;
}
