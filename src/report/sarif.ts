/**
 * sarif: SARIF 2.1.0 for code-scanning services. One run; the rules that ran are the driver's
 * rules (with a name and a helpUri into docs/rules.md); each finding is a result with its
 * physical location (artifact uri, region start–end, snippet) and its section path as a logical
 * location. PDF page numbers go in properties and in the message. A file that could not be
 * read is a tool execution notification (level error) naming it, and the invocation is then
 * not successful. Results are written as each file finishes.
 *
 * URIs: a relative path stays relative; an absolute one becomes a file:/// URI; every
 * segment is percent-encoded (`#`, `?`, `%`, spaces, CJK), as RFC 3986 requires.
 */
import { createHash } from 'node:crypto';
import type { Position, Severity } from '../model.js';
import type { Finding } from '../rules/types.js';
import { pagePrefix, region, type ReportContext, type ReportWriter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A file name as a URI: relative → a relative reference; absolute → file:///…; each segment percent-encoded. */
export function toUri(file: string): string {
  const p = file.replace(/\\/g, '/');
  const encode = (path: string) => path.split('/').map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${p.slice(0, 2)}${encode(p.slice(2))}`;
  if (p.startsWith('/')) return `file://${encode(p)}`;
  return encode(p);
}

/** date-format → DateFormat: SARIF's readable rule name. */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** Where a rule is explained: docs/rules.md of the installed package, at the rule's anchor. */
export function ruleHelpUri(id: string): string {
  return `${new URL('../../docs/rules.md', import.meta.url).href}#${id}`;
}

/** A position as a SARIF region: start, and end (endColumn exclusive, as SARIF counts) when on the same page. */
function sarifRegion(p: Position) {
  const r = region(p);
  return { startLine: r.line, startColumn: r.column, ...(r.endLine !== undefined ? { endLine: r.endLine, endColumn: r.endColumn } : {}) };
}

const indent = (s: string, n: number) => s.replace(/\n/g, '\n' + ' '.repeat(n));

export function sarif(ctx: ReportContext): ReportWriter {
  const rules = ctx.rules.map((r) => ({
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.description.zh },
    fullDescription: { text: `${r.description.zh} / ${r.description.en}` },
    helpUri: ruleHelpUri(r.id),
    help: { text: `${r.description.zh} / ${r.description.en}\n依据 / Source: ${r.source}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { pack: r.pack, source: r.source, confidence: r.confidence, tags: [...new Set([r.pack, r.type])] },
  }));
  const index = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const artifacts: string[] = [];
  const notifications: object[] = [];
  let count = 0;
  const result = (f: Finding) => {
    const region = f.position ? { ...sarifRegion(f.position), ...(f.quote ? { snippet: { text: f.quote } } : {}) } : undefined;
    return {
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId)! } : {}),
      level: LEVEL[f.severity],
      message: { text: `${pagePrefix(f)}${f.message.zh} / ${f.message.en}` },
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
                ...(l.position ? { region: { ...sarifRegion(l.position), ...(l.quote ? { snippet: { text: l.quote } } : {}) } } : {}),
              },
              ...(l.path ? { logicalLocations: [{ fullyQualifiedName: l.path, kind: 'section' }] } : {}),
              message: { text: '同一问题 / same problem' },
            })),
          }
        : {}),
      partialFingerprints: { 'gkcheckFinding/v1': createHash('sha256').update(`${f.file}\0${f.ruleId}\0${f.path}\0${f.message.zh}`).digest('hex') },
      properties: { messageZh: f.message.zh, messageEn: f.message.en, ...(f.position?.page != null ? { page: f.position.page } : {}), source: f.source },
    };
  };
  const head = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
  };
  const driver = { name: ctx.tool.name, version: ctx.tool.version, semanticVersion: ctx.tool.version, informationUri: ruleHelpUri('').replace(/#$/, ''), rules };
  return {
    begin: () =>
      `{\n  "$schema": ${JSON.stringify(head.$schema)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "tool": ${indent(JSON.stringify({ driver }, null, 2), 6)},\n      "columnKind": "utf16CodeUnits",\n      "results": [`,
    file(r) {
      artifacts.push(r.file);
      if (r.error) {
        notifications.push({
          level: 'error',
          message: { text: `${r.error.zh} / ${r.error.en}` },
          descriptor: { id: `input/${r.error.code}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: toUri(r.file) } } }],
          properties: { code: r.error.code, messageZh: r.error.zh, messageEn: r.error.en },
        });
      }
      let out = '';
      for (const f of r.findings) out += `${count++ ? ',' : ''}\n        ${indent(JSON.stringify(result(f), null, 2), 8)}`;
      return out;
    },
    end(s) {
      const invocation = {
        executionSuccessful: s.failed === 0,
        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
        // Which config, packs and fail level applied (a .gkcheckrc.yaml found upward can change failOn).
        ...(ctx.run ? { properties: { config: ctx.run.config, packs: ctx.run.packs, failOn: ctx.run.failOn, failOnFrom: ctx.run.failOnFrom } } : {}),
      };
      const arts = artifacts.map((f) => ({ location: { uri: toUri(f) } }));
      return `${count ? '\n      ' : ''}],\n      "artifacts": ${indent(JSON.stringify(arts, null, 2), 6)},\n      "invocations": ${indent(JSON.stringify([invocation], null, 2), 6)}\n    }\n  ]\n}\n`;
    },
  };
}
