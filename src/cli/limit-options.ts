/**
 * --timeout and --max-memory, the same on every command that reads documents
 * (see ../limits/index.ts for what they bound and their defaults).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { t } from '../i18n/index.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS } from '../limits/index.js';
import { optionHelp } from './help.js';

export interface LimitFlags {
  /** --timeout, seconds per file. */
  timeout?: number;
  /** --max-memory, MB. */
  maxMemory?: number;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(t({ zh: `应为正数：${v}`, en: `must be a positive number: ${v}` }));
  return n;
}

function memoryMb(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 16) throw new InvalidArgumentError(t({ zh: `应为不小于 16 的整数（MB）：${v}`, en: `must be a whole number of MB, at least 16: ${v}` }));
  return n;
}

export function addLimitOptions(cmd: Command, opts: { timeout?: boolean } = {}): Command {
  if (opts.timeout !== false) {
    cmd.addOption(
      new Option(
        '--timeout <seconds>',
        optionHelp({ zh: `读取和解析每个文件的时限（秒，默认 ${DEFAULT_TIMEOUT_MS / 1000}）；超时即停止并报告`, en: `time limit to read and parse each file (seconds, default ${DEFAULT_TIMEOUT_MS / 1000}); over it the file is stopped and reported` }),
      ).argParser(positiveNumber),
    );
  }
  cmd.addOption(
    new Option(
      '--max-memory <MB>',
      optionHelp({ zh: `读取和解析时的内存上限（MB，默认 ${DEFAULT_MAX_MEMORY_MB}）`, en: `memory limit while reading and parsing (MB, default ${DEFAULT_MAX_MEMORY_MB})` }),
    ).argParser(memoryMb),
  );
  return cmd;
}
