/**
 * The bad-input catalogue (fixtures/bad/, fixtures/encodings/; see fixtures/README.md and
 * scripts/make-bad-fixtures.mjs): one test per item, each through the real CLI
 * (`node bin/gkcheck.js parse|check ...`) run in a scratch folder that holds copies of its
 * inputs. Each test checks the bilingual message, the exit code, and that nothing was
 * written where it should not be: the folder afterwards holds exactly the inputs, byte for
 * byte, plus the one output file a successful run asked for (no partial or temp files).
 *
 * A folder with unreadable files is a batch input: it goes through runBatch (the CLI's
 * batch front end is wired separately). Tests run as root in CI, and root reads a
 * chmod-000 file anyway, so that case also uses what stays unreadable for root: a dangling
 * symlink and a FIFO named like a notice; the chmod-000 file and folder are only expected
 * to fail when not running as root.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { runBatch, type BatchResult } from '../../src/batch/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/gkcheck.js');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A scratch folder holding copies of the given repo files (by base name). */
function sandbox(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gk-bad-'));
  for (const f of files) copyFileSync(join(ROOT, f), join(dir, basename(f)));
  return dir;
}

/** name → sha256 of every file in the folder (recursively). */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, snapshot(p, `${prefix}${e.name}/`));
    else if (e.isFile()) out[prefix + e.name] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

function gkcheck(cwd: string, ...args: string[]) {
  // The time limit only guards against a hang; nothing here asserts on speed.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** An input the CLI must refuse: exit 2, both languages, the file named, no stack, nothing written. */
function expectRefused(fixture: string, zh: RegExp, en: RegExp): string {
  const dir = sandbox([fixture]);
  const name = basename(fixture);
  const before = snapshot(dir);
  const r = gkcheck(dir, 'parse', name, '--format', 'json', '-o', 'out.json');
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(new RegExp(`^错误：${name}: `, 'm'));
  expect(r.err).toMatch(new RegExp(`^Error: ${name}: `, 'm'));
  expect(r.err).toMatch(zh);
  expect(r.err).toMatch(en);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(snapshot(dir)).toEqual(before);
  return r.err;
}

/** An input the CLI must read: exit 0, the output only where -o says. */
function expectParsed(fixture: string): { notice: Record<string, any>; err: string } {
  const dir = sandbox([fixture]);
  const name = basename(fixture);
  const before = snapshot(dir);
  const r = gkcheck(dir, 'parse', name, '--format', 'json', '-o', 'out.json');
  expect(r.code).toBe(0);
  expect(r.out).toBe('');
  const after = snapshot(dir);
  expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'out.json'].sort());
  for (const k of Object.keys(before)) expect(after[k]).toBe(before[k]);
  return { notice: JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')), err: r.err };
}

