/**
 * diff: compares plans by content.
 *
 *   diffNotices(a: Notice, b: Notice) → NoticeDiff      two plans, section by section
 *   matrix(notices: Notice[], { reference? }) → CoverageMatrix   many plans, topic by topic
 *
 * Sections are aligned by what they say, not by their numbers: TF-IDF over character bigrams,
 * cosine, one-to-one greedy pairing above a threshold (./align.ts), chapters by the tasks they
 * hold. Each pair then gets its differences: deadlines (compared by normalised value, relative
 * to each plan's year), lead/responsible units, modality of obligations (要 → 鼓励), and a
 * word-level text diff (./text.ts). Pure functions: no I/O; renderers are in ./render-*.ts.
 */
import type { Deadline, Modality, Notice, Section } from '../model.js';
import { bigrams } from '../extract/similarity.js';
import { alignTrees, flatten, type Node } from './align.js';
import { wordDiff, unwrapLines, type TextRun } from './word-diff.js';
import { addInto, cosine, ngrams, normalized, TfIdf, type Vector } from './vectors.js';

export type { TextRun } from './word-diff.js';

/**
 * Default similarity (cosine of TF-IDF bigram vectors) above which two sections count as the
 * same task. Measured on the hand-checked pairs of test/diff.test.ts: every threshold from 0.11
 * to 0.16 gives precision and recall 1.0 on both plan pairs (unrelated sections of two plans
 * score 0.03–0.12, the weakest true pairs 0.17); 0.13 sits in the middle.
 */
export const DEFAULT_THRESHOLD = 0.13;

export interface DiffOptions {
  /** Minimum similarity (0..1) for two sections to be paired. */
  threshold?: number;
}

export interface PlanInfo {
  /** Short name for headings and table columns: 栖霞市 2022. */
  label: string;
  /** The file it was read from. */
  path: string;
  /** The plan's own title. */
  title: string | null;
  year: number | null;
}

export interface DeadlineInfo {
  text: string;
  kind: Deadline['kind'];
  value: string;
  /** What is compared: a date in the plan's own year is taken relative to it (年底前 of 2021 and of 2022 are the same deadline). */
  key: string;
}

export interface SectionInfo {
  path: string;
  label: string;
  level: number;
  title: string;
  text: string;
  lead: string[];
  responsible: string[];
  deadlines: DeadlineInfo[];
}

export interface ListChange {
  a: string[];
  b: string[];
  /** In A, not in B. */
  removed: string[];
  /** In B, not in A. */
  added: string[];
}

export interface DeadlineChange {
  a: DeadlineInfo[];
  b: DeadlineInfo[];
  removed: DeadlineInfo[];
  added: DeadlineInfo[];
}

export interface ModalityChange {
  a: string;
  b: string;
  from: Modality;
  to: Modality;
  similarity: number;
}

export interface PairDiff {
  /** Section path in A. */
  a: string;
  /** Section path in B. */
  b: string;
  similarity: number;
  /** Paired by the similarity of the texts, or (chapters) by the tasks they hold. */
  basis: 'text' | 'structure';
  /** Same content, different place in the tree (see ./align.ts for the definition). */
  moved: boolean;
  deadlines: DeadlineChange;
  lead: ListChange;
  responsible: ListChange;
  modality: ModalityChange[];
  /** Word-level diff of the two texts. */
  text: TextRun[];
  changed: { text: boolean; deadlines: boolean; units: boolean; modality: boolean };
}

export interface NoticeDiff {
  a: PlanInfo;
  b: PlanInfo;
  threshold: number;
  pairs: PairDiff[];
  /** Paths of sections of A with no counterpart in B. */
  onlyA: string[];
  onlyB: string[];
  /** The pairs that moved, as {a, b} paths. */
  moved: { a: string; b: string }[];
  /** Every section of both plans, in tree order, for renderers. */
  sections: { a: SectionInfo[]; b: SectionInfo[] };
  summary: {
    pairs: number;
    moved: number;
    onlyA: number;
    onlyB: number;
    deadlineChanges: number;
    unitChanges: number;
    modalityChanges: number;
    textChanges: number;
  };
}

// ---------------------------------------------------------------------------- plans and sections

/** 2022年栖霞市政务公开工作要点 → 栖霞市 2022; falls back to the file name. */
export function planLabel(n: Notice): string {
  const t = n.meta.title?.replace(/\s+/g, '');
  const year = n.meta.planYear;
  if (t) {
    const place = t
      .replace(/\d{4}\s*年(度)?/g, '')
      .replace(/(关于印发|的通知|[《》])/g, '')
      .replace(/(政务公开|政府信息公开)?(工作)?要点$/, '')
      .replace(/^(关于)?/, '');
    if (place && place.length <= 16) return year ? `${place} ${year}` : place;
  }
  const base = n.source.path.split(/[\\/]/).pop() ?? n.source.path;
  return base.replace(/\.[^.]+$/, '');
}

