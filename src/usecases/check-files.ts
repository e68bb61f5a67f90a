/**
 * checkFiles: the "check these files" use case, shared by the CLI, the batch and the API.
 *
 *   checkFiles(inputs, { rules, config, failOn, jobs, timeoutMs, cwd }, onFile?) → CheckRun
 *
 * Input: paths, folders, globs (and `-` when the caller can read stdin). The rule selection
 * is made once, before any file is read: an invalid pack or config throws its InputError
 * (exit 2). Output: plain data — each file's outcome (findings sorted by place, or the error
 * that stopped it), the summary, the rules that ran, failOn and the exit code. With
 * `onFile`, outcomes are handed over one by one in input order and not kept (a batch
 * streams them to its report); without it they are all returned.
 */
import type { RuleMeta } from '../rules/types.js';
import type { RunConfig } from '../report/types.js';
import type { RuleSelection } from '../rules/packs.js';
import { FAIL_ON, type FailOn, type FileOutcome, type RunSummary } from './outcome.js';
import { runFiles, type RunFilesOptions } from './run-files.js';
import { InputError } from '../errors.js';

export interface CheckFilesOptions extends RuleSelection, Pick<RunFilesOptions, 'inputCwd' | 'pool' | 'jobs' | 'timeoutMs' | 'maxMemoryMb' | 'keepNotices' | 'readStdin' | 'onExpanded' | 'limits'> {
  /** Default: the config's failOn, else 'error'. */
  failOn?: FailOn;
  /** Called once the rules are selected, before any file is read (a streaming report starts here). */
  onReady?: (run: { rules: RuleMeta[]; failOn: FailOn; run: RunConfig }) => void;
}

export interface CheckRun {
  /** Every file's outcome in input order (empty when `onFile` took them). */
  files: FileOutcome[];
  summary: RunSummary;
  /** The rules that ran, with their configured severity. */
  rules: RuleMeta[];
  failOn: FailOn;
  exitCode: number;
}

/** The rule selection and failOn of a check, resolved once (throws InputError for a bad pack or config). */
export async function prepareCheck(opts: CheckFilesOptions): Promise<{ rules: RuleMeta[]; failOn: FailOn; run: RunConfig }> {
  if (opts.failOn && !FAIL_ON.includes(opts.failOn)) {
    throw new InputError('usage', null, `--fail-on 应为 ${FAIL_ON.join('、')} 之一`, `--fail-on must be one of ${FAIL_ON.join(', ')}`);
  }
  const { selectRules } = await import('../rules/index.js');
  const selected = selectRules(opts);
  const failOn = opts.failOn ?? selected.config?.failOn ?? 'error';
  return {
    rules: selected.active.map((a) => ({ ...a.rule.meta, severity: a.severity })),
    failOn,
    // Which config and packs applied: a .gkcheckrc.yaml found upward can turn failOn to never.
    run: {
      config: selected.config?.file ?? null,
      packs: selected.packs.map((p) => p.name),
      failOn,
      failOnFrom: opts.failOn ? 'option' : selected.config?.failOn ? 'config' : 'default',
    },
  };
}

export async function checkFiles(inputs: string[], opts: CheckFilesOptions = {}, onFile?: (r: FileOutcome) => void): Promise<CheckRun> {
  const { rules, failOn, run } = await prepareCheck(opts);
  opts.onReady?.({ rules, failOn, run });
  const files: FileOutcome[] = [];
  const summary = await runFiles(inputs, { ...opts, job: 'check', failOn }, onFile ?? ((r) => files.push(r)));
  return { files, summary, rules, failOn, exitCode: summary.exitCode };
}
