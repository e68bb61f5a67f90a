/**
 * report: Finding[] → text (pretty, json, sarif, junit, github, gitlab). See types.ts.
 */
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { ReportFormat, ReportInput } from './types.js';

export { REPORT_FORMATS, type ReportFormat, type ReportInput } from './types.js';

const FORMATTERS: Record<ReportFormat, (input: ReportInput) => string> = { pretty, json, sarif, junit, github, gitlab };

export function formatReport(format: ReportFormat, input: ReportInput): string {
  return FORMATTERS[format](input);
}
