/**
 * report: Finding[] → text in one of the output formats.
 *
 * Input: the findings of a run, the files that were checked (a clean file still shows up
 * in JUnit and in the pretty summary) and the metadata of the rules that ran (SARIF lists
 * them). Output: a string; printing is the CLI's business.
 */
import type { Lang } from '../i18n/index.js';
import type { Finding, RuleMeta } from '../rules/types.js';

export const REPORT_FORMATS = ['pretty', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportInput {
  findings: Finding[];
  files: string[];
  rules: RuleMeta[];
  tool: { name: string; version: string };
  /** pretty only: ANSI colours. */
  color?: boolean;
  /** pretty only: zh, en or both (default: the i18n setting, which is both unless the CLI set it). */
  lang?: Lang;
}

/** "zh / en" on one line, for formats that take a single message string. */
export const oneLine = (f: Finding) => `${f.message.zh} / ${f.message.en}`;

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
