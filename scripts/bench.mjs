#!/usr/bin/env node
// npm run bench — speed and memory on the real fixtures, each figure beside its baseline or target.
// Medians of several runs; nothing here is asserted (timings belong in a benchmark, not a test).
//
// The machine may be loaded (CI, other jobs), so every figure of issue 16's table is printed as
// a RATIO against an anchor measured in the same run — pdftotext -layout, `node -e 0`,
// markdownlint-cli2 on the same texts — with CPU time beside wall time. CPU of a child process
// is read from /proc/self/stat (cutime + cstime of waited-for children; Linux), CPU of this
// process and its worker threads from process.cpuUsage(). The last section prints "## Summary":
// each figure of issue 16 with its target, and issue 15's hostile inputs (time, peak RSS).
// When the machine is too loaded for single runs, `node scripts/bench-ab.mjs REV` measures this
// build against REV's side by side (one process, alternating rounds).
//
//   BENCH_RUNS=11   runs per timing (default 11; fewer for the slow sections, see below)
//   BATCH_RUNS=3    runs of each 1,000-notice batch
//   BATCH_N=1000    notices in section 6's batch
//
// Sections: 1 start-up vs node -e 0 · 2 parse per fixture and format · 3 PDF vs pdftotext -layout
// (poppler-utils is installed with apt-get when missing) · 4 TXT parse + check per notice, in
// process and in a 1,000-notice batch, and gkcheck vs markdownlint-cli2 on the same 1,000 texts ·
// 5 diff, and the coverage matrix at N = 10, 50, 100, 200, 1,000 plans (growth exponent) · 6 a
// 1,000-notice batch (all four formats) with 1 and with N worker threads: throughput, ratio, CPU,
// peak RSS · 7 the 2,000- and 5,000-page PDFs: time per page and peak RSS · 8 a 10,000-notice
// check with a JSON report: peak RSS (BENCH_BIG_N, default 10000; 0 skips) · 9 the hostile inputs
// of issue 15 (fixtures/bad and scripts/make-bad-fixtures.mjs): exit, time, peak RSS per case ·
// 10 summary.
// Peak RSS is measured in a fresh child process (process.resourceUsage().maxRSS; worker
// threads are in the same process, so their memory counts).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  console.log(JSON.stringify({ ms: wall, results: n, summary, maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000, cores: (cpu.user + cpu.system) / 1000 / wall }));
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
      runRules(notice, active, { file });
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
if (mode === '--child-cli') {
  // node scripts/bench.mjs --child-cli ARGS... → one JSON line: the CLI's exit code, wall and CPU
  // ms and peak RSS of this process (worker threads included); its output is discarded.
  const { main } = await import(dist('cli/index.js'));
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  let err = '';
  const code = await main(['node', 'gkcheck', ...process.argv.slice(3)], { out: () => undefined, err: (s) => (err += s) });
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ code, ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, err: err.slice(0, 400) }));
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

/** CPU ms of the children this process has waited for (Linux /proc; NaN elsewhere). */
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // cutime + cstime, in clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** Median wall and CPU ms of a command (fresh process each run); `ok` lists the accepted exit codes. */
function timeCmd(cmd, args, runs = RUNS, ok = [0]) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const c0 = childCpuMs();
    const t = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (!ok.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    walls.push(performance.now() - t);
    cpus.push(childCpuMs() - c0);
  }
  return { wall: median(walls), cpu: median(cpus) };
}
const timeCommand = (cmd, args, runs = RUNS) => timeCmd(cmd, args, runs).wall;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
/** Figures for the summary: [figure, value, target, met?]. */
const summary = [];

function child(args, cwd = ROOT) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
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

