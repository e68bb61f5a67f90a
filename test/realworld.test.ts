/**
 * The real-world regression set (fixtures/realworld): real notices from many provinces, years,
 * levels and shapes, with a hand-made answer key. Scored in-process with the same functions as
 * `npm run realworld` (scripts/realworld-score.mjs); fails below fixtures/realworld/floors.json.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFile } from '../src/parse.js';
import { InputError } from '../src/errors.js';

interface Counts { tp: number; ng: number; np: number; missed: string[]; extra: string[] }
interface Row { file: string; failed?: { status: number; stderr: string }; sections?: Counts; units?: Counts; deadlines?: Counts }
interface Item {
  file: string; url?: string; query?: string; year?: number | null; level?: string;
  sections?: { label: string; level: number }[];
  units?: { section_label?: string | null; row?: number | string; role: string; name: string }[];
  deadlines?: { section_label?: string | null; row?: number | string; text: string; kind: string; value: string | null }[];
}
interface Scorer {
  readManifest(p: string): { items: Item[] };
  scoreManifest(o: { manifest: { items: Item[] }; dir: string; parse?: (f: string) => unknown }): Promise<{
    rows: Row[]; totals: Record<'sections' | 'units' | 'deadlines', number>; failed: number; items: number;
  }>;
  predKeys(doc: unknown): Record<string, string[]>;
  spawnParse(f: string): { status: number | null; stdout: string; stderr: string };
}

const DIR = 'fixtures/realworld';
// A specifier in a variable: the scorer is plain JS for node, so TS must not look for its types.
const scorerPath = pathToFileURL(resolve('scripts/realworld-score.mjs')).href;
const scorer = (await import(scorerPath)) as Scorer;
const manifest = scorer.readManifest(join(DIR, 'manifest.yaml'));
const floors = JSON.parse(readFileSync(join(DIR, 'floors.json'), 'utf8')) as Record<string, number>;

/** parse in-process, shaped like spawnSync of `gkcheck parse --format json` (what the CLI prints). */
async function parseInProcess(file: string) {
  try {
    return { status: 0, stdout: JSON.stringify(await parseFile(file)), stderr: '' };
  } catch (e) {
    if (e instanceof InputError) return { status: 2, stdout: '', stderr: e.message };
    throw e;
  }
}

describe('real-world set: the answer key is well-formed', () => {
  it('has every item file, and no file without an item', () => {
    const listed = new Set(manifest.items.map((it) => it.file));
    expect(listed.size).toBe(manifest.items.length);
    for (const f of listed) expect(existsSync(join(DIR, f)), f).toBe(true);
    const onDisk = readdirSync(DIR).filter((f) => !['manifest.yaml', 'floors.json'].includes(f));
    expect(onDisk.filter((f) => !listed.has(f))).toEqual([]);
    expect(manifest.items.length).toBeGreaterThanOrEqual(floors.items);
  });

  it('gives each item its source, level and keys in the conventions of the manifest header', () => {
    const LEVELS = ['national', 'provincial', 'city', 'county', 'township', 'department'];
    const VALUE: Record<string, RegExp> = {
      date: /^\d{4}-\d\d-\d\d$/,
      duration: /^\d+(h|d|wd|m|y)$/,
      frequency: /^(>=)?\d+\/(year|half-year|quarter|month|week|day)$/,
      period: /^(full-year|ongoing)$/,
    };
    for (const it of manifest.items) {
      expect(it.url, it.file).toMatch(/^https?:\/\//);
      expect(it.query, it.file).toBeTruthy();
      expect(LEVELS, it.file).toContain(it.level);
      for (const s of it.sections ?? []) expect([1, 2, 3, 4], `${it.file} ${s.label}`).toContain(s.level);
      for (const u of it.units ?? []) {
        expect(['lead', 'responsible'], `${it.file} ${u.name}`).toContain(u.role);
        expect(u.section_label ?? u.row, `${it.file} ${u.name}`).not.toBeUndefined();
      }
      for (const d of it.deadlines ?? []) {
        expect(Object.keys(VALUE), `${it.file} ${d.text}`).toContain(d.kind);
        // null only where the plan year is unknown (a 年底前 with no year in the text)
        if (d.value !== null) expect(String(d.value), `${it.file} ${d.text}`).toMatch(VALUE[d.kind]);
        expect(d.section_label ?? d.row, `${it.file} ${d.text}`).not.toBeUndefined();
      }
    }
  });
});

describe('real-world set: parse scores', () => {
  it('stays at or above the floors on every column, with no parse failure', async () => {
    const res = await scorer.scoreManifest({ manifest, dir: DIR, parse: parseInProcess });
    const failures = res.rows.filter((r) => r.failed).map((r) => `${r.file}: ${r.failed!.stderr}`);
    expect(failures).toEqual([]);
    expect(res.totals.sections).toBeGreaterThanOrEqual(floors.sections);
    expect(res.totals.units).toBeGreaterThanOrEqual(floors.units);
    expect(res.totals.deadlines).toBeGreaterThanOrEqual(floors.deadlines);
  });

  it('scores in-process exactly what the CLI prints (npm run realworld measures the same)', async () => {
    const file = join(DIR, manifest.items.find((it) => (it.units ?? []).length && (it.deadlines ?? []).length)!.file);
    const cli = scorer.spawnParse(file);
    expect(cli.status).toBe(0);
    const own = await parseInProcess(file);
    expect(scorer.predKeys(JSON.parse(own.stdout))).toEqual(scorer.predKeys(JSON.parse(cli.stdout)));
  });
});