describe('bad documents: parse refuses them with a bilingual message, exit 2, nothing written', () => {
  it('encrypted PDF (user password)', () => {
    expectRefused('fixtures/bad/encrypted.pdf', /已加密.*去除打开密码/, /encrypted: remove the open password/);
  });

  it('scanned PDF (images, no text layer)', () => {
    expectRefused('fixtures/bad/scanned.pdf', /扫描件（2 页均为图片/, /is a scan \(all 2 pages are images/);
  });

  it('truncated PDF', () => {
    expectRefused('fixtures/bad/truncated.pdf', /已损坏或不完整/, /damaged or incomplete/);
  });

  it('zero-byte file (.txt and .pdf)', () => {
    expectRefused('fixtures/bad/empty.txt', /文件是空的/, /The file is empty/);
    expectRefused('fixtures/bad/empty.pdf', /文件是空的/, /The file is empty/);
  });

  it('random bytes', () => {
    expectRefused('fixtures/bad/random.bin', /无法识别该文件的格式/, /format is not recognised/);
  });

  it('a ZIP that is not a DOCX', () => {
    expectRefused('fixtures/bad/not-a-docx.docx', /ZIP 压缩包，不是 Word 文档/, /ZIP archive, not a Word document/);
  });

  it('a DOCX with no body', () => {
    expectRefused('fixtures/bad/no-body.docx', /没有正文文字/, /no body text/);
  });

  it('text that is junk in every encoding', () => {
    expectRefused('fixtures/bad/garbage.txt', /乱码|质量|编码/, /garbage|quality|encoding/);
  });

  it('an image', () => {
    expectRefused('fixtures/bad/image.png', /图片|无法识别/, /image|not recognised/);
  });

  // Found by `npm run fuzz` (input #9411 of seed 20220601): on this damaged PDF pdf-parse's
  // getText() leaves rejected pdf.js promises nobody awaits ("XRefEntryException: Bad
  // (uncompressed) XRef entry: 16R"). bin/gkcheck.js ignores such stragglers, so the user sees
  // the message and exit 2, not Node's crash (exit 1, as if there were findings, and a stack).
  it('a PDF that leaves a stray pdf.js rejection: exit 2, no stack', () => {
    expectRefused('fixtures/bad/fuzz-stray-rejection.pdf', /没有文字/, /has text/);
  });
});

describe('hard but valid documents: parsed, output only where asked', () => {
  it('PDF damaged mid-file: parses, with one warning that gives the quality figure', () => {
    const { notice, err } = expectParsed('fixtures/bad/damaged-middle.pdf');
    expect(notice.source.quality.score).toBeLessThan(0.95);
    expect(err).toMatch(/警告：.*文字质量偏低（\d+(\.\d)?%/);
    expect(err).toMatch(/Warning: .*text quality is low \(\d+(\.\d)?%/);
    // One quality warning for the whole file, not one per page. The damage also ate the
    // label 一、, and the reader says where it went on from: that points at the place to check.
    expect(err.match(/文字质量偏低/g)?.length).toBe(1);
    const others = (err.match(/警告：[^\n]*/g) ?? []).filter((w) => !w.includes('文字质量偏低'));
    for (const w of others) expect(w).toMatch(/没有找到标题编号“[一二三四五六七八九十]+、”/);
  });

  it('GBK/GB18030 text without BOM (a full notice and a 17-byte line)', () => {
    const full = expectParsed('fixtures/encodings/qixia-2022.gb18030.txt');
    expect(full.notice.source.encoding).toBe('gb18030');
    expect(full.notice.meta.docNumber).toBe('栖政办发〔2022〕10号');
    const short = expectParsed('fixtures/encodings/short.gbk.txt');
    expect(short.notice.source.encoding).toBe('gb18030');
  });

  it('a 2,000-page PDF', () => {
    const { notice } = expectParsed('fixtures/bad/pages-2000.pdf');
    expect(notice.source.pages).toBe(2000);
    expect(notice.source.format).toBe('pdf');
    expect(notice.meta.title).toMatch(/政务公开工作要点/);
    expect(notice.sections.length).toBeGreaterThan(0);
  });
});

describe('bad rule files: check refuses them with file, line and column, exit 2, no report', () => {
  function expectRuleFileRefused(rules: string, zh: RegExp, en: RegExp): void {
    const dir = sandbox(['fixtures/qixia-2022.txt', rules]);
    const before = snapshot(dir);
    const r = gkcheck(dir, 'check', 'qixia-2022.txt', '--rules', basename(rules), '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(basename(rules));
    expect(r.err).toMatch(/错误：.*第\d+行第\d+列/);
    expect(r.err).toMatch(/Error: .*line \d+, column \d+/);
    expect(r.err).toMatch(zh);
    expect(r.err).toMatch(en);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(snapshot(dir)).toEqual(before);
  }

  it('a YAML syntax error', () => {
    expectRuleFileRefused('fixtures/bad/rules-yaml-error.yaml', /第8行第5列：YAML 语法错误/, /line 8, column 5: YAML syntax error/);
  });

  it('an unknown rule kind', () => {
    expectRuleFileRefused('fixtures/bad/rules-unknown-kind.yaml', /kind 取值应为 require/, /kind must be one of require/);
  });

  it('a pattern RE2 cannot run (lookahead) is refused when the pack loads', () => {
    expectRuleFileRefused('fixtures/bad/rules-lookaround.yaml', /正则表达式无效（RE2/, /invalid regular expression \(RE2/);
  });

  it('a catastrophic regex, (a+)+$, runs in linear time on RE2: no hang, the right answer', () => {
    const dir = sandbox(['fixtures/bad/catastrophic.txt', 'fixtures/bad/rules-catastrophic-regex.yaml']);
    // 30,000 × "a" then "!": no match — the case that hangs a backtracking engine.
    writeFileSync(join(dir, 'ends-in-a.txt'), readFileSync(join(dir, 'catastrophic.txt'), 'utf8').replace(/!\n$/, '\n'));
    const before = snapshot(dir);
    const clean = gkcheck(dir, 'check', 'catastrophic.txt', '--rules', 'rules-catastrophic-regex.yaml', '--fail-on', 'warning', '--format', 'json');
    expect(clean.signal).toBeNull();
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out).findings).toEqual([]);
    // The same text ending in the run of "a": the pattern matches, so it did run.
    const hit = gkcheck(dir, 'check', 'ends-in-a.txt', '--rules', 'rules-catastrophic-regex.yaml', '--fail-on', 'warning', '--format', 'json');
    expect(hit.code).toBe(1);
    const findings = JSON.parse(hit.out).findings as { ruleId: string; message: { zh: string; en: string } }[];
    expect(findings.map((f) => f.ruleId)).toEqual(['no-runaway-a']);
    expect(findings[0].message.zh).toMatch(/以 a 结尾/);
    expect(findings[0].message.en).toMatch(/ends in a run of a/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a folder with unreadable files', () => {
  it('reports each unreadable file in its place and processes the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-bad-dir-'));
    copyFileSync(join(ROOT, 'fixtures/qixia-2022.txt'), join(dir, 'a-good.txt'));
    symlinkSync(join(dir, 'gone.pdf'), join(dir, 'b-dangling.pdf'));
    const fifo = spawnSync('mkfifo', [join(dir, 'c-fifo.txt')]);
    const haveFifo = fifo.status === 0;
    copyFileSync(join(ROOT, 'fixtures/mudan-2022.txt'), join(dir, 'd-locked.txt'));
    chmodSync(join(dir, 'd-locked.txt'), 0o000);
    mkdirSync(join(dir, 'e-locked-dir'));
    copyFileSync(join(ROOT, 'fixtures/huating-2022.txt'), join(dir, 'e-locked-dir', 'inner.txt'));
    chmodSync(join(dir, 'e-locked-dir'), 0o000);
    mkdirSync(join(dir, 'f-folder.docx')); // a folder named like a file: walked, not read
    copyFileSync(join(ROOT, 'fixtures/zhaoyuan-2021.docx'), join(dir, 'f-folder.docx', 'inner.docx'));
    copyFileSync(join(ROOT, 'fixtures/huating-2022.docx'), join(dir, 'g-good.docx'));
    const before = readdirSync(dir).sort();

    const results: BatchResult[] = [];
    const summary = await runBatch([dir], { job: 'parse', jobs: 2, timeoutMs: 60_000 }, (r) => results.push(r));
    chmodSync(join(dir, 'd-locked.txt'), 0o644);
    chmodSync(join(dir, 'e-locked-dir'), 0o755);

    const got = Object.fromEntries(results.map((r) => [r.file.slice(dir.length + 1), r]));
    const expected: Record<string, string> = {
      'a-good.txt': 'ok',
      'b-dangling.pdf': 'failed',
      ...(haveFifo ? { 'c-fifo.txt': 'failed' } : {}),
      'd-locked.txt': isRoot ? 'ok' : 'failed',
      ...(isRoot ? { 'e-locked-dir/inner.txt': 'ok' } : { 'e-locked-dir': 'failed' }),
      'f-folder.docx/inner.docx': 'ok',
      'g-good.docx': 'ok',
    };
    expect(Object.keys(got)).toEqual(Object.keys(expected));
    expect(Object.fromEntries(Object.entries(got).map(([k, r]) => [k, r.status]))).toEqual(expected);
    expect(got['b-dangling.pdf'].error).toMatchObject({ code: 'unreadable' });
    expect(got['b-dangling.pdf'].error!.zh).toMatch(/符号链接指向的文件不存在/);
    expect(got['b-dangling.pdf'].error!.en).toMatch(/symbolic link to a file that does not exist/);
    if (haveFifo) {
      expect(got['c-fifo.txt'].error!.zh).toMatch(/不是普通文件/);
      expect(got['c-fifo.txt'].error!.en).toMatch(/not a regular file/);
    }
    if (!isRoot) {
      expect(got['d-locked.txt'].error!.zh).toMatch(/没有读取权限|无法读取/);
      expect(got['e-locked-dir'].error!.en).toMatch(/Cannot list the folder/);
      expect(got['e-locked-dir'].error!.zh).toMatch(/无法读取该文件夹/);
    }
    expect(summary.failed).toBe(Object.values(expected).filter((s) => s === 'failed').length);
    expect(summary.exitCode).toBe(2);
    // Nothing was written into the folder.
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(statSync(join(dir, 'a-good.txt')).size).toBe(statSync(join(ROOT, 'fixtures/qixia-2022.txt')).size);
  });

  it('the CLI on a dangling symlink: exit 2, bilingual, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-bad-link-'));
    symlinkSync(join(dir, 'gone.pdf'), join(dir, 'link.pdf'));
    const r = gkcheck(dir, 'parse', 'link.pdf', '-o', 'out.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/错误：link\.pdf: /);
    expect(r.err).toMatch(/Error: link\.pdf: /);
    expect(readdirSync(dir)).toEqual(['link.pdf']);
  });
});
