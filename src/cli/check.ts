/**
 * `gkcheck check FILE... [--rules PACK|FILE ...] [--config FILE] [--format F] [--fail-on L]`
 * and `gkcheck rules [--format pretty|json]`.
 *
 * Exit codes: 0 clean (nothing at or above --fail-on), 1 findings at or above --fail-on,
 * 2 usage or input error (a file that cannot be read or parsed, an invalid rule pack or
 * config). Output goes through the Writer: the report to `out`, problems to `err`.
 */
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { InputError } from '../errors.js';
import { needsNotice, reportWriter, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import type { RunConfig } from '../report/types.js';
import { BUILTIN_DIR, BUILTIN_PACKS, loadPacks, selectRules, type RuleSelection } from '../rules/index.js';
import { getLang, t } from '../i18n/index.js';
import { describeFailure } from '../batch/index.js';
import { checkFiles } from '../usecases/check-files.js';
import { FAIL_ON, type FailOn } from '../usecases/outcome.js';
import { describeError, note, stdio, warning, type Writer } from './io.js';
import { openOutput, type Output } from './output.js';
import { CHECKING, progressBar } from './term.js';

export type { FailOn };
export { FAIL_ON };

export interface CheckOptions extends RuleSelection {
  format?: ReportFormat;
  /** Default: the config's failOn, else 'error'. */
  failOn?: FailOn;
  /** Write the report here (whole or not at all, never over an input) instead of stdout. */
  output?: string;
  /** ANSI colours in pretty output. */
  color?: boolean;
  /** Nothing on stderr but errors (the report is still printed). */
  quiet?: boolean;
  /** Progress bar on stderr for several files (the CLI: stderr is a terminal). */
  progress?: boolean;
  /** Worker threads for a batch (default: the number of cores minus one, at least 1). */
  jobs?: number;
  /** Per-file time limit in seconds (default: ../limits DEFAULT_TIMEOUT_MS). */
  timeoutSec?: number;
  /** Memory limit in MB while reading, parsing and checking (default: ../limits DEFAULT_MAX_MEMORY_MB). */
  maxMemoryMb?: number;
  /** How to read `-` (standard input). */
  readStdin?: () => Promise<Uint8Array>;
}

/** One line: the config file, the packs, and the fail level with where it came from. */
export function describeRun(run: RunConfig, cwd: string): string {
  const rel = run.config ? relative(cwd, run.config) : '';
  const shown = run.config ? (rel && !rel.startsWith('..') ? rel : run.config) : null;
  const from = { option: { zh: '（--fail-on）', en: ' (--fail-on)' }, config: { zh: '（由配置文件设定）', en: ' (set by the config file)' }, default: { zh: '（默认）', en: ' (default)' } }[run.failOnFrom];
  return t({
    zh: `配置：${shown ?? '无（未找到 .gkcheckrc.yaml）'}；规则包：${run.packs.join('、')}；失败级别：${run.failOn}${from.zh}`,
    en: `config: ${shown ?? 'none (no .gkcheckrc.yaml found)'}; packs: ${run.packs.join(', ')}; fail on: ${run.failOn}${from.en}`,
  });
}

const tool = () => ({ name: 'gkcheck', version: (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version });

/**
 * The check command: flags → checkFiles, each file's outcome → the report writer as it
 * finishes (to stdout or -o), problems → stderr. The exit code is the run's.
 */
export async function runCheck(files: string[], opts: CheckOptions = {}, w: Writer = stdio): Promise<number> {
  const format = opts.format ?? 'pretty';
  let out: Output | undefined;
  let bar = progressBar(w, false, 0, CHECKING);
  let done = 0;
  let writer: ReturnType<typeof reportWriter> | undefined;
  try {
    if (!REPORT_FORMATS.includes(format)) {
      throw new InputError('usage', null, `不支持的输出格式“${format}”（可用：${REPORT_FORMATS.join('、')}）`, `unknown format "${format}" (use ${REPORT_FORMATS.join(', ')})`);
    }
    if (files.length === 0) throw new InputError('usage', null, '请指定要检查的文件', 'no files to check');
    const { maxJobs } = await import('../batch/index.js');
    if (opts.jobs !== undefined && opts.jobs > maxJobs() && !opts.quiet) {
      w.err(note({ zh: `--jobs ${opts.jobs} 超过 CPU 核数，按 ${maxJobs()} 个线程运行`, en: `--jobs ${opts.jobs} is more than the number of cores; running ${maxJobs()} threads` }));
    }
    const run = await checkFiles(
      files,
      {
        rules: opts.rules,
        config: opts.config,
        cwd: opts.cwd,
        failOn: opts.failOn,
        jobs: opts.jobs,
        ...(opts.timeoutSec !== undefined ? { timeoutMs: opts.timeoutSec * 1000 } : {}),
        ...(opts.maxMemoryMb !== undefined ? { maxMemoryMb: opts.maxMemoryMb } : {}),
        readStdin: opts.readStdin,
        ...(needsNotice(format) ? { keepNotices: true } : {}),
        onReady: ({ rules, failOn, run }) => {
          // Say what configured the run: a .gkcheckrc.yaml found in a parent folder can set failOn: never.
          if (!opts.quiet) w.err(describeRun(run, opts.cwd ?? process.cwd()) + '\n');
          out = openOutput(opts.output, files, w);
          writer = reportWriter(format, { rules, failOn, run, tool: tool(), color: (opts.color ?? false) && !opts.output, lang: getLang() });
          out.write(writer.begin());
        },
        onExpanded: (total) => {
          bar = progressBar(w, !opts.quiet && Boolean(opts.progress), total, CHECKING);
          bar.step(0);
        },
      },
      (r) => {
        bar.step(++done, basename(r.file));
        if (!opts.quiet) for (const m of r.messages ?? []) if (m.severity !== 'info') bar.writer.err(warning(m.message, r.file));
        if (r.status === 'failed') bar.writer.err(describeFailure(r));
        out!.write(writer!.file({ file: r.file, status: r.status, findings: r.findings ?? [], error: r.error, ...(r.notice ? { notice: r.notice } : {}) }));
      },
    );
    bar.end();
    out!.write(writer!.end(run.summary));
    out!.close();
    if (!opts.quiet && run.summary.pooled) {
      const s = run.summary;
      w.err(
        t({
          zh: `共 ${s.total} 个文件：无问题 ${s.ok}，有问题 ${s.findings}，失败 ${s.failed}`,
          en: `${s.total} files: ${s.ok} clean, ${s.findings} with findings, ${s.failed} failed`,
        }) + '\n',
      );
    }
    return run.exitCode;
  } catch (e) {
    bar.end();
    out?.abort();
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }
}

/** Every rule of the built-in packs (and of the selected packs), with its configured severity. */
export async function listRules(format: 'pretty' | 'json' | 'markdown' = 'pretty', opts: RuleSelection = {}, w: Writer = stdio): Promise<number> {
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
  if (format === 'markdown') {
    w.out(rulesMarkdown(rows));
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

/**
 * docs/rules.md: every rule with a stable anchor (its id), which SARIF's rule helpUri points at.
 * The file is this output for the built-in packs (`gkcheck rules --format markdown`);
 * test/report.test.ts keeps it up to date.
 */
function rulesMarkdown(rows: { id: string; severity: string; pack: string; kind: string; type: string; confidence: string; source: string; description: { zh: string; en: string } }[]): string {
  const out = [
    '# gkcheck 规则 / Rules',
    '',
    '由 `gkcheck rules --format markdown` 生成，请勿手改。 *Generated by `gkcheck rules --format markdown`; do not edit.*',
    '',
  ];
  let pack = '';
  for (const r of rows) {
    if (r.pack !== pack) {
      pack = r.pack;
      out.push(`## ${pack}`, '');
    }
    out.push(`<a id="${r.id}"></a>`, `### ${r.id}`, '', `${r.description.zh}  `, `*${r.description.en}*`, '');
    out.push(`- 级别 / severity: \`${r.severity}\` · 类型 / type: ${r.type} · 可信度 / confidence: ${r.confidence} · ${r.kind}`);
    out.push(`- 依据 / source: ${r.source}`, '');
  }
  return out.join('\n');
}