// 1. Start-up: the CLI must not pay for PDF/Word libraries it does not use. node -e 0 is the
// anchor of every "per notice" figure below (it says how fast this machine is right now).
const nodeBase = timeCmd('node', ['-e', '0']);
if (want(1)) {
  const version = timeCmd('node', ['bin/gkcheck.js', '--version']);
  const help = timeCmd('node', ['bin/gkcheck.js', '--help']);
  console.log('## 1. Start-up (fresh process; wall / CPU)');
  console.log(`node -e 0                 ${ms(nodeBase.wall)} / ${ms(nodeBase.cpu)}`);
  console.log(`gkcheck --version         ${ms(version.wall)} / ${ms(version.cpu)}   ${ratio(version.wall, nodeBase.wall)} node -e 0 (target ≤ 1.5×)`);
  console.log(`gkcheck --help            ${ms(help.wall)} / ${ms(help.cpu)}   ${ratio(help.wall, nodeBase.wall)} node -e 0 (loads commander)\n`);
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
  console.log('\n## 3. PDF vs pdftotext -layout (fresh processes; wall / CPU)');
  if (hasPdftotext && pdfs.length) {
    const ours = timeCmd('node', ['bin/gkcheck.js', 'parse', ...pdfs, '--format', 'json', '-o', '/dev/null']);
    const theirs = timeCmd('bash', ['-c', pdfs.map((p) => `pdftotext -layout ${p} /dev/null`).join(' && ')]);
    console.log(`gkcheck parse (${pdfs.length} PDFs, one process)  ${ms(ours.wall)} / ${ms(ours.cpu)}  vs pdftotext ${ms(theirs.wall)} / ${ms(theirs.cpu)}: wall ${ratio(ours.wall, theirs.wall)}, CPU ${ratio(ours.cpu, theirs.cpu)} (target ≤ 4×, aim 2×)`);
    summary.push(['5 seed PDFs in one parse ÷ pdftotext (CPU)', ratio(ours.cpu, theirs.cpu), '≤ 4×', ours.cpu / theirs.cpu <= 4]);
    const ones = pdfs.map((p) => {
      const a = timeCmd('node', ['bin/gkcheck.js', 'parse', p, '--format', 'json', '-o', '/dev/null'], Math.max(3, Math.floor(RUNS / 2)));
      const b = timeCmd('pdftotext', ['-layout', p, '/dev/null'], Math.max(3, Math.floor(RUNS / 2)));
      console.log(`  1 PDF ${p.padEnd(28)} ${ms(a.wall)} / ${ms(a.cpu)}  vs ${ms(b.wall)} / ${ms(b.cpu)}: wall ${ratio(a.wall, b.wall)}, CPU ${ratio(a.cpu, b.cpu)}`);
      return a.cpu / b.cpu;
    });
    const worst = Math.max(...ones);
    console.log(`one PDF ÷ pdftotext: CPU ${median(ones).toFixed(1)}× median, ${worst.toFixed(1)}× worst (target ≤ 6×)`);
    summary.push(['one PDF ÷ pdftotext (CPU, worst of 5)', `${worst.toFixed(1)}×`, '≤ 6×', worst <= 6]);
  } else console.log('pdftotext not installed and apt-get not available (apt-get install poppler-utils poppler-data): skipped');
}

/** A temp folder of `n` copies of `sources` (cycled), 100 a sub-folder; `ext` renames them (markdownlint reads .md). */
function copies(n, sources, ext) {
  const dir = mkdtempSync(join(tmpdir(), 'gkcheck-bench-'));
  for (let k = 0; k < n; k++) {
    const sub = join(dir, String(Math.floor(k / 100)).padStart(3, '0'));
    if (k % 100 === 0) mkdirSync(sub);
    const src = sources[k % sources.length];
    const base = src.split('/').pop();
    copyFileSync(src, join(sub, `${String(k).padStart(5, '0')}-${ext ? base.replace(/\.[^.]+$/, ext) : base}`));
  }
  return dir;
}
const TXTS = NOTICES.map((n) => `fixtures/${n}.txt`);

