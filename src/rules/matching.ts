/**
 * How rules match words: folding (NFKC, no whitespace, so "5 小时" = "5小时" and "(一)" =
 * "（一）"), keyword sets, short quotes and an edit distance for near-identical titles.
 * Time and numbers are NOT read here: rules take them from the model the parser extracted
 * (src/extract/deadlines.ts, src/extract/cn-numerals.ts).
 */

import { memoized, squash } from '../text.js';

/**
 * NFKC and no whitespace: the form both keywords and notice text are matched in. Every rule
 * folds the same titles and sentences again, so answers are kept.
 */
export const fold: (s: string) => string = memoized((s) => squash(s.normalize('NFKC')), 8192);

/** Remove whitespace only (keeps full-width punctuation as printed). */
export { squash };

/** Shorten a quote to at most `max` characters around `focus` (an offset in s). */
export function excerpt(s: string, focus = 0, max = 60): string {
  if (s.length <= max) return s;
  const start = Math.max(0, Math.min(focus - Math.floor(max / 3), s.length - max));
  return (start > 0 ? '…' : '') + s.slice(start, start + max) + (start + max < s.length ? '…' : '');
}

/** A keyword set matches when all its words occur in the (folded) text. */
export function matchesSet(folded: string, set: string[]): boolean {
  for (let i = 0; i < set.length; i++) if (!folded.includes(set[i])) return false;
  return true;
}

/** Levenshtein distance (for titles of a few dozen characters). */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[B.length];
}
