#!/usr/bin/env node
// npm run bench — speed and memory on the real fixtures, each figure beside its baseline or target.
// Medians of several runs; nothing here is asserted (timings belong in a benchmark, not a test).
//
//   BENCH_RUNS=11   runs per timing (default 11; fewer for the slow sections, see below)
//   BATCH_RUNS=3    runs of each 1,000-notice batch
//
// Sections: 1 start-up vs node -e 0 · 2 parse per fixture and format · 3 PDF vs pdftotext -layout
// (poppler-utils is installed with apt-get when missing) · 4 TXT parse + check per notice ·
// 5 diff and matrix · 6 a 1,000-notice batch (copies of the fixtures in all four formats, in a
// temp dir) with 1 and with N worker threads: throughput, ratio, peak RSS · 7 the 2,000-page PDF:
// time and peak RSS of ingest and of parse · 8 peak RSS of this process.
// Peak RSS is measured in a fresh child process (process.resourceUsage().maxRSS; worker
// threads are in the same process, so their memory counts).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const BATCH_RUNS = Number(process.env.BATCH_RUNS ?? 3);
// BENCH_SECTIONS=4,6 runs only those sections (default: all).
const SECTIONS = process.env.BENCH_SECTIONS ? new Set(process.env.BENCH_SECTIONS.split(',').map(Number)) : null;
const want = (n) => !SECTIONS || SECTIONS.has(n);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
const NOTICES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
const FORMATS = ['txt', 'pdf', 'docx', 'doc'];

// ---- child modes (fresh processes for memory figures) -------------------------------------
const mode = process.argv[2];
if (mode === '--child-batch') {
  // node scripts/bench.mjs --child-batch DIR JOBS → one JSON line
  const { runBatch } = await import(dist('batch/index.js'));
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  const summary = await runBatch([process.argv[3]], { job: 'check', jobs: Number(process.argv[4]), timeoutMs: 120_000 }, () => n++);
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  // cores: CPU time of all threads (main, workers, V8's GC/compiler threads) per wall second.
  console.log(JSON.stringify({ ms: wall, results: n, summary, maxRssKb: process.resourceUsage().maxRSS, cores: (cpu.user + cpu.system) / 1000 / wall }));
  process.exit(0);
}
if (mode === '--child-txt') {
  // node scripts/bench.mjs --child-txt RUNS → JSON rows: TXT parse + check in a process that never
  // loaded pdf.js (as `gkcheck check *.txt` runs), warm, default packs.
  const { ingestFile } = await import(dist('ingest/index.js'));
  const { parseSource } = await import(dist('parse.js'));
  const { selectRules, runRules } = await import(dist('rules/index.js'));
  const active = selectRules({ cwd: ROOT }).active;
  const rows = [];
  for (const name of NOTICES) {
    const file = `fixtures/${name}.txt`;
    const one = async () => {
      const t0 = performance.now();
      const src = await ingestFile(file);
      const notice = parseSource(src);
      const t1 = performance.now();
      runRules(notice, active, { file, lines: src.lines });
      return [t1 - t0, performance.now() - t1];
    };
    for (let i = 0; i < 3; i++) await one();
    const p = [];
    const c = [];
    for (let i = 0; i < Number(process.argv[3]); i++) {
      const [a, b] = await one();
      p.push(a);
      c.push(b);
    }
    rows.push({ name, parse: median(p), check: median(c), total: median(p.map((x, i) => x + c[i])) });
  }
  console.log(JSON.stringify({ rules: active.length, rows }));
  process.exit(0);
}
if (mode === '--child-pdf') {
  // node scripts/bench.mjs --child-pdf FILE ingest|parse → one JSON line
  const { ingestFile } = await import(dist('ingest/index.js'));
  const { parseSource } = await import(dist('parse.js'));
  const t = performance.now();
  const src = await ingestFile(process.argv[3]);
  const ingestMs = performance.now() - t;
  const ingestRssKb = process.resourceUsage().maxRSS;
  let sections = null;
  if (process.argv[4] === 'parse') sections = parseSource(src).sections.length;
  console.log(JSON.stringify({ ms: performance.now() - t, ingestMs, ingestRssKb, maxRssKb: process.resourceUsage().maxRSS, pages: src.pages, lines: src.lines.length, sections }));
  process.exit(0);
}

function timeCommand(cmd, args, runs = RUNS) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    times.push(performance.now() - t);
  }
  return median(times);
}

function child(args) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** poppler-utils for the pdftotext baseline: installed with apt-get when missing (root or sudo). */
function ensurePdftotext() {
  if (spawnSync('pdftotext', ['-v']).status === 0) return true;
  const sudo = process.getuid?.() === 0 ? [] : spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo'] : null;
  if (!sudo) return false;
  console.log('(installing poppler-utils poppler-data with apt-get for the pdftotext baseline)');
  const run = (args) => spawnSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'poppler-utils', 'poppler-data']);
  return spawnSync('pdftotext', ['-v']).status === 0;
}

