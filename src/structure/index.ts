/**
 * structure: NormalText → the notice's metadata and its Section tree (no extraction yet).
 * Input: the output of normalize. Output: `Skeleton` — meta, sections with positions and
 * their own text, and the offsets of the body, so extract can work section by section.
 */
import type { Message, NoticeMeta, Position, Section } from '../model.js';
import { joined, locate, locateSpan, type NormalText } from '../normalize/index.js';
import { findHeadings, type HeadingHit, type NumberingGap } from './headings.js';
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
  /** What the reader of the structure should know (a numbering gap it stepped over). */
  messages: Message[];
}

export function buildSkeleton(n: NormalText): Skeleton {
  const layout = readLayout(n);
  const gaps: NumberingGap[] = [];
  const hits = findHeadings(n, layout.bodyStart, layout.bodyEnd, gaps);
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
      position: locateSpan(n, h.start, h.titleEnd),
      children: [],
    };
    spans.push({ section, start: h.start, end });
    section.children = h.children.map((c, j) => toSection(c, `${path}.${j + 1}`));
    return section;
  };
  const sections = hits.filter((h) => h.parent === null).map((h, i) => toSection(h, String(i + 1)));
  spans.sort((a, b) => a.start - b.start);

  const metaPositions: Skeleton['metaPositions'] = {};
  for (const [k, span] of Object.entries(layout.at)) {
    if (span) metaPositions[k as keyof NoticeMeta] = locateSpan(n, span[0], span[1]);
  }
  // The plan year is read from the title; the printed texts of the dates are the dates.
  if (metaPositions.title && layout.meta.planYear != null) metaPositions.planYear = metaPositions.title;
  if (metaPositions.signedDate) metaPositions.signedDateText = metaPositions.signedDate;
  if (metaPositions.printedDate) metaPositions.printedDateText = metaPositions.printedDate;
  const messages = gaps.map((g): Message => gapMessage(g, locate(n, g.at)));
  return { meta: layout.meta, layout, sections, spans, metaPositions, messages };
}

/** Depth-first list of a section tree. */
export function flattenSections(sections: Section[], out: Section[] = []): Section[] {
  for (const s of sections) {
    out.push(s);
    flattenSections(s.children, out);
  }
  return out;
}

const LEVEL_LABEL: Record<number, (k: number) => string> = {
  1: (k) => `${cn(k)}、`,
  2: (k) => `（${cn(k)}）`,
  3: (k) => `${k}.`,
  4: (k) => `（${k}）`,
};
function cn(k: number): string {
  const d = '零一二三四五六七八九';
  if (k < 10) return d[k];
  if (k < 20) return '十' + (k % 10 ? d[k % 10] : '');
  return d[Math.floor(k / 10)] + '十' + (k % 10 ? d[k % 10] : '');
}

function gapMessage(g: NumberingGap, position: Position): Message {
  const want = LEVEL_LABEL[g.level](g.want);
  return {
    ruleId: 'heading-numbering-gap',
    severity: 'warning',
    message: {
      zh: `没有找到标题编号“${want}”，已从“${g.found}”接着读；请核对原文该处是否漏印编号或断行`,
      en: `Heading number "${want}" was not found; reading went on from "${g.found}" — check the original for a missing label or a broken line`,
    },
    position,
  };
}
