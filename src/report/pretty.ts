/**
 * pretty: for people. Findings grouped by file; each shows page/line, severity, rule id and
 * section path, then the message in Chinese with the English below, and the quoted text.
 */
import { Chalk } from 'chalk';
import { countBySeverity } from '../rules/engine.js';
import type { Finding } from '../rules/types.js';
import { where, type ReportInput } from './types.js';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

export function pretty(input: ReportInput): string {
  const c = new Chalk({ level: input.color ? 1 : 0 });
  const paint = { error: c.red, warning: c.yellow, info: c.blue } as const;
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
      const sev = paint[f.severity](`${SEVERITY_ZH[f.severity]} ${f.severity}`.padEnd(13));
      const path = f.path ? c.dim(`§${f.path}`) : '';
      out.push(`  ${c.dim((where(f) || '—').padEnd(locWidth))}  ${sev}  ${f.ruleId.padEnd(idWidth)}  ${path}`.trimEnd());
      const indent = ' '.repeat(4);
      out.push(`${indent}${f.message.zh}`);
      out.push(`${indent}${c.dim(f.message.en)}`);
      if (f.quote) out.push(`${indent}${c.cyan(`「${f.quote}」`)}`);
    }
    out.push('');
  }
  const n = countBySeverity(input.findings);
  const total = input.findings.length;
  const files = input.files.length;
  if (total === 0) out.push(c.green(`✔ 检查了 ${files} 个文件，未发现问题 / ${files} file(s) checked, no problems`));
  else
    out.push(
      c.bold(
        `✖ ${total} 个问题（${n.error} 个错误，${n.warning} 个警告，${n.info} 条提示），共检查 ${files} 个文件 / ` +
          `${total} problem(s) (${n.error} error(s), ${n.warning} warning(s), ${n.info} info) in ${files} file(s)`,
      ),
    );
  return out.join('\n') + '\n';
}
