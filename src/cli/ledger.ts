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
import type { Notice } from '../model.js';
import { LimitedRunner, limitsFrom, type Limits } from '../limits/index.js';
import { addLimitOptions, type LimitFlags } from './limit-options.js';
import { InputError } from '../errors.js';
import { buildLedger } from '../ledger/index.js';
import { describeError, note, warning, writeAtomic, type Writer } from './io.js';
import { d, desc, examples } from './help.js';
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
  /** Time and memory limits of reading and parsing each file. */
  limits?: Partial<Limits>;
}

const FORMATS: LedgerFormat[] = ['xlsx', 'csv', 'ics', 'json'];

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
  if (!FORMATS.includes(format)) {
    throw usage(`不支持的格式 ${format}，可用：${FORMATS.join('、')}`, `Unknown format ${format}; use one of ${FORMATS.join(', ')}`);
  }
  if (format === 'xlsx' && !opts.output) {
    throw usage(
      'XLSX 是二进制文件，不能输出到终端或标准输出；请用 -o 指定文件，例如 -o 工作台账.xlsx',
      'XLSX is a binary file and is not written to a terminal or stdout: name a file with -o, e.g. -o ledger.xlsx',
    );
  }
  if (opts.issued !== undefined && !isIsoDate(opts.issued)) {
    throw usage('--issued 须为日期 YYYY-MM-DD，例如 2022-03-15', '--issued must be a date YYYY-MM-DD, e.g. 2022-03-15');
  }
  const unit = opts.unit?.trim() || undefined;
  if (opts.unit !== undefined && !unit) throw usage('--unit 不能为空', '--unit must not be empty');
  if (!files.length) throw usage('请至少指定一个通知文件', 'Name at least one notice file');
  const info = (s: string): void => {
    if (!opts.quiet) w.err(s);
  };
  if (opts.byUnit && format !== 'xlsx') info(note({ zh: '--by-unit 只用于 xlsx，已忽略', en: '--by-unit applies to xlsx only; ignored' }));

  const notices: Notice[] = [];
  let failed = 0;
  const bar = progressBar(w, !opts.quiet && Boolean(opts.progress), files.length);
  const runner = new LimitedRunner(opts.limits);
  try {
  for (const [k, f] of files.entries()) {
    bar.step(k, basename(f));
    try {
      const n = await runner.parse(f);
      for (const m of n.messages) {
        if (m.severity !== 'info' && !opts.quiet) bar.writer.err(warning(m.message, f));
      }
      notices.push(n);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bar.writer.err(describeError(e));
      failed++;
    }
  }
  } finally {
    runner.close();
  }
  bar.step(files.length);
  bar.end();
  if (!notices.length) return 2;

  const rows = buildLedger(notices, { unit, issued: opts.issued, keepRestated: opts.keepRestated });
  for (const n of notices) {
    const has = rows.some((r) => r.file === n.source.path);
    if (!has && !unit) info(warning({ zh: '未找到任何任务或工作要求', en: 'no task rows or requirement sentences found' }, n.source.path));
  }
  if (unit && !rows.length) {
    info(note({ zh: `没有任何一行的牵头或责任单位含“${unit}”`, en: `no row names the unit "${unit}" as lead or responsible` }));
  }
  const undated = notices.filter((n) => !n.meta.signedDate && !n.meta.printedDate && !opts.issued && hasIssuanceDuration(n));
  for (const n of undated) {
    info(
      note(
        {
          zh: '未读到成文或印发日期，“印发后N日内”之类的时限没有截止日期；可用 --issued YYYY-MM-DD 指定',
          en: 'no signing or issue date found, so limits like "within N days of issue" get no due date; give one with --issued YYYY-MM-DD',
        },
        n.source.path,
      ),
    );
  }

  let content: string | Uint8Array;
  switch (format) {
    case 'xlsx':
      content = await (await import('../ledger/xlsx.js')).renderXlsx(rows, { byUnit: opts.byUnit, unit });
      break;
    case 'csv':
      content = (await import('../ledger/csv.js')).renderCsv(rows);
      break;
    case 'ics':
      content = await (await import('../ledger/ics.js')).renderIcs(rows, { calName: unit ? `${unit} 工作台账` : undefined, unit });
      break;
    default:
      content = (await import('../ledger/json.js')).renderJson(rows);
  }

  if (opts.output) {
    writeAtomic(opts.output, content, files);
    const tasks = rows.filter((r) => r.origin === 'task').length;
    info(
      desc({
        zh: `已写入 ${opts.output}：${rows.length} 行（任务表 ${tasks}，正文 ${rows.length - tasks}）`,
        en: `Wrote ${opts.output}: ${rows.length} rows (${tasks} task-table, ${rows.length - tasks} body)`,
      }) + '\n',
    );
  } else w.out(content as string);
  return failed ? 2 : 0;
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function hasIssuanceDuration(n: Notice): boolean {
  const all = n.tasks.flatMap((t) => t.deadlines);
  const walk = (ss: Notice['sections']): void => {
    for (const s of ss) {
      all.push(...s.deadlines);
      walk(s.children);
    }
  };
  walk(n.sections);
  return all.some((d) => d.kind === 'duration' && d.anchor === 'issuance');
}

/** Register `gkcheck ledger` on a commander program (the CLI's index calls this). */
export function addLedgerCommand(program: Command, w: Writer, setCode: (c: number) => void, chatter: () => { quiet: boolean; progress: boolean } = () => ({ quiet: false, progress: false })): Command {
  const cmd = program
    .command('ledger')
    .description(
      desc({
        zh: '生成工作台账：每个任务表行和每条工作要求一行，含责任单位、时限和截止日期',
        en: 'Build the work ledger: one row per task-table row and requirement, with units, time limits and due dates',
      }),
    )
    .argument('<files...>', d({ zh: '通知文件', en: 'notice files' }))
    .addOption(new Option('-f, --format <format>', d({ zh: '输出格式（默认按 -o 的扩展名，否则 xlsx）', en: 'output format (default: from the -o extension, else xlsx)' })).choices(FORMATS))
    .option('-o, --output <file>', d({ zh: '写入文件（xlsx 必须）', en: 'write to this file (required for xlsx)' }))
    .option('--by-unit', d({ zh: 'xlsx：每个单位再加一个工作表', en: 'xlsx: one more sheet per unit' }))
    .option('--unit <name>', d({ zh: '只保留牵头或责任单位含此名称的行', en: 'keep rows whose lead or responsible units name this unit' }))
    .option('--issued <date>', d({ zh: '通知未写日期时，按此印发日期（YYYY-MM-DD）计算“印发后N日内”', en: 'issue date (YYYY-MM-DD) for notices without one' }))
    .option('--keep-restated', d({ zh: '保留与任务表内容重复的正文条目', en: 'also list body sentences a task-table row restates' }));
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
      setCode(await runLedger(files, { ...rest, limits: limitsFrom({ timeoutSec: timeout, maxMemoryMb: maxMemory }), ...chatter(), format: o.format ?? formatFromName(o.output) ?? 'xlsx' }, w));
    });
}

/** -o 台账.csv → csv */
export function formatFromName(file: string | undefined): LedgerFormat | undefined {
  const ext = file?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return FORMATS.find((f) => f === ext);
}
