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
