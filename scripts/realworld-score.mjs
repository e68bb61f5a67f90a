#!/usr/bin/env node
// Scores `gkcheck parse --format json` on the real-world regression set: real notices with a
// hand-made answer key (fixtures/realworld/manifest.yaml; its header gives the key's conventions).
// The scoring logic is the project's copy of the shared tools/realworld.mjs and must stay identical
// to it, so numbers here and there agree; only paths and flags are parameterised.
//
//   npm run realworld                       # per-file and total F1
//   npm run realworld -- -v                 # also each miss and extra
//   npm run realworld -- --json             # machine-readable totals
//   npm run realworld -- --manifest path/to/manifest.yaml [--dir dir/of/files]   # another set, same form
//
// Compared per item, as multisets:
//   sections  "level|label"                      (labels: full-width brackets, no spaces,
//   units     "label-or-row|role|name"            a trailing 、/./． dropped: 1、 = 1. = row 1)
//   deadlines "label-or-row|kind|value"
// Predicted units and deadlines come from every section and every task row (tasks[].seq).
// Exit status: 0 when every item parsed; 1 when a parse failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const H2F = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '．': '.' };
const squash = (s) => String(s ?? '').replace(/[\s\u3000@]+/g, '');
export const nlabel = (s) => [...squash(s)].map((c) => H2F[c] ?? c).join('').replace(/[.．、]$/, '');
export const nunit = (s) =>
  squash(s)
    .replace(/(等有关部门|等部门|等单位|等)$/, '')
    .replace(/^(牵头|配合)|(牵头落实|牵头负责|牵头|配合|分别负责落实|负责落实|按照职责分工负责|负责)$/g, '');
export const nval = (v) => squash(v).toLowerCase();
const flatten = (secs, out = []) => {
  for (const s of secs ?? []) {
    out.push(s);
    flatten(s.children, out);
  }
  return out;
};

export function compare(gold, pred) {
  const g = new Map();
  for (const k of gold) g.set(k, (g.get(k) ?? 0) + 1);
  let tp = 0;
  const extra = [];
  for (const k of pred) {
    if (g.get(k) > 0) {
      g.set(k, g.get(k) - 1);
      tp++;
    } else extra.push(k);
  }
  const missed = [...g].flatMap(([k, n]) => Array(n).fill(k));
  return { tp, ng: gold.length, np: pred.length, missed, extra };
}
export const f1 = ({ tp, ng, np }) => {
  const P = np ? tp / np : ng ? 0 : 1;
  const R = ng ? tp / ng : 1;
  return P + R ? (2 * P * R) / (P + R) : 0;
};

export const kinds = ['sections', 'units', 'deadlines'];

/** The answer key of one manifest item as comparable keys. */
export function goldKeys(it) {
  return {
    sections: (it.sections ?? []).map((s) => `${s.level}|${nlabel(s.label)}`),
    units: (it.units ?? []).map((u) => `${nlabel(u.section_label ?? u.row)}|${u.role}|${nunit(u.name)}`),
    deadlines: (it.deadlines ?? []).map((d) => `${nlabel(d.section_label ?? d.row)}|${d.kind}|${nval(d.value)}`),
  };
}

/** One parse result (the object `gkcheck parse --format json` prints) as comparable keys. */
export function predKeys(doc) {
  if (Array.isArray(doc)) doc = doc[0];
  const secs = flatten(doc.sections);
  const tasks = doc.tasks ?? [];
  return {
    sections: secs.map((s) => `${s.level}|${nlabel(s.label)}`),
    units: [...secs.map((s) => [s.label, s]), ...tasks.map((t) => [t.seq, t])].flatMap(([label, x]) =>
      ['lead', 'responsible'].flatMap((role) => (x[role] ?? []).map((n) => `${nlabel(label)}|${role}|${nunit(n)}`)),
    ),
    deadlines: [...secs.map((s) => [s.label, s]), ...tasks.map((t) => [t.seq, t])].flatMap(([label, x]) =>
      (x.deadlines ?? []).map((d) => `${nlabel(label)}|${d.kind}|${nval(d.value)}`),
    ),
  };
}

export function readManifest(manifestPath) {
  return YAML.parse(fs.readFileSync(manifestPath, 'utf8'));
}

/** Runs the built CLI on one file, as the shared scorer does. */
export function spawnParse(file) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const bin = path.join(root, typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin ?? {})[0]);
  return spawnSync('node', [bin, 'parse', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/**
 * Scores every item of a manifest. `parse(file)` returns `{ status, stdout, stderr }` like
 * spawnSync (it may be async); the default runs the CLI. Returns per-item rows and the totals.
 */
export async function scoreManifest({ manifest, dir, parse = spawnParse }) {
  const total = Object.fromEntries(kinds.map((k) => [k, { tp: 0, ng: 0, np: 0 }]));
  const rows = [];
  let failed = 0;
  for (const it of manifest.items) {
    const file = path.join(dir, it.file);
    const r = await parse(file);
    if (r.status !== 0) {
      failed++;
      rows.push({ file: it.file, failed: { status: r.status, stderr: (r.stderr ?? '').trim() } });
      continue;
    }
    const gold = goldKeys(it);
    const pred = predKeys(JSON.parse(r.stdout));
    const row = { file: it.file };
    for (const k of kinds) {
      const c = compare(gold[k], pred[k]);
      for (const n of ['tp', 'ng', 'np']) total[k][n] += c[n];
      row[k] = c;
    }
    rows.push(row);
  }
  const totals = Object.fromEntries(kinds.map((k) => [k, Number(f1(total[k]).toFixed(3))]));
  return { rows, total, totals, failed, items: manifest.items.length };
}

async function main(args) {
  const verbose = args.includes('-v');
  const asJson = args.includes('--json');
  const opt = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
  const manifestPath = path.resolve(opt('--manifest') ?? path.join(root, 'fixtures', 'realworld', 'manifest.yaml'));
  const dir = path.resolve(opt('--dir') ?? path.dirname(manifestPath));
  const res = await scoreManifest({ manifest: readManifest(manifestPath), dir });
  if (asJson) {
    console.log(JSON.stringify({ ...res.totals, parseFailures: res.failed, items: res.items }));
  } else {
    for (const row of res.rows) {
      if (row.failed) {
        console.log(`${row.file.slice(0, 40).padEnd(40)} PARSE FAILED (exit ${row.failed.status}): ${row.failed.stderr.slice(0, 160)}`);
        continue;
      }
      console.log(`${row.file.slice(0, 40).padEnd(40)} ` + kinds.map((k) => `${k} ${(f1(row[k]) * 100).toFixed(1).padStart(5)}`).join('  '));
      if (verbose)
        for (const k of kinds) {
          for (const m of row[k].missed) console.log(`      ${k.padEnd(9)} missed ${m}`);
          for (const m of row[k].extra) console.log(`      ${k.padEnd(9)} extra  ${m}`);
        }
    }
    const t = res.totals;
    console.log(`real-world F1: sections ${t.sections}, units ${t.units}, deadlines ${t.deadlines}; parse failures ${res.failed}`);
  }
  return res.failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
