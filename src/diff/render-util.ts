/** Small helpers shared by the diff renderers: labels, widths of CJK text, escaping. */
import type { Modality } from '../model.js';
import { deadlineWithReading } from '../extract/deadline-display.js';
import type { DeadlineInfo, NoticeDiff, PairDiff, SectionInfo } from './index.js';

export const MODALITY: Record<Modality, { zh: string; en: string }> = {
  mandatory: { zh: '必须', en: 'mandatory' },
  required: { zh: '要求', en: 'required' },
  encouraged: { zh: '鼓励', en: 'encouraged' },
  plain: { zh: '陈述', en: 'plain' },
};

/** 2022年9月底前（2022年9月30日）; the print alone when it says the same (全年, 7个工作日内). */
export function formatDeadline(d: DeadlineInfo): string {
  return deadlineWithReading(d);
}

export function formatDeadlines(ds: DeadlineInfo[]): string {
  return ds.length ? ds.map(formatDeadline).join('；') : '—';
}

export function formatUnits(us: string[]): string {
  return us.length ? us.join('、') : '—';
}

/** Columns a string takes on a terminal: CJK and full-width forms take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

export function padWidth(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Cut to at most `width` columns, with … when cut. */
export function truncateWidth(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function sectionMap(list: SectionInfo[]): Map<string, SectionInfo> {
  return new Map(list.map((s) => [s.path, s]));
}

export function heading(s: SectionInfo | undefined): string {
  return s ? `${s.label}${s.title}` : '';
}

/** One entry of a side-by-side listing. */
export type Entry = { kind: 'pair'; pair: PairDiff } | { kind: 'only-a'; path: string } | { kind: 'only-b'; path: string };

/**
 * Pairs and unmatched sections in one reading order: A's tree order, with each section found
 * only in B placed right after the pair that precedes it in B.
 */
export function entries(d: NoticeDiff): Entry[] {
  const idxA = new Map(d.sections.a.map((s, i) => [s.path, i]));
  const idxB = new Map(d.sections.b.map((s, i) => [s.path, i]));
  const partnerOfB = new Map(d.pairs.map((p) => [p.b, p.a]));
  const keyed: { key: number; e: Entry }[] = [];
  for (const p of d.pairs) keyed.push({ key: idxA.get(p.a)!, e: { kind: 'pair', pair: p } });
  for (const a of d.onlyA) keyed.push({ key: idxA.get(a)!, e: { kind: 'only-a', path: a } });
  for (const b of d.onlyB) {
    const j = idxB.get(b)!;
    let anchor = -1;
    for (let k = j - 1; k >= 0; k--) {
      const partner = partnerOfB.get(d.sections.b[k].path);
      if (partner !== undefined) {
        anchor = idxA.get(partner)!;
        break;
      }
    }
    keyed.push({ key: anchor + 0.5 + j / 1e4, e: { kind: 'only-b', path: b } });
  }
  return keyed.sort((x, y) => x.key - y.key).map((k) => k.e);
}

export const MARKER = {
  pair: { zh: '配对', en: 'matched' },
  moved: { zh: '移动', en: 'moved' },
  'only-a': { zh: '仅A', en: 'only in A' },
  'only-b': { zh: '仅B', en: 'only in B' },
} as const;
