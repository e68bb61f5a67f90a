/**
 * The review set (issue 13): short drafts and one-sentence variants written the way county
 * offices write their 要点 (fixtures/review/), each with the warning/error findings a reviewer
 * expects. Every built-in pack runs, as on a real reviewer's desk; a provincial pack applies
 * only where its appliesTo says. The test prints precision and recall and fails below .95 on
 * either, and on any warning or error for a clean case. Info-level advice is not counted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseText } from '../src/parse.js';
import { BUILTIN_DIR, BUILTIN_PACKS, loadPacks, runRules, type Finding } from '../src/rules/index.js';

interface Draft {
  id: string;
  note?: string;
  text: string;
  expect: string[];
  advice?: string[];
}
interface Variant {
  id: string;
  replace: string;
  with: string;
  expect: string[];
  advice?: string[];
}

const drafts = (parse(readFileSync('fixtures/review/drafts.yaml', 'utf8')) as { drafts: Draft[] }).drafts;
const variantFile = parse(readFileSync('fixtures/review/variants.yaml', 'utf8')) as { base: string; variants: Variant[] };
const base = drafts.find((d) => d.id === variantFile.base)!;

const active = loadPacks([...BUILTIN_PACKS], BUILTIN_DIR).flatMap((p) => p.rules.map((r) => ({ rule: r.rule, severity: r.severity, options: r.options })));

function check(text: string, file: string): Finding[] {
  return runRules(parseText(text, { path: file }), active, { file });
}

interface Scored {
  id: string;
  expected: string[];
  found: string[];
  tp: number;
  fp: string[];
  fn: string[];
}

function score(id: string, text: string, expected: string[]): Scored & { advice: string[] } {
  const all = check(text, `${id}.txt`);
  const found = all.filter((f) => f.severity !== 'info').map((f) => f.ruleId);
  const advice = all.filter((f) => f.severity === 'info').map((f) => f.ruleId);
  const left = [...found];
  const fn: string[] = [];
  let tp = 0;
  for (const e of expected) {
    const i = left.indexOf(e);
    if (i >= 0) {
      left.splice(i, 1);
      tp++;
    } else fn.push(e);
  }
  return { id, expected, found, tp, fp: left, fn, advice };
}

const cases: { kind: 'draft' | 'variant'; id: string; text: string; expect: string[]; adviceExpected?: string[] }[] = [
  ...drafts.map((d) => ({ kind: 'draft' as const, id: d.id, text: d.text, expect: d.expect, adviceExpected: d.advice })),
  ...variantFile.variants.map((v) => {
    if (!base.text.includes(v.replace)) throw new Error(`variant ${v.id}: "${v.replace}" is not in ${base.id}`);
    return { kind: 'variant' as const, id: v.id, text: base.text.replace(v.replace, v.with), expect: v.expect, adviceExpected: v.advice };
  }),
];

describe('review set', () => {
  const results = cases.map((c) => ({ ...c, ...score(c.id, c.text, c.expect) }));

  it('has at least 20 drafts and 40 one-sentence variants, clean and defective', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(20);
    expect(variantFile.variants.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['draft', 'variant'] as const) {
      const own = cases.filter((c) => c.kind === kind);
      expect(own.filter((c) => c.expect.length === 0).length, `clean ${kind}s`).toBeGreaterThanOrEqual(3);
      expect(own.filter((c) => c.expect.length > 0).length, `defective ${kind}s`).toBeGreaterThanOrEqual(15);
    }
  });

  it('precision and recall ≥ .95', () => {
    const tp = results.reduce((n, r) => n + r.tp, 0);
    const fp = results.reduce((n, r) => n + r.fp.length, 0);
    const fn = results.reduce((n, r) => n + r.fn.length, 0);
    const precision = tp / (tp + fp || 1);
    const recall = tp / (tp + fn || 1);
    const wrong = results.filter((r) => r.fp.length || r.fn.length).map((r) => `  ${r.id}: missed [${r.fn.join(', ')}] extra [${r.fp.join(', ')}]`);
    console.log(
      `review set: ${drafts.length} drafts + ${variantFile.variants.length} variants — ` +
        `precision ${precision.toFixed(3)} (${tp}/${tp + fp}), recall ${recall.toFixed(3)} (${tp}/${tp + fn})` +
        (wrong.length ? `\n${wrong.join('\n')}` : ''),
    );
    expect(recall, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(precision, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it.each(results.filter((r) => r.adviceExpected?.length).map((r) => [r.id, r] as const))('%s: the advice (info) is given', (_id, r) => {
    for (const a of r.adviceExpected!) expect(r.advice).toContain(a);
  });

  it.each(results.filter((r) => r.expected.length === 0).map((r) => [r.id, r] as const))('clean %s: no warning or error', (_id, r) => {
    expect(r.found).toEqual([]);
  });
});
