/**
 * diffFiles: compare plans read from files — the use case behind `gkcheck diff` and the API.
 *
 *   diffFiles(inputs, { mode: 'pair' | 'against' | 'matrix', against, reference, threshold })
 *     → DiffRun { data (for ../diff/outputs.ts), files, summary, exitCode, notes }
 *
 * pair: two files side by side; against: each file with the reference `against`; matrix: the
 * coverage matrix of all files (folders welcome: a plan published there in several formats is
 * read once, in the format that keeps the most structure — see ../ingest/formats.ts), rows
 * from `reference` when given. A file that cannot be read is an outcome with its error; the
 * others are still compared (exit 2 then). Usage mistakes throw InputError.
 */
import { basename, dirname, extname } from 'node:path';
import { InputError } from '../errors.js';
import { preferenceOf } from '../ingest/formats.js';
import type { Text } from '../i18n/index.js';
import type { Notice } from '../model.js';
import type { DiffData, DiffMode } from '../diff/outputs.js';
import type { FileOutcome, RunSummary } from './outcome.js';
import { runFiles, type InputItem, type RunFilesOptions } from './run-files.js';

export interface DiffFilesOptions extends Pick<RunFilesOptions, 'readStdin' | 'onExpanded' | 'jobs' | 'timeoutMs' | 'maxMemoryMb' | 'limits'> {
  mode?: DiffMode;
  /** against: the reference plan every file is compared with. */
  against?: string;
  /** matrix: rows are this plan's sections. */
  reference?: string;
  /** Minimum similarity (0..1) for two sections to count as the same task. */
  threshold?: number;
  /** Each file as it is read (progress, warnings). */
  onFile?: (r: FileOutcome) => void;
}

export interface DiffRun {
  mode: DiffMode;
  /** Absent when too few files could be read to compare. */
  data?: DiffData;
  /** Outcomes in input order, without their notices. */
  files: FileOutcome[];
  summary: RunSummary;
  exitCode: number;
  /** Things worth telling (which format of a plan was picked). */
  notes: Text[];
}

function usage(zh: string, en: string): InputError {
  return new InputError('usage', null, zh, en);
}

/** One file per plan and folder: qixia.docx over qixia.txt over qixia.pdf. */
export function onePerPlan(items: InputItem[], notes: Text[]): InputItem[] {
  const key = (f: string) => `${dirname(f)}\0${basename(f, extname(f))}`;
  const best = new Map<string, InputItem>();
  const dropped: string[] = [];
  for (const it of items) {
    if (it.error) continue;
    const k = key(it.file);
    const had = best.get(k);
    if (!had) best.set(k, it);
    else {
      const [keep, drop] = preferenceOf(it.file) < preferenceOf(had.file) ? [it, had] : [had, it];
      best.set(k, keep);
      dropped.push(drop.file);
    }
  }
  if (dropped.length) {
    const kept = [...best.values()].filter((it) => dropped.some((d) => key(d) === key(it.file))).map((it) => basename(it.file));
    notes.push({
      zh: `同一要点有多种格式，各取一种（按 docx > txt > doc > xlsx > pdf）：${kept.join('、')}`,
      en: `some plans exist in several formats; using one each (docx > txt > doc > xlsx > pdf): ${kept.join(', ')}`,
    });
  }
  return items.filter((it) => it.error || best.get(key(it.file)) === it);
}

export async function diffFiles(inputs: string[], opts: DiffFilesOptions = {}): Promise<DiffRun> {
  const mode: DiffMode = opts.mode ?? (opts.against !== undefined ? 'against' : 'pair');
  if (opts.against !== undefined && mode !== 'against') throw usage('--against 与 --matrix 不能同时使用', '--against and --matrix cannot be used together');
  if (opts.reference !== undefined && mode !== 'matrix') throw usage('--reference 只用于 --matrix；与单个参照比对请用 --against', '--reference goes with --matrix; to compare plans with one reference use --against');
  if (opts.threshold !== undefined && !(Number.isFinite(opts.threshold) && opts.threshold >= 0 && opts.threshold <= 1)) {
    throw usage('--threshold 须为 0 到 1 之间的数，例如 0.13', '--threshold must be a number from 0 to 1, e.g. 0.13');
  }
  if (mode === 'pair' && inputs.length !== 2) {
    throw usage('gkcheck diff 需要两个文件：gkcheck diff A B（多个文件请用 --matrix 或 --against）', 'gkcheck diff takes two files: gkcheck diff A B (for more, use --matrix or --against)');
  }
  if (mode === 'against' && inputs.length < 1) throw usage('--against REF 之后还需要至少一个文件', '--against REF needs at least one more file to compare');
  if (mode === 'matrix' && inputs.length === 0) throw usage('--matrix 需要至少两个要点（或一个要点加 --reference）', '--matrix needs at least two plans (or one plan and --reference)');

  const refPath = mode === 'against' ? opts.against : opts.reference;
  const all = [...(refPath !== undefined ? [refPath] : []), ...inputs];
  const notes: Text[] = [];
  const files: FileOutcome[] = [];
  const notices: (Notice | undefined)[] = [];
  const summary = await runFiles(
    all,
    { job: 'parse', pool: false, readStdin: opts.readStdin, onExpanded: opts.onExpanded, timeoutMs: opts.timeoutMs, maxMemoryMb: opts.maxMemoryMb, limits: opts.limits, ...(mode === 'matrix' ? { recursive: false, select: (items) => onePerPlan(items, notes) } : {}) },
    (r) => {
      opts.onFile?.(r);
      notices.push(r.notice);
      const { notice: _n, ...rest } = r;
      files.push(rest);
    },
  );
  const run: DiffRun = { mode, files, summary, exitCode: summary.exitCode, notes };
  const diff = await import('../diff/index.js');
  const threshold = opts.threshold;
  // With a reference, it is the first outcome (its expansion is one file or an error).
  const ref = refPath !== undefined ? notices[0] : undefined;
  const plans = (refPath !== undefined ? notices.slice(1) : notices).filter((n): n is Notice => Boolean(n));
  if (refPath !== undefined && !ref) return { ...run, exitCode: Math.max(run.exitCode, 2) };
  // Every file was read, yet too few plans are left: the same file was named twice (the
  // expansion reads a file once). Say so, rather than exit 2 with nothing to show.
  if (summary.failed === 0 && ((mode === 'pair' && plans.length < 2) || (mode === 'against' && plans.length === 0))) {
    throw usage(
      `要比对的是同一个文件（${[...new Set(all)].join('、')}）：请给出两个不同的要点`,
      `the files to compare are one and the same (${[...new Set(all)].join(', ')}): name two different plans`,
    );
  }
  if (mode === 'pair') {
    if (plans.length === 2) run.data = { mode, diff: diff.diffNotices(plans[0], plans[1], { threshold }) };
  } else if (mode === 'against') {
    if (plans.length) run.data = { mode, diffs: plans.map((p) => diff.diffNotices(ref!, p, { threshold })) };
  } else {
    if (plans.length + (ref ? 1 : 0) < 2 && summary.failed === 0) {
      throw usage('--matrix 需要至少两个要点（或一个要点加 --reference）', '--matrix needs at least two plans (or one plan and --reference)');
    }
    if (plans.length && plans.length + (ref ? 1 : 0) >= 2) run.data = { mode, matrix: diff.matrix(plans, { reference: ref, threshold }) };
  }
  if (!run.data) run.exitCode = Math.max(run.exitCode, 2);
  return run;
}
