/**
 * gitlab: GitLab Code Quality report (a JSON array of issues). The fingerprint hashes file,
 * rule, section path and message — not the line — so an issue keeps its identity when text
 * above it moves; identical issues in one file are told apart by their order.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../model.js';
import type { ReportInput } from './types.js';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

export function gitlab(input: ReportInput): string {
  const seen = new Map<string, number>();
  const issues = input.findings.map((f) => {
    const key = `${f.file}\0${f.ruleId}\0${f.path ?? ''}\0${f.message.zh}\0${f.quote ?? ''}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: `${f.message.zh} / ${f.message.en}`,
      categories: ['Style'],
      severity: SEVERITY[f.severity],
      fingerprint: createHash('md5').update(`${key}\0${n}`).digest('hex'),
      location: { path: f.file.replace(/\\/g, '/'), lines: { begin: f.position?.line ?? 1 } },
      engine_name: 'gkcheck',
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
