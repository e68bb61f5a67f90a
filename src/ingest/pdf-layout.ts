/**
 * Text lines of a PDF page from pdf.js text items, in visual order.
 *
 * pdf.js returns text in content-stream order. Most producers draw a line left to right, but
 * not all: LibreOffice drawing with glyph fallback (the document's Chinese font missing)
 * draws each line's base-font glyphs (“ ” — tabs, digits) first and the fallback-font
 * Chinese run after them, so stream order reads `“ ”\t一、围绕…`. pdftotext orders by glyph
 * position; this does the same where the stream order disagrees with it:
 *
 *   1. items are grouped into lines in stream order (a new line at pdf.js's end-of-line
 *      marks or where the baseline moves by more than half the text height);
 *   2. a line whose items already run left to right is joined as it is (the common case);
 *   3. otherwise every character gets an x position — exact for one-glyph items, estimated
 *      inside a multi-glyph item from full-/half-width advances, with the gaps pdf.js wrote
 *      as spaces sharing what is left of the item's width — and the line is rebuilt in x
 *      order; a space that another item's glyph falls into is dropped (that glyph was the
 *      one drawn in the gap).
 *
 * Pure: no pdf.js import; the caller hands over items and gets strings back.
 */

/** The part of a pdf.js TextItem this module reads. */
export interface TextItem {
  str: string;
  /** [a, b, c, d, e, f]: e/f are the origin in PDF user space, |d| ≈ the font size. */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/** A line of a page: its text and where its first glyph sits (PDF user space). */
export interface PageLine {
  text: string;
  x: number;
  y: number;
  /** The items the line was built from (in stream order). */
  items: TextItem[];
}

/** Gap (in PDF units) between two items on a line above which a tab is written, as pdf-parse did. */
const CELL_GAP = 7;

const fontSize = (it: TextItem) => Math.abs(it.transform[3]) || Math.abs(it.transform[0]) || it.height || 10;

/** Upright text: no rotation or skew worth speaking of. */
const isUpright = (it: TextItem) => Math.abs(it.transform[1]) < 1e-3 && Math.abs(it.transform[2]) < 1e-3 && it.transform[0] > 0;

/** Width class of a character: full-width (CJK, full-width punctuation) 1 em, else 1/2 em. */
function ems(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2e80 || (cp >= 0x2010 && cp <= 0x2027 && cp !== 0x2013 && cp !== 0x2014) || cp === 0x3000) return 1;
  if (cp === 0x2014) return 1;
  return 0.5;
}

interface Glyph {
  ch: string;
  x: number;
  w: number;
  space: boolean;
  item: number;
}

/** The characters of one item with estimated x positions. */
function glyphsOf(it: TextItem, index: number): Glyph[] {
  const chars = [...it.str];
  const x0 = it.transform[4];
  if (chars.length === 1) return [{ ch: chars[0], x: x0, w: it.width, space: /\s/.test(chars[0]), item: index }];
  const size = fontSize(it);
  let fixed = 0;
  let spaces = 0;
  for (const c of chars) {
    if (/\s/.test(c)) spaces++;
    else fixed += ems(c) * size;
  }
  const rest = it.width - fixed;
  // The gaps pdf.js wrote as spaces take what is left; without spaces, scale to fit.
  const scale = spaces === 0 && fixed > 0 ? it.width / fixed : 1;
  const spaceW = spaces > 0 ? Math.max(rest, 0) / spaces : 0;
  const out: Glyph[] = [];
  let x = x0;
  for (const c of chars) {
    const space = /\s/.test(c);
    const w = space ? spaceW : ems(c) * size * scale;
    out.push({ ch: c, x, w, space, item: index });
    x += w;
  }
  return out;
}

/** True when each item starts at or after the end of the one before (within a tolerance). */
function leftToRight(items: TextItem[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1];
    const tol = Math.max(1, fontSize(prev) * 0.25);
    if (items[i].transform[4] < prev.transform[4] + prev.width - tol) return false;
  }
  return true;
}

/** Join items that already run left to right; a wide gap between two items becomes a tab. */
function joinInOrder(items: TextItem[]): string {
  let out = '';
  let lastEnd: number | null = null;
  for (const it of items) {
    const x = it.transform[4];
    if (it.str.trim() === '') {
      // pdf.js writes a wide gap as a whitespace item spanning it: a column gap is a tab.
      out += it.width > CELL_GAP ? '\t' : it.str;
      lastEnd = x + it.width;
      continue;
    }
    if (lastEnd !== null && x - lastEnd > CELL_GAP && !/\s$/.test(out)) out += '\t';
    out += it.str;
    lastEnd = x + it.width;
  }
  return out;
}

