/**
 * gitlab: GitLab Code Quality report (a JSON array of issues). The fingerprint hashes file,
 * rule, section path and message — not the line — so an issue keeps its identity when text
 * above it moves; identical issues in one file are told apart by their order. A PDF finding
 * keeps its page in the description ("第3页 / p.3 …"); a file that could not be read is a
 * blocker issue naming it. Issues are written as each file finishes.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../model.js';
import { pagePrefix, region, type ReportContext, type ReportWriter } from './types.js';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const indent = (s: string) => s.replace(/\n/g, '\n  ');

export function gitlab(_ctx: ReportContext): ReportWriter {
  let count = 0;
  const item = (o: object) => `${count++ ? ',' : ''}\n  ${indent(JSON.stringify(o, null, 2))}`;
  return {
    begin: () => '[',
    file(r) {
      const path = r.file.replace(/\\/g, '/');
      if (r.status === 'failed') {
        const text = r.error ? `${r.error.zh} / ${r.error.en}` : '无法读取 / cannot be read';
        return item({
          type: 'issue',
          check_name: `gkcheck/${r.error?.code ?? 'input-error'}`,
          description: text,
          categories: ['Bug Risk'],
          severity: 'blocker',
          fingerprint: md5(`${r.file}\0input\0${r.error?.code ?? ''}`),
          location: { path, lines: { begin: 1 } },
          engine_name: 'gkcheck',
        });
      }
      const seen = new Map<string, number>();
      let out = '';
      for (const f of r.findings) {
        const key = `${f.file}\0${f.ruleId}\0${f.path ?? ''}\0${f.message.zh}\0${f.quote ?? ''}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        out += item({
          type: 'issue',
          check_name: f.ruleId,
          description: `${pagePrefix(f)}${f.message.zh} / ${f.message.en}`,
          categories: ['Style'],
          severity: SEVERITY[f.severity],
          fingerprint: md5(`${key}\0${n}`),
          location: { path, lines: { begin: f.position?.line ?? 1, ...(f.position && region(f.position).endLine ? { end: region(f.position).endLine } : {}) } },
          engine_name: 'gkcheck',
        });
      }
      return out;
    },
    end: () => `${count ? '\n' : ''}]\n`,
  };
}
