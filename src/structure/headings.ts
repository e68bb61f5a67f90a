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

/**
 * What may stand inside a label: a line break ("（十" / "五）", PDF lines wrap anywhere) or
 * markup noise left by a web page's highlighter ("一@@、"). Bounded, so the scan stays linear.
 */
const J = '[\\n@]{0,4}';
const CN = `[一二三四五六七八九十](?:${J}[一二三四五六七八九十]){0,2}`;
const DIGITS = `\\d(?:${J}\\d)?`;
const LABEL = new RegExp(
  [
    `(?<l1>(?<![一二三四五六七八九十])${CN}${J}、)`,
    `(?<l2>[（(]${J}${CN}${J}[）)])`,
    `(?<l4>[（(]${J}${DIGITS}${J}[）)])`,
    // "1.2020年10月底前…": a label glued to the year that opens its title is still a label.
    `(?<l3>(?<![\\d.．])${DIGITS}${J}[.．、](?:(?![\\d])|(?=\\d{4}年)))`,
  ].join('|'),
  'g',
);
const LABEL_JUNK = /[\n@]/g;

/** A line that starts with any heading label. */
const LINE_LABEL = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])/;
/** Characters after which a new heading may start in running text. */
const SENTENCE_END = /[。；！？;!?]/;
/**
 * Run-together text also starts headings after a colon ("通知如下：一、") and after the
 * parenthesis that closes a paragraph ("（街道办事处）2.加大…", "…委员会）（二）更新…").
 */
const CLAUSE_END = /[：:）)]/;
// 〝〞 are the "double prime" quotes of some fonts; OCR also closes “ with 〞.
const OPENERS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '「': '」', '『': '』', '〝': '〞', '"': '"' };
const CLOSERS = new Set(Object.values(OPENERS));

/** Display width: CJK counts 2, ASCII 1 (used to tell a wrapped line from a short one). */
function width(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // The low half of a surrogate pair adds nothing: the pair is one character.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800) continue;
    w += c > 0xff ? 2 : 1;
  }
  return w;
}

/** The width of a full line of this text: lines at least this wide were probably wrapped. */
function fullLineWidth(lines: string[]): number {
  const ws = lines.map(width).filter((w) => w > 20).sort((a, b) => a - b);
  if (!ws.length) return Infinity;
  return ws[Math.floor(ws.length * 0.8)] * 0.85;
}

/** A heading number that was not found: the next one was taken after it ("一、二、四、"). */
export interface NumberingGap {
  level: Level;
  /** The number that was expected. */
  want: number;
  /** The label taken instead, as printed. */
  found: string;
  at: number;
}

