/**
 * The batch engine: files, folders and globs through worker threads, results in input
 * order, one bad file never stops the run, a per-file time limit, a summary whose exit
 * code is the worst outcome. Workers load dist/ (built by test/setup-build.ts).
 * No timing assertions: only what happened, never how fast.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { describeFailure, expandInputs, runBatch, type BatchOptions, type BatchResult, type BatchSummary } from '../../src/batch/index.js';

async function collect(inputs: string[], opts: BatchOptions): Promise<{ results: BatchResult[]; summary: BatchSummary }> {
  const results: BatchResult[] = [];
  const summary = await runBatch(inputs, opts, (r) => results.push(r));
  return { results, summary };
}

const MIXED = [
  'fixtures/qixia-2022.txt',
  'fixtures/bad/empty.txt',
  'fixtures/mudan-2022.docx',
  'fixtures/bad/encrypted.pdf',
  'fixtures/huating-2022.pdf',
  'fixtures/bad/random.bin',
  'fixtures/does-not-exist.pdf',
  'fixtures/zhaoyuan-2021.doc',
  'fixtures/bad/truncated.pdf',
];

describe('runBatch parse over good and bad fixtures', () => {
  it('gives one result per input, in input order, with the right statuses and summary', async () => {
    const { results, summary } = await collect(MIXED, { job: 'parse', jobs: 2 });
    expect(results.map((r) => r.file)).toEqual(MIXED);
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed', 'ok', 'failed', 'ok', 'failed', 'failed', 'ok', 'failed']);
    expect(results.map((r) => r.error?.code ?? null)).toEqual([null, 'empty-file', null, 'encrypted-pdf', null, 'unsupported-format', 'not-found', null, 'corrupt-file']);
    expect(summary).toMatchObject({ total: 9, ok: 4, findings: 0, failed: 5, timedOut: 0, exitCode: 2 });
    for (const r of results) {
      if (r.status === 'ok') {
        expect(r.notice!.source.path).toBe(r.file);
        expect(r.notice!.meta.planYear).toBeGreaterThan(2000);
        expect(r.exitCode).toBe(0);
      } else {
        expect(r.notice).toBeUndefined();
        expect(r.error!.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(r.error!.en).toMatch(/[a-z]/);
        expect(r.exitCode).toBe(2);
        expect(describeFailure(r)).toBe(`错误：${r.file}: ${r.error!.zh}\nError: ${r.file}: ${r.error!.en}\n`);
      }
    }
    expect(results.find((r) => r.file.endsWith('encrypted.pdf'))!.error!.zh).toMatch(/加密/);
  });

  it('exits 0 when every file is fine', async () => {
    const { summary } = await collect(['fixtures/qixia-2022.txt', 'fixtures/huating-2022.docx'], { job: 'parse', jobs: 2 });
    expect(summary).toMatchObject({ total: 2, ok: 2, failed: 0, exitCode: 0 });
  });

  it('jobs=2 gives the same results as jobs=1', async () => {
    const one = await collect(MIXED, { job: 'parse', jobs: 1 });
    const two = await collect(MIXED, { job: 'parse', jobs: 2 });
    const strip = (rs: BatchResult[]) => rs.map(({ ms: _ms, ...r }) => r);
    expect(strip(two.results)).toEqual(strip(one.results));
    expect({ ...two.summary, ms: 0 }).toEqual({ ...one.summary, ms: 0 });
  });
});

describe('runBatch check', () => {
  const files = ['fixtures/huating-2022.txt', 'fixtures/zhaoyuan-2021.docx', 'fixtures/bad/garbage.txt', 'fixtures/qixia-2022.pdf'];

  it('reports findings per file, in order; the exit code is the worst outcome', async () => {
    const { results, summary } = await collect(files, { job: 'check', jobs: 2 });
    expect(results.map((r) => r.file)).toEqual(files);
    expect(results[2].status).toBe('failed');
    expect(results[2].error!.code).toBe('low-text-quality');
    for (const r of [results[0], results[1], results[3]]) {
      expect(r.status).toBe(r.findings!.length > 0 ? 'findings' : 'ok');
      for (const f of r.findings!) expect(f.file).toBe(r.file);
      expect(r.exitCode).toBe(r.findings!.some((f) => f.severity === 'error') ? 1 : 0);
    }
    expect(summary.ok + summary.findings + summary.failed).toBe(4);
    expect(summary.failed).toBe(1);
    expect(summary.exitCode).toBe(2);
  });

  it('without the bad file, exit 1 exactly when a finding is at or above --fail-on', async () => {
    const good = files.filter((f) => !f.includes('bad/'));
    const { results, summary } = await collect(good, { job: 'check', jobs: 2, failOn: 'warning' });
    const atLeastWarning = results.some((r) => r.findings!.some((f) => f.severity !== 'info'));
    expect(summary.exitCode).toBe(atLeastWarning ? 1 : 0);
    expect(summary.findings).toBe(results.filter((r) => r.findings!.length > 0).length);
    const never = await collect(good, { job: 'check', jobs: 2, failOn: 'never' });
    expect(never.summary.exitCode).toBe(0);
  });

  it('rejects an invalid rule file before reading any notice', async () => {
    const results: BatchResult[] = [];
    const run = runBatch(files, { job: 'check', rules: ['fixtures/bad/rules-unknown-kind.yaml'] }, (r) => results.push(r));
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toMatchObject({ code: 'invalid-rule-file' });
    expect(results).toEqual([]);
  });
});

describe('inputs: folders and globs', () => {
  it('walks a folder recursively, notice extensions only, sorted', async () => {
    const items = await expandInputs(['fixtures/encodings']);
    expect(items.map((i) => i.file)).toEqual([
      'fixtures/encodings/huating-2022.utf16be.txt',
      'fixtures/encodings/mudan-2022.utf8bom.txt',
      'fixtures/encodings/qixia-2022.gb18030.txt',
      'fixtures/encodings/short.gbk.txt',
      'fixtures/encodings/zhaoyuan-2021.utf16le.txt',
    ]);
    const all = await expandInputs(['fixtures']);
    expect(all.some((i) => i.file === 'fixtures/fonts/mudan-2022.pdfkit.pdf')).toBe(true);
    expect(all.some((i) => /\.(md|json|png|bin|yaml)$/.test(i.file))).toBe(false);
  });

  it('expands a glob, sorted; a glob that matches nothing is a failed item; a file named twice runs once', async () => {
    const items = await expandInputs(['fixtures/*-2022.docx', 'fixtures/nothing-*.pdf', 'fixtures/qixia-2022.docx']);
    expect(items.map((i) => i.file)).toEqual(['fixtures/huaiyin-2022.docx', 'fixtures/huating-2022.docx', 'fixtures/mudan-2022.docx', 'fixtures/qixia-2022.docx', 'fixtures/nothing-*.pdf']);
    expect(items[4].error?.code).toBe('not-found');
  });
});

describe('time limit and dying workers', () => {
  it('a file that hangs is reported as a timeout; its worker is replaced and the batch goes on', async () => {
    const inputs = ['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt', 'fixtures/huating-2022.txt', 'fixtures/zhaoyuan-2021.txt'];
    const { results, summary } = await collect(inputs, {
      job: 'parse',
      jobs: 1,
      timeoutMs: 2_000,
      testDelays: { 'fixtures/mudan-2022.txt': 120_000 },
    });
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['fixtures/qixia-2022.txt', 'ok'],
      ['fixtures/mudan-2022.txt', 'failed'],
      ['fixtures/huating-2022.txt', 'ok'],
      ['fixtures/zhaoyuan-2021.txt', 'ok'],
    ]);
    const t = results[1].error!;
    expect(t.code).toBe('timeout');
    expect(t.zh).toMatch(/超时.*2 秒/);
    expect(t.en).toMatch(/Timed out after 2 s/);
    expect(summary).toMatchObject({ ok: 3, failed: 1, timedOut: 1, exitCode: 2 });
  });

  it('a tiny time limit on the 2,000-page PDF times out', async () => {
    const { results, summary } = await collect(['fixtures/bad/pages-2000.pdf'], { job: 'parse', jobs: 1, timeoutMs: 50 });
    expect(results[0].status).toBe('failed');
    expect(results[0].error!.code).toBe('timeout');
    expect(summary.timedOut).toBe(1);
  });

  it('a PDF that leaves a stray pdf.js rejection behind does not take the next file down', async () => {
    // fixtures/bad/fuzz-stray-rejection.pdf (found by scripts/fuzz.mjs): pdf.js rejects a
    // promise nobody awaits ("Bad (uncompressed) XRef entry") after ingest has decided.
    const { results, summary } = await collect(['fixtures/bad/fuzz-stray-rejection.pdf', 'fixtures/qixia-2022.txt', 'fixtures/mudan-2022.docx'], { job: 'parse', jobs: 1 });
    expect(results.map((r) => r.status)).toEqual(['failed', 'ok', 'ok']);
    expect(results[0].error!.code).not.toBe('worker-crash');
    expect(summary.exitCode).toBe(2);
  });

  it('a worker that runs out of memory fails only its file', async () => {
    const { results, summary } = await collect(['fixtures/bad/pages-2000.pdf', 'fixtures/qixia-2022.txt'], { job: 'parse', jobs: 1, maxMemoryMb: 12 });
    expect(results.map((r) => r.status)).toEqual(['failed', 'ok']);
    expect(results[0].error!.code).toBe('out-of-memory');
    expect(results[0].error!.zh).toMatch(/内存/);
    expect(summary.exitCode).toBe(2);
  });
});
