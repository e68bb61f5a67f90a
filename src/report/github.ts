/**
 * github: GitHub Actions workflow commands, one line per finding:
 *   ::error file=draft.docx,line=15,endLine=15,col=1,endColumn=10,title=date-format::成文日期… / Signing date…
 * (columns only on a one-line region, as the runner requires; endColumn exclusive, as SARIF)
 * info becomes ::notice. A PDF finding keeps its page: "p.3" in the title and "第3页 / p.3" in
 * the message (the line is the line on that page). A file that could not be read is an
 * ::error naming it. Values are escaped as the runner expects (%, CR, LF; and : , in
 * properties).
 */
import { pagePrefix, region, type ReportContext, type ReportWriter } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function github(_ctx: ReportContext): ReportWriter {
  return {
    begin: () => '',
    file(r) {
      if (r.status === 'failed') {
        const text = r.error ? `${r.error.zh} / ${r.error.en}` : '无法读取 / cannot be read';
        return `::error file=${escapeProperty(r.file)},title=${escapeProperty(`gkcheck ${r.error?.code ?? 'input-error'}`)}::${escapeData(text)}\n`;
      }
      return r.findings
        .map((f) => {
          const props = [`file=${escapeProperty(f.file)}`];
          if (f.position) {
            // The runner takes columns only on a one-line region; a longer one is given by its lines.
            const r = region(f.position);
            if (r.endLine === undefined) props.push(`line=${r.line}`, `col=${r.column}`);
            else if (r.endLine === r.line) props.push(`line=${r.line}`, `endLine=${r.endLine}`, `col=${r.column}`, `endColumn=${r.endColumn}`);
            else props.push(`line=${r.line}`, `endLine=${r.endLine}`);
          }
          const page = f.position?.page != null ? ` p.${f.position.page}` : '';
          props.push(`title=${escapeProperty(`${f.ruleId}${page}${f.path ? ` §${f.path}` : ''}`)}`);
          const text = `${pagePrefix(f)}${f.message.zh} / ${f.message.en}${f.quote ? `\n「${f.quote}」` : ''}`;
          return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(text)}\n`;
        })
        .join('');
    },
    end: () => '',
  };
}
