#!/usr/bin/env node
// node scripts/grammar-bench.mjs — the parser on long runs of one kind of character (issue 15):
// digits, Chinese numerals, punctuation, heading labels, parentheses, unit lists. Prints the
// milliseconds of the whole parse (parseText) and of the deadline grammar alone at 15k, 30k,
// 60k characters and 1 MB, and the growth ratio 60k/15k (linear ≈ 4, quadratic ≈ 16).
// Needs a build (npm run build). A benchmark figure, not a test (tests assert no time): a ratio
// above 8 is flagged "SUPER-LINEAR?" and the script exits 1, so a regression shows here.
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { parseText } = await import(pathToFileURL(resolve(root, 'dist/parse.js')).href);
const { findDeadlines, parseDeadlineCell } = await import(pathToFileURL(resolve(root, 'dist/extract/deadlines.js')).href);

const RUNS = [
  ['digits', '7'],
  ['一', '一'],
  ['十', '十'],
  ['百', '百'],
  ['mixed numerals', '二十三百'],
  ['punctuation', '，。；'],
  ['heading labels', '一、'],
  ['parentheses', '（'],
  ['unit list', '局、'],
  ['year words', '2022年'],
  ['month words', '1月'],
  ['每', '每'],
  // A task table flattened into one line (textContent of a <table>): header, then rows 1, 2, 3…
  ['glued table', (i) => (i === 0 ? '序号工作任务责任单位完成时限' : `${i}做好政务公开工作。区政府办2022年底前`)],
];
/** `n` characters or a little more of a run: a repeated string, or pieces made by index. */
const runOf = (unit, n) => {
  if (typeof unit === 'string') return unit.repeat(Math.ceil(n / unit.length));
  let s = '';
  for (let i = 0; s.length < n; i++) s += unit(i);
  return s;
};
const MAX_RATIO = 8;
let flagged = 0;
const SIZES = [15_000, 30_000, 60_000, 1_000_000];
const time = (f) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
console.log(`${'run'.padEnd(16)}${SIZES.map((n) => `parse ${n >= 1e6 ? '1M' : n / 1000 + 'k'}`.padStart(12)).join('')}   ratio   grammar 60k`);
for (const [name, unit] of RUNS) {
  const cells = [];
  for (const n of SIZES) {
    const text = '2022年某县政务公开工作要点\n一、总体要求\n' + runOf(unit, n);
    // Best of three below 1 MB: one slow sample on a busy machine is not a super-linear run.
    const tries = n < 1_000_000 ? 3 : 1;
    cells.push(Math.min(...Array.from({ length: tries }, () => time(() => parseText(text)))));
  }
  const line = runOf(unit, 60_000);
  const g = time(() => {
    findDeadlines(line, { planYear: 2022 });
    parseDeadlineCell(line, { planYear: 2022 });
  });
  const ratio = cells[2] / cells[0];
  const flag = ratio > MAX_RATIO ? '   SUPER-LINEAR?' : '';
  if (flag) flagged++;
  console.log(`${name.padEnd(16)}${cells.map((t) => `${t.toFixed(0)} ms`.padStart(12)).join('')}   ${ratio.toFixed(1).padStart(5)}   ${g.toFixed(0)} ms${flag}`);
}
if (flagged) process.exitCode = 1;
