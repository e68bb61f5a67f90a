/**
 * Help text in the chosen language: commander's own words (Usage:, Options:, choices,
 * default, the help command) translated, CJK-aware column widths, and an "Examples" block
 * that every command ends with.
 */
import { Help, type Argument, type Command, type Option } from 'commander';
import { displayWidth, padWidth } from '../diff/render-util.js';
import { getLang, lines, t, type Text } from '../i18n/index.js';

/** An option or argument description, e.g. `t({ zh: '输出格式', en: 'output format' })`. */
export const optionHelp = (text: Text): string => t(text);
/** A command description: one line per language when both are shown. */
export const commandHelp = (text: Text): string => lines(text);

const TITLES: Record<string, Text> = {
  'Usage:': { zh: '用法：', en: 'Usage:', both: '用法 / Usage:' },
  'Arguments:': { zh: '参数：', en: 'Arguments:', both: '参数 / Arguments:' },
  'Options:': { zh: '选项：', en: 'Options:', both: '选项 / Options:' },
  'Global Options:': { zh: '全局选项：', en: 'Global options:', both: '全局选项 / Global options:' },
  'Commands:': { zh: '命令：', en: 'Commands:', both: '命令 / Commands:' },
};

function extras(choices: readonly string[] | undefined, def: unknown, showDefault: boolean, description: string): string {
  const info: string[] = [];
  if (choices) info.push(t({ zh: `可选：${choices.join('、')}`, en: `choices: ${choices.join(', ')}`, both: `可选 choices: ${choices.join(', ')}` }));
  if (def !== undefined && showDefault) info.push(t({ zh: `默认：${String(def)}`, en: `default: ${String(def)}`, both: `默认 default: ${String(def)}` }));
  if (!info.length) return description;
  const lang = getLang();
  const extra = lang === 'zh' ? `（${info.join('；')}）` : `(${info.join('; ')})`;
  return description ? `${description}${lang === 'zh' ? '' : ' '}${extra}` : extra;
}

/** Install the translated help on the program (subcommands inherit it). */
export function configureHelp(program: Command): Command {
  const help: Partial<Help> = {
    // "用法：gkcheck …", not "用法： gkcheck …"
    formatHelp: (cmd: Command, helper: Help) => Help.prototype.formatHelp.call(helper, cmd, helper).replace(/^用法： /, '用法：'),
    styleTitle: (s: string) => (TITLES[s] ? t(TITLES[s]) : s),
    displayWidth: (s: string) => displayWidth(s.replace(/\x1b\[[0-9;]*m/g, '')),
    optionDescription: (o: Option) => extras(o.argChoices, o.defaultValue, o.required || o.optional, o.description ?? ''),
    argumentDescription: (a: Argument) => extras(a.argChoices, a.defaultValue, true, a.description ?? ''),
    showGlobalOptions: true,
  };
  return program.configureHelp(help).helpCommand('help [command]', optionHelp({ zh: '显示某个命令的帮助', en: 'show help for a command' }));
}

export interface Example {
  cmd: string;
  what?: Text;
}

/**
 * "示例 / Examples:" and the commands, each with what it does: beside it when the commands
 * are short, else on the line above as a shell comment. `foot` follows after a blank line.
 */
export function examples(list: Example[], foot?: Text): string {
  const width = Math.max(...list.map((e) => displayWidth(e.cmd))) + 2;
  const rows =
    width <= 52
      ? list.map((e) => (e.what ? `  ${padWidth(e.cmd, width)}${t(e.what)}` : `  ${e.cmd}`))
      : list.map((e) => (e.what ? `  # ${t(e.what)}\n  ${e.cmd}` : `  ${e.cmd}`));
  const title = t({ zh: '示例：', en: 'Examples:', both: '示例 / Examples:' });
  return `\n${title}\n${rows.join('\n')}` + (foot ? `\n\n${t(foot)}` : '');
}

export const EXIT_CODES: Text = {
  zh: '退出码：0 正常 · 1 有达到阈值的问题 · 2 用法或输入错误 · 3 内部错误',
  en: 'Exit codes: 0 ok · 1 findings at or above --fail-on · 2 usage or input error · 3 internal error',
  both: '退出码 / Exit codes: 0 正常 ok · 1 有达到阈值的问题 findings · 2 用法或输入错误 usage/input error · 3 内部错误 internal error',
};
