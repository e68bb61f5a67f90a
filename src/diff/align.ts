/**
 * Alignment of two section trees by content.
 *
 * Input: the flattened section trees of plans A and B and a similarity function over their
 * sections. Output: one-to-one pairs (each with its score and whether it moved), and the
 * sections left over on each side.
 *
 * 1. Sections that carry text of their own (a task: （一）… with its paragraph) are paired
 *    greedily, best score first, never below the threshold.
 * 2. Chapters that only group other sections (一、进一步夯实政务公开工作基础) have little text:
 *    they are paired by what they hold — the share of their tasks paired with each other's
 *    (Dice over descendants) — blended with the similarity of their headings.
 * 3. A pair is `moved` when its two sections sit in different places of their trees: their
 *    parents are not a pair of each other (one is top-level and the other is not, or the
 *    parents were paired elsewhere or not at all), or they sit under paired parents but their
 *    order contradicts the order of the other pairs there (they are off the longest run of
 *    pairs whose order agrees in both plans).
 */
import type { Section } from '../model.js';
import { unwrapLines } from './word-diff.js';

export interface Node {
  section: Section;
  index: number;
  /** Index of the parent node, -1 at top level. */
  parent: number;
  /** Has text of its own beyond its heading, or no children: a task rather than a grouping. */
  content: boolean;
  /** Indexes of content descendants (children, grandchildren, …). */
  descendants: number[];
  /** Indexes of ancestors, nearest first. */
  ancestors: number[];
}

/** Own text of a section without its label and heading. */
export function bodyOf(s: Section): string {
  const t = unwrapLines(s.text);
  const head = unwrapLines(s.label + s.title);
  let body = t.startsWith(head) ? t.slice(head.length) : t.startsWith(unwrapLines(s.label)) ? t.slice(unwrapLines(s.label).length) : t;
  body = body.replace(/^[。．.，：:；;\s]+/, '');
  return body;
}

/** Minimum own text (characters) that makes a section with children count as a task too. */
const OWN_TEXT = 20;

export function flatten(sections: Section[]): Node[] {
  const out: Node[] = [];
  const visit = (ss: Section[], parent: number, ancestors: number[]): number[] => {
    const contentBelow: number[] = [];
    for (const s of ss) {
      const index = out.length;
      const node: Node = { section: s, index, parent, content: false, descendants: [], ancestors };
      out.push(node);
      node.descendants = visit(s.children, index, [index, ...ancestors]);
      node.content = s.children.length === 0 || bodyOf(s).length >= OWN_TEXT;
      if (node.content) contentBelow.push(index);
      contentBelow.push(...node.descendants);
    }
    return contentBelow;
  };
  visit(sections, -1, []);
  return out;
}

export interface Match {
  a: number;
  b: number;
  similarity: number;
  /** `text`: paired by the similarity of their texts; `structure`: by the tasks they hold. */
  basis: 'text' | 'structure';
  moved: boolean;
}

export interface Alignment {
  matches: Match[];
  onlyA: number[];
  onlyB: number[];
}

/** Weight of the descendants' pairing in the score of two chapters (the rest is their headings). */
const STRUCTURE_WEIGHT = 0.7;

/**
 * Pair nodes of A and B. `sim(i, j)` is the content similarity of A[i] and B[j] (0..1).
 */
export function alignTrees(A: Node[], B: Node[], sim: (i: number, j: number) => number, threshold: number): Alignment {
  const pairedA = new Map<number, Match>();
  const pairedB = new Map<number, Match>();
  const take = (cands: { i: number; j: number; s: number }[], basis: Match['basis']): void => {
    cands.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
    for (const c of cands) {
      if (pairedA.has(c.i) || pairedB.has(c.j)) continue;
      const m: Match = { a: c.i, b: c.j, similarity: round(c.s), basis, moved: false };
      pairedA.set(c.i, m);
      pairedB.set(c.j, m);
    }
  };

  // 1. Tasks by their text.
  const cands: { i: number; j: number; s: number }[] = [];
  for (const x of A) {
    if (!x.content) continue;
    for (const y of B) {
      if (!y.content) continue;
      const s = sim(x.index, y.index);
      if (s >= threshold) cands.push({ i: x.index, j: y.index, s });
    }
  }
  take(cands, 'text');

  // 2. Groupings by the tasks they hold (Dice over content descendants) and their headings.
  const shared = new Map<string, number>();
  for (const m of pairedA.values()) {
    for (const ia of A[m.a].ancestors) for (const jb of B[m.b].ancestors) shared.set(`${ia}/${jb}`, (shared.get(`${ia}/${jb}`) ?? 0) + 1);
  }
  const groups: { i: number; j: number; s: number }[] = [];
  for (const x of A) {
    if (pairedA.has(x.index) || !x.section.children.length) continue;
    for (const y of B) {
      if (pairedB.has(y.index) || !y.section.children.length) continue;
      const n = shared.get(`${x.index}/${y.index}`) ?? 0;
      const overlap = (2 * n) / (x.descendants.length + y.descendants.length || 1);
      const head = sim(x.index, y.index);
      const s = STRUCTURE_WEIGHT * overlap + (1 - STRUCTURE_WEIGHT) * head;
      if (s >= threshold && n > 0) groups.push({ i: x.index, j: y.index, s });
    }
  }
  take(groups, 'structure');

  const matches = [...pairedA.values()].sort((x, y) => x.a - y.a);
  markMoved(A, B, matches, pairedA);
  return {
    matches,
    onlyA: A.filter((x) => !pairedA.has(x.index)).map((x) => x.index),
    onlyB: B.filter((y) => !pairedB.has(y.index)).map((y) => y.index),
  };
}

function markMoved(A: Node[], B: Node[], matches: Match[], pairedA: Map<number, Match>): void {
  const groups = new Map<string, Match[]>();
  for (const m of matches) {
    const pa = A[m.a].parent;
    const pb = B[m.b].parent;
    const parentsPaired = (pa < 0 && pb < 0) || (pa >= 0 && pb >= 0 && pairedA.get(pa)?.b === pb);
    if (!parentsPaired) {
      m.moved = true;
      continue;
    }
    const key = `${pa}/${pb}`;
    const g = groups.get(key) ?? [];
    g.push(m);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    g.sort((x, y) => x.a - y.a);
    const keep = longestIncreasing(g.map((m) => m.b));
    g.forEach((m, k) => {
      if (!keep.has(k)) m.moved = true;
    });
  }
}

/** Indexes of one longest strictly increasing subsequence. */
export function longestIncreasing(xs: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < xs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) out.add(k);
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
