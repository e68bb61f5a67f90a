/**
 * normalize: SourceText (lines as extracted) → NormalText (one string, clean, with a map back).
 *
 * - removes page furniture: page numbers (— 8 —, - 8 -, 第 8 页, 8/12) and running
 *   headers/footers repeated on most pages of a PDF;
 * - folds Kangxi radicals and CJK compatibility ideographs (NFKC on those only, because
 *   full NFKC would also turn （，：into (,: and change the text users search for), and the
 *   CJK Radicals Supplement (⺠ → 民, ⻔ → 门), which NFKC leaves alone (./radicals.ts);
 * - folds full-width digits and Latin letters (２０２２ → 2022);
 * - drops whitespace inside CJK text and numbers (2022 年 6 月 → 2022年6月), keeping it
 *   only between two Latin letters/digits;
 * - keeps line breaks as '\n' (the structure stage needs them as boundaries) and a map
 *   from every output character to the source line and column it came from.
 */
import type { Position, SourceLine, SourceTable, SourceText } from '../model.js';
import { radicalSupplementIdeograph } from './radicals.js';

export interface NormalText {
  /** Normalised text; lines separated by '\n'. */
  text: string;
  /** For each UTF-16 unit of `text`: index into `lines` (or -1 for an inserted '\n'). */
  lineOf: Int32Array;
  /** For each UTF-16 unit of `text`: 0-based UTF-16 column in that source line. */
  colOf: Int32Array;
  /** Offset in `text` at which each kept line starts. */
  lineStarts: number[];
  /** The source lines that were kept, in order. */
  lines: SourceLine[];
  /** Lines removed as page furniture. */
  removed: SourceLine[];
}

/** — 8 —, - 8 -, －8－, 第 8 页, 第8页 共12页, 8 / 12, a bare page number. */
const PAGE_NUMBER = /^\s*(?:[—–\-－─_~～]+\s*\d{1,4}\s*[—–\-－─_~～]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,3})\s*$/;

export function isPageNumberLine(text: string): boolean {
  return PAGE_NUMBER.test(text);
}

/**
 * Running headers/footers: the first or last non-blank line of a page that recurs (digits
 * ignored) on at least 60% of the pages. Only meaningful with 3+ pages.
 */
function runningLines(lines: SourceLine[]): Set<SourceLine> {
  const byPage = new Map<number, SourceLine[]>();
  for (const l of lines) {
    if (l.page == null || !l.text.trim()) continue;
    let list = byPage.get(l.page);
    if (!list) byPage.set(l.page, (list = []));
    list.push(l);
  }
  const out = new Set<SourceLine>();
  if (byPage.size < 3) return out;
  const key = (l: SourceLine) => l.text.replace(/[\s\u3000]+/g, '').replace(/\d+/g, '#');
  const counts = new Map<string, number>();
  const edges: SourceLine[] = [];
  for (const list of byPage.values()) {
    const ends = new Set([list[0], list[list.length - 1]]);
    for (const l of ends) {
      edges.push(l);
      counts.set(key(l), (counts.get(key(l)) ?? 0) + 1);
    }
  }
  const min = Math.max(3, Math.ceil(byPage.size * 0.6));
  for (const l of edges) if ((counts.get(key(l)) ?? 0) >= min) out.add(l);
  return out;
}

const isKangxiOrCompat = (cp: number) =>
  (cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
const isFullwidthAlnum = (cp: number) => (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a);

/** Fold one code point; returns the replacement string (often the same character). */
export function foldChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2e80 && cp <= 0x2eff) return radicalSupplementIdeograph(cp) ?? ch;
  if (isKangxiOrCompat(cp) || isFullwidthAlnum(cp)) return ch.normalize('NFKC');
  if (cp === 0xa0 || cp === 0x3000) return ' ';
  return ch;
}