// 4. TXT parse + check per notice, warm, default packs, in a fresh process that never loaded
// pdf.js (whose core-js replaces Array.prototype.push and JSON.parse for the whole process);
// then the same as a batch of 1,000 (what `gkcheck check folder/` costs per notice), and
// gkcheck vs markdownlint-cli2 on the same 1,000 texts (both lint text with a rule set).
if (want(4)) {
  const txt = child(['--child-txt', String(RUNS)]);
  console.log(`\n## 4. TXT parse + check per notice (fresh process without pdf.js, warm, default packs: ${txt.rules} rules)`);
  console.log(`${'notice'.padEnd(16)}${'parse'.padEnd(12)}${'check'.padEnd(12)}total`);
  for (const r of txt.rows) console.log(`${r.name.padEnd(16)}${ms(r.parse).padEnd(12)}${ms(r.check).padEnd(12)}${ms(r.total)}`);
  const totals = txt.rows.map((r) => r.total);
  console.log(`in process: median ${ms(median(totals))} per notice, max ${ms(Math.max(...totals))}`);

  const dir = copies(1000, TXTS);
  const b = child(['--child-batch', dir, '1']);
  // CPU of the whole process (main thread, worker, GC) from the start of the batch, rule loading included.
  const perNotice = b.cpuMs / b.results;
  console.log(`batch of ${b.results} TXT notices, 1 worker: ${(b.ms / 1000).toFixed(1)} s wall, ${(b.cpuMs / 1000).toFixed(1)} s CPU → ${ms(perNotice)} CPU per notice (= ${(perNotice / nodeBase.cpu).toFixed(2)}× the CPU of node -e 0) (target ≤ 10 ms, aim 5 ms)`);
  summary.push(['TXT parse + full check per notice, batch (CPU)', ms(perNotice), '≤ 10 ms', perNotice <= 10]);

  const mdl = join(ROOT, 'node_modules/.bin/markdownlint-cli2');
  if (existsSync(mdl)) {
    const mdDir = copies(1000, TXTS, '.md');
    const ours = timeCmd('node', ['bin/gkcheck.js', 'check', dir, '--format', 'json', '-o', '/dev/null', '--quiet'], 3, [0, 1]);
    const theirs = timeCmd(mdl, [`${mdDir}/**/*.md`], 3, [0, 1]);
    console.log(`gkcheck check on the 1,000 texts ${(ours.wall / 1000).toFixed(1)} s / ${(ours.cpu / 1000).toFixed(1)} s CPU vs markdownlint-cli2 ${(theirs.wall / 1000).toFixed(1)} s / ${(theirs.cpu / 1000).toFixed(1)} s CPU: wall ${ratio(ours.wall, theirs.wall)}, CPU ${ratio(ours.cpu, theirs.cpu)} (target ≤ 1×)`);
    summary.push(['gkcheck ÷ markdownlint-cli2, same 1,000 texts (CPU)', ratio(ours.cpu, theirs.cpu), '≤ 1×', ours.cpu <= theirs.cpu]);
    rmSync(mdDir, { recursive: true, force: true });
  } else console.log('markdownlint-cli2 not installed (npm ci installs it as a devDependency): skipped');
  rmSync(dir, { recursive: true, force: true });
}

// 5. diff and the coverage matrix (notices parsed from TXT).
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
  console.log('\n## 5. diff and matrix (in-process, warm, notices parsed from TXT)');
  console.log(`diffNotices, one pair       median ${ms(median(diffTimes))} over ${pairs.length} pairs (max ${ms(Math.max(...diffTimes))}); baseline: parsing the two notices ${ms(2 * median(parseTimes))}`);
  // The matrix of N plans: the five notices cycled, each copy with one section in seven left
  // out (a different one per copy), so copies are similar plans, not identical ones.
  const variant = (n, k) => ({ ...n, source: { ...n.source, path: `${n.source.path}#${k}` }, sections: n.sections.map((s, i) => ({ ...s, children: s.children.filter((_c, j) => (i + j + k) % 7 !== 0) })) });
  const plansOf = (N) => Array.from({ length: N }, (_x, k) => variant(notices[k % notices.length], Math.floor(k / notices.length)));
  matrix(plansOf(10));
  const rows = [];
  for (const N of [10, 50, 100, 200, 1000]) {
    const plans = plansOf(N);
    const c0 = process.cpuUsage();
    const t = performance.now();
    const m = matrix(plans);
    const wall = performance.now() - t;
    const c = process.cpuUsage(c0);
    rows.push({ N, wall, cpu: (c.user + c.system) / 1000, topics: m.rows.length });
  }
  console.log(`coverage matrix, N plans (wall / CPU, topics; growth = log(t2/t1)/log(N2/N1), 1.0 = linear)`);
  rows.forEach((r, i) => {
    const g = i ? (Math.log(r.cpu / rows[i - 1].cpu) / Math.log(r.N / rows[i - 1].N)).toFixed(2) : '-';
    console.log(`  N=${String(r.N).padEnd(5)} ${ms(r.wall).padStart(10)} / ${ms(r.cpu).padStart(10)}   ${(r.cpu / r.N).toFixed(1)} ms/plan   ${r.topics} topics   growth ${g}`);
  });
  const r200 = rows.find((r) => r.N === 200);
  const overall = Math.log(rows.at(-1).cpu / rows[1].cpu) / Math.log(rows.at(-1).N / rows[1].N);
  summary.push(['200-plan coverage matrix (CPU)', `${(r200.cpu / 1000).toFixed(2)} s`, '≤ 5 s', r200.cpu <= 5000]);
  summary.push(['matrix growth N=50→1,000 (exponent)', overall.toFixed(2), 'linear (≈ 1)', overall <= 1.2]);
}

