/**
 * The command line: a thin layer over the library. The only place that talks to the
 * terminal. Exit codes: 0 ok / clean, 1 findings at or above --fail-on, 2 usage or
 * input error, 3 internal error (a bug: please report it).
 *
 * Global options, before or after the command:
 *   --lang zh|en|both   language of messages, help and reports (default both, or GKCHECK_LANG)
 *   -q, --quiet         nothing on stderr but errors: no warnings, notes or progress bar
 * Colours: see term.ts (NO_COLOR, FORCE_COLOR, stdout a terminal).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { InputError } from '../errors.js';
import { LANGS, labelled, parseLang, setLang, t, type Lang } from '../i18n/index.js';
import { describeError, safeWriter, stdio, warning, type Writer } from './io.js';
import { readStdin } from './stdin.js';
import { PARSE_FORMATS, runParse, type ParseFormat } from './parse-command.js';
import { inputExtensionList, inputFormatList } from '../ingest/formats.js';
import { REPORT_FORMAT_TABLE, REPORT_FORMATS } from '../report/index.js';
import { FAIL_ON, type FailOn } from '../usecases/outcome.js';
import { addDiffCommand } from './diff.js';
import { addLedgerCommand } from './ledger.js';
import { addInitCommand } from './init.js';
import { configureHelp, optionHelp, commandHelp, examples, EXIT_CODES } from './help.js';
import { colorEnabled, progressEnabled } from './term.js';
import { addLimitOptions, type LimitFlags } from './limit-options.js';

const version = (): string => JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export interface Settings {
  lang: Lang;
  quiet: boolean;
  /** GKCHECK_LANG was set to something that is not a language. */
  badEnvLang?: string;
}

/**
 * Language and quiet, read before commander runs, so that the help text is built in the right
 * language: the last --lang on the command line, else GKCHECK_LANG, else both.
 */
export function readSettings(argv: string[], env: NodeJS.ProcessEnv = process.env): Settings {
  let lang: Lang | undefined;
  let quiet = false;
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a === '--quiet' || a === '-q') quiet = true;
    else if (a === '--lang') lang = parseLang(args[i + 1]) ?? lang;
    else if (a.startsWith('--lang=')) lang = parseLang(a.slice('--lang='.length)) ?? lang;
  }
  const fromEnv = parseLang(env.GKCHECK_LANG);
  const badEnvLang = env.GKCHECK_LANG?.trim() && !fromEnv ? env.GKCHECK_LANG : undefined;
  return { lang: lang ?? fromEnv ?? 'both', quiet, ...(badEnvLang ? { badEnvLang } : {}) };
}

/** Option parser for counts: a positive whole number, else a usage error (exit 2). */
function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(t({ zh: `应为正整数：${v}`, en: `must be a positive whole number: ${v}` }));
  return n;
}