const SPACE = /[\s\u3000\u00a0\ufeff\u200b]/;
/**
 * Characters that show nothing but change what matching sees: C0/C1 controls (ESC of a
 * terminal sequence), bidi marks, overrides and isolates (U+202E before 一、 hid a heading),
 * zero-width joiners and the word joiner, the soft hyphen. Dropped like spaces, so headings,
 * deadlines and units read the same with or without them; columns still map to the source.
 */
const INVISIBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');
/** A whole terminal escape sequence (CSI such as ESC[2J, OSC such as ESC]0;title BEL, or a 2-byte one): dropped whole, not just its ESC. */
const ESCAPE_SEQ = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/y;
const ESCAPE_ALL = new RegExp(ESCAPE_SEQ.source, 'g');
const LATIN = /[A-Za-z0-9]/;

export function normalize(src: SourceText): NormalText {
  const running = runningLines(src.lines);
  const kept: SourceLine[] = [];
  const removed: SourceLine[] = [];
  for (const l of src.lines) {
    // Blank lines carry no text, and PDF extraction scatters them mid-sentence.
    if (!l.text.replace(ESCAPE_ALL, '').replace(INVISIBLE_ALL, '').trim()) continue;
    if (isPageNumberLine(l.text) || running.has(l)) removed.push(l);
    else kept.push(l);
  }

  // Output never outgrows the input by more than the inserted '\n's and the odd astral fold:
  // typed arrays sized once (a 2,000-page PDF has ~1.6 M characters; number[] and one string
  // per character cost ~10× the memory), pieces of text collected per line.
  let cap = 16;
  for (const l of kept) cap += l.text.length * 2 + 1;
  let lineOf = new Int32Array(cap);
  let colOf = new Int32Array(cap);
  // The text as UTF-16 units, decoded once at the end: no string per character.
  let units = new Uint16Array(cap);
  let len = 0;
  const emitCode = (u: number, li: number, col: number) => {
    if (len === lineOf.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      lineOf = grow(lineOf);
      colOf = grow(colOf);
      units = grow(units);
    }
    units[len] = u;
    lineOf[len] = li;
    colOf[len] = col;
    len++;
  };
  const lineStarts: number[] = [];
  kept.forEach((l, li) => {
    if (li > 0) {
      emitCode(0x0a, -1, 0);
    }
    lineStarts.push(len);
    // Fold characters and drop spaces, remembering each kept character's source column.
    // A run of spaces survives only between two Latin letters/digits.
    const t = l.text;
    let pendingSpace = -1; // column of a dropped space run, if the next char may need it back
    let prevLatin = false;
    for (let col = 0; col < t.length; ) {
      const code = t.charCodeAt(col);
      // Most characters are CJK or printable ASCII that fold to themselves: no string made.
      if ((code > 0x20 && code < 0x7f) || (code >= 0x3001 && code < 0xd800)) {
        const latin = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
        if (pendingSpace >= 0 && prevLatin && latin) emitCode(0x20, li, pendingSpace);
        pendingSpace = -1;
        emitCode(code, li, col);
        prevLatin = latin;
        col++;
        continue;
      }
      const cp = t.codePointAt(col)!;
      if (cp === 0x1b) {
        ESCAPE_SEQ.lastIndex = col;
        const m = ESCAPE_SEQ.exec(t);
        if (m) {
          col += m[0].length;
          continue;
        }
      }
      const ch = String.fromCodePoint(cp);
      const width = ch.length;
      const folded = (cp < 0x200b && cp !== 0xa0) || (cp > 0x206f && cp < 0x2e80) ? ch : foldChar(ch);
      for (const c of folded) {
        if (INVISIBLE.test(c)) continue;
        if (SPACE.test(c)) {
          if (pendingSpace < 0) pendingSpace = col;
          continue;
        }
        const latin = LATIN.test(c);
        if (pendingSpace >= 0 && prevLatin && latin) {
          emitCode(0x20, li, pendingSpace);
        }
        pendingSpace = -1;
        // Both units of a folded character map to its source start: a BMP compatibility
        // ideograph may fold to a character outside the BMP (U+FA6C → U+242EE).
        const sameWidth = c.length === width;
        for (let k = 0; k < c.length; k++) {
          emitCode(c.charCodeAt(k), li, sameWidth ? col + k : col);
        }
        prevLatin = latin;
      }
      col += width;
    }
  });
  // Chunks keep String.fromCharCode's argument list short; lone surrogates pass through as they were.
  const chunks: string[] = [];
  for (let k = 0; k < len; k += 8192) chunks.push(String.fromCharCode.apply(null, units.subarray(k, Math.min(len, k + 8192)) as unknown as number[]));
  return {
    text: chunks.join(''),
    lineOf: lineOf.slice(0, len),
    colOf: colOf.slice(0, len),
    lineStarts,
    lines: kept,
    removed,
  };
}