export function planInfo(n: Notice): PlanInfo {
  return { label: planLabel(n), path: n.source.path, title: n.meta.title, year: n.meta.planYear };
}

function deadlineInfo(d: Deadline, planYear: number | null): DeadlineInfo {
  let key = `${d.kind}:${d.value}`;
  const m = /^(\d{4})-(\d\d-\d\d)$/.exec(d.value);
  if (d.kind === 'date' && m && planYear && Number(m[1]) === planYear) key = `date:Y-${m[2]}`;
  else if (d.kind === 'date' && m && planYear) key = `date:Y${Number(m[1]) - planYear >= 0 ? '+' : ''}${Number(m[1]) - planYear}-${m[2]}`;
  return { text: d.text, kind: d.kind, value: d.value, key };
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A section with what the task table says about it (rows linked to it by title). */
function sectionInfo(s: Section, n: Notice): SectionInfo {
  const rows = n.tasks.filter((t) => t.sectionPath === s.path);
  const deadlines = uniqueBy(
    [...s.deadlines, ...rows.flatMap((r) => r.deadlines)].map((d) => deadlineInfo(d, n.meta.planYear)),
    (d) => d.key,
  );
  return {
    path: s.path,
    label: s.label,
    level: s.level,
    title: s.title,
    text: unwrapLines(s.text),
    lead: [...new Set([...s.lead, ...rows.flatMap((r) => r.lead)])],
    responsible: [...new Set([...s.responsible, ...rows.flatMap((r) => r.responsible)])],
    deadlines,
  };
}

/**
 * What makes two unit names the same unit across plans: spaces gone, and the level word in
 * front dropped (市政府办 in a 市 plan and 区政府办 in a 区 plan are the same office).
 */
export function unitKey(name: string): string {
  return name.replace(/\s+/g, '').replace(/^(?:[省市县区旗]|自治[州县]|[市县区]委)(?=.{2,})/, '');
}

function listChange(a: string[], b: string[], key: (s: string) => string = (s) => s): ListChange {
  const ka = new Set(a.map(key));
  const kb = new Set(b.map(key));
  return { a, b, removed: a.filter((x) => !kb.has(key(x))), added: b.filter((x) => !ka.has(key(x))) };
}

function deadlineChange(a: DeadlineInfo[], b: DeadlineInfo[]): DeadlineChange {
  const ka = new Set(a.map((d) => d.key));
  const kb = new Set(b.map((d) => d.key));
  return { a, b, removed: a.filter((d) => !kb.has(d.key)), added: b.filter((d) => !ka.has(d.key)) };
}

/**
 * Sentences closer than this (Dice over bigrams) are the same requirement worded twice: only
 * then is a different modality a change rather than two different sentences.
 */
const SAME_SENTENCE = 0.6;

interface Grams {
  g: Map<number, number>;
  n: number;
}

function gramsOf(text: string): Grams {
  const g = bigrams(text);
  let n = 0;
  for (const v of g.values()) n += v;
  return { g, n };
}

/** Dice over bigram counts (as ../extract/similarity.ts), on counts computed once per sentence. */
function diceOf(a: Grams, b: Grams): number {
  let inter = 0;
  for (const [k, v] of a.g) inter += Math.min(v, b.g.get(k) ?? 0);
  return a.n + b.n ? (2 * inter) / (a.n + b.n) : 0;
}

/** Obligations of the two sections paired by sentence similarity; the pairs whose modality differs. */
function modalityChanges(a: Section, b: Section): ModalityChange[] {
  // Nothing to report unless the two sections use different modalities at all.
  const ma = new Set(a.obligations.map((o) => o.modality));
  const mb = new Set(b.obligations.map((o) => o.modality));
  if (ma.size === mb.size && [...ma].every((m) => mb.has(m)) && ma.size <= 1) return [];
  const ga = a.obligations.map((o) => gramsOf(o.text));
  const gb = b.obligations.map((o) => gramsOf(o.text));
  const cands: { i: number; j: number; s: number }[] = [];
  ga.forEach((x, i) =>
    gb.forEach((y, j) => {
      if (Math.min(x.n, y.n) * 2 < SAME_SENTENCE * (x.n + y.n)) return; // lengths alone rule it out
      const s = diceOf(x, y);
      if (s >= SAME_SENTENCE) cands.push({ i, j, s });
    }),
  );
  cands.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: ModalityChange[] = [];
  for (const c of cands) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    const x = a.obligations[c.i];
    const y = b.obligations[c.j];
    if (x.modality !== y.modality) out.push({ a: x.text, b: y.text, from: x.modality, to: y.modality, similarity: Math.round(c.s * 1000) / 1000 });
  }
  return out.sort((x, y) => a.obligations.findIndex((o) => o.text === x.a) - a.obligations.findIndex((o) => o.text === y.a));
}

