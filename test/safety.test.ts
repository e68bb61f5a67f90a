/**
 * The pieces that keep hostile input harmless (issue 15), one by one; the whole CLI on the
 * hostile inputs is test/slow/hostile-inputs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/errors.js';
import { neutralizeFormula } from '../src/ledger/csv.js';
import { md } from '../src/diff/render-markdown.js';
import { visibleControls, writeAtomic } from '../src/cli/io.js';
import { readYaml, MAX_RULE_FILE_BYTES } from '../src/rules/yaml-file.js';
import { LimitedRunner } from '../src/limits/index.js';
import { parseText } from '../src/parse.js';

describe('spreadsheet cells (OWASP CSV injection)', () => {
  it('a cell that Excel/WPS would run as a formula gets a leading apostrophe; others stay as they are', () => {
    for (const c of ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(1)', '\t=1', '\r=1']) expect(neutralizeFormula(c)).toBe(`'${c}`);
    for (const c of ['区财政局', '2022年6月底前', '', '（一）', '—']) expect(neutralizeFormula(c)).toBe(c);
  });
});

describe('terminal output', () => {
  it('shows ESC, BEL and bidi controls visibly and keeps its own colour codes', () => {
    expect(visibleControls('\x1b[2J\x1b]0;x\x07一、')).toBe('␛[2J␛]0;x␇一、');
    expect(visibleControls('a\u202eb')).toBe('a<U+202E>b');
    expect(visibleControls('\x1b[31m错误\x1b[39m\r\x1b[K\n\t')).toBe('\x1b[31m错误\x1b[39m\r\x1b[K\n\t');
  });
});

describe('Markdown output', () => {
  it('escapes HTML and Markdown punctuation in document text', () => {
    const out = md('<script>alert(1)</script> ![x](http://e/) `c` \u202e');
    expect(out).not.toMatch(/<script|!\[/);
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('\u202e');
  });
});

describe('normalisation', () => {
  it('U+202E, zero-width characters and escapes before 一、 hide no heading', () => {
    const text = readFileSync('fixtures/qixia-2022.txt', 'utf8');
    const plain = parseText(text).sections.map((s) => s.title);
    for (const prefix of ['\u202e', '\u200b\u2060\u200d', '\x1b[2J']) {
      const hidden = text.replace(/^([一二三四五六七八九十]+、)/gm, `${prefix}$1`);
      expect(parseText(hidden).sections.map((s) => s.title)).toEqual(plain);
    }
  });
});

describe('writing outputs', () => {
  it('-o /dev/null writes to the device and leaves it one', () => {
    writeAtomic('/dev/null', 'x', []);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a folder, a path through a file, or a name too long: InputError (exit 2) with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-safety-'));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'file.txt'), 'x');
    const cases: [string, RegExp][] = [
      [join(dir, 'folder'), /是一个文件夹/],
      [join(dir, 'file.txt', 'out.json'), /ENOTDIR|EEXIST/],
      [join(dir, `${'长'.repeat(200)}.json`), /ENAMETOOLONG/],
    ];
    for (const [target, why] of cases) {
      let err: unknown;
      try {
        writeAtomic(target, 'x', []);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect(`${(err as InputError).zh} ${(err as InputError).en}`).toMatch(why);
    }
  });
});

describe('rule and config files', () => {
  it('a FIFO, a device and a file over the size cap are refused without reading them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-safety-'));
    expect(() => readYaml('/dev/zero')).toThrow(/regular file/);
    if (spawnSync('mkfifo', [join(dir, 'fifo.yaml')]).status === 0) expect(() => readYaml(join(dir, 'fifo.yaml'))).toThrow(/regular file/);
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(MAX_RULE_FILE_BYTES)}\n`);
    expect(() => readYaml(join(dir, 'big.yaml'))).toThrow(/too large/);
  });

  it('a YAML alias bomb is an InputError naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-safety-'));
    const rows = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (const [k, n] of [...'bcdefgh'].entries()) rows.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefgh'[k]}`).join(',')}]`);
    writeFileSync(join(dir, 'bomb.yaml'), rows.join('\n') + '\n');
    let err: unknown;
    try {
      readYaml(join(dir, 'bomb.yaml'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe(join(dir, 'bomb.yaml'));
    expect((err as InputError).en).toMatch(/alias/);
  });
});

describe('the limited runner', () => {
  it('reads a real notice in a worker, and stops a file over the time limit with an InputError naming it', async () => {
    const runner = new LimitedRunner({ timeoutMs: 20_000 });
    try {
      const n = await runner.parse('fixtures/qixia-2022.txt');
      expect(n.sections).toHaveLength(5);
    } finally {
      runner.close();
    }
    const strict = new LimitedRunner({ timeoutMs: 200 });
    try {
      await expect(strict.parse('fixtures/bad/pages-2000.pdf')).rejects.toMatchObject({ code: 'time-limit', file: 'fixtures/bad/pages-2000.pdf' });
      // The next call gets a fresh worker.
      strict.limits.timeoutMs = 20_000;
      expect((await strict.parse('fixtures/mudan-2022.txt')).sections.length).toBeGreaterThan(0);
    } finally {
      strict.close();
    }
  });
});
