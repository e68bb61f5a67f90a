/**
 * json: one object — the tool, the files (each with its status, and the error of a file that
 * could not be read), a flat list of findings (line/column/page and, when known, endLine/endColumn at top level) and a summary.
 * Findings are written as each file finishes; `files` and `summary` close the object.
 * Described by schema/check.schema.json.
 */
import type { Finding } from '../rules/types.js';
import { endFields, type ReportContext, type ReportWriter } from './types.js';

function findingJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    path: f.path,
    line: f.position?.line ?? null,
    column: f.position?.column ?? null,
    page: f.position?.page ?? null,
    ...endFields(f.position),
    ...(f.quote ? { quote: f.quote } : {}),
    ...(f.locations?.length
      ? { locations: f.locations.map((l) => ({ path: l.path, line: l.position?.line ?? null, column: l.position?.column ?? null, page: l.position?.page ?? null, ...endFields(l.position), ...(l.quote ? { quote: l.quote } : {}) })) }
      : {}),
    pack: f.pack,
    source: f.source,
  };
}

/** Indent a JSON text by `n` spaces (all lines but the first). */
const indent = (s: string, n: number) => s.replace(/\n/g, '\n' + ' '.repeat(n));

export function json(ctx: ReportContext): ReportWriter {
  const files: { file: string; status: string; findings: number; error?: { code: string; zh: string; en: string } }[] = [];
  const n = { error: 0, warning: 0, info: 0 };
  let count = 0;
  return {
    begin: () =>
      `{\n  "tool": ${indent(JSON.stringify(ctx.tool, null, 2), 2)},\n${ctx.run ? `  "run": ${indent(JSON.stringify(ctx.run, null, 2), 2)},\n` : ''}  "failOn": ${JSON.stringify(ctx.failOn ?? 'error')},\n  "findings": [`,
    file(r) {
      files.push({ file: r.file, status: r.status, findings: r.findings.length, ...(r.error ? { error: { code: r.error.code, zh: r.error.zh, en: r.error.en } } : {}) });
      let out = '';
      for (const f of r.findings) {
        n[f.severity]++;
        out += `${count++ ? ',' : ''}\n    ${indent(JSON.stringify(findingJson(f), null, 2), 4)}`;
      }
      return out;
    },
    end(s) {
      const summary = { files: s.total, checked: s.total - s.failed, failed: s.failed, findings: count, ...n, exitCode: s.exitCode };
      return `${count ? '\n  ' : ''}],\n  "files": ${indent(JSON.stringify(files, null, 2), 2)},\n  "summary": ${indent(JSON.stringify(summary, null, 2), 2)}\n}\n`;
    },
  };
}