export function buildProgram(w: Writer, setCode: (c: number) => void): Command {
  const program = new Command();
  /** quiet and progress for this run, read when a command starts (global options may follow it). */
  const chatter = () => {
    const quiet = Boolean(program.opts().quiet);
    return { quiet, progress: progressEnabled(quiet) };
  };
  program
    .name('gkcheck')
    .description(commandHelp({ zh: '解析、检查、比对政务公开工作要点，生成工作台账', en: 'Parse, check and compare government-transparency work plans (政务公开工作要点), and build their work ledgers' }))
    .version(version(), '-V, --version', optionHelp({ zh: '显示版本', en: 'show the version' }))
    .helpOption('-h, --help', optionHelp({ zh: '显示帮助', en: 'show help' }))
    .addOption(new Option('--lang <lang>', optionHelp({ zh: '语言：zh 中文，en 英文，both 中英对照（也可设环境变量 GKCHECK_LANG）', en: 'language: zh Chinese, en English, both (or set GKCHECK_LANG)' })).choices(LANGS))
    .option('-q, --quiet', optionHelp({ zh: '只输出结果：不显示警告、提示和进度', en: 'print nothing but results: no warnings, notes or progress' }))
    .option('--save <dir>', optionHelp({ zh: '输入为网址时，把下载的网页和附件保存到此目录', en: 'for URL inputs: keep the fetched page and attachments in this folder' }))
    // URL inputs are read in worker threads: they take the folder from their environment.
    .hook('preAction', () => {
      const save = program.opts().save as string | undefined;
      if (save) process.env.GKCHECK_SAVE_DIR = resolvePath(save);
    })
    .configureOutput({ writeOut: (s) => w.out(s), writeErr: (s) => w.err(s), outputError: () => undefined })
    .exitOverride();
  configureHelp(program);
  program.addHelpText(
    'after',
    examples(
      [
        { cmd: 'gkcheck parse fixtures/qixia-2022.pdf', what: { zh: '解析通知，输出 YAML', en: 'parse a notice to YAML' } },
        { cmd: 'gkcheck check fixtures/huating-2022.docx', what: { zh: '按国家要求、公文格式和一致性检查', en: 'check against the national, format and consistency rules' } },
        { cmd: 'gkcheck diff fixtures/qixia-2022.docx fixtures/mudan-2022.docx', what: { zh: '逐节比对两个要点', en: 'compare two plans section by section' } },
        { cmd: 'gkcheck ledger fixtures/huaiyin-2022.docx -o 工作台账.xlsx', what: { zh: '生成工作台账', en: 'build the work ledger' } },
        { cmd: 'gkcheck init --ci github', what: { zh: '写入配置文件和 CI 流程', en: 'write a config file and a CI workflow' } },
        { cmd: 'gkcheck check fixtures/qixia-2022.txt --lang en', what: { zh: '只用英文', en: 'English only' } },
      ],
      EXIT_CODES,
    ),
  );

  const parseCmd = program
    .command('parse')
    .description(
      commandHelp({
        zh: `读取通知（${inputFormatList().zh}），输出元数据、章节树、时限和责任单位`,
        en: `Read a notice (${inputFormatList().en}) and write its metadata, section tree, deadlines and units`,
      }),
    )
    .argument('<files...>', optionHelp({ zh: `通知文件、文件夹（读取其中的 ${inputExtensionList()}）、通配符，或 - 表示标准输入`, en: `notice files, folders (their ${inputExtensionList()} files), globs, or - for stdin` }))
    .addOption(new Option('-f, --format <format>', optionHelp({ zh: '输出格式', en: 'output format' })).choices(PARSE_FORMATS).default('yaml'))
    .option('-o, --output <file>', optionHelp({ zh: '写入文件而不是标准输出', en: 'write to a file instead of stdout' }))
    .option('--out-dir <dir>', optionHelp({ zh: '每个输入写一个文件，放在此目录（保留子文件夹，不会互相覆盖）', en: 'one output file per input, in this folder (sub-folders kept, never overwriting each other)' }))
    .option('-j, --jobs <n>', optionHelp({ zh: '并行处理的线程数（给出文件夹或通配符时自动并行）', en: 'worker threads (folders and globs run in parallel)' }), positiveInt);
  addLimitOptions(parseCmd)
    .addHelpText(
      'after',
      examples([
        { cmd: 'gkcheck parse fixtures/qixia-2022.pdf', what: { zh: '输出 YAML', en: 'YAML to stdout' } },
        { cmd: 'gkcheck parse fixtures/huating-2022.docx --format json -o huating.json', what: { zh: '写入 JSON 文件', en: 'JSON to a file' } },
        { cmd: 'gkcheck parse fixtures/ --out-dir parsed/', what: { zh: '文件夹中每个文件一个结果', en: 'one output per file of a folder' } },
        { cmd: 'gkcheck parse - < fixtures/qixia-2022.txt', what: { zh: '从标准输入读取', en: 'read from stdin' } },
      ]),
    )
    .action(async (files: string[], o: { format: ParseFormat; output?: string; outDir?: string; jobs?: number } & LimitFlags) => {
      setCode(await runParse(files, { format: o.format, output: o.output, outDir: o.outDir, jobs: o.jobs, timeoutSec: o.timeout, maxMemoryMb: o.maxMemory, readStdin, ...chatter() }, w));
    });

  const checkCmd = program
    .command('check')
    .description(commandHelp({ zh: '按规则包检查要点（国家要求、公文格式、内部一致性），输出问题及其位置', en: 'Check a plan against rule packs (national requirements, GB/T 9704 format, consistency)' }))
    .argument('<files...>', optionHelp({ zh: `要点文件、文件夹、通配符，或 - 表示标准输入（可读取：${inputExtensionList()}）`, en: `plan files, folders, globs, or - for stdin (readable: ${inputExtensionList()})` }))
    .option('-r, --rules <packs...>', optionHelp({ zh: '规则包名称或 YAML 文件（默认 national format consistency）', en: 'rule packs or YAML files (default: national format consistency)' }))
    .option('-c, --config <file>', optionHelp({ zh: '配置文件（默认向上查找 .gkcheckrc.yaml）', en: 'config file (default: .gkcheckrc.yaml found upward)' }))
    .option('-j, --jobs <n>', optionHelp({ zh: '并行处理的线程数（默认为 CPU 核数减一，至少 1；给出文件夹时自动并行）', en: 'worker threads (default: the number of cores minus one, at least 1; folders run in parallel)' }), positiveInt)
    .addOption(new Option('-f, --format <format>', optionHelp({ zh: `报告格式：${REPORT_FORMAT_TABLE.map((f) => `${f.name} ${f.label.zh}`).join('；')}`, en: `report format: ${REPORT_FORMAT_TABLE.map((f) => `${f.name} ${f.label.en}`).join('; ')}` })).choices(REPORT_FORMATS).default('pretty'))
    .option('-o, --output <file>', optionHelp({ zh: '报告写入文件（UTF-8，整份写入，不覆盖输入）而不是标准输出', en: 'write the report to a file (UTF-8, whole or not at all, never over an input) instead of stdout' }))
    .addOption(new Option('--fail-on <level>', optionHelp({ zh: '达到该级别的问题时退出码为 1', en: 'exit 1 on findings at or above this level' })).choices(FAIL_ON));
  addLimitOptions(checkCmd)
    .addHelpText(
      'after',
      examples(
        [
          { cmd: 'gkcheck check fixtures/huating-2022.docx', what: { zh: '默认规则包', en: 'the default packs' } },
          { cmd: 'gkcheck check fixtures/qixia-2022.pdf --rules shandong-2022 format --fail-on warning', what: { zh: '山东省要求，警告也算失败', en: 'Shandong pack, fail on warnings too' } },
          { cmd: 'gkcheck check fixtures/*.docx --format sarif -o gkcheck.sarif', what: { zh: 'CI 用的 SARIF 报告', en: 'SARIF report for CI' } },
        ],
        {
          zh: '退出码：0 无问题 · 1 有达到 --fail-on 级别的问题 · 2 用法或输入错误',
          en: 'Exit codes: 0 clean · 1 findings at or above --fail-on · 2 usage or input error',
          both: '退出码 / Exit codes: 0 无问题 clean · 1 有达到 --fail-on 级别的问题 findings · 2 用法或输入错误 usage/input error',
        },
      ),
    )
    .action(async (files: string[], o: { rules?: string[]; config?: string; format: string; output?: string; failOn?: FailOn; jobs?: number } & LimitFlags) => {
      const { runCheck } = await import('./check.js');
      setCode(
        await runCheck(files, { rules: o.rules, config: o.config, format: o.format as never, output: o.output, failOn: o.failOn, jobs: o.jobs, timeoutSec: o.timeout, maxMemoryMb: o.maxMemory, color: colorEnabled(), readStdin, ...chatter() }, w),
      );
    });

  program
    .command('rules')
    .description(commandHelp({ zh: '列出所有规则：编号、级别、规则包、依据和说明', en: 'List every rule with its id, severity, pack, source and description' }))
    .option('-r, --rules <packs...>', optionHelp({ zh: '只列这些规则包', en: 'only these packs' }))
    .addOption(new Option('-f, --format <format>', optionHelp({ zh: '输出格式', en: 'output format' })).choices(['pretty', 'json', 'markdown']).default('pretty'))
    .addHelpText(
      'after',
      examples([
        { cmd: 'gkcheck rules', what: { zh: '内置规则和配置启用的规则', en: 'built-in rules, and which are on' } },
        { cmd: 'gkcheck rules --rules shandong-2022', what: { zh: '启用山东省规则包时', en: 'with the Shandong pack on' } },
        { cmd: 'gkcheck rules --format json', what: { zh: '供程序读取', en: 'for programs' } },
      ]),
    )
    .action(async (o: { rules?: string[]; format: 'pretty' | 'json' | 'markdown' }) => {
      const { listRules } = await import('./check.js');
      setCode(await listRules(o.format, { rules: o.rules }, w));
    });

  addDiffCommand(program, w, setCode, chatter);
  addLedgerCommand(program, w, setCode, chatter);
  addInitCommand(program, w, setCode, chatter);

  return program;
}

