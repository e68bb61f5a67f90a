/**
 * report: check outcomes → text. The formats are declared once here; the CLI's --format
 * choices, its help and `-o` extensions come from this table. See ./types.ts for the
 * streaming interface every format implements.
 */
import { github } from './github.js';
import { html } from './html.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { FileReport, ReportFormatInfo, ReportInput, ReportWriter } from './types.js';
import type { ReportContext } from './types.js';
import { emptySummary, exitCodeOf, tally } from '../usecases/outcome.js';

export type { FileReport, ReportContext, ReportFormatInfo, ReportInput, ReportWriter } from './types.js';

export const REPORT_FORMAT_TABLE = [
  { name: 'pretty', label: { zh: '给人看的文字报告', en: 'for people' }, extension: '.txt', create: pretty },
  { name: 'json', label: { zh: 'JSON（schema/check.schema.json）', en: 'JSON (schema/check.schema.json)' }, extension: '.json', create: json },
  { name: 'sarif', label: { zh: 'SARIF 2.1.0（代码扫描）', en: 'SARIF 2.1.0 (code scanning)' }, extension: '.sarif', create: sarif },
  { name: 'junit', label: { zh: 'JUnit XML（Jenkins 等）', en: 'JUnit XML (Jenkins and others)' }, extension: '.xml', create: junit },
  { name: 'github', label: { zh: 'GitHub Actions 注释', en: 'GitHub Actions annotations' }, extension: '.txt', create: github },
  { name: 'gitlab', label: { zh: 'GitLab 代码质量报告', en: 'GitLab Code Quality report' }, extension: '.json', create: gitlab },
  { name: 'html', label: { zh: '网页，问题批注在章节旁', en: 'web page for review' }, extension: '.html', create: html, needsNotice: true },
] as const satisfies readonly ReportFormatInfo[];

export type ReportFormat = (typeof REPORT_FORMAT_TABLE)[number]['name'];
export const REPORT_FORMATS: readonly ReportFormat[] = REPORT_FORMAT_TABLE.map((f) => f.name);

/** Does this format show the document (so the run must keep each parsed notice)? */
export function needsNotice(format: ReportFormat): boolean {
  return Boolean((REPORT_FORMAT_TABLE.find((f) => f.name === format) as ReportFormatInfo | undefined)?.needsNotice);
}

export function reportWriter(format: ReportFormat, ctx: ReportContext): ReportWriter {
  const info = REPORT_FORMAT_TABLE.find((f) => f.name === format);
  if (!info) throw new Error(`unknown report format ${format}`);
  return info.create(ctx);
}

/** The whole report at once, from all findings of a run (tests, the API). */
export function formatReport(format: ReportFormat, input: ReportInput): string {
  const w = reportWriter(format, input);
  const failOn = input.failOn ?? 'error';
  const byFile = new Map<string, FileReport>();
  for (const file of input.files) byFile.set(file, { file, status: 'ok', findings: [] });
  for (const f of input.findings) {
    let r = byFile.get(f.file);
    if (!r) byFile.set(f.file, (r = { file: f.file, status: 'ok', findings: [] }));
    r.findings.push(f);
    r.status = 'findings';
  }
  for (const { file, error } of input.failures ?? []) byFile.set(file, { file, status: 'failed', findings: [], error });
  for (const n of input.notices ?? []) {
    const r = byFile.get(n.source.path);
    if (r) r.notice = n;
  }
  const summary = emptySummary();
  let out = w.begin();
  for (const r of byFile.values()) {
    out += w.file(r);
    tally(summary, { ...r, ms: 0, exitCode: exitCodeOf(r, failOn) });
  }
  return out + w.end(summary);
}