// ---------------------------------------------------------------------------- similarity model

/** The text a section is compared on: its heading and its own text (children excluded). */
function contentOf(s: Section): string {
  return s.title + s.text;
}

function vectorsFor(nodeLists: Node[][]): Vector[][] {
  const counts = nodeLists.map((nodes) => nodes.map((n) => ngrams(contentOf(n.section))));
  const model = new TfIdf(counts.flat());
  return counts.map((cs) => cs.map((c) => model.vector(c)));
}

// ---------------------------------------------------------------------------- two plans

export function diffNotices(a: Notice, b: Notice, opts: DiffOptions = {}): NoticeDiff {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const A = flatten(a.sections);
  const B = flatten(b.sections);
  const [va, vb] = vectorsFor([A, B]);
  const alignment = alignTrees(A, B, (i, j) => cosine(va[i], vb[j]), threshold);
  const infoA = A.map((n) => sectionInfo(n.section, a));
  const infoB = B.map((n) => sectionInfo(n.section, b));

  const pairs: PairDiff[] = alignment.matches.map((m) => {
    const x = infoA[m.a];
    const y = infoB[m.b];
    const text = wordDiff(x.text, y.text);
    const deadlines = deadlineChange(x.deadlines, y.deadlines);
    const lead = listChange(x.lead, y.lead, unitKey);
    const responsible = listChange(x.responsible, y.responsible, unitKey);
    const modality = modalityChanges(A[m.a].section, B[m.b].section);
    return {
      a: x.path,
      b: y.path,
      similarity: m.similarity,
      basis: m.basis,
      moved: m.moved,
      deadlines,
      lead,
      responsible,
      modality,
      text,
      changed: {
        text: text.some((r) => r.op !== 'equal'),
        deadlines: deadlines.removed.length + deadlines.added.length > 0,
        units: lead.removed.length + lead.added.length + responsible.removed.length + responsible.added.length > 0,
        modality: modality.length > 0,
      },
    };
  });

  const onlyA = alignment.onlyA.map((i) => infoA[i].path);
  const onlyB = alignment.onlyB.map((j) => infoB[j].path);
  const moved = pairs.filter((p) => p.moved).map((p) => ({ a: p.a, b: p.b }));
  return {
    a: planInfo(a),
    b: planInfo(b),
    threshold,
    pairs,
    onlyA,
    onlyB,
    moved,
    sections: { a: infoA, b: infoB },
    summary: {
      pairs: pairs.length,
      moved: moved.length,
      onlyA: onlyA.length,
      onlyB: onlyB.length,
      deadlineChanges: pairs.filter((p) => p.changed.deadlines).length,
      unitChanges: pairs.filter((p) => p.changed.units).length,
      modalityChanges: pairs.reduce((k, p) => k + p.modality.length, 0),
      textChanges: pairs.filter((p) => p.changed.text).length,
    },
  };
}

// ---------------------------------------------------------------------------- many plans

export interface MatrixCell {
  covered: boolean;
  /** The plan's section that covers the topic. */
  path?: string;
  title?: string;
  similarity?: number;
  deadlines: DeadlineInfo[];
}

export interface Topic {
  /** Row id: the reference section path (R3.2) or a running number (T12). */
  id: string;
  title: string;
  /** Where the title comes from: the reference plan or the first plan that has the topic. */
  source: { plan: string; path: string };
  /** The heading of the chapter it sits in (in `source`). */
  group: string | null;
  /** In reference mode: what the reference itself sets. */
  deadlines?: DeadlineInfo[];
  cells: MatrixCell[];
  covered: number;
}

export interface CoverageMatrix {
  mode: 'reference' | 'clusters';
  reference: PlanInfo | null;
  plans: PlanInfo[];
  threshold: number;
  rows: Topic[];
  /** Per plan, its tasks that match no row (reference mode only: plan-specific tasks). */
  unmatched: { path: string; title: string }[][];
}

export interface MatrixOptions extends DiffOptions {
  /** Rows are the sections of this plan (e.g. the provincial 要点) instead of clusters. */
  reference?: Notice;
}

function chapterOf(nodes: Node[], n: Node): string | null {
  const top = n.ancestors.length ? nodes[n.ancestors[n.ancestors.length - 1]] : null;
  return top ? top.section.title : null;
}

