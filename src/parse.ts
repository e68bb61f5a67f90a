/**
 * parse: the whole pipeline from a file (or text) to a `Notice`.
 *   ingest (bytes → SourceText) → normalize → structure (meta + section tree) → extract.
 * `parseSource` and `parseText` are pure; `parseFile` is the only one that reads a file.
 */
import type { Format, Notice, SourceLine, SourceText } from './model.js';
import { normalize, normalizeTables } from './normalize/index.js';
import { buildSkeleton } from './structure/index.js';
import { withPageMeta } from './structure/front.js';
import { extractInto } from './extract/index.js';
import { measureQuality } from './ingest/quality.js';

/**
 * The file object (in the spirit of vfile) that goes with each parsed notice: the source it
 * was read from — path, format, lines with their page/line, tables — so that a later stage
 * (the rule engine, a report) can point back into the original text from the notice alone.
 * Kept beside the Notice, not in it, so the parse output (schema/notice.schema.json) stays
 * the model and does not repeat the whole text.
 */
const SOURCES = new WeakMap<Notice, SourceText>();

/** The source a notice was parsed from (its lines, pages, tables), when this process parsed it. */
export function sourceOf(notice: Notice): SourceText | undefined {
  return SOURCES.get(notice);
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
  SOURCES.set(notice, src);
  return notice;
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
