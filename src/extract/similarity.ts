/**
 * Text similarity for Chinese titles: Dice coefficient over character bigrams.
 * Chinese has no spaces to split words on; bigrams catch shared words (公开, 解读)
 * without a dictionary and tolerate a dropped or doubled character (实效效).
 */
/**
 * Pass the result instead of a string to compare one text against many without recounting.
 * Keys are numbers, not two-character strings: a bigram is its two UTF-16 units (first × 65536
 * + second); a text of one unit is counted as that unit + 2^32, apart from every bigram.
 */
export type Bigrams = Map<number, number>;

export function bigrams(s: string): Bigrams {
  const t = s.replace(/[\s\p{P}]/gu, '');
  const out: Bigrams = new Map();
  if (t.length === 1) out.set(t.charCodeAt(0) + 2 ** 32, 1);
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

export function similarity(a: string | Bigrams, b: string | Bigrams): number {
  const A = typeof a === 'string' ? bigrams(a) : a;
  const B = typeof b === 'string' ? bigrams(b) : b;
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (const v of A.values()) na += v;
  for (const v of B.values()) nb += v;
  for (const [g, v] of A) inter += Math.min(v, B.get(g) ?? 0);
  return na + nb ? (2 * inter) / (na + nb) : 0;
}