/** What commander says, in the chosen language: "unknown option '--foo'" → "未知选项 '--foo'". */
function commanderMessage(e: CommanderError): { zh: string; en: string } {
  const en = e.message.replace(/^error: /, '').replace(/\n\((Did you mean [^)]*)\)/, ' ($1)');
  const q = [...e.message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const hint = /Did you mean (?:one of )?([^?]+)\?/.exec(e.message)?.[1];
  const also = hint ? `（是否要用 ${hint.replace(/, /g, '、')}？）` : '';
  let zh: string;
  switch (e.code) {
    case 'commander.unknownOption':
      zh = `未知选项 ${q[0]}${also}`;
      break;
    case 'commander.unknownCommand':
      zh = `未知命令 ${q[0]}${also}`;
      break;
    case 'commander.missingArgument':
      zh = q[0] === 'files' ? '缺少文件：请给出至少一个文件' : `缺少参数 ${q[0]}`;
      break;
    case 'commander.optionMissingArgument':
      zh = `选项 ${q[0]} 缺少取值`;
      break;
    case 'commander.invalidArgument': {
      const allowed = /Allowed choices are (.*)\.$/.exec(e.message)?.[1];
      zh = `选项 ${q[0]} 的取值“${q[1]}”无效${allowed ? `，可用：${allowed.split(', ').join('、')}` : ''}`;
      break;
    }
    case 'commander.excessArguments':
      zh = `参数过多${/for '([^']+)'/.test(e.message) ? `（${q[0]} 命令）` : ''}`;
      break;
    default:
      zh = `命令行有误：${en}`;
  }
  return { zh, en };
}