if (!existsSync('dist/parse.js') || !existsSync('dist/batch/worker.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
const hasPdftotext = ensurePdftotext();
const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;

console.log(`# gkcheck benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cores} cores × ${cpus()[0]?.model?.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, median of ${RUNS} runs unless noted)\n`);

// 1. Start-up: the CLI must not pay for PDF/Word libraries it does not use.
if (want(1)) {
  const base = timeCommand('node', ['-e', '0']);
  const version = timeCommand('node', ['bin/gkcheck.js', '--version']);
  const help = timeCommand('node', ['bin/gkcheck.js', '--help']);
  console.log('## 1. Start-up (fresh process)');
  console.log(`node -e 0                 ${ms(base)}`);
  console.log(`gkcheck --version         ${ms(version)}   ${(version / base).toFixed(2)}× node -e 0 (target ≤ 1.5×)`);
  console.log(`gkcheck --help            ${ms(help)}   ${(help / base).toFixed(2)}× node -e 0 (loads commander)\n`);
}

// 2. Parse, in-process, per fixture and format (after one warm-up run).
if (want(2)) {
  const { parseFile } = await import(dist('parse.js'));
  console.log('## 2. Parse in-process (ms per notice: ingest + normalize + structure + extract, warm)');
  console.log(['notice', ...FORMATS].map((s) => s.padEnd(16)).join(''));
  const perFormat = { txt: [], pdf: [], docx: [], doc: [] };
  for (const name of NOTICES) {
    const row = [name.padEnd(16)];
    for (const ext of FORMATS) {
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
}

// 3. PDF: one `gkcheck parse` over all five PDFs vs pdftotext -layout on the same files.
const pdfs = NOTICES.map((n) => `fixtures/${n}.pdf`).filter(existsSync);
if (want(3)) {
  console.log('\n## 3. PDF vs pdftotext -layout (fresh processes)');
  if (hasPdftotext && pdfs.length) {
    const ours = timeCommand('node', ['bin/gkcheck.js', 'parse', ...pdfs, '--format', 'json']);
    const theirs = timeCommand('bash', ['-c', pdfs.map((p) => `pdftotext -layout ${p} /dev/null`).join(' && ')]);
    const oursOne = timeCommand('node', ['bin/gkcheck.js', 'parse', pdfs[0], '--format', 'json']);
    const theirsOne = timeCommand('pdftotext', ['-layout', pdfs[0], '/dev/null']);
    console.log(`gkcheck parse (${pdfs.length} PDFs, one process)  ${ms(ours)}  vs pdftotext ${ms(theirs)}: ${(ours / theirs).toFixed(2)}× (target ≤ 4×)`);
    console.log(`gkcheck parse (1 PDF)                  ${ms(oursOne)}  vs pdftotext ${ms(theirsOne)}: ${(oursOne / theirsOne).toFixed(2)}×`);
  } else console.log('pdftotext not installed and apt-get not available (apt-get install poppler-utils poppler-data): skipped');
}

// 4. TXT parse + check per notice, warm, default packs, in a fresh process that never loaded
// pdf.js (whose core-js replaces Array.prototype.push and JSON.parse for the whole process).
if (want(4)) {
  const txt = child(['--child-txt', String(RUNS)]);
  console.log(`\n## 4. TXT parse + check per notice (fresh process without pdf.js, warm, default packs: ${txt.rules} rules)`);
  console.log(`${'notice'.padEnd(16)}${'parse'.padEnd(12)}${'check'.padEnd(12)}total`);
  for (const r of txt.rows) console.log(`${r.name.padEnd(16)}${ms(r.parse).padEnd(12)}${ms(r.check).padEnd(12)}${ms(r.total)}`);
  const totals = txt.rows.map((r) => r.total);
  console.log(`median ${ms(median(totals))} per notice, max ${ms(Math.max(...totals))} (target ≤ 10 ms)`);
}

// 5. diff and matrix on the five notices (parsed from TXT).
const { ingestFile } = await import(dist('ingest/index.js'));
const { parseSource } = await import(dist('parse.js'));
if (want(5)) {
  const { diffNotices, matrix } = await import(dist('diff/index.js'));
  const notices = [];
  const parseTimes = [];
  for (const name of NOTICES) {
    const t = performance.now();
    notices.push(parseSource(await ingestFile(`fixtures/${name}.txt`)));
    parseTimes.push(performance.now() - t);
  }
  const pairs = [];
  for (let i = 0; i < notices.length; i++) for (let j = i + 1; j < notices.length; j++) pairs.push([i, j]);
  diffNotices(notices[0], notices[1]);
  const diffTimes = pairs.map(([i, j]) => {
    const xs = [];
    for (let k = 0; k < Math.max(3, Math.floor(RUNS / 2)); k++) {
      const t = performance.now();
      diffNotices(notices[i], notices[j]);
      xs.push(performance.now() - t);
    }
    return median(xs);
  });
  matrix(notices);
  const matrixTimes = [];
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    matrix(notices);
    matrixTimes.push(performance.now() - t);
  }
  console.log('\n## 5. diff and matrix (in-process, warm, notices parsed from TXT)');
  console.log(`diffNotices, one pair       median ${ms(median(diffTimes))} over ${pairs.length} pairs (max ${ms(Math.max(...diffTimes))}); baseline: parsing the two notices ${ms(2 * median(parseTimes))}`);
  console.log(`matrix of the 5 notices     ${ms(median(matrixTimes))}; baseline: parsing the five ${ms(parseTimes.reduce((a, b) => a + b, 0))}`);
}

// 6. A batch of 1,000 notices: copies of the 20 fixture files (5 notices × txt/pdf/docx/doc).
if (want(6)) {
  const sources = NOTICES.flatMap((n) => FORMATS.map((ext) => `fixtures/${n}.${ext}`)).filter(existsSync);
  const batchDir = mkdtempSync(join(tmpdir(), 'gkcheck-bench-'));
  const copies = Math.ceil(1000 / sources.length);
  let made = 0;
  for (let k = 0; k < copies && made < 1000; k++) {
    const sub = join(batchDir, String(k).padStart(3, '0'));
    mkdirSync(sub);
    for (const s of sources) {
      if (made >= 1000) break;
      copyFileSync(s, join(sub, s.split('/').pop()));
      made++;
    }
  }
  console.log(`\n## 6. Batch of ${made} notices, gkcheck check (${sources.length} fixture files × ${copies}, all formats; fresh process each, median of ${BATCH_RUNS})`);
  const runsByJobs = new Map([[1, []], [cores, []]]);
  for (let r = 0; r < BATCH_RUNS; r++) {
    for (const jobs of runsByJobs.keys()) runsByJobs.get(jobs).push(child(['--child-batch', batchDir, String(jobs)]));
  }
  const stat = (rs) => ({ ms: median(rs.map((x) => x.ms)), rss: Math.max(...rs.map((x) => x.maxRssKb)), s: rs[0].summary, n: rs[0].results, cores: median(rs.map((x) => x.cores)) });
  const one = stat(runsByJobs.get(1));
  const many = stat(runsByJobs.get(cores));
  const rate = (x) => (x.n / (x.ms / 1000)).toFixed(1);
  console.log(`1 worker      ${(one.ms / 1000).toFixed(1)} s   ${rate(one)} notices/s   peak RSS ${mb(one.rss)}   CPU ${one.cores.toFixed(2)} cores   (ok ${one.s.ok}, findings ${one.s.findings}, failed ${one.s.failed})`);
  console.log(`${cores} workers     ${(many.ms / 1000).toFixed(1)} s   ${rate(many)} notices/s   peak RSS ${mb(many.rss)}   CPU ${many.cores.toFixed(2)} cores`);
  console.log(`speed-up ${(one.ms / many.ms).toFixed(2)}× with ${cores} workers (target ≥ 1.8× with 2)`);
  console.log(`peak RSS ${mb(Math.max(one.rss, many.rss))} (target ≤ 300 MB)`);
  rmSync(batchDir, { recursive: true, force: true });
}

// 7. The 2,000-page PDF (fixtures/bad/pages-2000.pdf, from scripts/make-bad-fixtures.mjs).
const big = 'fixtures/bad/pages-2000.pdf';
if (want(7) && existsSync(big)) {
  const n = Math.min(RUNS, 3);
  const ingestRuns = Array.from({ length: n }, () => child(['--child-pdf', big, 'ingest']));
  const parseRuns = Array.from({ length: n }, () => child(['--child-pdf', big, 'parse']));
  console.log(`\n## 7. 2,000-page PDF (${big}, fresh process, median of ${n})`);
  const bigPdftotext = hasPdftotext ? timeCommand('pdftotext', ['-layout', big, '/dev/null'], n) : null;
  const ingestMs = median(ingestRuns.map((r) => r.ingestMs));
  console.log(`ingest only        ${(ingestMs / 1000).toFixed(1)} s  (${(ingestMs / 2000).toFixed(1)} ms/page)   peak RSS ${mb(Math.max(...ingestRuns.map((r) => r.maxRssKb)))}${bigPdftotext ? `   vs pdftotext -layout ${(bigPdftotext / 1000).toFixed(1)} s: ${(ingestMs / bigPdftotext).toFixed(1)}×` : ''}`);
  console.log(`ingest + parse     ${(median(parseRuns.map((r) => r.ms)) / 1000).toFixed(1)} s   peak RSS ${mb(Math.max(...parseRuns.map((r) => r.maxRssKb)))} (ingest part ${mb(Math.max(...parseRuns.map((r) => r.ingestRssKb)))}) (target ≤ 300 MB)`);
}

console.log(`\n## 8. Memory\npeak RSS of this benchmark process: ${mb(process.resourceUsage().maxRSS)}`);
