/**
 * ledgerFiles: the 工作台账 of notices read from files — the use case behind `gkcheck ledger`
 * and the API (../ledger/index.ts `buildLedger` does the same from notices in memory).
 *
 *   ledgerFiles(inputs, { unit, issued, keepRestated }) → LedgerRun { rows, files, notes, exitCode }
 *
 * Notes (plain bilingual data, the CLI prints them): a notice with no task rows or
 * requirement sentences, a unit no row names, a notice whose "N days after issue" limits get
 * no due date for want of an issue date. Usage mistakes throw InputError.
 */
import { InputError } from '../errors.js';
import type { Text } from '../i18n/index.js';
import type { Notice } from '../model.js';
import type { LedgerRow } from '../ledger/types.js';
import type { FileOutcome, RunSummary } from './outcome.js';
import { runFiles, type RunFilesOptions } from './run-files.js';

export interface LedgerFilesOptions extends Pick<RunFilesOptions, 'readStdin' | 'onExpanded' | 'jobs' | 'timeoutMs' | 'maxMemoryMb' | 'limits'> {
  /** Keep rows naming this unit (财政局 matches 区财政局). */
  unit?: string;
  /** Issue date (YYYY-MM-DD) for notices whose own date cannot be read. */
  issued?: string;
  /** Also list body sentences that a task-table row restates. */
  keepRestated?: boolean;
  onFile?: (r: FileOutcome) => void;
}

export interface LedgerRun {
  rows: LedgerRow[];
  /** Outcomes in input order, without their notices. */
  files: FileOutcome[];
  summary: RunSummary;
  /** Each with the file it is about, or null. */
  notes: { file: string | null; level: 'warning' | 'note'; text: Text }[];
  exitCode: number;
}

function usage(zh: string, en: string): InputError {
  return new InputError('usage', null, zh, en);
}

export function isIsoDate(s: string): boolean {
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

export async function ledgerFiles(inputs: string[], opts: LedgerFilesOptions = {}): Promise<LedgerRun> {
  if (opts.issued !== undefined && !isIsoDate(opts.issued)) {
    throw usage('--issued 须为日期 YYYY-MM-DD，例如 2022-03-15', '--issued must be a date YYYY-MM-DD, e.g. 2022-03-15');
  }
  const unit = opts.unit?.trim() || undefined;
  if (opts.unit !== undefined && !unit) throw usage('--unit 不能为空', '--unit must not be empty');
  if (!inputs.length) throw usage('请至少指定一个通知文件', 'Name at least one notice file');

  const files: FileOutcome[] = [];
  const notices: Notice[] = [];
  const summary = await runFiles(inputs, { job: 'parse', pool: false, readStdin: opts.readStdin, onExpanded: opts.onExpanded, timeoutMs: opts.timeoutMs, maxMemoryMb: opts.maxMemoryMb, limits: opts.limits }, (r) => {
    opts.onFile?.(r);
    if (r.notice) notices.push(r.notice);
    const { notice: _n, ...rest } = r;
    files.push(rest);
  });
  const notes: LedgerRun['notes'] = [];
  const run: LedgerRun = { rows: [], files, summary, notes, exitCode: summary.exitCode };
  if (!notices.length) return { ...run, exitCode: Math.max(run.exitCode, 2) };

  const { buildLedger } = await import('../ledger/index.js');
  run.rows = buildLedger(notices, { unit, issued: opts.issued, keepRestated: opts.keepRestated });
  for (const n of notices) {
    if (!unit && !run.rows.some((r) => r.file === n.source.path)) notes.push({ file: n.source.path, level: 'warning', text: { zh: '未找到任何任务或工作要求', en: 'no task rows or requirement sentences found' } });
  }
  if (unit && !run.rows.length) notes.push({ file: null, level: 'note', text: { zh: `没有任何一行的牵头或责任单位含“${unit}”`, en: `no row names the unit "${unit}" as lead or responsible` } });
  for (const n of notices) {
    if (n.meta.signedDate || n.meta.printedDate || opts.issued || !hasIssuanceDuration(n)) continue;
    notes.push({
      file: n.source.path,
      level: 'note',
      text: {
        zh: '未读到成文或印发日期，“印发后N日内”之类的时限没有截止日期；可用 --issued YYYY-MM-DD 指定',
        en: 'no signing or issue date found, so limits like "within N days of issue" get no due date; give one with --issued YYYY-MM-DD',
      },
    });
  }
  return run;
}
