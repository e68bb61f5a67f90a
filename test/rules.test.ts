/**
 * The generic rule test (ESLint's RuleTester as the model): every rule of every built-in pack
 * runs its own valid and invalid cases. A valid case must give no finding of the rule; an
 * invalid case must give exactly the listed findings (rule id, and line / messageId where the
 * case names them). A rule without cases, or one that matches none of its invalid cases,
 * fails here.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../src/parse.js';
import { BUILTIN_DIR, BUILTIN_PACKS, codeRules, loadPacks, runRules, type Rule, type RuleCase } from '../src/rules/index.js';
import type { Severity } from '../src/model.js';
import { sampleNotice } from '../src/rules/code/define.js';

const packs = loadPacks([...BUILTIN_PACKS], BUILTIN_DIR);
const rules = new Map<string, { rule: Rule; severity: Severity; options: Record<string, unknown> }>();
for (const p of packs) for (const r of p.rules) rules.set(r.rule.meta.id, r);

function run(id: string, c: RuleCase) {
  const { rule, severity, options } = rules.get(id)!;
  const notice = parseText(c.text, { path: 'case.txt' });
  return runRules(notice, [{ rule, severity, options: { ...options, ...(c.options ?? {}) } }]).filter((f) => f.ruleId === id);
}

/** A case's name, or the lines where it differs from the sample notice (or its last lines). */
const sampleLines = new Set(sampleNotice().split('\n'));
function label(c: RuleCase, i: number): string {
  if (c.name) return c.name;
  const lines = c.text.trim().split('\n');
  const own = lines.filter((l) => !sampleLines.has(l));
  const shown = own.length === lines.length ? lines.slice(-2) : own.length ? own : ['(sample notice)'];
  return `#${i + 1}: ${shown.join(' ⏎ ').slice(0, 70)}`;
}

describe.each([...rules.keys()])('rule %s', (id) => {
  const { rule } = rules.get(id)!;

  it('has valid and invalid cases', () => {
    expect(rule.cases.valid.length).toBeGreaterThan(0);
    expect(rule.cases.invalid.length).toBeGreaterThan(0);
  });

  it.each(rule.cases.valid.map((c, i) => [label(c, i), c] as const))('valid %s', (_name, c) => {
    expect(run(id, c).map((f) => `${f.position?.line}: ${f.message.zh}`)).toEqual([]);
  });

  it.each(rule.cases.invalid.map((c, i) => [label(c, i), c] as const))('invalid %s', (_name, c) => {
    const found = run(id, c);
    const expected = c.errors ?? [{}];
    expect(found.length, found.map((f) => `${f.position?.line}: ${f.messageId} ${f.message.zh}`).join('\n')).toBe(expected.length);
    expected.forEach((e, i) => {
      if (e.line !== undefined) expect(found[i].position?.line).toBe(e.line);
      if (e.messageId !== undefined) expect(found[i].messageId).toBe(e.messageId);
    });
  });
});

describe('rule metadata', () => {
  const all = [...rules.values()].map((r) => r.rule.meta);

  it('has the stable ids the issue names', () => {
    for (const id of [
      'doc-number-format',
      'date-format',
      'heading-sequence',
      'issued-before-signed',
      'deadline-outside-plan-year',
      'task-missing-unit',
      'task-title-mismatch',
      'interpretation-sync',
      'crisis-response-time',
      'annual-report-inclusion',
      'normative-docs-publication',
      'leadership-briefing',
      'training-annual',
      'public-institutions-list',
      'interpretation-return',
    ]) {
      expect(rules.has(id), id).toBe(true);
    }
  });

  it('every code rule is in a pack', () => {
    for (const id of codeRules.keys()) expect(rules.has(id), id).toBe(true);
  });

  it('only confirmed (C) or derived requirements are errors', () => {
    for (const m of all) {
      if (m.severity === 'error' && !['C', 'derived'].includes(m.confidence)) {
        // The one way past the policy: a stated basis, checked by the pack schema too.
        expect(m.errorBasis, `${m.id} is ${m.confidence} without errorBasis`).toMatch(/\S{10,}/);
      }
    }
  });

  it('every rule cites its source and has messages in both languages', () => {
    for (const m of all) {
      expect(m.source, m.id).toMatch(/〔\d{4}〕|GB\/T|国务院令|派生/);
      for (const t of Object.values(m.messages)) {
        expect(t.zh, m.id).toMatch(/[\u4e00-\u9fff]/);
        expect(t.en, m.id).toMatch(/[a-z]/);
      }
    }
  });

  it('shandong-2022 extends national', () => {
    const sd = packs.find((p) => p.name === 'shandong-2022')!;
    expect(sd.extends).toEqual(['national']);
    expect(loadPacks(['shandong-2022'], BUILTIN_DIR).map((p) => p.name)).toEqual(['national', 'shandong-2022']);
  });
});
