/**
 * junit: one testsuite per file, one testcase per finding. Warnings and infos are kept as
 * failures too (type="warning" / "info"), so a CI test view shows them; a clean file is one
 * passing testcase.
 */
import type { Finding } from '../rules/types.js';
import { alsoAt, where, type ReportInput } from './types.js';

/** XML text: escaped, and without characters XML 1.0 cannot carry. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function junit(input: ReportInput): string {
  const byFile = new Map<string, Finding[]>(input.files.map((f) => [f, []]));
  for (const f of input.findings) {
    if (!byFile.has(f.file)) byFile.set(f.file, []);
    byFile.get(f.file)!.push(f);
  }
  const suites: string[] = [];
  let tests = 0;
  for (const [file, list] of byFile) {
    const cases = list.map((f) => {
      const name = `${f.ruleId}${where(f) ? ` ${where(f)}` : ''}${f.path ? ` §${f.path}` : ''}`;
      const body = [`${f.file}${where(f) ? `:${where(f)}` : ''} ${f.severity} ${f.ruleId}`, f.message.zh, f.message.en, ...(f.quote ? [`「${f.quote}」`] : []), ...(f.locations?.length ? [`另见 / also at: ${alsoAt(f)}`] : []), `依据 / Source: ${f.source}`].join('\n');
      return `    <testcase classname="${xml(file)}" name="${xml(name)}">\n      <failure type="${f.severity}" message="${xml(`${f.message.zh} / ${f.message.en}`)}">${xml(body)}</failure>\n    </testcase>`;
    });
    if (cases.length === 0) cases.push(`    <testcase classname="${xml(file)}" name="gkcheck"/>`);
    tests += cases.length;
    suites.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${list.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(input.tool.name)}" tests="${tests}" failures="${input.findings.length}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
