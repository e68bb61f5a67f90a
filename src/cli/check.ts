/**
 * `gkcheck check FILE... [--rules PACK|FILE ...] [--config FILE] [--format F] [--fail-on L]`
 * and `gkcheck rules [--format pretty|json]`.
 *
 * Exit codes: 0 clean (nothing at or above --fail-on), 1 findings at or above --fail-on,
 * 2 usage or input error (a file that cannot be read or parsed, an invalid rule pack or
 * config). Output goes through the Writer: the report to `out`, problems to `err`.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { parseSource } from '../parse.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { BUILTIN_DIR, BUILTIN_PACKS, loadPacks, runRules, selectRules, SEVERITY_RANK, type Finding, type RuleSelection } from '../rules/index.js';
import { t } from '../i18n/index.js';
import { describeError, note, stdio, warning, type Writer } from './io.js';
import { CHECKING, progressBar } from './term.js';

export type FailOn = 'error' | 'warning' | 'never';
export const FAIL_ON: FailOn[] = ['error', 'warning', 'never'];

export interface CheckOptions extends RuleSelection {
  format?: ReportFormat;
  /** Default: the config's failOn, else 'error'. */
  failOn?: FailOn;
  /** ANSI colours in pretty output. */
  color?: boolean;
  /** Nothing on stderr but errors (the report is still printed). */
  quiet?: boolean;
  /** Progress bar on stderr for several files (the CLI: stderr is a terminal). */
  progress?: boolean;
  /** Worker threads for a batch (default: the number of cores). */
  jobs?: number;
  /** Per-file time limit in seconds (default: ../limits DEFAULT_TIMEOUT_MS). */
  timeoutSec?: number;
  /** Memory limit in MB while reading, parsing and checking (default: ../limits DEFAULT_MAX_MEMORY_MB). */
  maxMemoryMb?: number;
}

/** Folders, globs or --jobs make a batch: files run on a pool of worker threads. */
function wantsBatch(files: string[], opts: CheckOptions): boolean {
  if (opts.jobs !== undefined) return true;
  return files.some((f) => /[*?[\]{}]/.test(f) || isDirectory(f));
}
function isDirectory(f: string): boolean {
  try {
    return statSync(f).isDirectory();
  } catch {
    return false;
  }
}

