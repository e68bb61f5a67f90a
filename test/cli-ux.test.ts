/**
 * The everyday command line: language (default both, --lang / GKCHECK_LANG for one), --quiet,
 * colours (NO_COLOR, FORCE_COLOR, not a terminal), progress, help with real examples, and
 * `gkcheck init` (a config that `check` then loads; CI files that are valid YAML and whose
 * check step runs). Everything through `node bin/gkcheck.js` on the real fixtures.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import YAML from 'yaml';
import { runCheck } from '../src/cli/check.js';
import { runParse } from '../src/cli/parse-command.js';
import { parseLang, t } from '../src/i18n/index.js';
import { BIN, env, gk, gkProc } from './helpers/cli.js';

const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const CJK = /[\u4e00-\u9fff]/;
const ANSI = /\u001b\[\d/;

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `gkcheck-ux-${name}-`));

describe('language: Chinese with English beside by default; --lang / GKCHECK_LANG for one', () => {
  const bad = 'fixtures/bad/empty.txt';

  it('default: an error in Chinese, then English', async () => {
    const r = (await gk(['parse', bad]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：fixtures\/bad\/empty\.txt: 文件是空的.*\nError: fixtures\/bad\/empty\.txt: The file is empty/);
  });

  it.each([
    ['--lang en', ['--lang', 'en'], {}],
    ['--lang=en after the command', ['--lang=en'], {}],
    ['GKCHECK_LANG=en', [], { GKCHECK_LANG: 'en' }],
    ['GKCHECK_LANG=en_US.UTF-8', [], { GKCHECK_LANG: 'en_US.UTF-8' }],
  ])('%s: English only', async (_, flags, e) => {
    const r = (await gk(['parse', bad, ...flags], { env: e }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Error: fixtures\/bad\/empty\.txt: The file is empty/);
    expect(r.err).not.toMatch(CJK);
  });

  it('--lang zh: Chinese only; --lang beats GKCHECK_LANG', async () => {
    for (const r of [(await gk(['parse', bad, '--lang', 'zh'])), (await gk(['--lang', 'zh', 'parse', bad], { env: { GKCHECK_LANG: 'en' } }))]) {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^错误：fixtures\/bad\/empty\.txt: 文件是空的/);
      expect(r.err).not.toMatch(/Error/);
    }
    expect((await gk(['parse', bad, '--lang', 'both'], { env: { GKCHECK_LANG: 'en' } })).err).toMatch(/^错误：.*\nError: /);
  });

  it('usage errors from the option parser are translated too, with a pointer to --help', async () => {
    const both = (await gk(['parse', 'fixtures/qixia-2022.txt', '--formt', 'json']));
    expect(both.code).toBe(2);
    expect(both.err).toContain('错误：未知选项 --formt（是否要用 --format？）');
    expect(both.err).toContain("Error: unknown option '--formt' (Did you mean --format?)");
    expect(both.err).toContain('gkcheck parse --help');
    const en = (await gk(['check', 'fixtures/qixia-2022.txt', '--format', 'xml', '--lang', 'en']));
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/^Error: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are pretty, json/);
    expect(en.err).not.toMatch(CJK);
    const zh = (await gk(['chek', 'x', '--lang', 'zh']));
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/^错误：未知命令 chek（是否要用 check？）\n用 gkcheck --help 查看用法\n$/);
    expect((await gk(['--lang', 'fr', 'rules'])).err).toMatch(/取值“fr”无效，可用：zh、en、both/);
  });

  it('an unknown GKCHECK_LANG is a warning, and the default applies', async () => {
    const r = (await gk(['rules', '--rules', 'format'], { env: { GKCHECK_LANG: 'fr' } }));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^警告：GKCHECK_LANG=fr .*\nWarning: GKCHECK_LANG=fr is not a language/);
    expect(r.out).toContain('依据 / Source:');
    expect((await gk(['rules', '--quiet'], { env: { GKCHECK_LANG: 'fr' } })).err).toBe('');
  });

  it('help: both by default, one language on request', async () => {
    const both = (await gk(['check', '--help']));
    expect(both.code).toBe(0);
    for (const s of ['用法 / Usage:', '选项 / Options:', '报告格式：pretty 给人看的文字报告', 'report format: pretty for people', '示例 / Examples:', '全局选项 / Global options:']) expect(both.out.replace(/\s+/g, ' ')).toContain(s);
    const en = (await gk(['check', '--help', '--lang', 'en']));
    expect(en.code).toBe(0);
    for (const s of ['Usage: gkcheck check', 'Options:', 'report format: pretty for people', 'choices: pretty, json, sarif, junit,', 'Examples:', 'Exit codes:']) expect(en.out.replace(/\s+/g, ' ')).toContain(s);
    expect(en.out).not.toMatch(CJK);
    const enEnv = (await gk(['diff', '--help'], { env: { GKCHECK_LANG: 'en' } }));
    expect(enEnv.out).toContain('Compare plans by content');
    expect(enEnv.out).not.toMatch(CJK);
    const zh = (await gk(['--help', '--lang', 'zh']));
    expect(zh.out).toMatch(/^用法：gkcheck /);
    expect(zh.out).toContain('示例：');
    expect(zh.out).not.toMatch(/Usage|Options|Examples|show help/);
  });

  it('reports: the pretty check report and the diff summary follow the setting', async () => {
    const en = (await gk(['check', 'fixtures/huating-2022.txt', '--lang', 'en']));
    expect(en.code).toBe(1);
    expect(en.out).toMatch(/^ {2}\S+ +error +issued-before-signed/m);
    expect(en.out).toMatch(/✖ \d+ problem\(s\) \(2 error\(s\)/);
    expect(en.out).not.toMatch(/个问题|错误|警告/);
    const zh = (await gk(['check', 'fixtures/huating-2022.txt', '--lang', 'zh']));
    expect(zh.out).toMatch(/^ {2}\S+ +错误 +issued-before-signed/m);
    expect(zh.out).toMatch(/✖ \d+ 个问题（2 个错误/);
    expect(zh.out).not.toMatch(/problem|error\(s\)|Printing date/);
    const both = (await gk(['check', 'fixtures/huating-2022.txt']));
    expect(both.out).toMatch(/✖ \d+ 个问题（2 个错误.* \/ \d+ problem\(s\)/);

    const diffEn = (await gk(['diff', 'fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt', '--lang', 'en']));
    expect(diffEn.code).toBe(0);
    expect(diffEn.out).toMatch(/^Summary$/m);
    expect(diffEn.out).toMatch(/\d+ pairs \(\d+ moved\)/);
    expect(diffEn.out).not.toMatch(/概况|配对|无对应/);
    const diffZh = (await gk(['diff', 'fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt', '--lang', 'zh']));
    expect(diffZh.out).toMatch(/^概况$/m);
    expect(diffZh.out).not.toMatch(/Summary|pairs|not in B/);
  });

  it('machine formats keep both languages whatever the setting', async () => {
    const a = (await gk(['check', 'fixtures/huating-2022.txt', '--format', 'json', '--lang', 'en']));
    const b = (await gk(['check', 'fixtures/huating-2022.txt', '--format', 'json']));
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).findings[0].message).toEqual({ zh: expect.stringMatching(CJK), en: expect.any(String) });
    expect((await gk(['check', 'fixtures/huating-2022.txt', '--format', 'github', '--lang', 'en'])).out).toBe((await gk(['check', 'fixtures/huating-2022.txt', '--format', 'github'])).out);
  });

  it('t() and parseLang', async () => {
    expect(t({ zh: '概况', en: 'Summary' }, ' / ', 'both')).toBe('概况 / Summary');
    expect(t({ zh: '概况', en: 'Summary' }, ' / ', 'zh')).toBe('概况');
    expect(t({ zh: '概况', en: 'Summary', both: '概况 Summary' }, ' / ', 'both')).toBe('概况 Summary');
    expect(['zh', 'zh-CN', 'zh_CN.UTF-8', 'EN', 'en-GB', 'both', 'fr', '', undefined].map(parseLang)).toEqual(['zh', 'zh', 'zh', 'en', 'en', 'both', undefined, undefined, undefined]);
  });
});

describe('--quiet: nothing but results', () => {
  it('ledger: no "wrote …" or notes, the file is still written; errors still show', async () => {
    const dir = tmp('quiet');
    const out = join(dir, 'ledger.csv');
    const loud = (await gk(['ledger', 'fixtures/huaiyin-2022.docx', '-o', out, '--by-unit']));
    expect(loud.code).toBe(0);
    expect(loud.err).toMatch(/^提示：--by-unit 只用于 xlsx/m);
    expect(loud.err).toMatch(/^已写入 /m);
    const quiet = (await gk(['ledger', 'fixtures/huaiyin-2022.docx', '-o', out, '--by-unit', '--quiet']));
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('\uFEFF')).toBe(true);

    const q = (await gk(['-q', 'ledger', 'fixtures/huating-2022.txt', '--format', 'json', '--unit', '区不存在局']));
    expect(q.code).toBe(0);
    expect(q.err).toBe('');
    expect(JSON.parse(q.out)).toEqual([]);

    const failed = (await gk(['parse', 'fixtures/bad/empty.txt', '--quiet']));
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/^错误：/);
  });

  it('diff --matrix: the note about several formats goes; check: the report stays', async () => {
    expect((await gk(['diff', '--matrix', 'fixtures', '--format', 'csv'])).err).toContain('docx > txt > doc > xlsx > pdf');
    const m = (await gk(['diff', '--matrix', 'fixtures', '--format', 'csv', '--quiet']));
    expect(m.code).toBe(0);
    expect(m.err).toBe('');
    expect(m.out.split('\r\n').length).toBeGreaterThan(10);
    const c = (await gk(['check', 'fixtures/huating-2022.txt', '--quiet']));
    expect(c.code).toBe(1);
    expect(c.out).toContain('issued-before-signed');
    expect(c.err).toBe('');
  });

  it('no progress bar when stderr is not a terminal; one on request, none with quiet', async () => {
    const files = ['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt', 'fixtures/huating-2022.txt'];
    const r = (await gk(['parse', ...files, '--format', 'json']));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    let err = '';
    const w = { out: () => {}, err: (s: string) => (err += s) };
    expect(await runCheck(files, { progress: true, cwd: tmpdir(), format: 'json' }, w)).toBe(1);
    expect(err).toContain('检查 checking [');
    expect(err).toContain('3/3');
    expect(err.endsWith('\r\x1b[K')).toBe(true);
    err = '';
    await runParse(files, { format: 'json', progress: true }, w);
    expect(err).toContain('解析 parsing [');
    err = '';
    await runParse(files, { format: 'json', progress: true, quiet: true }, w);
    expect(err).toBe('');
  });
});

describe('colours', () => {
  const args = ['check', 'fixtures/huating-2022.txt'];
  it('off when stdout is not a terminal', async () => {
    expect(gkProc(args, { env: { NO_COLOR: undefined } }).out).not.toMatch(ANSI);
  });
  it('FORCE_COLOR turns them on through a pipe; NO_COLOR wins over it', async () => {
    expect(gkProc(args, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).out).toMatch(ANSI);
    expect(gkProc(args, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).out).not.toMatch(ANSI);
    expect(gkProc(['diff', 'fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).out).toMatch(ANSI);
    expect(gkProc(['diff', 'fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).out).not.toMatch(ANSI);
  });
  it('machine formats never carry colour', async () => {
    const r = gkProc([...args, '--format', 'json'], { env: { NO_COLOR: undefined, FORCE_COLOR: '3' } });
    expect(r.out).not.toMatch(ANSI);
    expect(() => JSON.parse(r.out)).not.toThrow();
  });
});

describe('help shows real examples', () => {
  const commands = ['parse', 'check', 'rules', 'diff', 'ledger', 'init'];
  it.each([[''], ...commands.map((c) => [c])])('gkcheck %s --help', async (cmd) => {
    const r = (await gk([...(cmd ? [cmd] : []), '--help']));
    expect(r.code).toBe(0);
    const ex = r.out.slice(r.out.indexOf('示例 / Examples:'));
    expect(r.out).toContain('示例 / Examples:');
    const lines = ex.split('\n').filter((l) => /^ {2}gkcheck /.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    if (cmd) for (const l of lines.slice(0, 1)) expect(l).toMatch(new RegExp(`^ {2}gkcheck ${cmd}\\b`));
    // Every fixture an example names is there.
    const named = [...ex.matchAll(/fixtures\/[\w.-]+/g)].map((m) => m[0]);
    if (cmd !== 'init' && cmd !== 'rules') expect(named.length).toBeGreaterThan(0);
    for (const f of named) expect(existsSync(f), f).toBe(true);
  });

  it('the first example of each command runs', async () => {
    expect((await gk(['parse', 'fixtures/qixia-2022.pdf'])).code).toBe(0);
    expect((await gk(['check', 'fixtures/huating-2022.docx'])).code).toBe(1);
    expect((await gk(['rules'])).code).toBe(0);
    expect((await gk(['diff', 'fixtures/qixia-2022.docx', 'fixtures/mudan-2022.docx'])).code).toBe(0);
  });
});

// ---------------------------------------------------------------------------- init

/** The config with every commented-out setting switched on: "  # - x" → "  - x", "  # id: v" → "  id: v". */
function uncomment(config: string): string {
  return config.replace(/^( {2})# (- \S+|[a-z][a-z0-9-]*: \S+)(\s+#.*)?$/gm, '$1$2$3');
}

const rulesJson = async (cwd: string) => {
  const r = (await gk(['rules', '--format', 'json'], { cwd }));
  expect(r.code, r.err).toBe(0);
  return new Map((JSON.parse(r.out) as { id: string; severity: string; enabled: boolean }[]).map((x) => [x.id, x]));
};

describe('gkcheck init', () => {
  it('writes a commented .gkcheckrc.yaml that check and rules then load', async () => {
    const dir = tmp('init');
    copyFileSync('fixtures/huating-2022.docx', join(dir, 'huating-2022.docx'));
    const r = (await gk(['init'], { cwd: dir }));
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^已写入 \/ Wrote \.gkcheckrc\.yaml/);
    const config = readFileSync(join(dir, '.gkcheckrc.yaml'), 'utf8');
    expect(config).toMatch(/^# gkcheck 配置文件/);
    expect(config).toMatch(/^# gkcheck configuration/m);
    expect(YAML.parse(config)).toEqual({ extends: ['national', 'format', 'consistency'], failOn: 'error', rules: { 'heading-label-form': 'warning' } });
    expect(config).toMatch(/^ {2}# - shandong-2022 /m);

    // check finds it: same result as without, until it is edited.
    expect((await gk(['check', 'huating-2022.docx'], { cwd: dir })).code).toBe(1);
    writeFileSync(join(dir, '.gkcheckrc.yaml'), config.replace('failOn: error', 'failOn: never'));
    expect((await gk(['check', 'huating-2022.docx'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, '.gkcheckrc.yaml'), config.replace('heading-label-form: warning', 'heading-label-fom: warning'));
    const typo = (await gk(['check', 'huating-2022.docx'], { cwd: dir }));
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('heading-label-fom');

    // Every commented-out example is valid too.
    writeFileSync(join(dir, '.gkcheckrc.yaml'), uncomment(config).replace('./rules/local.yaml', 'national'));
    expect(YAML.parse(uncomment(config)).extends).toEqual(['national', 'format', 'consistency', 'shandong-2022', './rules/local.yaml']);
    const rules = await rulesJson(dir);
    expect(rules.get('leadership-briefing')).toMatchObject({ enabled: true });
    expect(rules.get('task-missing-deadline')).toMatchObject({ enabled: true, severity: 'error' });
    expect(rules.get('duplicated-characters')).toMatchObject({ enabled: false });
    expect(rules.get('publicity-note')).toMatchObject({ enabled: false });
    expect((await gk(['check', 'huating-2022.docx', '--format', 'json'], { cwd: dir })).code).toBe(1);
  });

  it.each(['en', 'zh'])('--lang %s: comments in one language, the same settings', async (lang) => {
    const dir = tmp(`init-${lang}`);
    expect((await gk(['init', '--lang', lang], { cwd: dir })).code).toBe(0);
    const config = readFileSync(join(dir, '.gkcheckrc.yaml'), 'utf8');
    const comments = config.split('\n').filter((l) => l.includes('#')).join('\n');
    if (lang === 'en') expect(comments).not.toMatch(CJK);
    else expect(comments).not.toMatch(/configuration|Rule packs/);
    expect(YAML.parse(config)).toEqual({ extends: ['national', 'format', 'consistency'], failOn: 'error', rules: { 'heading-label-form': 'warning' } });
    expect((await rulesJson(dir)).get('heading-label-form')).toMatchObject({ enabled: true, severity: 'warning' });
  });

  it('never overwrites without --force: exit 2, a bilingual message, the file untouched', async () => {
    const dir = tmp('init-force');
    const file = join(dir, '.gkcheckrc.yaml');
    writeFileSync(file, 'failOn: never # mine\n');
    const r = (await gk(['init'], { cwd: dir }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：已存在 \.gkcheckrc\.yaml，未写入任何文件.*--force.*\nError: \.gkcheckrc\.yaml already exists; nothing was written\. Add --force/);
    expect(readFileSync(file, 'utf8')).toBe('failOn: never # mine\n');

    // --ci with a config already there: the config is kept, the CI file written.
    const ci = (await gk(['init', '--ci', 'github'], { cwd: dir }));
    expect(ci.code).toBe(0);
    expect(ci.err).toContain('.gkcheckrc.yaml');
    expect(readFileSync(file, 'utf8')).toBe('failOn: never # mine\n');
    expect(existsSync(join(dir, '.github/workflows/gkcheck.yml'))).toBe(true);
    const again = (await gk(['init', '--ci', 'github', '--lang', 'en'], { cwd: dir }));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/^Error: \.github\/workflows\/gkcheck\.yml already exists/);

    // A .gkcheckrc.yml counts as a config too.
    const dir2 = tmp('init-yml');
    writeFileSync(join(dir2, '.gkcheckrc.yml'), 'failOn: never\n');
    expect((await gk(['init'], { cwd: dir2 })).code).toBe(2);
    expect(existsSync(join(dir2, '.gkcheckrc.yaml'))).toBe(false);

    const forced = (await gk(['init', '--force', '--quiet'], { cwd: dir }));
    expect(forced.code).toBe(0);
    expect(forced.err).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('extends:');
    expect((await gk(['init', '--print'], { cwd: dir })).out).toBe(readFileSync(file, 'utf8'));
  });
});

/** A throwaway git repository with two drafts, and a `gkcheck` on PATH that runs this checkout. */
function ciRepo(): { dir: string; path: string } {
  const dir = tmp('ci');
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'gkcheck'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'gkcheck'), 0o755);
  mkdirSync(join(dir, '草稿'));
  copyFileSync('fixtures/huating-2022.docx', join(dir, '草稿', 'huating 2022.docx'));
  copyFileSync('fixtures/qixia-2022.docx', join(dir, 'qixia-2022.docx'));
  const git = (...a: string[]) => expect(spawnSync('git', a, { cwd: dir, encoding: 'utf8' }).status).toBe(0);
  git('init', '-q');
  git('add', '草稿', 'qixia-2022.docx');
  return { dir, path: `${bin}${delimiter}${process.env.PATH}` };
}

function runScript(script: string, dir: string, vars: Record<string, string>) {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8', env: env({ NO_COLOR: '1', ...vars }) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gkcheck init --ci', () => {
  it('github: a valid workflow that installs Node 20 and gkcheck and checks the .docx drafts on every push', async () => {
    const { dir, path } = ciRepo();
    const r = (await gk(['init', '--ci', 'github'], { cwd: dir }));
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, '.gkcheckrc.yaml'))).toBe(true);
    const wf = YAML.parse(readFileSync(join(dir, '.github/workflows/gkcheck.yml'), 'utf8'));
    expect(Object.keys(wf.on)).toEqual(['push']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    const job = wf.jobs.gkcheck;
    expect(job['runs-on']).toBe('ubuntu-latest');
    const steps = job.steps as { uses?: string; with?: Record<string, unknown>; run?: string; shell?: string }[];
    expect(steps.map((s) => s.uses ?? s.run?.split('\n')[0])).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      `npm install --global ./.gkcheck/gkcheck-${VERSION}.tgz`,
      expect.stringContaining('git ls-files'),
    ]);
    expect(steps[1].with).toEqual({ 'node-version': 20 });
    // gkcheck is not on the npm registry: the workflow installs the tarball init put beside it
    // (test/slow/ci-recipes.test.ts runs that install step for real).
    expect(existsSync(join(dir, `.gkcheck/gkcheck-${VERSION}.tgz`))).toBe(true);
    const check = steps[3];
    expect(check.shell).toBe('bash');
    expect(check.run).toContain('gkcheck check --format github');

    // The step itself, as Actions runs it, with no draft to check (with drafts, the step's
    // annotations and exit 1 are in test/slow/ci-recipes.test.ts, after a real install).
    const none = runScript(check.run!, dir, { PATH: path, DRAFTS: 'nothing/*.docx' });
    expect(none.code).toBe(0);
    expect(none.out).toContain('no files match');
  });

  it('gitlab: a valid job on Node 20 whose Code Quality report is a JSON artifact', async () => {
    const { dir, path } = ciRepo();
    const r = (await gk(['init', '--ci', 'gitlab', '--lang', 'en'], { cwd: dir }));
    expect(r.code).toBe(0);
    const ci = YAML.parse(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8'));
    const job = ci.gkcheck;
    expect(job.image).toBe('node:20');
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
    expect(job.script[0]).toBe(`npm install --global ./.gkcheck/gkcheck-${VERSION}.tgz`);
    expect(existsSync(join(dir, `.gkcheck/gkcheck-${VERSION}.tgz`))).toBe(true);
    expect(job.script[1]).toContain('gkcheck check --format gitlab');

    // The script line with no draft to check; with drafts (a report naming both) it runs in
    // test/slow/ci-recipes.test.ts, after a real install.
    expect(runScript(job.script[1], dir, { PATH: path, DRAFTS: 'nothing/*.docx' }).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8'))).toEqual([]);
    expect((await gk(['init', '--ci', 'gitlab', '--print', '--lang', 'en'], { cwd: dir })).out).toBe(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8'));
  });
});