export async function main(argv: string[], out: Writer = stdio): Promise<number> {
  // Reports, messages and file names reach the terminal with their control characters shown, never run.
  const w = safeWriter(out);
  const settings = readSettings(argv);
  setLang(settings.lang);
  if (settings.badEnvLang && !settings.quiet) {
    w.err(warning({ zh: `GKCHECK_LANG=${settings.badEnvLang} 无法识别（可用 zh、en、both），已忽略`, en: `GKCHECK_LANG=${settings.badEnvLang} is not a language (use zh, en or both); ignored` }));
  }
  let code = 0;
  const program = buildProgram(w, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      if (e.exitCode === 0) return 0;
      // `gkcheck` alone: the help went to stderr already.
      if (e.code === 'commander.help') return 2;
      w.err(labelled({ zh: '错误', en: 'Error' }, commanderMessage(e)) + '\n');
      const cmd = argv.slice(2).find((a) => program.commands.some((c) => c.name() === a));
      const helpCmd = `gkcheck${cmd ? ` ${cmd}` : ''} --help`;
      w.err(t({ zh: `用 ${helpCmd} 查看用法`, en: `See ${helpCmd} for usage`, both: `用 ${helpCmd} 查看用法 / See ${helpCmd} for usage` }) + '\n');
      return 2;
    }
    if (e instanceof InputError) {
      w.err(describeError(e));
      return 2;
    }
    const err = e as Error;
    w.err(`${t({ zh: '内部错误，请报告此问题', en: 'Internal error, please report it' })}: ${err?.message ?? String(e)}\n`);
    if (process.env.GKCHECK_DEBUG) w.err(String(err?.stack) + '\n');
    return 3;
  }
}
