/**
 * github: GitHub Actions workflow commands, one line per finding:
 *   ::error file=draft.docx,line=15,col=1,title=date-format::成文日期… / Signing date…
 * info becomes ::notice. Values are escaped as the runner expects (%, CR, LF; and : , in
 * properties).
 */
import type { ReportInput } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function github(input: ReportInput): string {
  return input.findings
    .map((f) => {
      const props = [`file=${escapeProperty(f.file)}`];
      if (f.position) props.push(`line=${f.position.line}`, `col=${f.position.column}`);
      props.push(`title=${escapeProperty(`${f.ruleId}${f.path ? ` §${f.path}` : ''}`)}`);
      const text = `${f.message.zh} / ${f.message.en}${f.quote ? `\n「${f.quote}」` : ''}`;
      return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(text)}\n`;
    })
    .join('');
}