export function findHeadings(n: NormalText, from: number, to: number, gaps?: NumberingGap[]): HeadingHit[] {
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
  // Only quote marks and line breaks matter: find them once and step through them, so the
  // scan stays linear however many labels a line holds.
  const marks: number[] = [];
  for (const m of text.slice(from, to).matchAll(/[“”‘’《》「」『』〝〞"\n]/g)) marks.push(from + m.index);
  let mi = 0;
  const advanceDepth = (upTo: number) => {
    while (mi < marks.length && marks[mi] < scanned) mi++;
    for (; mi < marks.length && marks[mi] < upTo; mi++) {
      const i = marks[mi];
      const c = text[i];
      if (c === '"') depth = depth > 0 ? depth - 1 : depth + 1;
      else if (OPENERS[c]) depth++;
      else if (CLOSERS.has(c)) depth = Math.max(0, depth - 1);
      // A quote does not run on past the end of a paragraph (its sentence, or the unit
      // parenthesis that closes it).
      else if (c === '\n' && i > 0 && (SENTENCE_END.test(text[i - 1]) || /[）)]/.test(text[i - 1]))) depth = 0;
    }
    scanned = Math.max(scanned, upTo);
  };

  LABEL.lastIndex = from;
  for (let m = LABEL.exec(text); m && m.index < to; m = LABEL.exec(text)) {
    const g = m.groups!;
    const level: Level = g.l1 ? 1 : g.l2 ? 2 : g.l3 ? 3 : 4;
    const label = m[0].replace(LABEL_JUNK, '');
    const number = numeralValue(label.replace(/[（()）、.．]/g, ''));
    const start = m.index;
    advanceDepth(start);
    if (depth > 0 || !Number.isFinite(number)) continue;

    // Parent: the deepest open heading of a higher level.
    let pi = open.length - 1;
    while (pi >= 0 && open[pi].level >= level) pi--;
    const parent = pi >= 0 ? open[pi] : root;
    const prevSibling = [...parent.children].reverse().find((c) => c.level === level);
    const want = prevSibling ? prevSibling.number + 1 : lastOfLevel[level] > 0 ? lastOfLevel[level] + 1 : 1;
    const expected = number === want || (!prevSibling && number === 1);

    let b = start - 1;
    while (b >= from && text[b] === '@') b--; // highlighter noise before a label
    const before = b >= from ? text[b] : '\n';
    const lineStart = b < from || before === '\n';
    // After a colon only 一、/（一）: "包括：1.规划；2.预算" is a list inside a sentence.
    const strong = lineStart || SENTENCE_END.test(before) || (CLAUSE_END.test(before) && (level <= 2 || !/[：:]/.test(before)));
    // One missed label must not hide every later one: a label one number further on, where
    // a heading clearly starts (a line start; for 一、/（一） any sentence end), is taken and the
    // gap reported.
    const skipped = !expected && number === want + 1 && (lineStart || (level <= 2 && strong));
    if (!expected && !skipped) continue;
    // Weak boundary: the first child of a heading whose title is still running
    // (mudan-2022: "一、紧扣经济发展大局深化公开（一）围绕…"), or the next sibling glued to a
    // heading that is only a title (an outline run together: "1.强化组织领导2.健全…").
    const top = open[open.length - 1];
    const runningTitle = (h: HeadingHit, stops: RegExp) =>
      h.children.length === 0 && start - h.labelEnd <= 60 && !stops.test(text.slice(h.labelEnd, start));
    const weak =
      expected &&
      top !== undefined &&
      ((!prevSibling && parent === top && runningTitle(top, /[。；]/)) ||
        (prevSibling !== undefined && prevSibling === top && level === 3 && /[\u4e00-\u9fff]/.test(before) && runningTitle(top, /[。；，,：:]/)));
    if (!strong && !weak) continue;
    // Siblings are numbered alike: "1." then "2、" at a line start is something else (the
    // chunk numbers of a document-sharing site: "做\n2、好重点领域…").
    if (prevSibling && level === 3 && /、$/.test(prevSibling.label) !== /、$/.test(label)) continue;
    if (skipped) gaps?.push({ level, want, found: label, at: start });

    const hit: HeadingHit = { level, number, label, start, labelEnd: start + m[0].length, titleEnd: 0, title: '', parent: parent === root ? null : parent, children: [] };
    parent.children.push(hit);
    open.length = pi + 1;
    open.push(hit);
    lastOfLevel[level] = number;
    accepted.push(hit);
    depth = 0;
    scanned = hit.labelEnd;
  }

  // A plan with 一、 chapters starts its numbering with them: a 1. or （1） before the first
  // chapter is a stray number of the preamble (a page-chunk number, a list in the notice).
  const firstChapter = accepted.find((h) => h.level === 1);
  if (firstChapter) {
    const stray = new Set<HeadingHit>();
    const drop = (h: HeadingHit) => {
      stray.add(h);
      h.children.forEach(drop);
    };
    root.children.filter((h) => h.level > 1 && h.start < firstChapter.start).forEach(drop);
    if (stray.size) {
      root.children = root.children.filter((h) => !stray.has(h));
      accepted.splice(0, accepted.length, ...accepted.filter((h) => !stray.has(h)));
    }
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
      const c = text.charCodeAt(end);
      if (c === 0x3002) break; // 。
      if (c === 0x0a && breaksMeaningful) {
        const lineStart = text.lastIndexOf('\n', end - 1) + 1;
        if (width(text.slice(lineStart, end)) < full) break;
      }
      end++;
    }
    h.titleEnd = end;
    h.title = text.slice(h.labelEnd, end).replace(LABEL_JUNK, '').trim();
  });
  // A label with nothing after it, at the very end, is where an excerpt was cut off.
  const last = accepted[accepted.length - 1];
  if (last && !last.title && !/\S/.test(text.slice(last.labelEnd, to))) {
    accepted.pop();
    const siblings = last.parent ? last.parent.children : root.children;
    siblings.splice(siblings.indexOf(last), 1);
  }
  return accepted;
}
