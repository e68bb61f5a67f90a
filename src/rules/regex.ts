/**
 * Regular expressions from rule files run on RE2JS, a pure-JS port of RE2: matching time is
 * linear in the input, so a pattern such as (a+)+b cannot hang a batch (no backtracking).
 * RE2 syntax has no backreferences or lookaround; such a pattern is rejected when the pack
 * is loaded (invalid-rule-file with line and column), not when it runs.
 *
 * Patterns are matched against text that was folded the same way as keywords (see text.ts):
 * NFKC, whitespace removed.
 */
import { RE2JS } from 're2js';

export interface GuardedRegex {
  source: string;
  test(s: string): boolean;
  /** First match at or after `from`, as UTF-16 offsets. */
  find(s: string, from?: number): { index: number; text: string } | null;
}

/** Compile a rule-file pattern; throws Error with a readable message when RE2 rejects it. */
export function compileGuarded(pattern: string): GuardedRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern.normalize('NFKC'));
  } catch (e) {
    throw new Error((e as Error).message.replace(/^error parsing regexp: /, ''));
  }
  return {
    source: pattern,
    test: (s) => re.test(s),
    find(s, from = 0) {
      const m = re.matcher(s);
      if (!m.find(from)) return null;
      return { index: m.start(), text: s.slice(m.start(), m.end()) };
    },
  };
}
