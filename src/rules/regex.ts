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
  const folded = pattern.normalize('NFKC');
  let re: RE2JS;
  try {
    re = RE2JS.compile(folded);
  } catch (e) {
    throw new Error((e as Error).message.replace(/^error parsing regexp: /, ''));
  }
  // RE2JS runs in JavaScript, ~100× slower than a native scan: a sentence that lacks a
  // character every match needs is answered without it (most sentences, for most patterns).
  const need = requiredChars(folded);
  const mayMatch = (s: string) => need === null || need.every((any) => any.some((c) => s.includes(c)));
  return {
    source: pattern,
    test: (s) => mayMatch(s) && re.test(s),
    find(s, from = 0) {
      if (!mayMatch(s)) return null;
      const m = re.matcher(s);
      if (!m.find(from)) return null;
      return { index: m.start(), text: s.slice(m.start(), m.end()) };
    },
  };
}

/**
 * Characters a match of an RE2 pattern cannot do without: a list of clauses, each satisfied by
 * any one of its characters ("(同步|一并)组织" → [[同, 一], [组], [织]]). Only a necessary
 * condition, and conservative: whatever it does not understand (escapes other than simple
 * ones, flags, POSIX classes, odd braces) requires nothing, and anything that could change
 * what a literal means ((?i), \Q…\E) gives up on the whole pattern (null: no pre-check).
 */
export function requiredChars(pattern: string): string[][] | null {
  let i = 0;
  const fail = Symbol('fail');
  type Req = string[][];
  // alternation := sequence ('|' sequence)* ; returns the clauses every alternative shares.
  const alternation = (): Req => {
    const alts: Req[] = [sequence()];
    while (pattern[i] === '|') {
      i++;
      alts.push(sequence());
    }
    if (alts.length === 1) return alts[0];
    // One clause from each alternative, merged: some alternative's character must be there.
    if (alts.some((a) => a.length === 0)) return [];
    return [[...new Set(alts.flatMap((a) => a[0]))]];
  };
  const sequence = (): Req => {
    const out: Req = [];
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const atom = atomReq();
      const min = quantifierMin();
      if (min > 0) out.push(...atom);
    }
    return out;
  };
  const quantifierMin = (): number => {
    const c = pattern[i];
    let min = 1;
    if (c === '?' || c === '*') {
      min = 0;
      i++;
    } else if (c === '+') i++;
    else if (c === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(pattern.slice(i));
      if (!m) throw fail; // a brace that is not a repeat: a literal in RE2, not guessed at here
      min = Number(m[1]);
      i += m[0].length;
    } else return 1;
    if (pattern[i] === '?') i++; // non-greedy
    if (pattern[i] === '?' || pattern[i] === '*' || pattern[i] === '+' || pattern[i] === '{') throw fail;
    return min;
  };
  const atomReq = (): Req => {
    const c = pattern[i];
    if (c === '(') {
      i++;
      if (pattern[i] === '?') {
        const named = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|:)/.exec(pattern.slice(i));
        if (!named) throw fail; // flags such as (?i) change what literals match
        i += named[0].length;
      }
      const inner = alternation();
      if (pattern[i] !== ')') throw fail;
      i++;
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined || !/[dDsSwWbBAz.\\\-\[\](){}|*+?^$/]/.test(e)) throw fail;
      i += 2;
      // \. \( … stand for themselves; \d \s … for classes: no single character required.
      return /[dDsSwWbBAz]/.test(e) ? [] : [[e]];
    }
    if (c === '.' || c === '^' || c === '$') {
      i++;
      return [];
    }
    if (c === ')' || c === '|' || c === '*' || c === '+' || c === '?' || c === '{') throw fail;
    // A literal: one UTF-16 unit, or a surrogate pair whole.
    const cp = pattern.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    return [[ch]];
  };
  const charClass = (): Req => {
    const start = ++i;
    const negated = pattern[i] === '^';
    if (negated) i++;
    if (pattern[i] === ']') i++; // a leading ] is a literal
    let plain = !negated;
    while (i < pattern.length && pattern[i] !== ']') {
      if (pattern[i] === '\\') {
        plain = false;
        i += 2;
      } else if (pattern[i] === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end < 0) throw fail;
        plain = false;
        i = end + 2;
      } else {
        if (pattern[i] === '-') plain = false;
        i++;
      }
    }
    if (pattern[i] !== ']') throw fail;
    const body = pattern.slice(negated ? start + 1 : start, i);
    i++;
    return plain && body.length > 0 ? [[...new Set(Array.from(body))]] : [];
  };
  try {
    if (pattern.includes('\\Q')) return null;
    const req = alternation();
    if (i !== pattern.length) return null;
    return req;
  } catch (e) {
    if (e === fail) return null;
    throw e;
  }
}
