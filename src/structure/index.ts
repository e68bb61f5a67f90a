/**
 * structure: NormalText → the notice's metadata and its Section tree (no extraction yet).
 * Input: the output of normalize. Output: `Skeleton` — meta, sections with positions and
 * their own text, and the offsets of the body, so extract can work section by section.
 */
import type { NoticeMeta, Position, Section } from '../model.js';
import { joined, locate, type NormalText } from '../normalize/index.js';
import { findHeadings, type HeadingHit } from './headings.js';
import { readLayout, type Layout } from './front.js';

export interface SectionSpan {
  section: Section;
  /** Offsets in the normalised text of the section's own text (children excluded). */
  start: number;
  end: number;
}

export interface Skeleton {
  meta: NoticeMeta;
  layout: Layout;
  sections: Section[];
  /** Every section in document order with its own text span. */
  spans: SectionSpan[];
  metaPositions: Partial<Record<keyof NoticeMeta, Position>>;
}

export function buildSkeleton(n: NormalText): Skeleton {
  const layout = readLayout(n);
  const hits = findHeadings(n, layout.bodyStart, layout.bodyEnd);
  const spans: SectionSpan[] = [];
  const toSection = (h: HeadingHit, path: string): Section => {
    const next = hits[hits.indexOf(h) + 1];
    const end = next ? next.start : layout.bodyEnd;
    const section: Section = {
      path,
      label: h.label,
      level: h.level,
      title: h.title,
      text: joined(n, h.start, end).trim(),
      lead: [],
      responsible: [],
      units: [],
      deadlines: [],
      obligations: [],
      references: [],
      position: locate(n, h.start),
      children: [],
    };
    spans.push({ section, start: h.start, end });
    section.children = h.children.map((c, j) => toSection(c, `${path}.${j + 1}`));
    return section;
  };
  const sections = hits.filter((h) => h.parent === null).map((h, i) => toSection(h, String(i + 1)));
  spans.sort((a, b) => a.start - b.start);

  const metaPositions: Skeleton['metaPositions'] = {};
  for (const [k, off] of Object.entries(layout.at)) {
    if (off !== undefined) metaPositions[k as keyof NoticeMeta] = locate(n, off);
  }
  return { meta: layout.meta, layout, sections, spans, metaPositions };
}

/** Depth-first list of a section tree. */
export function flattenSections(sections: Section[], out: Section[] = []): Section[] {
  for (const s of sections) {
    out.push(s);
    flattenSections(s.children, out);
  }
  return out;
}