/**
 * Rebuild a line from its glyphs in x order (see the module comment, step 3).
 *
 * Positions inside a multi-glyph item are estimates (justification and punctuation
 * compression move glyphs by a few points), so a glyph drawn inside another item's span is
 * not sorted by its estimate against that item's glyphs: it goes into the nearest gap
 * (space) of that item, which is where the producer left room for it.
 */
function joinByPosition(items: TextItem[]): string {
  const glyphs = items.flatMap((it, i) => glyphsOf(it, i));
  const key = glyphs.map((g) => g.x);
  const dropped = new Set<Glyph>();
  // The gap matching below is quadratic in the line's glyphs; a real line has a few dozen.
  // A crafted page with thousands on one baseline is just sorted by position.
  if (glyphs.length > MAX_MATCHED_GLYPHS) return sortedText(glyphs, key, dropped);
  for (let gi = 0; gi < glyphs.length; gi++) {
    const g = glyphs[gi];
    if (g.space) continue;
    const c = g.x + g.w / 2;
    let best: Glyph | null = null;
    let bestD = Infinity;
    for (let j = 0; j < items.length; j++) {
      const host = items[j];
      if (j === g.item || [...host.str].length < 2) continue;
      const x0 = host.transform[4];
      if (c <= x0 || c >= x0 + host.width) continue;
      const reach = fontSize(host) * 1.5;
      for (const s of glyphs) {
        if (s.item !== j || !s.space) continue;
        const d = Math.abs(s.x + s.w / 2 - c);
        if (d < bestD && d <= reach) {
          best = s;
          bestD = d;
        }
      }
    }
    if (best) {
      key[gi] = best.x + (g.x - best.x) * 1e-6 + 1e-9;
      dropped.add(best);
    }
  }
  // A whitespace item with another item's glyph drawn inside it was the room left for that glyph.
  for (const g of glyphs) {
    if (!g.space || dropped.has(g)) continue;
    if (glyphs.some((s) => !s.space && s.item !== g.item && s.x + s.w / 2 > g.x && s.x + s.w / 2 < g.x + g.w)) dropped.add(g);
  }
  return sortedText(glyphs, key, dropped);
}

const MAX_MATCHED_GLYPHS = 1000;

function sortedText(glyphs: Glyph[], key: number[], dropped: Set<Glyph>): string {
  const order = glyphs
    .map((g, i) => ({ g, k: key[i], i }))
    .filter(({ g }) => !dropped.has(g))
    .sort((a, b) => a.k - b.k || a.i - b.i);
  let out = '';
  let lastEnd: number | null = null;
  for (const { g } of order) {
    if (!g.space && lastEnd !== null && g.x - lastEnd > CELL_GAP * 2 && !/\s$/.test(out)) out += '\t';
    out += g.ch;
    lastEnd = Math.max(lastEnd ?? -Infinity, g.x + g.w);
  }
  return out;
}

/** Split one page's items into lines (stream order) and join each in visual order. */
export function pageLines(items: readonly TextItem[]): PageLine[] {
  const groups: TextItem[][] = [];
  let cur: TextItem[] = [];
  let baseY = 0;
  let size = 0;
  const flush = () => {
    if (cur.length) groups.push(cur);
    cur = [];
  };
  for (const it of items) {
    if (typeof it.str !== 'string' || !Array.isArray(it.transform)) continue;
    if (it.str === '') {
      if (it.hasEOL) flush();
      continue;
    }
    const y = it.transform[5];
    const s = fontSize(it);
    if (cur.length && Math.abs(y - baseY) > Math.max(size, s) * 0.5) flush();
    if (!cur.length) {
      baseY = y;
      size = s;
    } else size = Math.max(size, s);
    cur.push(it);
    if (it.hasEOL) flush();
  }
  flush();
  return groups.map((g) => {
    const upright = g.every(isUpright);
    const text = !upright || leftToRight(g) ? joinInOrder(g) : joinByPosition(g);
    return { text, x: g[0].transform[4], y: g[0].transform[5], items: g };
  });
}
