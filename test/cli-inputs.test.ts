/**
 * Inputs and outputs the way a clerk or a CI job names them (issue 14): folders and globs for
 * every command, `-` for standard input, `check -o`, `parse --out-dir` that never maps two
 * inputs to one output, and runs that must not pass quietly: an empty folder, a glob that
 * matches nothing, a missing file. Through the CLI's own functions on real fixtures (one real
 * process for stdin).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli/check.js';
import { runParse } from '../src/cli/parse-command.js';
import { unsupported } from '../src/ingest/errors.js';
import { INPUT_EXTENSIONS } from '../src/ingest/formats.js';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `gkcheck-inputs-${name}-`));
function capture() {
  let out = '';
  let err = '';
  return { w: { out: (s: string) => (out += s), err: (s: string) => (err += s) }, out: () => out, err: () => err };
}
const walk = (dir: string, base = dir): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), base) : [join(dir, e.name).slice(base.length + 1)])).sort();

describe('parse --out-dir never maps two inputs to one output', () => {
  it('counties/*/要点.* → one file each, folders kept; the same plan in two formats gets its extension, with a note', async () => {
    const root = tmp('counties');
    for (const [county, plan] of [['a', 'qixia-2022'], ['b', 'mudan-2022'], ['c', 'huating-2022']]) {
      mkdirSync(join(root, 'counties', county), { recursive: true });
      copyFileSync(`fixtures/${plan}.txt`, join(root, 'counties', county, '要点.txt'));
    }
    copyFileSync('fixtures/mudan-2022.docx', join(root, 'counties', 'b', '要点.docx'));
    const out = join(root, 'out');
    const c = capture();
    const inputs = ['a', 'b', 'c'].flatMap((k) => readdirSync(join(root, 'counties', k)).map((f) => join(root, 'counties', k, f)));
    expect(await runParse(inputs, { format: 'json', outDir: out }, c.w)).toBe(0);
    expect(walk(out)).toEqual(['a/要点.json', 'b/要点.json', 'b/要点.txt.json', 'c/要点.json']);
    expect(JSON.parse(readFileSync(join(out, 'a/要点.json'), 'utf8')).meta.title).toContain('栖霞');
    expect(JSON.parse(readFileSync(join(out, 'c/要点.json'), 'utf8')).meta.title).toContain('华亭');
    expect(c.err()).toMatch(/另一个输入已写入同名文件，本文件写入 .*b\/要点\.txt\.json/);
  });
});

describe('folders, globs and stdin as inputs', () => {
  it('parse takes a folder (an array, in name order) and a glob', async () => {
    const dir = tmp('folder');
    copyFileSync('fixtures/qixia-2022.txt', join(dir, '1.txt'));
    copyFileSync('fixtures/huaiyin-2022.tasks.xlsx', join(dir, '2.xlsx'));
    const c = capture();
    expect(await runParse([dir], { format: 'json' }, c.w)).toBe(0);
    const list = JSON.parse(c.out());
    expect(list.map((n: { source: { format: string } }) => n.source.format)).toEqual(['txt', 'xlsx']);
    const g = capture();
    expect(await runParse([join(dir, '*.txt')], { format: 'json' }, g.w)).toBe(0);
    expect(JSON.parse(g.out()).length).toBe(1);
  });

  it('folders yield every input format of the registry, .xlsx included', () => {
    for (const ext of ['.pdf', '.docx', '.doc', '.txt', '.xlsx']) expect(INPUT_EXTENSIONS).toContain(ext);
    const msg = unsupported('x.bin');
    expect(msg.zh).toContain('.xlsx');
    expect(msg.en).toContain('.xlsx');
  });

  it('`-` reads standard input (a real process with a pipe)', () => {
    const r = spawnSync(process.execPath, [resolve('bin/gkcheck.js'), 'parse', '-', '--format', 'json'], { input: readFileSync('fixtures/qixia-2022.txt'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const n = JSON.parse(r.stdout);
    expect(n.source.path).toBe('-');
    expect(n.meta.docNumber).toBe('栖政办发〔2022〕10号');
  });
});

describe('runs that must not pass quietly', () => {
  it('an empty folder and a glob that matches nothing: exit 2, named in the report, no "0 files, no problems"', async () => {
    const empty = tmp('empty');
    for (const input of [empty, join(empty, '*.docx')]) {
      const c = capture();
      expect(await runCheck([input], { cwd: tmpdir() }, c.w)).toBe(2);
      expect(c.out()).not.toContain('未发现问题');
      expect(c.out()).not.toContain('检查了 0 个文件');
      expect(c.err()).toContain(input);
      const j = capture();
      expect(await runCheck([input], { format: 'json', cwd: tmpdir() }, j.w)).toBe(2);
      expect(JSON.parse(j.out()).files).toEqual([expect.objectContaining({ file: input, status: 'failed' })]);
    }
  });

  it('after 文件不存在 the summary says the run is incomplete, never ✔', async () => {
    const c = capture();
    expect(await runCheck(['fixtures/nope-2022.docx'], { cwd: tmpdir() }, c.w)).toBe(2);
    expect(c.err()).toContain('找不到该文件');
    expect(c.out()).not.toContain('✔');
    expect(c.out()).toContain('1 个文件无法检查');
  });
});

describe('check -o', () => {
  it('writes the report as UTF-8 to a file, whole, never over an input', async () => {
    const dir = tmp('out');
    const target = join(dir, 'sub', 'gkcheck.sarif');
    const c = capture();
    expect(await runCheck(['fixtures/huating-2022.txt'], { format: 'sarif', output: target, cwd: tmpdir() }, c.w)).toBe(1);
    expect(c.out()).toBe('');
    const log = JSON.parse(readFileSync(target, 'utf8'));
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['gkcheck.sarif']);
    const copy = join(dir, 'draft.txt');
    copyFileSync('fixtures/huating-2022.txt', copy);
    const before = readFileSync(copy, 'utf8');
    const e = capture();
    expect(await runCheck([copy], { format: 'json', output: copy, cwd: tmpdir() }, e.w)).toBe(2);
    expect(readFileSync(copy, 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'sub', 'gkcheck.sarif'))).toBe(true);
  });
});

describe('stdin for check', () => {
  it('check - reads the bytes the CLI hands over and names the file "-"', async () => {
    const c = capture();
    const code = await runCheck(['-'], { format: 'json', cwd: tmpdir(), readStdin: async () => readFileSync('fixtures/huating-2022.txt') }, c.w);
    expect(code).toBe(1);
    expect(JSON.parse(c.out()).findings.some((f: { ruleId: string; file: string }) => f.ruleId === 'issued-before-signed' && f.file === '-')).toBe(true);
  });
});