// 6. A batch of 1,000 notices: copies of the 20 fixture files (5 notices × txt/pdf/docx/doc).
if (want(6)) {
  const sources = NOTICES.flatMap((n) => FORMATS.map((ext) => `fixtures/${n}.${ext}`)).filter(existsSync);
  const BATCH_N = Number(process.env.BATCH_N ?? 1000);
  const batchDir = copies(BATCH_N, sources);
  console.log(`\n## 6. Batch of ${BATCH_N} notices, gkcheck check (${sources.length} fixture files, all formats; fresh process each, median of ${BATCH_RUNS})`);
  const runsByJobs = new Map([[1, []], [cores, []]]);
  for (let r = 0; r < BATCH_RUNS; r++) {
    for (const jobs of runsByJobs.keys()) runsByJobs.get(jobs).push(child(['--child-batch', batchDir, String(jobs)]));
  }
  const stat = (rs) => ({ ms: median(rs.map((x) => x.ms)), cpuMs: median(rs.map((x) => x.cpuMs)), rss: Math.max(...rs.map((x) => x.maxRssKb)), s: rs[0].summary, n: rs[0].results, cores: median(rs.map((x) => x.cores)) });
  const one = stat(runsByJobs.get(1));
  const many = stat(runsByJobs.get(cores));
  const rate = (x) => (x.n / (x.ms / 1000)).toFixed(1);
  console.log(`1 worker      ${(one.ms / 1000).toFixed(1)} s   CPU ${(one.cpuMs / 1000).toFixed(1)} s   ${rate(one)} notices/s   peak RSS ${mb(one.rss)}   (ok ${one.s.ok}, findings ${one.s.findings}, failed ${one.s.failed})`);
  console.log(`${cores} workers     ${(many.ms / 1000).toFixed(1)} s   CPU ${(many.cpuMs / 1000).toFixed(1)} s   ${rate(many)} notices/s   peak RSS ${mb(many.rss)}   ${many.cores.toFixed(2)} cores busy`);
  console.log(`speed-up ${ratio(one.ms, many.ms)} with ${cores} workers (target ≥ 1.8× with 2); CPU ${ratio(many.cpuMs, one.cpuMs)} of 1 worker's`);
  summary.push([`${cores} workers ÷ 1 worker, ${BATCH_N} notices (wall speed-up)`, ratio(one.ms, many.ms), '≥ 1.8×', one.ms / many.ms >= 1.8]);
  rmSync(batchDir, { recursive: true, force: true });
}

// 7. Big PDFs: fixtures/bad/pages-2000.pdf and a 5,000-page one made the same way.
const big = 'fixtures/bad/pages-2000.pdf';
if (want(7) && existsSync(big)) {
  const n = Math.min(RUNS, 3);
  const { makePdf, pageBodies } = await import(pathToFileURL(join(ROOT, 'scripts/make-bad-fixtures.mjs')).href);
  const tmp = mkdtempSync(join(tmpdir(), 'gkcheck-bench-pdf-'));
  const big5 = join(tmp, 'pages-5000.pdf');
  writeFileSync(big5, makePdf(5000, pageBodies(readFileSync('fixtures/huating-2022.txt', 'utf8'))));
  console.log(`\n## 7. Big PDFs (fresh process, median of ${n})`);
  const perPage = {};
  for (const [file, pages] of [[big, 2000], [big5, 5000]]) {
    const runs = Array.from({ length: n }, () => child(['--child-pdf', file, 'parse']));
    const tt = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.maxRssKb));
    const pt = hasPdftotext ? timeCmd('pdftotext', ['-layout', file, '/dev/null'], n) : null;
    perPage[pages] = tt / pages;
    console.log(`${pages} pages   ingest + parse ${(tt / 1000).toFixed(1)} s (${(tt / pages).toFixed(2)} ms/page)   peak RSS ${mb(rss)}${pt ? `   vs pdftotext -layout ${(pt.wall / 1000).toFixed(1)} s: ${ratio(tt, pt.wall)}` : ''}`);
    if (pages === 2000) summary.push(['2,000-page PDF peak RSS', mb(rss), '≤ 300 MB', rss / 1024 <= 300]);
  }
  const growth = Math.log((perPage[5000] * 5000) / (perPage[2000] * 2000)) / Math.log(5000 / 2000);
  console.log(`growth 2,000 → 5,000 pages: exponent ${growth.toFixed(2)} (1.0 = linear in pages)`);
  summary.push(['PDF pages 2,000 → 5,000 (time exponent)', growth.toFixed(2), 'linear (≈ 1)', growth <= 1.2]);
  rmSync(tmp, { recursive: true, force: true });
}

