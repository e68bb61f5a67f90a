/**
 * Finds the numbered headings of a plan body: 一、 / （一） (一) / 1. 1． / （1） (1).
 *
 * Headings are found in the running text, not only at line starts, because PDF text
 * often has no paragraph breaks (a heading runs on after the previous sentence's 。, or
 * right after its parent's title with no punctuation at all). What keeps enumerations,
 * dates and 一是/二是 out is the numbering itself: a label is a heading only where it is
 * the number that level expects next (the next sibling, or the first child of the open
 * heading, or — for numbering that runs on across chapters — one more than the last
 * label of that level), at a boundary, and outside quotes and 《》.
 */
import type { NormalText } from '../normalize/index.js';
import { numeralValue } from './numerals.js';

export type Level = 1 | 2 | 3 | 4;

export interface HeadingHit {
  level: Level;
  number: number;
  /** As printed, whitespace removed. */
  label: string;
  /** Offsets in the normalised text. */
  start: number;
  labelEnd: number;
  titleEnd: number;
  title: string;
  parent: HeadingHit | null;
  children: HeadingHit[];
}

const CN = '[一二三四五六七八九十](?:\\n?[一二三四五六七八九十]){0,2}';
const DIGITS = '\\d(?:\\n?\\d)?';
// '\n' may split a label ("（十" / "五）") because PDF lines wrap anywhere.
const LABEL = new RegExp(
  [
    `(?<l1>(?<![一二三四五六七八九十])${CN}\\n?、)`,
    `(?<l2>[（(]\\n?${CN}\\n?[）)])`,
    `(?<l4>[（(]\\n?${DIGITS}\\n?[）)])`,
    `(?<l3>(?<![\\d.．])${DIGITS}\\n?[.．、](?![\\d]))`,
  ].join('|'),
  'g',
);

/** A line that starts with any heading label. */
const LINE_LABEL = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])/;
/** Characters after which a new heading may start in running text. */
const SENTENCE_END = /[。；！？;!?]/;
const OPENERS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '「': '」', '『': '』', '"': '"' };
const CLOSERS = new Set(Object.values(OPENERS));

/** Display width: CJK counts 2, ASCII 1 (used to tell a wrapped line from a short one). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return w;
}

/** The width of a full line of this text: lines at least this wide were probably wrapped. */
function fullLineWidth(lines: string[]): number {
  const ws = lines.map(width).filter((w) => w > 20).sort((a, b) => a - b);
  if (!ws.length) return Infinity;
  return ws[Math.floor(ws.length * 0.8)] * 0.85;
}

export function findHeadings(n: NormalText, from: number, to: number): HeadingHit[] {
  const text = n.text;
  const full = fullLineWidth(text.slice(from, to).split('\n'));
  const root: HeadingHit = { level: 1, number: 0, label: '', start: from, labelEnd: from, titleEnd: from, title: '', parent: null, children: [] };
  const lastOfLevel = [0, 0, 0, 0, 0];
  const open: HeadingHit[] = []; // headings currently open, levels increasing
  const accepted: HeadingHit[] = [];

  // Quote depth is tracked as we scan; reset at each accepted heading so one lost
  // closing quote in extracted text cannot hide the rest of the document.
  let depth = 0;
  let scanned = from;
  const QUOTE_OR_BREAK = /[“”‘’《》「」『』"\n]/g;
  const advanceDepth = (upTo: number) => {
    // Only quote marks and line breaks matter: jump from one to the next.
    QUOTE_OR_BREAK.lastIndex = scanned;
    for (let m = QUOTE_OR_BREAK.exec(text); m && m.index < upTo; m = QUOTE_OR_BREAK.exec(text)) {
      const c = m[0];
      const i = m.index;
      if (c === '"') depth = depth > 0 ? depth - 1 : depth + 1;
      else if (OPENERS[c]) depth++;
      else if (CLOSERS.has(c)) depth = Math.max(0, depth - 1);
      else if (c === '\n' && i > 0 && SENTENCE_END.test(text[i - 1])) depth = 0;
    }
    scanned = Math.max(scanned, upTo);
  };

  LABEL.lastIndex = from;
  for (let m = LABEL.exec(text); m && m.index < to; m = LABEL.exec(text)) {
    const g = m.groups!;
    const level: Level = g.l1 ? 1 : g.l2 ? 2 : g.l3 ? 3 : 4;
    const label = m[0].replace(/\n/g, '');
    const number = numeralValue(label.replace(/[（()）、.．\n]/g, ''));
    const start = m.index;
    advanceDepth(start);
    if (depth > 0 || !Number.isFinite(number)) continue;

    // Parent: the deepest open heading of a higher level.
    let pi = open.length - 1;
    while (pi >= 0 && open[pi].level >= level) pi--;
    const parent = pi >= 0 ? open[pi] : root;
    const prevSibling = [...parent.children].reverse().find((c) => c.level === level);
    const expected = prevSibling
      ? number === prevSibling.number + 1
      : number === 1 || (lastOfLevel[level] > 0 && number === lastOfLevel[level] + 1);
    if (!expected) continue;

    const before = start > from ? text[start - 1] : '\n';
    const strong = start === from || before === '\n' || SENTENCE_END.test(before);
    // Weak boundary: the first child of a heading whose title is still running
    // (mudan-2022: "一、紧扣经济发展大局深化公开（一）围绕…").
    const top = open[open.length - 1];
    const weak =
      !prevSibling &&
      top !== undefined &&
      parent === top &&
      top.children.length === 0 &&
      start - top.labelEnd <= 60 &&
      !/[。；]/.test(text.slice(top.labelEnd, start));
    if (!strong && !weak) continue;

    const hit: HeadingHit = { level, number, label, start, labelEnd: start + m[0].length, titleEnd: 0, title: '', parent: parent === root ? null : parent, children: [] };
    parent.children.push(hit);
    open.length = pi + 1;
    open.push(hit);
    lastOfLevel[level] = number;
    accepted.push(hit);
    depth = 0;
    scanned = hit.labelEnd;
  }

  // Titles: up to the first 。, the next heading, or the end of a line that is not full
  // (a short line ends a paragraph; a full one was wrapped by the PDF).
  // A short line only ends a paragraph where short lines usually do: if most short lines
  // stop mid-sentence, the text was re-wrapped line by line and its breaks mean nothing.
  const bodyLines = text.slice(from, to).split('\n');
  const short = bodyLines.filter((l) => width(l) < full);
  const midSentence = short.filter((l) => !/[。；：！？”）)]$/.test(l) && !LINE_LABEL.test(l)).length;
  const breaksMeaningful = short.length === 0 || midSentence / short.length < 0.5;
  accepted.forEach((h, i) => {
    const limit = i + 1 < accepted.length ? accepted[i + 1].start : to;
    let end = h.labelEnd;
    while (end < limit) {
      const c = text[end];
      if (c === '。') break;
      if (c === '\n' && breaksMeaningful) {
        const lineStart = text.lastIndexOf('\n', end - 1) + 1;
        if (width(text.slice(lineStart, end)) < full) break;
      }
      end++;
    }
    h.titleEnd = end;
    h.title = text.slice(h.labelEnd, end).replace(/\n/g, '').trim();
  });
  return accepted;
}
