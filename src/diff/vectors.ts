/**
 * TF-IDF vectors over character n-grams, and their cosine.
 *
 * Input: texts (one per section). Output: sparse unit vectors; cosine(a, b) ∈ [0, 1].
 * Character bigrams stand in for words (no dictionary needed, robust to 的/地 and to a
 * dropped character); IDF, computed over all sections being compared, weighs down what every
 * section of a 政务公开 plan says (信息公开, 政务公开, 加强, 推进) so that the words that
 * name the task (疫情防控, 公共企事业单位, 依申请) decide the match.
 * Digits are dropped: 2021年 vs 2022年 is not a difference of content.
 */

export type Vector = Map<string, number>;

/** Character n-gram counts of a text, punctuation, spaces and digits removed. */
export function ngrams(text: string, sizes: readonly number[] = [2]): Map<string, number> {
  const t = text.replace(/[\s\p{P}\p{S}\d０-９]/gu, '');
  // Characters outside the BMP take two UTF-16 units: split them properly only when present.
  const chars: string | string[] = /[\uD800-\uDFFF]/.test(t) ? [...t] : t;
  const out = new Map<string, number>();
  for (const n of sizes) {
    for (let i = 0; i + n <= chars.length; i++) {
      const g = typeof chars === 'string' ? chars.slice(i, i + n) : chars.slice(i, i + n).join('');
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  if (!out.size && t.length) out.set(t, 1);
  return out;
}

/** A TF-IDF model fitted on a set of documents (term counts). */
export class TfIdf {
  private readonly df = new Map<string, number>();
  private readonly docs: number;

  constructor(docs: Map<string, number>[]) {
    this.docs = docs.length;
    for (const d of docs) for (const g of d.keys()) this.df.set(g, (this.df.get(g) ?? 0) + 1);
  }

  /** Smoothed IDF; a term the model never saw counts as rare. */
  idf(term: string): number {
    return Math.log((this.docs + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }

  /** Sublinear TF × IDF, normalised to unit length. */
  vector(counts: Map<string, number>): Vector {
    const v: Vector = new Map();
    let norm = 0;
    for (const [g, c] of counts) {
      const w = (1 + Math.log(c)) * this.idf(g);
      v.set(g, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [g, w] of v) v.set(g, w / norm);
    return v;
  }
}

/** Cosine of two unit vectors. */
export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [g, w] of small) {
    const u = large.get(g);
    if (u !== undefined) dot += w * u;
  }
  return Math.min(1, dot);
}

/** sum += v, in place (a topic's running sum). */
export function addInto(sum: Vector, v: Vector): Vector {
  for (const [g, w] of v) sum.set(g, (sum.get(g) ?? 0) + w);
  return sum;
}

/** A copy of v scaled to unit length. */
export function normalized(v: Vector): Vector {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  norm = Math.sqrt(norm);
  const out: Vector = new Map();
  for (const [g, w] of v) out.set(g, norm > 0 ? w / norm : w);
  return out;
}

/** Sum of vectors, normalised (the centroid of a topic). */
export function centroid(vs: Vector[]): Vector {
  const sum: Vector = new Map();
  for (const v of vs) addInto(sum, v);
  return normalized(sum);
}
