/**
 * The CI files `gkcheck init --ci github|gitlab` writes, run as they stand: every `run` step
 * of the GitHub workflow and every `script` line of the GitLab job, in order, in bash, in a
 * fresh git repository holding two drafts — including the install step, which installs the
 * packed gkcheck that init put in .gkcheck/ (gkcheck is not on the npm registry) into a
 * throwaway global prefix. The check step must then annotate the draft with errors and fail.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/gkcheck.js');

function draftRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gkcheck-ci-'));
  mkdirSync(join(dir, '草稿'));
  copyFileSync('fixtures/huating-2022.docx', join(dir, '草稿', 'huating 2022.docx'));
  copyFileSync('fixtures/qixia-2022.docx', join(dir, 'qixia-2022.docx'));
  for (const a of [['init', '-q'], ['add', '草稿', 'qixia-2022.docx']]) expect(spawnSync('git', a, { cwd: dir }).status).toBe(0);
  return dir;
}

function envFor(dir: string, vars: Record<string, string>): NodeJS.ProcessEnv {
  const prefix = join(dir, '.npm-global');
  const e: NodeJS.ProcessEnv = { ...process.env, ...vars, npm_config_prefix: prefix, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', NO_COLOR: '1' };
  for (const k of ['GKCHECK_LANG', 'FORCE_COLOR']) delete e[k];
  e.PATH = `${join(prefix, 'bin')}${delimiter}${process.env.PATH}`;
  return e;
}

/** The steps in order; each must pass except the last (the check), whose result is returned. */
function runAll(scripts: string[], dir: string, vars: Record<string, string>) {
  const results = scripts.map((script) => spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8', env: envFor(dir, vars), timeout: 300_000 }));
  for (const r of results.slice(0, -1)) expect(r.status, r.stderr).toBe(0);
  return results[results.length - 1];
}

describe('the generated CI steps run green against a draft', () => {
  it('github: install from the vendored tarball, then annotations and exit 1 for the draft with errors', () => {
    const dir = draftRepo();
    expect(spawnSync(process.execPath, [BIN, 'init', '--ci', 'github'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    const wf = YAML.parse(readFileSync(join(dir, '.github/workflows/gkcheck.yml'), 'utf8'));
    const job = wf.jobs.gkcheck;
    const runs = (job.steps as { run?: string }[]).filter((s) => s.run).map((s) => s.run!);
    expect(runs[0]).toMatch(/^npm install --global \.\/\.gkcheck\/gkcheck-.*\.tgz$/);
    const check = runAll(runs, dir, { DRAFTS: job.env.DRAFTS });
    expect(existsSync(join(dir, '.npm-global', 'bin', 'gkcheck'))).toBe(true);
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toMatch(/^::error file=草稿\/huating 2022\.docx,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=issued-before-signed/m);
    expect(check.stdout).toMatch(/^::warning file=qixia-2022\.docx,/m);
  });

  it('gitlab: install from the vendored tarball, then a Code Quality report naming both drafts', () => {
    const dir = draftRepo();
    expect(spawnSync(process.execPath, [BIN, 'init', '--ci', 'gitlab'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    const job = YAML.parse(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).gkcheck;
    const check = runAll(job.script, dir, { DRAFTS: job.variables.DRAFTS });
    expect(check.status, check.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8'));
    expect(new Set(report.map((i: { location: { path: string } }) => i.location.path))).toEqual(new Set(['草稿/huating 2022.docx', 'qixia-2022.docx']));
  });
});
