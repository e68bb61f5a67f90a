/**
 * `gkcheck init [--ci github|gitlab] [--force]` — write a commented `.gkcheckrc.yaml` in the
 * current folder and, with --ci, a ready CI file (GitHub Actions workflow or GitLab CI job).
 *
 * Never writes over an existing file without --force: then nothing is written and the exit
 * code is 2. Each file is written whole or not at all (writeAtomic).
 *
 * gkcheck is not published on the npm registry, so --ci also puts this gkcheck, packed by
 * `npm pack`, in .gkcheck/gkcheck-VERSION.tgz; the CI file installs it from there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import { t } from '../i18n/index.js';
import { CONFIG_NAMES } from '../rules/config-names.js';
import { optionHelp, commandHelp, examples } from './help.js';
import { ciTemplate, CI_FILES, CI_PROVIDERS, configTemplate, CONFIG_FILE, tarballName, tarballPath, VENDOR_DIR, type CiProvider } from './init-templates.js';
import { describeError, writeAtomic, type Writer } from './io.js';

export interface InitOptions {
  ci?: CiProvider;
  force?: boolean;
  /** Write the template to stdout instead of a file: the CI file with --ci, else the config (to merge by hand). */
  print?: boolean;
  /** Folder to write in; default the working directory. */
  cwd?: string;
  quiet?: boolean;
}

/**
 * This gkcheck as the tarball npm would publish (the package's `files`: bin, dist, rules,
 * schema, docs), written into `dir`. Scripts are not run: dist/ is already built.
 */
export function packInto(dir: string): string {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir, root], { encoding: 'utf8', shell: process.platform === 'win32' });
  const name = tarballName(version());
  if (r.status !== 0 || !existsSync(join(dir, name))) {
    throw new InputError(
      'unreadable',
      join(dir, name),
      `无法打包 gkcheck（npm pack 失败：${(r.stderr || r.error?.message || '').trim().split('\n').pop() ?? ''}）；请确认 npm 可用`,
      `Could not pack gkcheck (npm pack failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop() ?? ''}); make sure npm is available`,
    );
  }
  return join(dir, name);
}

const version = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function runInit(opts: InitOptions, w: Writer): Promise<number> {
  const cwd = opts.cwd ?? process.cwd();
  let written: string[] = [];
  let kept: string | undefined;
  try {
    if (opts.ci !== undefined && !CI_PROVIDERS.includes(opts.ci)) {
      throw new InputError('usage', null, `--ci 应为 ${CI_PROVIDERS.join('、')} 之一`, `--ci must be one of ${CI_PROVIDERS.join(', ')}`);
    }
    // An existing config (under either accepted name) is kept when only a CI file is asked for.
    const config = CONFIG_NAMES.find((f) => existsSync(join(cwd, f)));
    const keepConfig = Boolean(config && opts.ci && !opts.force);
    const files: [string, string][] = keepConfig ? [] : [[CONFIG_FILE, configTemplate()]];
    if (opts.ci) files.push([CI_FILES[opts.ci], ciTemplate(opts.ci, version())]);
    if (opts.print) {
      w.out(opts.ci ? ciTemplate(opts.ci, version()) : configTemplate());
      return 0;
    }

    const blocking = [...new Set([...(keepConfig ? [] : CONFIG_NAMES), ...files.map(([f]) => f)])].filter((f) => existsSync(join(cwd, f)));
    if (blocking.length && !opts.force) {
      const one = blocking.length === 1;
      throw new InputError(
        'usage',
        null,
        `已存在 ${blocking.join('、')}，未写入任何文件。要覆盖请加 --force（原文件的内容会丢失）；要手工合并，用 --print 输出模板`,
        `${blocking.join(', ')} already exist${one ? 's' : ''}; nothing was written. Add --force to overwrite (${one ? 'its' : 'their'} content is lost), or --print to see the template and merge it by hand`,
      );
    }
    for (const [file, content] of files) writeAtomic(join(cwd, file), content, []);
    written = files.map(([f]) => f);
    if (opts.ci) {
      packInto(join(cwd, VENDOR_DIR));
      written.push(tarballPath(version()));
    }
    kept = keepConfig ? config : undefined;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    w.err(describeError(e));
    return 2;
  }

  if (!opts.quiet) {
    const out: string[] = [t({ zh: `已写入 ${written.join('、')}`, en: `Wrote ${written.join(', ')}`, both: `已写入 / Wrote ${written.join(', ')}` })];
    if (kept) out.push(t({ zh: `保留已有的 ${kept}`, en: `Kept the existing ${kept}`, both: `保留已有的 / Kept the existing ${kept}` }));
    out.push(
      t({ zh: '下一步：', en: 'Next:', both: '下一步 / Next:' }),
      `  gkcheck rules             ${t({ zh: '查看启用了哪些规则', en: 'see which rules are on' })}`,
      `  gkcheck check 草稿.docx   ${t({ zh: '按本配置检查草稿', en: 'check a draft with this config' })}`,
    );
    if (opts.ci) {
      out.push(`  git add ${[kept ?? CONFIG_FILE, CI_FILES[opts.ci], tarballPath(version())].join(' ')}`, `      ${t({ zh: '提交并推送后，CI 在每次推送时检查仓库中的 .docx', en: 'commit and push: CI then checks the .docx files on every push' })}`);
    }
    w.err(out.join('\n') + '\n');
  }
  return 0;
}

