#!/usr/bin/env node
// npm run bench — speed and memory on the real fixtures, each figure beside its baseline.
// Medians of several runs; nothing here is asserted (timings belong in a benchmark, not a test).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

if (!existsSync('dist/parse.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });

function timeCommand(cmd, args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    times.push(performance.now() - t);
  }
  return median(times);
}

console.log(`# gkcheck benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${RUNS} runs)\n`);

// 1. Start-up: the CLI must not pay for PDF/Word libraries it does not use.
const base = timeCommand('node', ['-e', '0']);
const version = timeCommand('node', ['bin/gkcheck.js', '--version']);
const help = timeCommand('node', ['bin/gkcheck.js', '--help']);
console.log('## Start-up (fresh process)');
console.log(`node -e 0                 ${ms(base)}`);
console.log(`gkcheck --version         ${ms(version)}   ${(version / base).toFixed(2)}× node -e 0 (target ≤ 1.5×)`);
console.log(`gkcheck --help            ${ms(help)}   ${(help / base).toFixed(2)}× node -e 0 (loads commander)\n`);

// 2. Parse, in-process, per fixture and format (after one warm-up run).
const { parseFile } = await import('../dist/parse.js');
const names = readdirSync('fixtures').filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
console.log('## Parse in-process (ms per notice: ingest + normalize + structure + extract)');
console.log(['notice', 'txt', 'pdf', 'docx', 'doc'].map((s) => s.padEnd(16)).join(''));
const perFormat = { txt: [], pdf: [], docx: [], doc: [] };
for (const name of names) {
  const row = [name.padEnd(16)];
  for (const ext of ['txt', 'pdf', 'docx', 'doc']) {
    const file = `fixtures/${name}.${ext}`;
    if (!existsSync(file)) {
      row.push('-'.padEnd(16));
      continue;
    }
    await parseFile(file);
    const times = [];
    for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++) {
      const t = performance.now();
      await parseFile(file);
      times.push(performance.now() - t);
    }
    perFormat[ext].push(median(times));
    row.push(ms(median(times)).padEnd(16));
  }
  console.log(row.join(''));
}
for (const [ext, xs] of Object.entries(perFormat)) {
  if (xs.length) console.log(`  ${ext}: median ${ms(median(xs))} per notice`);
}

// 3. PDF: one `gkcheck parse` over all five PDFs vs pdftotext -layout on the same files.
const pdfs = names.map((n) => `fixtures/${n}.pdf`).filter(existsSync);
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
console.log('\n## PDF vs pdftotext -layout (fresh processes)');
if (hasPdftotext && pdfs.length) {
  const ours = timeCommand('node', ['bin/gkcheck.js', 'parse', ...pdfs, '--format', 'json']);
  const theirs = timeCommand('bash', ['-c', pdfs.map((p) => `pdftotext -layout ${p} /dev/null`).join(' && ')]);
  const oursOne = timeCommand('node', ['bin/gkcheck.js', 'parse', pdfs[0], '--format', 'json']);
  const theirsOne = timeCommand('pdftotext', ['-layout', pdfs[0], '/dev/null']);
  console.log(`gkcheck parse (${pdfs.length} PDFs, one process)  ${ms(ours)}  vs pdftotext ${ms(theirs)}: ${(ours / theirs).toFixed(2)}× (target ≤ 4×)`);
  console.log(`gkcheck parse (1 PDF)                  ${ms(oursOne)}  vs pdftotext ${ms(theirsOne)}: ${(oursOne / theirsOne).toFixed(2)}×`);
} else console.log('pdftotext not installed (apt-get install poppler-utils poppler-data): skipped');

console.log(`\n## Memory\npeak RSS of this benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
