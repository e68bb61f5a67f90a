/**
 * pretty: for people. Findings grouped by file; each shows page/line, severity, rule id and
 * section path, then the message (Chinese, English below, or one of them: see src/i18n) and
 * the quoted text. A file that could not be read is listed with why; the closing line never
 * says "no problems" when a file failed. Colours through chalk, only when the caller says so.
 */
import { Chalk } from 'chalk';
import { getLang, t } from '../i18n/index.js';
import type { Finding } from '../rules/types.js';
import { alsoAt, where, type ReportContext, type ReportWriter } from './types.js';

const SEVERITY = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } } as const;

export function pretty(ctx: ReportContext): ReportWriter {
  const lang = ctx.lang ?? getLang();
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const paint = { error: c.red, warning: c.yellow, info: c.blue } as const;
  const sevLabel = (s: Finding['severity']) => t(SEVERITY[s], ' ', lang);
  const sevWidth = Math.max(...Object.keys(SEVERITY).map((s) => sevLabel(s as Finding['severity']).length)) + 2;
  const n = { error: 0, warning: 0, info: 0 };
  let total = 0;
  return {
    begin: () => '',
    file(r) {
      if (r.status === 'failed') {
        const why = r.error ? t(r.error, ' / ', lang) : '';
        return `${c.underline(r.file)}\n  ${paint.error(t({ zh: '无法检查', en: 'not checked' }, ' / ', lang))}  ${why}\n\n`;
      }
      if (!r.findings.length) return '';
      const out = [c.underline(r.file)];
      const locWidth = Math.max(...r.findings.map((f) => where(f).length), 4);
      const idWidth = Math.max(...r.findings.map((f) => f.ruleId.length));
      for (const f of r.findings) {
        n[f.severity]++;
        total++;
        const sev = paint[f.severity](sevLabel(f.severity).padEnd(sevWidth));
        const path = f.path ? c.dim(`§${f.path}`) : '';
        out.push(`  ${c.dim((where(f) || '—').padEnd(locWidth))}  ${sev}  ${f.ruleId.padEnd(idWidth)}  ${path}`.trimEnd());
        const indent = ' '.repeat(4);
        if (lang !== 'en') out.push(`${indent}${f.message.zh}`);
        if (lang !== 'zh') out.push(`${indent}${lang === 'both' ? c.dim(f.message.en) : f.message.en}`);
        if (f.quote) out.push(`${indent}${c.cyan(`「${f.quote}」`)}`);
        if (f.locations?.length) out.push(`${indent}${c.dim(`${t({ zh: `另见${f.locations.length}处`, en: `also at ${f.locations.length} more place(s)` }, ' / ', lang)}：${alsoAt(f)}`)}`);
      }
      return out.join('\n') + '\n\n';
    },
    end(s) {
      const checked = s.total - s.failed;
      const lines: string[] = [];
      if (total === 0 && s.failed === 0) {
        lines.push(c.green(`✔ ${t({ zh: `检查了 ${checked} 个文件，未发现问题`, en: `${checked} file(s) checked, no problems` }, ' / ', lang)}`));
      } else if (total > 0) {
        const zh = `${total} 个问题（${n.error} 个错误，${n.warning} 个警告，${n.info} 条提示），共检查 ${checked} 个文件`;
        const en = `${total} problem(s) (${n.error} error(s), ${n.warning} warning(s), ${n.info} info) in ${checked} file(s)`;
        lines.push(c.bold(`✖ ${t({ zh, en }, ' / ', lang)}`));
      }
      if (s.failed > 0) {
        lines.push(
          c.bold(
            c.red(
              `✖ ${t({ zh: `${s.failed} 个文件无法检查（共 ${s.total} 个），结果不完整`, en: `${s.failed} of ${s.total} file(s) could not be checked; the result is incomplete` }, ' / ', lang)}`,
            ),
          ),
        );
      }
      return lines.join('\n') + '\n';
    },
  };
}
