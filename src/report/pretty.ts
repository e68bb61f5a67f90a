/**
 * pretty: for people. Findings grouped by file; each shows page/line, severity, rule id and
 * section path, then the message (Chinese, English below, or one of them: see src/i18n) and
 * the quoted text. Colours through chalk, only when the caller says so.
 */
import { Chalk } from 'chalk';
import { getLang, t } from '../i18n/index.js';
import { countBySeverity } from '../rules/engine.js';
import type { Finding } from '../rules/types.js';
import { alsoAt, where, type ReportInput } from './types.js';

const SEVERITY = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } } as const;

export function pretty(input: ReportInput): string {
  const lang = input.lang ?? getLang();
  const c = new Chalk({ level: input.color ? 1 : 0 });
  const paint = { error: c.red, warning: c.yellow, info: c.blue } as const;
  const sevLabel = (s: Finding['severity']) => t(SEVERITY[s], ' ', lang);
  const sevWidth = Math.max(...Object.keys(SEVERITY).map((s) => sevLabel(s as Finding['severity']).length)) + 2;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  for (const [file, list] of byFile) {
    out.push(c.underline(file));
    const locWidth = Math.max(...list.map((f) => where(f).length), 4);
    const idWidth = Math.max(...list.map((f) => f.ruleId.length));
    for (const f of list) {
      const sev = paint[f.severity](sevLabel(f.severity).padEnd(sevWidth));
      const path = f.path ? c.dim(`§${f.path}`) : '';
      out.push(`  ${c.dim((where(f) || '—').padEnd(locWidth))}  ${sev}  ${f.ruleId.padEnd(idWidth)}  ${path}`.trimEnd());
      const indent = ' '.repeat(4);
      if (lang !== 'en') out.push(`${indent}${f.message.zh}`);
      if (lang !== 'zh') out.push(`${indent}${lang === 'both' ? c.dim(f.message.en) : f.message.en}`);
      if (f.quote) out.push(`${indent}${c.cyan(`「${f.quote}」`)}`);
      if (f.locations?.length) out.push(`${indent}${c.dim(`${t({ zh: `另见${f.locations.length}处`, en: `also at ${f.locations.length} more place(s)` }, ' / ', lang)}：${alsoAt(f)}`)}`);
    }
    out.push('');
  }
  const n = countBySeverity(input.findings);
  const total = input.findings.length;
  const files = input.files.length;
  if (total === 0) {
    out.push(c.green(`✔ ${t({ zh: `检查了 ${files} 个文件，未发现问题`, en: `${files} file(s) checked, no problems` }, ' / ', lang)}`));
  } else {
    const zh = `${total} 个问题（${n.error} 个错误，${n.warning} 个警告，${n.info} 条提示），共检查 ${files} 个文件`;
    const en = `${total} problem(s) (${n.error} error(s), ${n.warning} warning(s), ${n.info} info) in ${files} file(s)`;
    out.push(c.bold(`✖ ${t({ zh, en }, ' / ', lang)}`));
  }
  return out.join('\n') + '\n';
}
