/**
 * The rule-pack and config validators are compiled at build time (scripts/gen-validators.mjs →
 * src/rules/schema-validators.generated.ts) so no process pays ajv's compile. They must not
 * drift from schema/rule-pack.schema.json: the committed file is what the script generates
 * from the schema now, and on the real packs (rules/*.yaml), the bad rule files of the
 * catalogue and damaged copies of each pack it gives the same verdict and the same errors as
 * ajv compiling the schema at run time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error — a build script in plain JavaScript, without type declarations
import { AJV_OPTIONS, generate, OUT } from '../scripts/gen-validators.mjs';
import { validateConfig, validatePack } from '../src/rules/schema-validators.generated.js';

const schema = JSON.parse(readFileSync('schema/rule-pack.schema.json', 'utf8')) as { $id: string };
const ajv = new Ajv(AJV_OPTIONS);
ajv.addSchema(schema);
const runtimePack = ajv.getSchema(schema.$id)!;
const runtimeConfig = ajv.compile({ $ref: `${schema.$id}#/definitions/config` });

type Validator = ((d: unknown) => boolean) & { errors?: unknown };
function verdict(v: Validator, data: unknown): { ok: boolean; errors: unknown } {
  const ok = v(data);
  return { ok, errors: ok ? null : v.errors };
}

const packs = readdirSync('rules')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: `rules/${f}`, data: parse(readFileSync(`rules/${f}`, 'utf8')) as Record<string, unknown> }));
const badFiles = readdirSync('fixtures/bad')
  .filter((f) => /^rules-.*\.yaml$/.test(f))
  .flatMap((f) => {
    try {
      return [{ name: `fixtures/bad/${f}`, data: parse(readFileSync(`fixtures/bad/${f}`, 'utf8')) as unknown }];
    } catch {
      return []; // a YAML syntax error never reaches the validator
    }
  });

/** Damaged copies of a pack: a required key gone, a wrong type, an unknown key, a rule broken. */
function damaged(p: Record<string, unknown>): unknown[] {
  const rules = p.rules as Record<string, unknown>[];
  const { pack: _pack, ...noName } = p;
  const first = rules[0] ?? {};
  const { id: _id, ...noId } = first;
  return [
    noName,
    { ...p, pack: 42 },
    { ...p, extra: true },
    { ...p, rules: [{ ...first, kind: 'sometimes' }, ...rules.slice(1)] },
    { ...p, rules: [noId, ...rules.slice(1)] },
    { ...p, rules: [{ ...first, severity: 'fatal', message: { zh: 1 } }] },
    { ...p, rules: 'all' },
  ];
}

describe('generated schema validators', () => {
  it('are what scripts/gen-validators.mjs generates from the schema now', () => {
    expect(readFileSync(OUT, 'utf8') === generate(), 'src/rules/schema-validators.generated.ts is stale: run node scripts/gen-validators.mjs').toBe(true);
  });

  it('accept every built-in pack, as ajv does', () => {
    expect(packs.length).toBeGreaterThan(2);
    for (const p of packs) {
      expect(verdict(validatePack as Validator, p.data), p.name).toEqual(verdict(runtimePack as Validator, p.data));
      expect(verdict(validatePack as Validator, p.data).ok, p.name).toBe(true);
    }
  });

  it('give the same errors as ajv on bad and damaged packs', () => {
    const cases = [...badFiles.map((b) => b.data), ...packs.flatMap((p) => damaged(p.data))];
    let rejected = 0;
    for (const data of cases) {
      const ours = verdict(validatePack as Validator, data);
      expect(ours).toEqual(verdict(runtimePack as Validator, data));
      if (!ours.ok) rejected++;
    }
    expect(rejected).toBeGreaterThan(cases.length / 2);
  });

  it('read configs as ajv does', () => {
    const configs: unknown[] = [
      { extends: ['national'] },
      { extends: 'national', failOn: 'warning', rules: { 'heading-sequence': ['error', { allowRunOn: false }] } },
      { extends: ['national'], failOn: 'sometimes' },
      { rules: 'off' },
      { unknownKey: 1 },
      [],
    ];
    for (const c of configs) expect(verdict(validateConfig as Validator, c)).toEqual(verdict(runtimeConfig as Validator, c));
  });
});
