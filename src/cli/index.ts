/**
 * The command line: a thin layer over the library. The only place that talks to the
 * terminal. Exit codes: 0 ok / clean, 1 findings at or above --fail-on, 2 usage or
 * input error, 3 internal error (a bug: please report it).
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { describeError, stdio, type Writer } from './io.js';
import { runParse } from './parse-command.js';
import { addDiffCommand } from './diff.js';
import { addLedgerCommand } from './ledger.js';

/** Colours only on a terminal, and never with NO_COLOR (https://no-color.org). */
const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

const version = (): string => JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export function buildProgram(w: Writer, setCode: (c: number) => void): Command {
  const program = new Command();
  program
    .name('gkcheck')
    .description('解析、检查、比对政务公开工作要点\nParse, check and compare government-transparency work plans (政务公开工作要点)')
    .version(version(), '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .configureOutput({ writeOut: (s) => w.out(s), writeErr: (s) => w.err(s) })
    .exitOverride()
    .addHelpText(
      'after',
      `
示例 / Examples:
  gkcheck parse fixtures/qixia-2022.pdf             解析通知，输出 YAML / parse a notice to YAML
  gkcheck parse notice.docx --format json -o out.json
  gkcheck parse fixtures/*.txt --out-dir parsed/    每个文件一个结果 / one output per input

退出码 / Exit codes: 0 正常 ok · 1 有达到阈值的问题 findings · 2 用法或输入错误 usage/input error · 3 内部错误 internal error`,
    );

  program
    .command('parse')
    .description('读取通知（PDF/DOCX/DOC/TXT），输出元数据、章节树、时限和责任单位\nRead a notice and write its metadata, section tree, deadlines and units')
    .argument('<files...>', '通知文件 / notice files')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', '写入文件而不是标准输出 / write to a file instead of stdout')
    .option('--out-dir <dir>', '每个输入写一个文件 / one output file per input, in this folder')
    .addHelpText('after', '\n示例 / Example:\n  gkcheck parse fixtures/huating-2022.docx --format json')
    .action(async (files: string[], o: { format: 'yaml' | 'json'; output?: string; outDir?: string }) => {
      setCode(await runParse(files, { format: o.format, output: o.output, outDir: o.outDir }, w));
    });

  program
    .command('check')
    .description('按规则包检查要点（国家要求、公文格式、内部一致性），输出问题及其位置\nCheck a plan against rule packs (national requirements, GB/T 9704 format, consistency)')
    .argument('<files...>', '要点文件 / plan files')
    .option('-r, --rules <packs...>', '规则包名称或 YAML 文件（默认 national format consistency）/ rule packs or YAML files')
    .option('-c, --config <file>', '配置文件（默认向上查找 .gkcheckrc.yaml）/ config file (default: .gkcheckrc.yaml found upward)')
    .addOption(new Option('-f, --format <format>', '报告格式 / report format').choices(['pretty', 'json', 'sarif', 'junit', 'github', 'gitlab']).default('pretty'))
    .addOption(new Option('--fail-on <level>', '达到该级别的问题时退出码为 1 / exit 1 on findings at or above this level').choices(['error', 'warning', 'never']))
    .addHelpText(
      'after',
      `
示例 / Examples:
  gkcheck check fixtures/huating-2022.docx
  gkcheck check draft.docx --rules national shandong-2022 --fail-on warning
  gkcheck check draft.docx --format sarif > gkcheck.sarif

退出码 / Exit codes: 0 无问题 clean · 1 有达到 --fail-on 级别的问题 findings · 2 用法或输入错误 usage/input error`,
    )
    .action(async (files: string[], o: { rules?: string[]; config?: string; format: string; failOn?: 'error' | 'warning' | 'never' }) => {
      const { runCheck } = await import('./check.js');
      setCode(await runCheck(files, { rules: o.rules, config: o.config, format: o.format as never, failOn: o.failOn, color: useColor() }, w));
    });

  program
    .command('rules')
    .description('列出所有规则：编号、级别、规则包、依据和说明\nList every rule with its id, severity, pack, source and description')
    .option('-r, --rules <packs...>', '只列这些规则包 / only these packs')
    .addOption(new Option('-f, --format <format>', '输出格式 / output format').choices(['pretty', 'json']).default('pretty'))
    .action(async (o: { rules?: string[]; format: 'pretty' | 'json' }) => {
      const { listRules } = await import('./check.js');
      setCode(await listRules(o.format, { rules: o.rules }, w));
    });

  addDiffCommand(program, w, setCode);
  addLedgerCommand(program, w, setCode);

  return program;
}

export async function main(argv: string[], w: Writer = stdio): Promise<number> {
  let code = 0;
  const program = buildProgram(w, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError) {
      w.err(describeError(e));
      return 2;
    }
    const err = e as Error;
    w.err(`内部错误，请报告此问题 / Internal error, please report it: ${err?.message ?? String(e)}\n`);
    if (process.env.GKCHECK_DEBUG) w.err(String(err?.stack) + '\n');
    return 3;
  }
}
