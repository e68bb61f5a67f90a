/**
 * Rule packs and configuration → the active rules of a run.
 *
 * Input: pack references (a built-in name such as `national`, or a path to a YAML file), and
 * an optional `.gkcheckrc.yaml` (found from the working directory upward).
 * Output: `Pack`s (with `extends` resolved, parents first) and the `ActiveRule`s with the
 * severities and options the packs and the config give them.
 *
 * Pack files are validated against schema/rule-pack.schema.json; then regexes are compiled
 * (RE2), code-rule ids looked up and options validated against each rule's schema. Every
 * problem is an InputError('invalid-rule-file') naming file, line and column.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Severity } from '../model.js';
import { InputError } from '../errors.js';
import { codeRules } from './code/index.js';
import { declarativeRule, type DeclarativeSpec } from './kinds.js';
import { compileGuarded } from './regex.js';
import type { ActiveRule, Bilingual, Rule } from './types.js';
import type { AppliesTo } from './applicability.js';
import { compileOptionsSchema, invalid, position, readYaml, validateConfig, validatePack, type YamlFile } from './yaml-file.js';

/** rules/ sits beside src/ and dist/. */
export const BUILTIN_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
export const BUILTIN_PACKS = ['national', 'shandong-2022', 'format', 'consistency'] as const;
export const DEFAULT_PACKS = ['national', 'format', 'consistency'];
import { CONFIG_NAMES } from './config-names.js';
export { CONFIG_NAMES };

export interface PackRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface Pack {
  name: string;
  file: string;
  description?: Bilingual;
  extends: string[];
  /** Where and when the pack applies (issuer's province, plan years); absent: everywhere. */
  appliesTo?: AppliesTo;
  rules: PackRule[];
}