const tool = () => ({ name: 'gkcheck', version: (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version });

function usage(zh: string, en: string): InputError {
  return new InputError('usage', null, zh, en);
}

function limitsOf(opts: CheckOptions): { timeoutMs?: number; maxMemoryMb?: number } {
  return { ...(opts.timeoutSec !== undefined ? { timeoutMs: opts.timeoutSec * 1000 } : {}), ...(opts.maxMemoryMb !== undefined ? { maxMemoryMb: opts.maxMemoryMb } : {}) };
}

export async function runCheck(files: string[], opts: CheckOptions = {}, w: Writer = stdio): Promise<number> {
  const format = opts.format ?? 'pretty';
  try {
    if (!REPORT_FORMATS.includes(format)) throw usage(`不支持的输出格式“${format}”（可用：${REPORT_FORMATS.join('、')}）`, `unknown format "${format}" (use ${REPORT_FORMATS.join(', ')})`);
    if (opts.failOn && !FAIL_ON.includes(opts.failOn)) throw usage(`--fail-on 应为 ${FAIL_ON.join('、')} 之一`, `--fail-on must be one of ${FAIL_ON.join(', ')}`);
    if (files.length === 0) throw usage('请指定要检查的文件', 'no files to check');
  } catch (e) {
    w.err(describeError(e as InputError));
    return 2;
  }

  let selected: ReturnType<typeof selectRules>;
  try {
    selected = selectRules(opts);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }
  const failOn: FailOn = opts.failOn ?? selected.config?.failOn ?? 'error';

  const findings: Finding[] = [];
  /** The files that could be read: an unreadable file is reported as an error, not as clean. */
  const checked: string[] = [];
  let inputError = false;
  let internalError = false;

  if (wantsBatch(files, opts)) {
    // Many files: worker threads, results in input order, a time limit per file; one bad
    // file never stops the rest. Workers load dist/, which `npm ci` builds.
    const { runBatch, describeFailure, maxJobs } = await import('../batch/index.js');
    if (opts.jobs !== undefined && opts.jobs > maxJobs() && !opts.quiet) {
      w.err(note({ zh: `--jobs ${opts.jobs} 超过 CPU 核数，按 ${maxJobs()} 个线程运行`, en: `--jobs ${opts.jobs} is more than the number of cores; running ${maxJobs()} threads` }));
    }
    let done = 0;
    // With folders or globs the number of files is not known up front: no bar then.
    const expands = files.some((f) => /[*?[\]{}]/.test(f) || isDirectory(f));
    const bar = progressBar(w, !opts.quiet && Boolean(opts.progress) && !expands, files.length, CHECKING);
    let summary;
    try {
      summary = await runBatch(
        files,
        { job: 'check', jobs: opts.jobs, ...limitsOf(opts), rules: opts.rules, config: opts.config, failOn, cwd: opts.cwd },
        (r) => {
          bar.step(++done, basename(r.file));
          if (r.status === 'failed') {
            bar.writer.err(describeFailure(r));
            if (r.exitCode >= 3) internalError = true;
            else inputError = true;
          } else {
            findings.push(...(r.findings ?? []));
            checked.push(r.file);
          }
        },
      );
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      w.err(describeError(e));
      return 2;
    }
    bar.end();
    if (!opts.quiet) {
      w.err(
        t({
          zh: `共 ${summary.total} 个文件：无问题 ${summary.ok}，有问题 ${summary.findings}，失败 ${summary.failed}`,
          en: `${summary.total} files: ${summary.ok} clean, ${summary.findings} with findings, ${summary.failed} failed`,
        }) + '\n',
      );
    }
    return report();
  }

  // One file at a time, reading, parsing and checking in a worker thread under the time and
  // memory limits (the rules load there once, inside the limits too).
  const bar = progressBar(w, !opts.quiet && Boolean(opts.progress), files.length, CHECKING);
  const ew = bar.writer;
  const { LimitedRunner } = await import('../limits/index.js');
  const runner = new LimitedRunner(limitsOf(opts));
  try {
    for (const [k, file] of files.entries()) {
      bar.step(k, basename(file));
      try {
        const { notice, findings: found } = await runner.check(file, { rules: opts.rules, config: opts.config, cwd: opts.cwd });
        for (const m of notice.messages) {
          if (m.severity !== 'info' && !opts.quiet) ew.err(warning(m.message, file));
        }
        findings.push(...found);
        checked.push(file);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        ew.err(describeError(e));
        inputError = true;
      }
    }
  } finally {
    runner.close();
  }
  bar.step(files.length);
  bar.end();
  return report();

  function report(): number {
    w.out(
      formatReport(format, {
        findings,
        files: checked,
        rules: selected.active.map((a) => ({ ...a.rule.meta, severity: a.severity })),
        tool: tool(),
        color: opts.color ?? false,
      }),
    );
    if (internalError) return 3;
    if (inputError) return 2;
    if (failOn === 'never') return 0;
    return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
  }
}

/** Every rule of the built-in packs (and of the selected packs), with its configured severity. */
export async function listRules(format: 'pretty' | 'json' = 'pretty', opts: RuleSelection = {}, w: Writer = stdio): Promise<number> {
  let rows;
  try {
    const selected = selectRules(opts);
    const enabled = new Map(selected.active.map((a) => [a.rule.meta.id, a.severity]));
    const packs = [...loadPacks([...BUILTIN_PACKS], BUILTIN_DIR), ...selected.packs];
    const seen = new Set<string>();
    rows = [];
    for (const p of packs) {
      for (const r of p.rules) {
        const m = r.rule.meta;
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        rows.push({
          id: m.id,
          severity: enabled.get(m.id) ?? r.severity,
          enabled: enabled.has(m.id),
          pack: p.name,
          kind: m.kind,
          type: m.type,
          confidence: m.confidence,
          source: m.source,
          description: m.description,
        });
      }
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }
  if (format === 'json') {
    w.out(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  const out: string[] = [];
  let pack = '';
  for (const r of rows) {
    if (r.pack !== pack) {
      pack = r.pack;
      out.push(`${out.length ? '\n' : ''}[${pack}]`);
    }
    const state = r.enabled ? r.severity : `${r.severity}, ${t({ zh: '未启用', en: 'not enabled' })}`;
    out.push(`  ${r.id.padEnd(idWidth)}  ${state}  (${r.kind}, ${r.confidence})`);
    out.push(`  ${' '.repeat(idWidth)}  ${t(r.description)}`);
    out.push(`  ${' '.repeat(idWidth)}  ${t({ zh: '依据：', en: 'Source: ', both: '依据 / Source: ' })}${r.source}`);
  }
  w.out(out.join('\n') + '\n');
  return 0;
}
