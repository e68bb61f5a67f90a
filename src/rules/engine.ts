/**
 * The engine: runs the active rules over one notice and turns their reports into Findings.
 *
 * Input: a `Notice`, the `ActiveRule`s (rule + configured severity + options), and optionally
 * the source lines of the file (to locate meta items such as 文号 and 成文日期, which the
 * model does not give positions for) or ready-made meta positions.
 * Output: `Finding[]`, sorted by place.
 *
 * This is the one place that turns a node into a path and a position: rules pass the node.
 */
import type { Notice, NoticeMeta, Position, Section, SourceLine } from '../model.js';
import type { ActiveRule, Bilingual, Finding, MetaNode, ReportDescriptor, ReportNode, Severity } from './types.js';
import { packStatus, type AppliesTo, type PackStatus } from './applicability.js';
import { SEVERITY_RANK } from './types.js';
import { squash } from './matching.js';

export interface RunOptions {
  /** File name to put in findings (default: notice.source.path). */
  file?: string;
  /** Source lines of the file, used to find meta items. */
  lines?: SourceLine[];
  /** Positions of meta items when the parser knows them. */
  metaPositions?: Partial<Record<keyof NoticeMeta, Position>>;
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

/** The printed form of a meta item, as it would appear in the source. */
function printedMeta(meta: NoticeMeta, field: keyof NoticeMeta): string | null {
  switch (field) {
    case 'signedDate':
      return meta.signedDateText;
    case 'printedDate':
      return meta.printedDateText;
    case 'recipients':
    case 'cc':
    case 'attachments':
      return meta[field][0] ?? null;
    case 'planYear':
      return meta.title;
    default: {
      const v = meta[field];
      return typeof v === 'string' ? v : null;
    }
  }
}

interface FlatLine {
  line: SourceLine;
  /** The line's text without whitespace, and the column of each of its characters. */
  flat: string;
  cols: number[];
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff || c === 0x0d || c === 0x0a;

function flatten(lines: SourceLine[]): FlatLine[] {
  return lines.map((line) => {
    const cols: number[] = [];
    let flat = '';
    for (let i = 0; i < line.text.length; i++) {
      if (isSpace(line.text.charCodeAt(i))) continue;
      flat += line.text[i];
      cols.push(i);
    }
    return { line, flat, cols };
  });
}

/**
 * Find `needle` in the source lines, ignoring whitespace (PDF text has "2022 年 6 月"). A line
 * that is the needle and nothing else wins over one that merely contains it (the plan title
 * also appears inside the notice title). `after`: text that must follow (印发).
 */
function locateInLines(lines: FlatLine[], needle: string, last: boolean, after?: string): Position | null {
  const want = squash(needle);
  if (!want) return null;
  const exact: Position[] = [];
  const partial: Position[] = [];
  for (const { line: l, flat, cols } of lines) {
    for (let at = flat.indexOf(want); at >= 0; at = flat.indexOf(want, at + 1)) {
      if (after && !flat.startsWith(after, at + want.length)) continue;
      const pos = { page: l.page, line: l.line, column: cols[at] + 1 };
      (flat === want ? exact : partial).push(pos);
    }
  }
  const pool = exact.length ? exact : partial;
  return pool.length ? pool[last ? pool.length - 1 : 0] : null;
}

export function runRules(notice: Notice, active: ActiveRule[], opts: RunOptions = {}): Finding[] {
  const file = opts.file ?? notice.source.path;
  const places = indexNodes(notice);
  const metaCache = new Map<string, Position | null>();
  let flatLines: FlatLine[] | null = null;

  const metaPosition = (field: keyof NoticeMeta): Position | null => {
    if (metaCache.has(field)) return metaCache.get(field)!;
    let pos: Position | null = opts.metaPositions?.[field] ?? notice.metaPositions?.[field] ?? null;
    if (!pos && opts.lines) {
      const printed = printedMeta(notice.meta, field);
      if (printed) {
        const lines = (flatLines ??= flatten(opts.lines));
        if (field === 'printedDate') pos = locateInLines(lines, printed, true, '印发') ?? locateInLines(lines, printed, true);
        else pos = locateInLines(lines, printed, false);
      }
    }
    metaCache.set(field, pos);
    return pos;
  };

  const place = (node: ReportNode): Place => {
    if (node === null) {
      const title = metaPosition('title');
      return { path: null, position: title ?? notice.sections[0]?.position ?? null };
    }
    if ((node as MetaNode).kind === 'meta' && 'field' in node) return { path: null, position: metaPosition((node as MetaNode).field) };
    if ('line' in node && 'text' in node && !('position' in node)) {
      const position = { page: node.page, line: node.line, column: 1 };
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
      rule.check(notice, { notice, options, lines: opts.lines ?? null, meta: (field) => ({ kind: 'meta', field }), report });
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
