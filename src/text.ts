/** Whitespace is insignificant in Chinese text (PDF wraps, spaces between CJK and digits):
 *  remove it, keeping full-width punctuation as printed. */
export function squash(s: string): string {
  return s.replace(/[\s\u3000\u00a0\ufeff\u200b]+/g, '');
}
