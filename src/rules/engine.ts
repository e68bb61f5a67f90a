/**
 * The engine: runs the active rules over one file object and turns their reports into Findings.
 *
 * Input: a `NoticeFile` (or a `Notice`, whose file object parse keeps) and the `ActiveRule`s
 * (rule + configured severity + options). Output: `Finding[]`, sorted by place.
 *
 * This is the one place that turns a node into a path and a position, and it reads both from
 * the node alone — a Section, Deadline, TaskRow… carries its start–end position, a meta item
 * its place in `notice.metaPositions`, a source line its own page and line. Rules pass the node.
 */
import type { Notice, NoticeFile, NoticeMeta, Position, Section } from '../model.js';
import { fileOf } from '../notice-file.js';
import type { ActiveRule, Bilingual, Finding, MetaNode, ReportDescriptor, ReportNode, Severity } from './types.js';
import { packStatus, type AppliesTo, type PackStatus } from './applicability.js';
import { SEVERITY_RANK } from './types.js';
import { squash } from './matching.js';

export interface RunOptions {
  /** File name to put in findings (default: the file object's path). */
  file?: string;
}

interface Place {
  path: string | null;
  position: Position | null;
}

/** Every node of the notice → its section path and fallback position. */
function indexNodes(notice: Notice): WeakMap<object, Place> {
  const map = new WeakMap<object, Place>();
  const walk = (sections: Section[]) => {
    for (const s of sections) {
      const place = { path: s.path, position: s.position };
      map.set(s, place);
      for (const child of [...s.obligations, ...s.deadlines, ...s.units, ...s.references]) {
        map.set(child, { path: s.path, position: child.position ?? s.position });
      }
      for (const o of s.obligations) for (const d of o.deadlines) map.set(d, { path: s.path, position: d.position ?? o.position ?? s.position });
      walk(s.children);
    }
  };
  walk(notice.sections);
  for (const t of notice.tasks) {
    const place = { path: t.sectionPath ?? null, position: t.position ?? null };
    map.set(t, place);
    for (const d of t.deadlines) map.set(d, { path: place.path, position: d.position ?? place.position });
  }
  return map;
}

export function runRules(target: NoticeFile | Notice, active: ActiveRule[], opts: RunOptions = {}): Finding[] {
  const input: NoticeFile = 'notice' in target ? target : fileOf(target);
  const notice = input.notice;
  const lines = input.source?.lines.length ? input.source.lines : null;
  const file = opts.file ?? input.path;
  const places = indexNodes(notice);
  const metaPosition = (field: keyof NoticeMeta): Position | null => notice.metaPositions?.[field] ?? null;

  const place = (node: ReportNode): Place => {
    if (node === null) {
      const title = metaPosition('title');
      return { path: null, position: title ?? notice.sections[0]?.position ?? null };
    }
    if ((node as MetaNode).kind === 'meta' && 'field' in node) return { path: null, position: metaPosition((node as MetaNode).field) };
    if ('line' in node && 'text' in node && !('position' in node)) {
      const end = node.text.trimEnd().length;
      const position: Position = { page: node.page, line: node.line, column: 1, ...(end ? { endLine: node.line, endColumn: end + 1 } : {}) };
      return { path: sectionAt(position), position };
    }
    return places.get(node) ?? { path: null, position: (node as { position?: Position }).position ?? null };
  };

  const ordered: Section[] = [];
  const walk = (ss: Section[]) => ss.forEach((s) => (ordered.push(s), walk(s.children)));
  walk(notice.sections);
  const before = (a: Position, b: Position) => (a.page ?? 0) < (b.page ?? 0) || ((a.page ?? 0) === (b.page ?? 0) && a.line <= b.line);
  /** Path of the section a source position falls in. */
  const sectionAt = (p: Position): string | null => {
    let path: string | null = null;
    for (const s of ordered) if (before(s.position, p)) path = s.path;
    return path;
  };

  const findings: Finding[] = [];
  const seen = new Set<string>();
  const runs = new Map<string, boolean>();
  for (const { rule, severity, options } of active) {
    const scope = rule.meta.appliesTo;
    if (scope) {
      if (!runs.has(rule.meta.pack)) runs.set(rule.meta.pack, packStatus(rule.meta.pack, scope, notice).ran);
      if (!runs.get(rule.meta.pack)) continue;
    }
    const report = (d: ReportDescriptor) => {
      const template = rule.meta.messages[d.messageId];
      if (!template) throw new Error(`rule ${rule.meta.id}: unknown messageId "${d.messageId}"`);
      const sev: Severity = template.severity && SEVERITY_RANK[template.severity] < SEVERITY_RANK[severity] ? template.severity : severity;
      const { path, position } = place(d.node);
      const message = fill(template, d.data ?? {});
      const key = `${rule.meta.id}|${path}|${position?.page}:${position?.line}:${position?.column}|${message.zh}`;
      if (seen.has(key)) return;
      seen.add(key);
      const locations = (d.also ?? []).map((a) => ({ ...place(a.node), ...(a.quote ? { quote: a.quote } : {}) }));
      findings.push({
        ruleId: rule.meta.id,
        severity: sev,
        message,
        file,
        path,
        position,
        ...(d.quote ? { quote: d.quote } : {}),
        ...(locations.length ? { locations } : {}),
        pack: rule.meta.pack,
        source: rule.meta.source,
        messageId: d.messageId,
      });
    };
    try {
      rule.check(notice, { notice, options, lines, meta: (field) => ({ kind: 'meta', field }), report });
    } catch (e) {
      findings.push({
        ruleId: rule.meta.id,
        severity: 'warning',
        message: { zh: `规则执行失败：${(e as Error).message}`, en: `The rule failed: ${(e as Error).message}` },
        file,
        path: null,
        position: null,
        pack: rule.meta.pack,
        source: rule.meta.source,
        messageId: 'rule-failed',
      });
    }
  }
  return mergeRepeats(findings.sort(compareFindings));
}

/**
 * One root cause, one finding: the same rule saying the same thing in several places (8小时 in
 * the body and again in the task table) becomes the first finding, with the others as its
 * `locations`.
 */
function mergeRepeats(sorted: Finding[]): Finding[] {
  const first = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const key = `${f.file}|${f.ruleId}|${f.messageId}|${f.message.zh}`;
    const kept = first.get(key);
    if (!kept) {
      first.set(key, f);
      out.push(f);
      continue;
    }
    (kept.locations ??= []).push({ path: f.path, position: f.position, ...(f.quote ? { quote: f.quote } : {}) }, ...(f.locations ?? []));
  }
  return out;
}

/** Which packs of a run apply to this notice, and why (not): for the CLI and the check result. */
export function packStatuses(notice: Notice, packs: { name: string; appliesTo?: AppliesTo }[]): PackStatus[] {
  return packs.map((p) => packStatus(p.name, p.appliesTo, notice));
}

function fill(t: Bilingual, data: Record<string, string | number | Bilingual>): Bilingual {
  const sub = (s: string, lang: 'zh' | 'en') =>
    s.replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = data[k];
      if (v === undefined) return m;
      return typeof v === 'object' ? v[lang] : String(v);
    });
  return { zh: sub(t.zh, 'zh'), en: sub(t.en, 'en') };
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const pa = a.position;
  const pb = b.position;
  if (!pa || !pb) return pa ? 1 : pb ? -1 : a.ruleId.localeCompare(b.ruleId);
  return (pa.page ?? 0) - (pb.page ?? 0) || pa.line - pb.line || pa.column - pb.column || a.ruleId.localeCompare(b.ruleId);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
