/** json: one object with a summary and a flat list of findings (line/column/page at top level). */
import { countBySeverity } from '../rules/engine.js';
import type { ReportInput } from './types.js';

export function json(input: ReportInput): string {
  const findings = input.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    path: f.path,
    line: f.position?.line ?? null,
    column: f.position?.column ?? null,
    page: f.position?.page ?? null,
    ...(f.quote ? { quote: f.quote } : {}),
    ...(f.locations?.length
      ? { locations: f.locations.map((l) => ({ path: l.path, line: l.position?.line ?? null, column: l.position?.column ?? null, page: l.position?.page ?? null, ...(l.quote ? { quote: l.quote } : {}) })) }
      : {}),
    pack: f.pack,
    source: f.source,
  }));
  const summary = { files: input.files.length, findings: findings.length, ...countBySeverity(input.findings) };
  return JSON.stringify({ tool: input.tool, summary, findings }, null, 2) + '\n';
}
