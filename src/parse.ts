/**
 * parse: the whole pipeline from a file (or text) to a `Notice`.
 *   ingest (bytes → SourceText) → normalize → structure (meta + section tree) → extract.
 * `parseSource` and `parseText` are pure; `parseFile` is the only one that reads a file.
 */
import type { Format, Notice, NoticeFile, Position, Section, SourceLine, SourceText } from './model.js';
import { normalize, normalizeTables } from './normalize/index.js';
import { buildSkeleton } from './structure/index.js';
import { withPageMeta } from './structure/front.js';
import { extractInto } from './extract/index.js';
import { measureQuality } from './ingest/quality.js';
import { fileOf, keepFile } from './notice-file.js';

export { fileOf, sourceOf } from './notice-file.js';

/** parse as a file object: the source as ingest read it, the notice built from it, its messages. */
export function parseSourceFile(src: SourceText): NoticeFile {
  return fileOf(parseSource(src));
}

export function parseSource(src: SourceText): Notice {
  const n = normalize(src);
  const skeleton = buildSkeleton(n);
  const notice: Notice = {
    source: { path: src.path, format: src.format, pages: src.pages, ...(src.encoding ? { encoding: src.encoding } : {}), quality: src.quality },
    meta: src.page ? withPageMeta(skeleton.meta, src.page) : skeleton.meta,
    metaPositions: skeleton.metaPositions,
    sections: skeleton.sections,
    tasks: [],
    messages: [...src.messages, ...skeleton.messages],
  };
  // Table cells get the same character folding as the text (⻔ → 门 in a 责任单位 cell).
  extractInto(notice, skeleton, n, src.tables.length ? { ...src, tables: normalizeTables(src.tables) } : src);
  endAtLineEnd(notice, src);
  keepFile({ path: src.path, source: src, notice, messages: notice.messages, findings: [] });
  return notice;
}

/** Every position a notice's nodes carry (sections, their items, task rows, meta items). */
export function nodePositions(notice: Notice): Position[] {
  const out: Position[] = [];
  const add = (xs: { position?: Position | null }[]) => {
    for (const x of xs) if (x.position) out.push(x.position);
  };
  const walk = (sections: Section[]): void => {
    for (const s of sections) {
      out.push(s.position);
      add(s.deadlines);
      add(s.units);
      add(s.references);
      for (const o of s.obligations) {
        if (o.position) out.push(o.position);
        add(o.deadlines);
      }
      walk(s.children);
    }
  };
  walk(notice.sections);
  for (const t of notice.tasks) {
    if (t.position) out.push(t.position);
    add(t.deadlines);
  }
  for (const p of Object.values(notice.metaPositions)) if (p) out.push(p);
  return out;
}

/**
 * An item read from a line of text without its own extent (a row of a table printed as text,
 * a deadline in one of its cells) ends where its line's text ends. A row of a real table
 * (Word, Excel, a web page) has no line of its own: its position keeps no end.
 */
function endAtLineEnd(notice: Notice, src: SourceText): void {
  const inTable = new Set<Position>();
  for (const t of src.tables) {
    inTable.add(t.position);
    for (const p of t.rowPositions ?? []) inTable.add(p);
    for (const row of t.rows) for (const c of row) if (c.position) inTable.add(c.position);
  }
  // Lines by page, then by line number (no string key per line).
  const lines = new Map<number | null, Map<number, SourceLine>>();
  for (const l of src.lines) {
    let m = lines.get(l.page);
    if (!m) lines.set(l.page, (m = new Map()));
    m.set(l.line, l);
  }
  const lineAt = (page: number | null, line: number) => lines.get(page)?.get(line);
  for (const p of nodePositions(notice)) {
    if (p.endLine !== undefined || inTable.has(p) || (src.tables.length && p.table !== undefined)) continue;
    const l = lineAt(p.page, p.line);
    const end = l ? l.text.trimEnd().length : 0;
    if (end >= p.column) Object.assign(p, { endLine: p.line, endColumn: end + 1 });
  }
}

/** Parse notice text that is already decoded (a TXT file's content, a pasted text). */
export function parseText(text: string, opts: { path?: string; format?: Format } = {}): Notice {
  const lines: SourceLine[] = text.split(/\r\n|\n|\r/).map((t, i) => ({ text: t, page: null, line: i + 1 }));
  return parseSource({
    path: opts.path ?? '<text>',
    format: opts.format ?? 'txt',
    pages: null,
    lines,
    tables: [],
    quality: measureQuality(text),
    messages: [],
  });
}

/** Read and parse a file of any supported format (format decided from its bytes). */
export async function parseFile(path: string): Promise<Notice> {
  const { ingestFile } = await import('./ingest/index.js');
  return parseSource(await ingestFile(path));
}
