/**
 * sarif: SARIF 2.1.0 for code-scanning services. One run; the rules that ran are the driver's
 * rules; each finding is a result with its physical location (artifact uri, line, column,
 * snippet) and its section path as a logical location. PDF page numbers go in properties.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../model.js';
import type { ReportInput } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path with forward slashes, as a URI reference. */
export function toUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/'));
}

export function sarif(input: ReportInput): string {
  const rules = input.rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description.zh },
    fullDescription: { text: `${r.description.zh} / ${r.description.en}` },
    help: { text: `依据 / Source: ${r.source}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { pack: r.pack, source: r.source, confidence: r.confidence, tags: [...new Set([r.pack, r.type])] },
  }));
  const index = new Map(input.rules.map((r, i) => [r.id, i]));
  const results = input.findings.map((f) => {
    const region = f.position ? { startLine: f.position.line, startColumn: f.position.column, ...(f.quote ? { snippet: { text: f.quote } } : {}) } : undefined;
    return {
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId)! } : {}),
      level: LEVEL[f.severity],
      message: { text: `${f.message.zh} / ${f.message.en}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: toUri(f.file) }, ...(region ? { region } : {}) },
          ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'section' }] } : {}),
        },
      ],
      // The same defect elsewhere (one finding per root cause): SARIF's related locations.
      ...(f.locations?.length
        ? {
            relatedLocations: f.locations.map((l, i) => ({
              id: i + 1,
              physicalLocation: {
                artifactLocation: { uri: toUri(f.file) },
                ...(l.position ? { region: { startLine: l.position.line, startColumn: l.position.column, ...(l.quote ? { snippet: { text: l.quote } } : {}) } } : {}),
              },
              ...(l.path ? { logicalLocations: [{ fullyQualifiedName: l.path, kind: 'section' }] } : {}),
              message: { text: '同一问题 / same problem' },
            })),
          }
        : {}),
      partialFingerprints: { 'gkcheckFinding/v1': createHash('sha256').update(`${f.file}\0${f.ruleId}\0${f.path}\0${f.message.zh}`).digest('hex') },
      properties: { messageZh: f.message.zh, messageEn: f.message.en, ...(f.position?.page != null ? { page: f.position.page } : {}), source: f.source },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: input.tool.name, version: input.tool.version, semanticVersion: input.tool.version, rules } },
        artifacts: input.files.map((f) => ({ location: { uri: toUri(f) } })),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
