/**
 * `gkcheck ledger FILE... [--format xlsx|csv|ics|json] [-o OUT] [--by-unit] [--unit NAME]`
 * — the 工作台账 of one or more notices (see ../ledger/index.ts).
 *
 * XLSX is binary and needs -o. Output files are written whole or not at all, never over
 * an input. Exit codes as for every command: 0 done, 2 usage or input error (the other
 * files are still read), 3 internal error.
 */
import { Option, type Command } from 'commander';
import type { Notice } from '../model.js';
import { parseFile } from '../parse.js';
import { InputError } from '../errors.js';
import { buildLedger } from '../ledger/index.js';
import { describeError, writeAtomic, type Writer } from './io.js';

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
  if (opts.byUnit && format !== 'xlsx') {
    w.err('提示：--by-unit 只用于 xlsx，已忽略\nNote: --by-unit applies to xlsx only; ignored\n');
  }

  const notices: Notice[] = [];
  let failed = 0;
  for (const f of files) {
    try {
      const n = await parseFile(f);
      for (const m of n.messages) {
        if (m.severity !== 'info') w.err(`警告：${f}: ${m.message.zh}\nWarning: ${f}: ${m.message.en}\n`);
      }
      notices.push(n);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      w.err(describeError(e));
      failed++;
    }
  }
  if (!notices.length) return 2;

  const rows = buildLedger(notices, { unit, issued: opts.issued, keepRestated: opts.keepRestated });
  for (const n of notices) {
    const has = rows.some((r) => r.file === n.source.path);
    if (!has && !unit) w.err(`警告：${n.source.path}: 未找到任何任务或工作要求\nWarning: ${n.source.path}: no task rows or requirement sentences found\n`);
  }
  if (unit && !rows.length) {
    w.err(`提示：没有任何一行的牵头或责任单位含“${unit}”\nNote: no row names the unit "${unit}" as lead or responsible\n`);
  }
  const undated = notices.filter((n) => !n.meta.signedDate && !n.meta.printedDate && !opts.issued && hasIssuanceDuration(n));
  for (const n of undated) {
    w.err(
      `提示：${n.source.path}: 未读到成文或印发日期，“印发后N日内”之类的时限没有截止日期；可用 --issued YYYY-MM-DD 指定\n` +
        `Note: ${n.source.path}: no signing or issue date found, so limits like "within N days of issue" get no due date; give one with --issued YYYY-MM-DD\n`,
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
    w.err(`已写入 ${opts.output}：${rows.length} 行（任务表 ${tasks}，正文 ${rows.length - tasks}）\nWrote ${opts.output}: ${rows.length} rows (${tasks} task-table, ${rows.length - tasks} body)\n`);
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
export function addLedgerCommand(program: Command, w: Writer, setCode: (c: number) => void): Command {
  return program
    .command('ledger')
    .description('生成工作台账：每个任务表行和每条工作要求一行，含责任单位、时限和截止日期\nBuild the work ledger: one row per task-table row and requirement, with units, time limits and due dates')
    .argument('<files...>', '通知文件 / notice files')
    .addOption(new Option('-f, --format <format>', '输出格式（默认按 -o 的扩展名，否则 xlsx）/ output format (default: from the -o extension, else xlsx)').choices(FORMATS))
    .option('-o, --output <file>', '写入文件（xlsx 必须）/ write to this file (required for xlsx)')
    .option('--by-unit', 'xlsx：每个单位再加一个工作表 / xlsx: one more sheet per unit')
    .option('--unit <name>', '只保留牵头或责任单位含此名称的行 / keep rows whose lead or responsible units name this unit')
    .option('--issued <date>', '通知未写日期时，按此印发日期（YYYY-MM-DD）计算“印发后N日内” / issue date for notices without one')
    .option('--keep-restated', '保留与任务表内容重复的正文条目 / also list body sentences a task-table row restates')
    .addHelpText(
      'after',
      `
示例 / Examples:
  gkcheck ledger fixtures/huaiyin-2022.docx -o 工作台账.xlsx
  gkcheck ledger fixtures/*.docx --by-unit -o 台账.xlsx          每个单位一个工作表 / a sheet per unit
  gkcheck ledger fixtures/huaiyin-2022.docx -o 台账.csv             格式按扩展名 / format from the extension
  gkcheck ledger fixtures/huaiyin-2022.docx --format ics --unit 区财政局 -o 财政局.ics`,
    )
    .action(async (files: string[], o: Omit<LedgerCliOptions, 'format'> & { format?: LedgerFormat }) => {
      setCode(await runLedger(files, { ...o, format: o.format ?? formatFromName(o.output) ?? 'xlsx' }, w));
    });
}

/** -o 台账.csv → csv */
export function formatFromName(file: string | undefined): LedgerFormat | undefined {
  const ext = file?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return FORMATS.find((f) => f === ext);
}
