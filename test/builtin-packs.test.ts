/**
 * The built-in packs are parsed at build time (scripts/build.mjs → dist/rules/builtin-packs.json)
 * so a process loading one skips the YAML parse. What the compiled code reads from that cache
 * must be what it would have parsed from the pack now, and a pack whose text differs (edited,
 * or any other file) must be parsed from its own text — never given the cached data.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The compiled modules: only dist/rules/ has the cache beside it (the test set-up builds dist/).
const dist = (p: string) => pathToFileURL(join(process.cwd(), 'dist', p)).href;
const { readYaml, parseYaml } = (await import(dist('rules/yaml-file.js'))) as typeof import('../src/rules/yaml-file.js');
const { loadPackFile } = (await import(dist('rules/packs.js'))) as typeof import('../src/rules/packs.js');

const packs = readdirSync('rules').filter((f) => f.endsWith('.yaml'));
const cache = JSON.parse(readFileSync('dist/rules/builtin-packs.json', 'utf8')) as { file: string; source: string; data: unknown }[];
const tmp = mkdtempSync(join(tmpdir(), 'gkcheck-packs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('built-in packs parsed at build time', () => {
  it('holds every pack of rules/ with its current text', () => {
    expect(cache.map((p) => p.file).sort()).toEqual([...packs].sort());
    for (const f of packs) expect(cache.find((p) => p.file === f)?.source).toBe(readFileSync(join('rules', f), 'utf8'));
  });

  it.each(packs)('%s: the cached data is what the parser reads from the pack', (f) => {
    const src = readFileSync(join('rules', f), 'utf8');
    expect(readYaml(join('rules', f)).data).toEqual(parseYaml(f, src).data);
  });

  it('still gives line numbers for a built-in pack (the document is parsed when asked for)', () => {
    const y = readYaml('rules/national.yaml');
    const parsed = parseYaml('rules/national.yaml', readFileSync('rules/national.yaml', 'utf8'));
    expect(y.lines.linePos(y.doc.range[0])).toEqual(parsed.lines.linePos(parsed.doc.range[0]));
    expect(y.lines.linePos(y.doc.range[0]).line).toBeGreaterThan(1);
  });

  it('parses a pack whose text differs from every built-in one, even by one rule message', () => {
    const src = readFileSync('rules/national.yaml', 'utf8');
    // The first rule's message (after `rules:`), not the pack's description.
    const at = src.indexOf('message:', src.indexOf('\nrules:'));
    const edited = src.slice(0, at) + src.slice(at).replace(/zh: (["']?)/, (m) => `${m}（已改）`);
    expect(edited).not.toBe(src);
    const file = join(tmp, 'national.yaml');
    writeFileSync(file, edited);
    const data = readYaml(file).data;
    expect(data).toEqual(parseYaml(file, edited).data);
    expect(JSON.stringify(data)).toContain('（已改）');
    // …and a pack loaded from it carries the edited message.
    const pack = loadPackFile(file);
    expect(JSON.stringify(pack.rules.map((r) => r.rule.meta))).toContain('（已改）');
  });

  it('a copy of a built-in pack elsewhere reads the same as the original', () => {
    const file = join(tmp, 'national-copy.yaml');
    copyFileSync('rules/national.yaml', file);
    expect(readYaml(file).data).toEqual(readYaml('rules/national.yaml').data);
  });
});