export type RuleSetting = Severity | 'off' | { severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface Config {
  file: string | null;
  extends?: string[];
  failOn?: 'error' | 'warning' | 'never';
  rules: Record<string, RuleSetting>;
  yaml?: YamlFile;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A built-in pack name, or a path (relative to baseDir). */
export function packFile(ref: string, baseDir: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(ref)) {
    if (existsSync(resolve(BUILTIN_DIR, `${ref}.yaml`))) return resolve(BUILTIN_DIR, `${ref}.yaml`);
    if (!existsSync(resolve(baseDir, ref))) {
      throw new InputError('usage', null, `没有名为“${ref}”的内置规则包（可用：${BUILTIN_PACKS.join('、')}，或给出规则文件路径）`, `there is no built-in rule pack "${ref}" (use ${BUILTIN_PACKS.join(', ')}, or the path of a rule file)`);
    }
  }
  return isAbsolute(ref) ? ref : resolve(baseDir, ref);
}

const packCache = new Map<string, Pack>();

interface RawPack {
  pack: string;
  description?: Bilingual;
  extends?: string | string[];
  appliesTo?: AppliesTo;
  rules: (Record<string, unknown> & { id: string; kind: string })[];
}

/** Load one pack file (cached), without its parents. */
export function loadPackFile(file: string): Pack {
  // Keyed by size and mtime too: a long-lived process (the API, a reused limits worker) must
  // see a user's pack edited between two runs. An unreadable file skips the cache, and
  // readYaml below says why in both languages.
  let key: string | null = null;
  try {
    const st = statSync(file);
    key = `${file}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    key = null;
  }
  const cached = key ? packCache.get(key) : undefined;
  if (cached) return cached;
  const y = readYaml(file);
  validatePack(y);
  const raw = y.data as RawPack;
  const rules: PackRule[] = [];
  const ids = new Set<string>();
  raw.rules.forEach((r, i) => {
    if (ids.has(r.id)) {
      const { line, col } = position(y, ['rules', i, 'id']);
      throw invalid(file, line, col, `规则 id“${r.id}”在本规则包中重复`, `rule id "${r.id}" appears twice in this pack`);
    }
    ids.add(r.id);
    if (r.kind === 'code') {
      const mod = codeRules.get(r.id);
      if (!mod) {
        const { line, col } = position(y, ['rules', i, 'id']);
        throw invalid(file, line, col, `没有 id 为“${r.id}”的代码规则`, `there is no code rule with id "${r.id}"`);
      }
      const options = (r.options as Record<string, unknown> | undefined) ?? {};
      checkOptions(y, ['rules', i, 'options'], mod, options);
      rules.push({ rule: { ...mod, meta: { ...mod.meta, pack: raw.pack, ...(raw.appliesTo ? { appliesTo: raw.appliesTo } : {}) } }, severity: (r.severity as Severity | undefined) ?? mod.meta.severity, options });
      return;
    }
    for (const [field, list] of [['patterns', r.patterns]] as const) {
      (list as string[] | undefined)?.forEach((p, j) => {
        try {
          compileGuarded(p);
        } catch (e) {
          const { line, col } = position(y, ['rules', i, field, j]);
          throw invalid(file, line, col, `正则表达式无效（RE2 语法，不支持反向引用和环视）：${(e as Error).message}`, `invalid regular expression (RE2 syntax: no backreferences or lookaround): ${(e as Error).message}`);
        }
      });
    }
    const rule = declarativeRule(r as unknown as DeclarativeSpec, raw.pack);
    if (raw.appliesTo) rule.meta.appliesTo = raw.appliesTo;
    rules.push({ rule, severity: rule.meta.severity, options: {} });
  });
  const pack: Pack = { name: raw.pack, file, ...(raw.description ? { description: raw.description } : {}), extends: asList(raw.extends), ...(raw.appliesTo ? { appliesTo: raw.appliesTo } : {}), rules };
  if (key) packCache.set(key, pack);
  return pack;
}

function checkOptions(y: YamlFile, path: (string | number)[], rule: Rule, options: Record<string, unknown>): void {
  // Every option of a code rule is optional: no options need no schema compiled (ajv is slow to start).
  if (Object.keys(options).length === 0 && !(rule.meta.schema as { required?: unknown[] }).required?.length) return;
  const validate = compileOptionsSchema(rule.meta.schema);
  if (validate(options)) return;
  const e = validate.errors![0];
  const sub = e.instancePath ? e.instancePath.slice(1).split('/') : [];
  const { line, col } = position(y, [...path, ...sub]);
  throw invalid(y.file, line, col, `规则“${rule.meta.id}”的选项无效：${e.instancePath || '/'} ${e.message}`, `invalid options for rule "${rule.meta.id}": ${e.instancePath || '/'} ${e.message}`);
}

/** Packs for the given references, parents (extends) first, each once. */
export function loadPacks(refs: string[], baseDir: string): Pack[] {
  const out: Pack[] = [];
  const seen = new Set<string>();
  const visit = (ref: string, from: string, chain: string[]) => {
    const file = packFile(ref, from);
    if (chain.includes(file)) throw new InputError('invalid-rule-file', file, `规则包循环继承：${[...chain, file].join(' → ')}`, `rule packs extend each other in a cycle: ${[...chain, file].join(' → ')}`);
    if (seen.has(file)) return;
    const pack = loadPackFile(file);
    for (const parent of pack.extends) visit(parent, dirname(file), [...chain, file]);
    seen.add(file);
    out.push(pack);
  };
  for (const ref of refs) visit(ref, baseDir, []);
  return out;
}

/** `.gkcheckrc.yaml` in `cwd` or the nearest directory above it. */
export function findConfig(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(resolve(dir, name))) return resolve(dir, name);
    if (dirname(dir) === dir) return null;
  }
}

export function loadConfig(file: string): Config {
  const y = readYaml(file);
  if (y.data === null || y.data === undefined) return { file, rules: {}, yaml: y };
  validateConfig(y);
  const raw = y.data as { extends?: string | string[]; failOn?: Config['failOn']; rules?: Record<string, RuleSetting> };
  return { file, ...(raw.extends !== undefined ? { extends: asList(raw.extends) } : {}), ...(raw.failOn ? { failOn: raw.failOn } : {}), rules: raw.rules ?? {}, yaml: y };
}

/** The rules of the packs (a later pack's rule replaces an earlier one of the same id), configured. */
export function activeRules(packs: Pack[], config: Config | null): ActiveRule[] {
  const byId = new Map<string, ActiveRule>();
  for (const p of packs) for (const r of p.rules) byId.set(r.rule.meta.id, { rule: r.rule, severity: r.severity, options: { ...r.options } });
  for (const [id, setting] of Object.entries(config?.rules ?? {})) {
    const active = byId.get(id);
    if (!active) {
      // A rule of a pack that is not selected this run is fine; an unknown id is a typo.
      const known = new Set([...codeRules.keys(), ...loadPacks([...BUILTIN_PACKS], BUILTIN_DIR).flatMap((p) => p.rules.map((r) => r.rule.meta.id))]);
      if (known.has(id)) continue;
      const y = config!.yaml!;
      const { line, col } = position(y, ['rules'], id);
      throw invalid(y.file, line, col, `配置中的规则“${id}”不存在`, `there is no rule "${id}"`);
    }
    const s = typeof setting === 'string' ? { severity: setting } : setting;
    if (s.severity === 'off') {
      byId.delete(id);
      continue;
    }
    if (s.severity) active.severity = s.severity;
    if (s.options) {
      const options = { ...active.options, ...s.options };
      checkOptions(config!.yaml!, ['rules', id, 'options'], active.rule, options);
      active.options = options;
    }
  }
  return [...byId.values()];
}

export interface RuleSelection {
  /** --rules: pack names or files; overrides the config's extends. */
  rules?: string[];
  /** --config: a config file; otherwise .gkcheckrc.yaml is looked up from cwd. */
  config?: string;
  cwd?: string;
}

export interface Selected {
  config: Config | null;
  packs: Pack[];
  active: ActiveRule[];
}

/** What a run checks: packs from --rules, else the config's extends, else the defaults. */
export function selectRules(sel: RuleSelection = {}): Selected {
  const cwd = sel.cwd ?? process.cwd();
  const configFile = sel.config ? resolve(cwd, sel.config) : findConfig(cwd);
  const config = configFile ? loadConfig(configFile) : null;
  let packs: Pack[];
  if (sel.rules && sel.rules.length > 0) packs = loadPacks(sel.rules, cwd);
  else if (config?.extends) packs = loadPacks(config.extends, dirname(config.file!));
  else packs = loadPacks(DEFAULT_PACKS, cwd);
  return { config, packs, active: activeRules(packs, config) };
}
