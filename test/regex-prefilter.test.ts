/**
 * Rule-file patterns run on RE2JS (linear time, but slow); compileGuarded first checks the
 * characters every match needs (requiredChars) and skips RE2JS on a sentence that lacks one.
 * That check must never change an answer: on every sentence of the real notices in fixtures/
 * (and on strings made to match), the guarded pattern says exactly what RE2JS alone says.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fold } from '../src/rules/matching.js';
import { compileGuarded, requiredChars } from '../src/rules/regex.js';

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return /^(bad|hostile)$/.test(e) ? [] : textFiles(p);
    return p.endsWith('.txt') ? [p] : [];
  });
}
// Every sentence of every real text notice, folded as rules see it.
const sentences = [
  ...new Set(
    textFiles('fixtures').flatMap((f) =>
      readFileSync(f, 'utf8')
        .split(/[。；！？\n]/)
        .map(fold)
        .filter((s) => s.length > 1),
    ),
  ),
];

const packPatterns = readdirSync('rules')
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => (parse(readFileSync(join('rules', f), 'utf8')) as { rules: { patterns?: string[] }[] }).rules.flatMap((r) => r.patterns ?? []));

// Shapes a rule author might write: alternations, optional groups, classes, repeats, escapes, flags.
const shapes: [string, string][] = [
  ['(同步|一并)(组织|起草)[^。]{0,16}(审签|报审)', '同步组织起草审签'],
  ['政务(公开)?专栏', '政务专栏'],
  ['(?:政策|文件)解读{1,2}', '文件解读'],
  ['(?P<who>各[县区])人民政府', '各县人民政府'],
  ['[县区市]级', '区级'],
  ['[^不]公开', '主动公开'],
  ['(|不)公开', '公开'],
  ['年度报告\\d+', '年度报告2022'],
  ['(?i)gov', 'GOV'],
  ['\\Q(a)\\E公开', '(a)公开'],
  ['公开.{0,5}目录', '公开指南和目录'],
  ['(公开)+目录', '公开公开目录'],
  ['a{2}b', 'aab'],
  ['[[:alpha:]]+目录', 'abc目录'],
  ['x|政务', '政务'],
  ['^依申请', '依申请公开'],
  ['办理\\.', '办理.'],
];

describe('required characters of a pattern', () => {
  it('reads clauses of alternatives, repeats and classes', () => {
    expect(requiredChars('(同步|一并)组织')).toEqual([['同', '一'], ['组'], ['织']]);
    expect(requiredChars('政务(公开)?专栏')).toEqual([['政'], ['务'], ['专'], ['栏']]);
    expect(requiredChars('[县区市]级')).toEqual([['县', '区', '市'], ['级']]);
    expect(requiredChars('[^不]公开')).toEqual([['公'], ['开']]);
    expect(requiredChars('a{0,3}b')).toEqual([['b']]);
    expect(requiredChars('(|不)公开')).toEqual([['公'], ['开']]);
  });

  it('gives up where a literal may not mean itself', () => {
    expect(requiredChars('(?i)gov')).toBeNull();
    expect(requiredChars('\\Q(a)\\E公开')).toBeNull();
    expect(requiredChars('\\x{516C}开')).toBeNull();
    expect(requiredChars('a{x}')).toBeNull();
  });
});

describe('the guarded pattern answers as RE2JS does', () => {
  const cases: [string, string[]][] = [
    ...packPatterns.map((p): [string, string[]] => [p, []]),
    ...shapes.map(([p, hit]): [string, string[]] => [p, [hit, `前文${hit}后文`]]),
  ];
  it.each(cases)('%s', (pattern, extra) => {
    const raw = RE2JS.compile(pattern.normalize('NFKC'));
    const guarded = compileGuarded(pattern);
    let matched = 0;
    for (const s of [...sentences, ...extra]) {
      const want = raw.test(s);
      if (want) matched++;
      expect(guarded.test(s), s).toBe(want);
      expect(guarded.find(s) !== null, s).toBe(want);
    }
    // Not vacuous: each made-up shape matches its example (a pack pattern may match no fixture).
    if (extra.length) expect(matched).toBeGreaterThan(0);
  });

  it('is not vacuous on the real packs: some pack pattern matches a real sentence', () => {
    expect(packPatterns.some((p) => sentences.some((s) => compileGuarded(p).test(s)))).toBe(true);
  });
});
