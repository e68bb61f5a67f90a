/**
 * gkcheck as a library. The CLI is a thin layer over these functions.
 *
 *   import { parseNotice, checkNotice, diffNotices, buildLedger } from 'gkcheck';
 *   const a = await parseNotice('qixia-2022.pdf');          // PDF, DOCX, DOC or TXT (any encoding)
 *   const findings = checkNotice(a);                         // national + format + consistency
 *   const d = diffNotices(a, await parseNotice('mudan-2022.docx'));
 *   const rows = buildLedger([a]);                           // 工作台账 rows
 *
 * Bad input throws `InputError` (code, file, zh, en). PDF and Word libraries are loaded only
 * when a file of that format is parsed.
 */
import type { Notice } from './model.js';
import { parseFile, parseText } from './parse.js';
import { packStatuses, runRules, selectRules, type Finding, type PackStatus, type RuleSelection } from './rules/index.js';

export type * from './model.js';
export { InputError, type InputErrorCode } from './errors.js';
export { parseFile, parseSource, parseText } from './parse.js';
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
 */
export function checkNotice(notice: Notice, selection: RuleSelection = {}): Finding[] {
  const { active } = selectRules(selection);
  return runRules(notice, active, { file: notice.source.path });
}

/** Findings and, for each selected pack, whether it ran on this notice and why (not). */
export interface CheckResult {
  findings: Finding[];
  packs: PackStatus[];
}

/** As checkNotice, and say which packs applied (a Shandong pack is skipped on a Gansu plan). */
export function checkNoticeResult(notice: Notice, selection: RuleSelection = {}): CheckResult {
  const { active, packs } = selectRules(selection);
  return { findings: runRules(notice, active, { file: notice.source.path }), packs: packStatuses(notice, packs) };
}
