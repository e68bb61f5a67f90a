/**
 * junit: one testsuite per file. A finding at or above --fail-on is a failing testcase; a
 * milder one is a passing testcase whose text is in <system-out>, so the CI test view shows
 * it without marking the build failed or unstable — the report agrees with the exit code. A
 * file that could not be read is a testcase with an <error>; a clean file is one passing
 * testcase. Suites are written as files finish (the root element carries no totals, which
 * the JUnit format leaves optional, so nothing has to be held back).
 */
import type { Finding } from '../rules/types.js';
import { failsRun } from '../usecases/outcome.js';
import { alsoAt, where, type ReportContext, type ReportWriter } from './types.js';

/** XML text: escaped, and without characters XML 1.0 cannot carry. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function junit(ctx: ReportContext): ReportWriter {
  const failOn = ctx.failOn ?? 'error';
  return {
    begin: () => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(ctx.tool.name)}">\n`,
    file(r) {
      const file = r.file;
      if (r.status === 'failed') {
        const msg = r.error ? `${r.error.zh} / ${r.error.en}` : '无法读取 / cannot be read';
        return `  <testsuite name="${xml(file)}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="${xml(file)}" name="gkcheck">\n      <error type="${xml(r.error?.code ?? 'input-error')}" message="${xml(msg)}">${xml(`${file}\n${msg}`)}</error>\n    </testcase>\n  </testsuite>\n`;
      }
      let failures = 0;
      const cases = r.findings.map((f: Finding) => {
        const name = `${f.ruleId}${where(f) ? ` ${where(f)}` : ''}${f.path ? ` §${f.path}` : ''}`;
        const body = [`${f.file}${where(f) ? `:${where(f)}` : ''} ${f.severity} ${f.ruleId}`, f.message.zh, f.message.en, ...(f.quote ? [`「${f.quote}」`] : []), ...(f.locations?.length ? [`另见 / also at: ${alsoAt(f)}`] : []), `依据 / Source: ${f.source}`].join('\n');
        const open = `    <testcase classname="${xml(file)}" name="${xml(name)}">\n`;
        if (failsRun(f.severity, failOn)) {
          failures++;
          return `${open}      <failure type="${f.severity}" message="${xml(`${f.message.zh} / ${f.message.en}`)}">${xml(body)}</failure>\n    </testcase>`;
        }
        return `${open}      <system-out>${xml(body)}</system-out>\n    </testcase>`;
      });
      if (cases.length === 0) cases.push(`    <testcase classname="${xml(file)}" name="gkcheck"/>`);
      return `  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>\n`;
    },
    end: () => `</testsuites>\n`,
  };
}