/** Register `gkcheck init` (the CLI's index calls this). */
export function addInitCommand(program: Command, w: Writer, setCode: (c: number) => void, chatter: () => { quiet: boolean } = () => ({ quiet: false })): Command {
  return program
    .command('init')
    .description(
      commandHelp({
        zh: '在当前目录写入带注释的配置文件 .gkcheckrc.yaml；加 --ci 时再写入 CI 流程文件',
        en: 'Write a commented .gkcheckrc.yaml in the current folder; with --ci, a ready CI file too',
      }),
    )
    .addOption(new Option('--ci <provider>', optionHelp({ zh: `同时写入 CI 文件（github：${CI_FILES.github}；gitlab：${CI_FILES.gitlab}）`, en: `also write a CI file (github: ${CI_FILES.github}; gitlab: ${CI_FILES.gitlab})` })).choices(CI_PROVIDERS))
    .option('--force', optionHelp({ zh: '覆盖已存在的文件', en: 'overwrite files that exist' }))
    .option('--print', optionHelp({ zh: '不写文件，把模板（有 --ci 时为 CI 文件）输出到标准输出，便于手工合并', en: 'write the template (the CI file, with --ci) to stdout instead, to merge by hand' }))
    .addHelpText(
      'after',
      examples([
        { cmd: 'gkcheck init', what: { zh: '只写配置文件', en: 'the config file only' } },
        { cmd: 'gkcheck init --ci github', what: { zh: '再加 GitHub Actions 流程（问题显示为注释）', en: 'plus a GitHub Actions workflow (findings as annotations)' } },
        { cmd: 'gkcheck init --ci gitlab', what: { zh: '再加 GitLab CI 任务（代码质量报告）', en: 'plus a GitLab CI job (Code Quality report)' } },
        { cmd: 'gkcheck init --ci gitlab --print', what: { zh: '已有 .gitlab-ci.yml 时：输出任务，手工合并', en: 'with an existing .gitlab-ci.yml: print the job to merge by hand' } },
        { cmd: 'gkcheck check fixtures/huating-2022.docx', what: { zh: '之后 check 自动使用本配置', en: 'check then uses the config' } },
      ]),
    )
    .action(async (o: { ci?: CiProvider; force?: boolean; print?: boolean }) => {
      setCode(await runInit({ ...o, ...chatter() }, w));
    });
}
