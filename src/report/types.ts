/**
 * report: the outcome of a check run → text in one of the output formats.
 *
 * Input: the run's context (tool, the rules that ran, failOn, language, colour), then each
 * file's outcome IN INPUT ORDER as it finishes (its findings, or the error that stopped it:
 * a file that could not be read is named in every format, never left out), then the run's
 * summary. Output: text, piece by piece, so a batch streams its report as files finish and
 * memory does not grow with the batch. Printing is the CLI's business.
 *
 * Every format is a `ReportWriter`: begin() once, file() per file, end() once. The formats
 * are declared once, in ./index.ts (REPORT_FORMATS), which the CLI's choices and help use.
 */
import type { Lang, Text } from '../i18n/index.js';
import type { Notice, Position } from '../model.js';
import type { Finding, RuleMeta } from '../rules/types.js';
import type { FailOn, FileError, FileStatus, RunSummary } from '../usecases/outcome.js';

export interface ReportContext {
  rules: RuleMeta[];
  tool: { name: string; version: string };
  /** What fails the run: JUnit marks only these findings as failures. Default 'error'. */
  failOn?: FailOn;
  /** pretty only: ANSI colours. */
  color?: boolean;
  /** People-facing formats: zh, en or both (default: the i18n setting). */
  lang?: Lang;
  /** What the run was configured by (json and sarif record it): a config found upward can change failOn. */
  run?: RunConfig;
}

export interface RunConfig {
  /** The config file used (given with --config or found upward), or null for none. */
  config: string | null;
  /** The rule packs, in load order (names). */
  packs: string[];
  /** The level that makes the exit code 1, and where it came from. */
  failOn: 'error' | 'warning' | 'never';
  failOnFrom: 'option' | 'config' | 'default';
}

/** One file's part of the report. */
export interface FileReport {
  file: string;
  status: FileStatus;
  findings: Finding[];
  /** Why the file could not be checked (status 'failed'). */
  error?: FileError;
  /** The parsed notice, for formats that show the document (html); see ReportFormatInfo.needsNotice. */
  notice?: Notice;
}

export interface ReportWriter {
  begin(): string;
  file(r: FileReport): string;
  end(summary: RunSummary): string;
}

export interface ReportFormatInfo {
  name: string;
  /** What it is for, for help text. */
  label: Text;
  /** The usual file name extension (`-o report.sarif`). */
  extension: string;
  create(ctx: ReportContext): ReportWriter;
  /** The format shows the document itself: the run keeps each file's parsed notice for it. */
  needsNotice?: boolean;
}

/** The whole run at once (tests, the API): findings of all files, the files checked, the files that failed. */
export interface ReportInput extends ReportContext {
  findings: Finding[];
  /** Files that were checked (a clean file still shows up in JUnit and the pretty summary). */
  files: string[];
  /** Files that could not be checked, with why. */
  failures?: { file: string; error: FileError }[];
  /** The parsed notices (matched to files by source.path), for formats that show the document. */
  notices?: Notice[];
}

/** "zh / en" on one line, for formats that take a single message string. */
export const oneLine = (f: Finding) => `${f.message.zh} / ${f.message.en}`;

/**
 * The region a position covers, for formats whose lines know no pages (SARIF, GitHub,
 * GitLab): start and end (end column exclusive, as SARIF counts), or the start only when the
 * end is unknown or on a later PDF page.
 */
export function region(p: Position): { line: number; column: number; endLine?: number; endColumn?: number } {
  const end = p.endLine !== undefined && p.endColumn !== undefined && p.endPage === undefined ? { endLine: p.endLine, endColumn: p.endColumn } : {};
  return { line: p.line, column: p.column, ...end };
}

/** The end fields of a position as the JSON report writes them (present only when known). */
export function endFields(p: Position | null | undefined): { endLine?: number; endColumn?: number; endPage?: number } {
  if (!p || p.endLine === undefined || p.endColumn === undefined) return {};
  return { endLine: p.endLine, endColumn: p.endColumn, ...(p.endPage !== undefined ? { endPage: p.endPage } : {}) };
}

/** "12:3", "p.4 12:3" or "" when the place is unknown. */
export function where(f: Finding): string {
  const p = f.position;
  if (!p) return '';
  return `${p.page != null ? `p.${p.page} ` : ''}${p.line}:${p.column}`;
}

/** "45:1 §1.4, 53:1 §1.5" — the further places of a finding with several (one root cause). */
export function alsoAt(f: Finding): string {
  return (f.locations ?? []).map((l) => [l.position ? `${l.position.page != null ? `p.${l.position.page} ` : ''}${l.position.line}:${l.position.column}` : '—', l.path ? `§${l.path}` : ''].filter(Boolean).join(' ')).join(', ');
}

/** "第4页 / p.4 " for a PDF finding, else "" — for formats whose line numbers know no pages. */
export function pagePrefix(f: Finding): string {
  const page = f.position?.page;
  return page != null ? `第${page}页 / p.${page} ` : '';
}
