/**
 * The command line as a user meets it: bad inputs give a bilingual message naming the file,
 * exit 2 and no stack trace; outputs are written whole or not at all, never over an input.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { gk, gkProc } from './helpers/cli.js';

// In this process (main(), what bin/gkcheck.js runs); the real process where only it can show
// the behaviour. test/slow/bad-inputs.test.ts runs every bad input through a real process.
const gkcheck = (...args: string[]) => gk(args);

describe('bad input: message in Chinese and English, the file named, exit 2, no stack', () => {
  const cases: [string, RegExp][] = [
    ['fixtures/bad/encrypted.pdf', /加密/],
    ['fixtures/bad/scanned.pdf', /扫描/],
    ['fixtures/bad/truncated.pdf', /损坏|不完整/],
    ['fixtures/bad/empty.txt', /空/],
    ['fixtures/bad/empty.pdf', /空/],
    ['fixtures/bad/random.bin', /不支持|无法识别/],
    ['fixtures/bad/not-a-docx.docx', /不支持|不是/],
    ['fixtures/bad/no-body.docx', /空|没有/],
    ['fixtures/bad/garbage.txt', /乱码|质量|编码/],
    ['fixtures/bad/image.png', /不支持|图片/],
    ['fixtures/does-not-exist.pdf', /不存在|找不到/],
  ];
  it.each(cases)('%s', async (file, zh) => {
    const r = await gkcheck('parse', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(zh);
    expect(r.err).toMatch(/错误/);
    expect(r.err).toMatch(/Error:/);
    expect(r.err).toContain(file);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('the same through a real process: exit status 2, the message, no stack', () => {
    const r = gkProc(['parse', 'fixtures/bad/truncated.pdf']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/错误：fixtures\/bad\/truncated\.pdf: .*(损坏|不完整)/);
    expect(r.err).toMatch(/Error: fixtures\/bad\/truncated\.pdf: /);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('a pipe named like a notice is refused at once instead of blocking the read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-'));
    const fifo = join(dir, 'notice.txt');
    spawnSync('mkfifo', [fifo]);
    const r = await gkcheck('parse', fifo);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是普通文件/);
    expect(r.err).toContain(fifo);
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const r = spawnSync('bash', ['-c', 'node bin/gkcheck.js parse fixtures/huaiyin-2022.txt | head -1; echo "status ${PIPESTATUS[0]}"'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/status 0/);
    expect(r.stderr).not.toMatch(/EPIPE|^\s+at /m);
  });

  it('an owner-password-only PDF still opens', async () => {
    const r = await gkcheck('parse', 'fixtures/bad/encrypted-owner-only.pdf', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).meta.docNumber).toBe('栖政办发〔2022〕10号');
  });

  it('a usage error is exit 2 with a message', async () => {
    const r = await gkcheck('parse', 'fixtures/qixia-2022.txt', '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/xml/);
  });
});

describe('outputs', () => {
  it('writes YAML by default and JSON on request, the same model', async () => {
    const y = await gkcheck('parse', 'fixtures/zhaoyuan-2021.txt');
    const j = await gkcheck('parse', 'fixtures/zhaoyuan-2021.txt', '--format', 'json');
    expect(y.code).toBe(0);
    expect(YAML.parse(y.out)).toEqual(JSON.parse(j.out));
  });

  it('several inputs give an array in input order; --out-dir gives one file each', async () => {
    const j = await gkcheck('parse', 'fixtures/qixia-2022.txt', 'fixtures/mudan-2022.docx', '--format', 'json');
    expect(JSON.parse(j.out).map((n: { source: { format: string } }) => n.source.format)).toEqual(['txt', 'docx']);
    const dir = mkdtempSync(join(tmpdir(), 'gk-'));
    const r = await gkcheck('parse', 'fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt', '--out-dir', dir);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['mudan-2022.yaml', 'qixia-2022.yaml']);
  });

  it('never writes over an input, and leaves no partial file when a parse fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-'));
    const input = join(dir, 'notice.txt');
    copyFileSync('fixtures/huating-2022.txt', input);
    const before = readFileSync(input);
    const r = await gkcheck('parse', input, '-o', input);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/覆盖/);
    expect(readFileSync(input)).toEqual(before);

    const out = join(dir, 'out.yaml');
    const bad = await gkcheck('parse', 'fixtures/bad/empty.txt', '-o', out);
    expect(bad.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['notice.txt']);
  });

  it('--version answers (a real process: bin/gkcheck.js answers it without loading the CLI)', () => {
    const r = gkProc(['--version']);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('check over a folder: a batch on worker threads', () => {
  it('checks every notice under the folder, reports the bad ones, and carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-batch-'));
    for (const f of ['qixia-2022.txt', 'huating-2022.docx']) copyFileSync(`fixtures/${f}`, join(dir, f));
    copyFileSync('fixtures/bad/encrypted.pdf', join(dir, 'encrypted.pdf'));
    const r = await gkcheck('check', dir, '--jobs', '2', '--format', 'json');
    expect(r.code).toBe(2); // the encrypted PDF is the worst outcome
    expect(r.err).toMatch(/加密/);
    expect(r.err).toMatch(/共 3 个文件：无问题 \d+，有问题 \d+，失败 1/);
    const report = JSON.parse(r.out);
    const files = new Set(report.findings.map((f: { file: string }) => f.file.split('/').pop()));
    expect(files.has('huating-2022.docx')).toBe(true);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'issued-before-signed')).toBe(true);
  });

  it('refuses a --jobs that is not a positive whole number', async () => {
    const r = await gkcheck('check', 'fixtures/qixia-2022.txt', '--jobs', '0');
    expect(r.code).toBe(2);
  });
});

