/** Whitespace is insignificant in Chinese text (PDF wraps, spaces between CJK and digits):
 *  remove it, keeping full-width punctuation as printed. */
export function squash(s: string): string {
  return s.replace(/[\s\u3000\u00a0\ufeff\u200b]+/g, '');
}

/**
 * `fn` with its answers kept, for pure functions asked the same question many times over one
 * notice (a rule folding every title again, a table cell tried in every column). Bounded: the
 * cache starts over at `limit` entries, so a batch of thousands of notices stays flat.
 */
export function memoized<V>(fn: (s: string) => V, limit = 4096): (s: string) => V {
  const kept = new Map<string, V>();
  return (s) => {
    let v = kept.get(s);
    if (v === undefined) {
      v = fn(s);
      if (kept.size >= limit) kept.clear();
      kept.set(s, v);
    }
    return v;
  };
}