export function matrix(notices: Notice[], opts: MatrixOptions = {}): CoverageMatrix {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const trees = notices.map((n) => flatten(n.sections));
  const plans = notices.map(planInfo);
  const emptyCell = (): MatrixCell => ({ covered: false, deadlines: [] });
  const cellOf = (p: number, node: Node, s: number): MatrixCell => {
    const info = sectionInfo(node.section, notices[p]);
    return { covered: true, path: info.path, title: info.title, similarity: Math.round(s * 1000) / 1000, deadlines: info.deadlines };
  };

  if (opts.reference) {
    const ref = opts.reference;
    const R = flatten(ref.sections);
    const [vr, ...vp] = vectorsFor([R, ...trees]);
    const rows: Topic[] = R.filter((r) => r.content).map((r) => ({
      id: `R${r.section.path}`,
      title: r.section.title,
      source: { plan: planLabel(ref), path: r.section.path },
      group: chapterOf(R, r),
      deadlines: sectionInfo(r.section, ref).deadlines,
      cells: notices.map(emptyCell),
      covered: 0,
    }));
    const rowOf = new Map(R.filter((r) => r.content).map((r, k) => [r.index, rows[k]]));
    const unmatched: { path: string; title: string }[][] = [];
    trees.forEach((P, p) => {
      const al = alignTrees(R, P, (i, j) => cosine(vr[i], vp[p][j]), threshold);
      const used = new Set<number>();
      for (const m of al.matches) {
        const row = rowOf.get(m.a);
        if (!row || !P[m.b].content) continue;
        row.cells[p] = cellOf(p, P[m.b], m.similarity);
        used.add(m.b);
      }
      unmatched.push(P.filter((x) => x.content && !used.has(x.index)).map((x) => ({ path: x.section.path, title: x.section.title })));
    });
    for (const r of rows) r.covered = r.cells.filter((c) => c.covered).length;
    return { mode: 'reference', reference: planInfo(ref), plans, threshold, rows, unmatched };
  }

  // Clusters: plan by plan, each task joins the most similar topic (cosine to the topic's centroid,
  // one task per plan per topic) or opens a new one.
  const vecs = vectorsFor(trees);
  // Each topic keeps the running sum of its members' vectors: a new member costs O(d) (add it,
  // re-normalise), not a rebuild from every member (O(members·d), O(N²·d) over N plans).
  interface Cluster {
    members: Map<number, Node>;
    sum: Vector;
    centre: Vector;
    sims: Map<number, number>;
    first: { plan: number; node: Node };
  }
  const clusters: Cluster[] = [];
  trees.forEach((P, p) => {
    const content = P.filter((x) => x.content);
    const cands: { i: number; c: number; s: number }[] = [];
    for (const x of content) {
      clusters.forEach((cl, c) => {
        const s = cosine(vecs[p][x.index], cl.centre);
        if (s >= threshold) cands.push({ i: x.index, c, s });
      });
    }
    cands.sort((x, y) => y.s - x.s || x.i - y.i || x.c - y.c);
    const usedI = new Set<number>();
    const usedC = new Set<number>();
    for (const k of cands) {
      if (usedI.has(k.i) || usedC.has(k.c)) continue;
      usedI.add(k.i);
      usedC.add(k.c);
      const cl = clusters[k.c];
      cl.members.set(p, P[k.i]);
      cl.sims.set(p, k.s);
      addInto(cl.sum, vecs[p][k.i]);
    }
    for (const c of usedC) clusters[c].centre = normalized(clusters[c].sum);
    for (const x of content) {
      if (usedI.has(x.index)) continue;
      const v = vecs[p][x.index];
      clusters.push({ members: new Map([[p, x]]), sum: new Map(v), centre: v, sims: new Map([[p, 1]]), first: { plan: p, node: x } });
    }
  });
  // Rows in reading order: by the mean relative position of their sections in their plans.
  const where = (p: number, n: Node): number => n.index / Math.max(1, trees[p].length);
  const order = clusters.map((cl) => [...cl.members].reduce((s, [p, n]) => s + where(p, n), 0) / cl.members.size);
  const rows: Topic[] = clusters
    .map((cl, k) => ({ cl, k }))
    .sort((x, y) => order[x.k] - order[y.k] || x.k - y.k)
    .map(({ cl }, r) => {
      const { plan, node } = cl.first;
      const cells = notices.map((_, p) => {
        const n = cl.members.get(p);
        // Similarity of each member to the topic as it finally stands.
        return n ? cellOf(p, n, cl.members.size > 1 ? cosine(vecs[p][n.index], cl.centre) : 1) : emptyCell();
      });
      return {
        id: `T${r + 1}`,
        title: node.section.title,
        source: { plan: plans[plan].label, path: node.section.path },
        group: chapterOf(trees[plan], node),
        cells,
        covered: cl.members.size,
      };
    });
  return { mode: 'clusters', reference: null, plans, threshold, rows, unmatched: notices.map(() => []) };
}