// 8. A 10,000-notice check with a JSON report to a file: peak RSS must stay flat (the report is
// streamed, not held). TXT copies, so the run takes minutes, not an hour.
const BIG_N = Number(process.env.BENCH_BIG_N ?? 10_000);
if (want(8) && BIG_N > 0) {
  console.log(`\n## 8. gkcheck check of ${BIG_N} TXT notices, --format json -o file (fresh process)`);
  const rssOf = [];
  for (const N of [1000, BIG_N]) {
    const dir = copies(N, TXTS);
    const r = child(['--child-cli', 'check', dir, '--format', 'json', '-o', join(dir, 'report.json'), '--quiet']);
    rssOf.push(r.maxRssKb);
    console.log(`${String(N).padEnd(6)} notices   ${(r.ms / 1000).toFixed(1)} s   CPU ${(r.cpuMs / 1000).toFixed(1)} s   peak RSS ${mb(r.maxRssKb)}   exit ${r.code}`);
    rmSync(dir, { recursive: true, force: true });
  }
  summary.push([`${BIG_N}-notice check, peak RSS`, mb(rssOf[1]), '≤ 300 MB, flat', rssOf[1] / 1024 <= 300]);
  console.log(`RSS at ${BIG_N} ÷ at 1,000: ${ratio(rssOf[1], rssOf[0])} (flat = 1.0)`);
}

// 9. Issue 15's hostile inputs: each through `gkcheck parse` (and a second command) in a fresh
// process with the default limits: exit, wall and CPU time, peak RSS (worker threads included).
const hostile = [];
if (want(9)) {
  const make = await import(pathToFileURL(join(ROOT, 'scripts/make-bad-fixtures.mjs')).href);
  const tmp = mkdtempSync(join(tmpdir(), 'gkcheck-bench-hostile-'));
  const cases = readdirSync('fixtures/bad')
    .filter((f) => /^(docx-|xlsx-|pdf-|gridspan|zip-bomb)/.test(f))
    .map((f) => join(ROOT, 'fixtures/bad', f));
  for (const [name, text] of Object.entries(make.hostileTexts())) {
    writeFileSync(join(tmp, name), text);
    cases.push(join(tmp, name));
  }
  const bodies = make.pageBodies(readFileSync('fixtures/huating-2022.txt', 'utf8'));
  writeFileSync(join(tmp, 'pages-20000.pdf'), make.makePdf(20000, bodies));
  cases.push(join(tmp, 'pages-20000.pdf'));
  console.log('\n## 9. Hostile inputs (issue 15), default limits, fresh process each');
  console.log(`${'case'.padEnd(28)}${'command'.padEnd(9)}exit   wall      CPU       peak RSS`);
  for (const file of cases) {
    const name = file.split('/').pop();
    for (const cmd of ['parse', 'check']) {
      const args = cmd === 'parse' ? ['parse', file, '--format', 'json', '-o', '/dev/null'] : ['check', file, '--format', 'json', '-o', '/dev/null', '--quiet'];
      const r = child(['--child-cli', ...args], tmp);
      hostile.push({ name, cmd, ...r });
      console.log(`${name.padEnd(28)}${cmd.padEnd(9)}${String(r.code).padEnd(7)}${`${(r.ms / 1000).toFixed(1)} s`.padEnd(10)}${`${(r.cpuMs / 1000).toFixed(1)} s`.padEnd(10)}${mb(r.maxRssKb)}`);
    }
  }
  const worstMs = Math.max(...hostile.map((h) => h.ms));
  const worstRss = Math.max(...hostile.map((h) => h.maxRssKb));
  summary.push(['hostile inputs: slowest run', `${(worstMs / 1000).toFixed(1)} s`, '≤ 60 s', worstMs <= 60_000]);
  summary.push(['hostile inputs: highest peak RSS', mb(worstRss), '≤ 1.5 GB', worstRss / 1024 <= 1536]);
  summary.push(['hostile inputs: exit codes', [...new Set(hostile.map((h) => h.code))].sort().join(', '), '0, 1 or 2', hostile.every((h) => [0, 1, 2].includes(h.code))]);
  rmSync(tmp, { recursive: true, force: true });
}

console.log(`\n## 10. Summary (issue 16's table and issue 15's bounds; ratios against anchors measured in this run)`);
for (const [what, value, target, met] of summary) console.log(`${met ? 'met    ' : 'NOT met'}  ${what.padEnd(56)} ${String(value).padEnd(12)} target ${target}`);
console.log(`\npeak RSS of this benchmark process: ${mb(process.resourceUsage().maxRSS)}`);
