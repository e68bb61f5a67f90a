/**
 * gkcheck as a library. The CLI is a thin layer over these functions.
 *
 *   import { parseNotice, checkNotice, diffNotices, buildLedger } from 'gkcheck';
 *   const a = await parseNotice('qixia-2022.pdf');          // PDF, DOCX, DOC, XLSX or TXT (any encoding)
 *   const findings = checkNotice(a);                         // national + format + consistency
 *   const d = diffNotices(a, await parseNotice('mudan-2022.docx'));
 *   const rows = buildLedger([a]);                           // 工作台账 rows
 *
 * The use cases the CLI runs, over files, folders and globs, returning plain data (each
 * file's outcome, a summary, an exit code — see ./usecases/outcome.ts):
 *
 *   const run = await checkFiles(['drafts/'], { failOn: 'warning' }); // run.files[i].findings, run.exitCode
 *   const { notices } = await readNotices(['a.docx', 'b.pdf']);
 *   const cmp = await diffFiles(['a.docx', 'b.docx']);                 // cmp.data.diff
 *   const ledger = await ledgerFiles(['a.docx'], { unit: '区财政局' });  // ledger.rows
 *
 * Bad input throws `InputError` (code, file, zh, en). PDF and Word libraries are loaded only
 * when a file of that format is parsed.
 */
import type { Notice } from './model.js';
import { fileOf, parseFile, parseText } from './parse.js';
import { packStatuses, runRules, selectRules, type Finding, type PackStatus, type RuleSelection } from './rules/index.js';

export type * from './model.js';
export { InputError, type InputErrorCode } from './errors.js';
export { fileOf, parseFile, parseSource, parseSourceFile, parseText, sourceOf } from './parse.js';
export { checkFiles, prepareCheck, type CheckFilesOptions, type CheckRun } from './usecases/check-files.js';
export { readNotices, type ReadNoticesOptions, type ReadRun } from './usecases/read-notices.js';
export { diffFiles, type DiffFilesOptions, type DiffRun } from './usecases/diff-files.js';
export { ledgerFiles, type LedgerFilesOptions, type LedgerRun } from './usecases/ledger-files.js';
export { FAIL_ON, failsRun, type FailOn, type FileError, type FileOutcome, type RunSummary } from './usecases/outcome.js';
export { INPUT_FORMATS, type InputFormat } from './ingest/formats.js';
export { REPORT_FORMATS, formatReport, reportWriter, type ReportFormat, type ReportWriter } from './report/index.js';
export { DIFF_OUTPUTS, type DiffData } from './diff/outputs.js';
export { LEDGER_OUTPUTS } from './ledger/outputs.js';
export { ingestFile, ingestBuffer } from './ingest/index.js';
export { diffNotices, matrix, type NoticeDiff, type CoverageMatrix, type DiffOptions, type MatrixOptions } from './diff/index.js';
export { buildLedger, type LedgerRow, type BuildLedgerOptions } from './ledger/index.js';
export { findDeadlines, parseDeadlineCell, dueDate, type DeadlineContext } from './extract/deadlines.js';
export { splitUnitList, findUnitAssignments, looksLikeUnit } from './extract/units.js';
export type { Finding, FindingLocation, PackStatus, RuleSelection } from './rules/index.js';

/** Parse a notice from a file path, or from text already in memory (`{ text }`). */
export async function parseNotice(input: string | { text: string; path?: string }): Promise<Notice> {
  return typeof input === 'string' ? parseFile(input) : parseText(input.text, { path: input.path });
}

/**
 * Run rule packs over a parsed notice. Without options: the config file found from the
 * working directory upward (.gkcheckrc.yaml), else the national, format and consistency packs.
 * A notice parsed in this process brings its file object (fileOf: its source lines), so the
 * findings are those the CLI gives for the same file, placed from the nodes they are about.
 */
export function checkNotice(notice: Notice, selection: RuleSelection = {}): Finding[] {
  const { active } = selectRules(selection);
  return runRules(fileOf(notice), active);
}

/** Findings and, for each selected pack, whether it ran on this notice and why (not). */
export interface CheckResult {
  findings: Finding[];
  packs: PackStatus[];
}

/** As checkNotice, and say which packs applied (a Shandong pack is skipped on a Gansu plan). */
export function checkNoticeResult(notice: Notice, selection: RuleSelection = {}): CheckResult {
  const { active, packs } = selectRules(selection);
  return { findings: runRules(fileOf(notice), active), packs: packStatuses(notice, packs) };
}