/**
 * The same character folding for text that is not part of the line stream (table cells):
 * radicals, compatibility ideographs, full-width letters/digits and invisible controls.
 * Whitespace and line breaks are kept (cells are split on them later).
 */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x200b && cp !== 0xa0) {
      if (ch === '\n' || ch === '\t' || !INVISIBLE.test(ch)) out += ch;
      continue;
    }
    const f = foldChar(ch);
    out += INVISIBLE.test(f) ? '' : f;
  }
  return out;
}

/** Tables with every cell's text folded (see foldText); spans and positions unchanged. */
export function normalizeTables(tables: readonly SourceTable[]): SourceTable[] {
  return tables.map((t) => ({ ...t, rows: t.rows.map((row) => row.map((c) => ({ ...c, text: foldText(c.text) }))) }));
}

/** What /\s/ matches, by code (no one-character string per test). */
function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Where the character at `offset` of the normalised text was in the original file. */
export function locate(n: NormalText, offset: number): Position {
  let i = Math.max(0, Math.min(offset, n.text.length - 1));
  // An inserted '\n' maps to the start of the following line.
  while (i < n.text.length - 1 && n.lineOf[i] < 0) i++;
  const li = n.lineOf[i];
  if (li < 0 || n.lines.length === 0) return { page: null, line: 1, column: 1 };
  const l = n.lines[li];
  return { page: l.page, line: l.line, column: n.colOf[i] + 1 };
}

/**
 * Where the text between two offsets (end exclusive) was printed: the start as `locate`, and
 * the end as the line of its last character and the column just after it (exclusive, as
 * SARIF regions and vfile count). Line breaks and trailing whitespace at either edge are
 * stepped over; a span that runs onto a later PDF page says so in `endPage`.
 */
export function locateSpan(n: NormalText, start: number, end: number): Position {
  let s = Math.max(0, start);
  let e = Math.min(end, n.text.length) - 1;
  while (s < e && (n.lineOf[s] < 0 || isSpaceCode(n.text.charCodeAt(s)))) s++;
  while (e > s && (n.lineOf[e] < 0 || isSpaceCode(n.text.charCodeAt(e)))) e--;
  const from = locate(n, s);
  if (e < s || e < 0 || n.lineOf[e] < 0) return from;
  const last = n.lines[n.lineOf[e]];
  // A character folded from a surrogate pair (a CJK Compatibility Supplement ideograph) is one
  // unit here and two in the source.
  const width = (last.text.codePointAt(n.colOf[e]) ?? 0) > 0xffff ? 2 : 1;
  // Built in one literal (not spread from `from`): this runs for every item of every section.
  const pos: Position = { page: from.page, line: from.line, column: from.column, endLine: last.line, endColumn: n.colOf[e] + 1 + width };
  if (last.page !== from.page && last.page != null) pos.endPage = last.page;
  return pos;
}

/** The text between two offsets with the line breaks taken out (whitespace is insignificant). */
export function joined(n: NormalText, start: number, end: number): string {
  return n.text.slice(start, end).replace(/\n/g, '');
}
