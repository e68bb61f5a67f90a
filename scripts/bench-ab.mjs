#!/usr/bin/env node
// node scripts/bench-ab.mjs REV — this checkout's build against REV's, measured side by side so a
// loaded machine slows both alike (on a shared 2-core box single runs of `npm run bench` move by
// ±30%). Needs `npm run build` here; REV is exported with `git archive` into a temp folder,
// given this checkout's node_modules and built there.
//
//   1. TXT parse + check of the five seed notices, both builds in ONE process, alternating
//      rounds: CPU per notice (min and median of AB_ROUNDS=40 rounds).
//   2. `check` batches of AB_BATCH_N=200 TXT notices (copies of the five) on AB_JOBS=1 worker,
//      each build in a fresh process, alternating AB_BATCH_RUNS=4 times: wall and CPU (all threads).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOTICES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const rev = process.argv[2];
if (!rev) {
  console.error('usage: node scripts/bench-ab.mjs REV   (a commit, branch or tag to compare this build with)');
  process.exit(2);
}
const base = mkdtempSync(join(tmpdir(), 'gkcheck-ab-'));
execFileSync('bash', ['-c', `git -C "${ROOT}" archive "${rev}" | tar -x -C "${base}"`]);
symlinkSync(join(ROOT, 'node_modules'), join(base, 'node_modules'));
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(base, 'tsconfig.build.json')], { stdio: 'inherit' });
// What else REV's build writes beside the compiled code (the built-in packs' parsed data), when it has that step.
execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(join(base, 'scripts/build.mjs')).href)}); await m.writeBuiltinPacks?.();`], { stdio: 'inherit' });

async function load(root) {
  const d = (p) => pathToFileURL(join(root, 'dist', p)).href;
  const { ingestFile } = await import(d('ingest/index.js'));
  const { parseSource } = await import(d('parse.js'));
  const { selectRules, runRules } = await import(d('rules/index.js'));
  return { ingestFile, parseSource, runRules, active: selectRules({ cwd: root }).active };
}
const sides = { [rev]: await load(base), this: await load(ROOT) };
const times = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
for (let r = 0; r < Number(process.env.AB_ROUNDS ?? 40); r++) {
  for (const [k, s] of Object.entries(sides)) {
    const t = cpu();
    for (const n of NOTICES) {
      const file = join(ROOT, 'fixtures', `${n}.txt`);
      const src = await s.ingestFile(file);
      s.runRules(s.parseSource(src), s.active, { file, lines: src.lines });
    }
    times[k].push((cpu() - t) / NOTICES.length);
  }
}
console.log('## TXT parse + check per notice, both builds in one process (CPU)');
for (const [k, xs] of Object.entries(times)) console.log(`${k.padEnd(12)} min ${Math.min(...xs).toFixed(2)} ms   median ${median(xs).toFixed(2)} ms`);
const [a, b] = Object.values(times);
console.log(`this ÷ ${rev}: min ${(Math.min(...b) / Math.min(...a)).toFixed(2)}×, median ${(median(b) / median(a)).toFixed(2)}×\n`);

const N = Number(process.env.AB_BATCH_N ?? 200);
const jobs = process.env.AB_JOBS ?? '1';
const dir = mkdtempSync(join(tmpdir(), 'gkcheck-ab-batch-'));
for (let k = 0; k < N; k++) {
  const sub = join(dir, String(Math.floor(k / 100)));
  if (k % 100 === 0) mkdirSync(sub);
  copyFileSync(join(ROOT, 'fixtures', `${NOTICES[k % 5]}.txt`), join(sub, `${k}-${NOTICES[k % 5]}.txt`));
}
const batch = { [rev]: [], this: [] };
for (let r = 0; r < Number(process.env.AB_BATCH_RUNS ?? 4); r++) {
  for (const [k, root] of [[rev, base], ['this', ROOT]]) {
    // Each side's own bench.mjs: it runs the dist/ beside it (it resolves its root from its own path).
    const p = spawnSync(process.execPath, [join(root, 'scripts/bench.mjs'), '--child-batch', dir, jobs], { cwd: root, encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    batch[k].push(JSON.parse(p.stdout.trim().split('\n').pop()));
  }
}
console.log(`## check, batch of ${N} TXT notices, ${jobs} worker(s), fresh process each, ${batch.this.length} runs alternating`);
for (const [k, rs] of Object.entries(batch)) {
  console.log(`${k.padEnd(12)} wall ${(median(rs.map((x) => x.ms)) / 1000).toFixed(2)} s   CPU ${(median(rs.map((x) => x.cpuMs)) / 1000).toFixed(2)} s → ${(median(rs.map((x) => x.cpuMs)) / N).toFixed(1)} ms CPU per notice`);
}
console.log(`this ÷ ${rev} (median CPU): ${(median(batch.this.map((x) => x.cpuMs)) / median(batch[rev].map((x) => x.cpuMs))).toFixed(2)}×`);
rmSync(dir, { recursive: true, force: true });
rmSync(base, { recursive: true, force: true });
