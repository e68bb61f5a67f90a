/**
 * The files `gkcheck init` writes: a commented `.gkcheckrc.yaml` and, on request, a CI file.
 * Comments follow the language setting (both by default: a Chinese line, then English).
 * The config must load with src/rules/packs.ts `loadConfig` as written, and with every
 * commented-out line restored (test/cli-ux.test.ts checks both).
 */
import { getLang, type Lang, type Text } from '../i18n/index.js';

export type CiProvider = 'github' | 'gitlab';
export const CI_PROVIDERS: CiProvider[] = ['github', 'gitlab'];

export const CONFIG_FILE = '.gkcheckrc.yaml';
export const CI_FILES: Record<CiProvider, string> = {
  github: '.github/workflows/gkcheck.yml',
  gitlab: '.gitlab-ci.yml',
};

/** Block comment: one line per language. */
function block(text: Text, lang: Lang, indent = ''): string {
  const parts = lang === 'zh' ? [text.zh] : lang === 'en' ? [text.en] : [text.zh, text.en];
  return parts.flatMap((p) => p.split('\n')).map((l) => `${indent}# ${l}`.trimEnd()).join('\n');
}

/** Trailing comment: "# 中文 / English". */
function tail(text: Text, lang: Lang): string {
  return `# ${lang === 'zh' ? text.zh : lang === 'en' ? text.en : `${text.zh} / ${text.en}`}`;
}

/** Lines of [code, comment], comments lined up in one column. */
function aligned(rows: [string, Text][], lang: Lang): string {
  const width = Math.max(...rows.map(([code]) => code.length)) + 2;
  return rows.map(([code, c]) => `${code.padEnd(width)}${tail(c, lang)}`).join('\n');
}

export function configTemplate(lang: Lang = getLang()): string {
  return `${block(
    {
      zh: 'gkcheck 配置文件。gkcheck check 从当前目录向上查找本文件，也可用 --config 指定。\n查看所有规则、级别和依据：gkcheck rules',
      en: 'gkcheck configuration. `gkcheck check` looks for this file from the current folder upward\n(or name it with --config). List every rule, its severity and source: gkcheck rules',
    },
    lang,
  )}

${block({ zh: '要检查的规则包：内置包名，或规则文件的路径（相对于本文件）', en: 'Rule packs to check against: built-in names, or paths of rule files (relative to this file)' }, lang)}
extends:
${aligned(
  [
    ['  - national', { zh: '国家要求：条例时限、政策解读、政务舆情回应、年度报告', en: 'national requirements: statutory limits, interpretation, crisis response, annual report' }],
    ['  - format', { zh: '公文格式（GB/T 9704-2012）：发文字号、成文日期、标题层次、附注', en: 'document format (GB/T 9704-2012)' }],
    ['  - consistency', { zh: '内部一致性：日期、时限、任务分解表与正文', en: 'internal consistency: dates, deadlines, task table against the body' }],
    ['  # - shandong-2022', { zh: '山东省2022年要点的省级要求（含 national）', en: "Shandong's 2022 provincial requirements (includes national)" }],
    ['  # - ./rules/local.yaml', { zh: '本地自己编写的规则文件', en: 'a rule file of your own' }],
  ],
  lang,
)}

${block({ zh: '出现哪一级的问题时退出码为 1（CI 任务失败）：error、warning，或 never（只报告）', en: 'Exit 1 (fail the CI job) on findings at or above: error, warning, or never (report only)' }, lang)}
failOn: error

${block({ zh: '单条规则：改级别（error、warning、info），或写 off 关闭', en: 'Single rules: change the severity (error, warning, info), or turn one off with off' }, lang)}
rules:
${aligned(
  [
    ['  heading-label-form: warning', { zh: '标题序数写法；改为 error 则作为错误', en: 'heading label form; make it error to fail on it' }],
    ['  # task-missing-deadline: error', { zh: '任务未写完成时限作为错误', en: 'a task without a deadline is an error' }],
    ['  # duplicated-characters: off', { zh: '关闭“重复字”检查', en: 'turn off the doubled-character check' }],
    ['  # publicity-note: off', { zh: '不检查附注（此件公开发布）', en: 'do not check the publicity note' }],
  ],
  lang,
)}
`;
}

/**
 * gkcheck is not on the npm registry: `init --ci` puts the packed package (npm pack) in the
 * repository beside the CI file, and CI installs it from there — no registry entry, no
 * network beyond the npm registry for its dependencies, the same version every run.
 */
export const VENDOR_DIR = '.gkcheck';
export const tarballName = (version: string): string => `gkcheck-${version}.tgz`;
export const tarballPath = (version: string): string => `${VENDOR_DIR}/${tarballName(version)}`;

export function ciTemplate(provider: CiProvider, version: string, lang: Lang = getLang()): string {
  const install = `npm install --global ./${tarballPath(version)}`;
  if (provider === 'github') {
    return `${block(
      {
        zh: 'gkcheck：每次推送时检查要点草稿（.docx），问题以注释显示在文件和提交上。\n规则和失败级别见 .gkcheckrc.yaml（failOn: never 则只报告、不失败）。',
        en: 'gkcheck: check the draft plans (.docx) on every push; findings show as annotations.\nRules and the failing level are in .gkcheckrc.yaml (failOn: never to report only).',
      },
      lang,
    )}
name: gkcheck

on:
  push:

permissions:
  contents: read

jobs:
  gkcheck:
    runs-on: ubuntu-latest
    env:
${aligned([['      DRAFTS: "*.docx"', { zh: '要检查的文件，例如 "草稿/*.docx"', en: 'files to check, e.g. "drafts/*.docx"' }]], lang)}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
${aligned([['      - name: Install gkcheck', { zh: `从仓库中的 ${tarballPath(version)} 安装（gkcheck init --ci 写入）`, en: `from ${tarballPath(version)} in the repository (written by gkcheck init --ci)` }]], lang)}
        run: ${install}
      - name: gkcheck check
        shell: bash
        run: |
          mapfile -d '' files < <(git ls-files -z -- "$DRAFTS")
          if [ \${#files[@]} -eq 0 ]; then echo "gkcheck: no files match $DRAFTS"; exit 0; fi
          gkcheck check --format github "\${files[@]}"
`;
  }
  return `${block(
    {
      zh: 'gkcheck：每次推送时检查要点草稿（.docx），结果作为代码质量报告显示在合并请求中。\n规则和失败级别见 .gkcheckrc.yaml（failOn: never 则只报告、不失败）。',
      en: 'gkcheck: check the draft plans (.docx) on every push; findings show in merge requests as a Code Quality report.\nRules and the failing level are in .gkcheckrc.yaml (failOn: never to report only).',
    },
    lang,
  )}
gkcheck:
  stage: test
  image: node:20
  variables:
${aligned([['    DRAFTS: "*.docx"', { zh: '要检查的文件，例如 "草稿/*.docx"', en: 'files to check, e.g. "drafts/*.docx"' }]], lang)}
  script:
${aligned([[`    - ${install}`, { zh: `从仓库中的 ${tarballPath(version)} 安装（gkcheck init --ci 写入）`, en: `from ${tarballPath(version)} in the repository (written by gkcheck init --ci)` }]], lang)}
    - |
      mapfile -d '' files < <(git ls-files -z -- "$DRAFTS")
      if [ \${#files[@]} -eq 0 ]; then echo '[]' > gl-code-quality-report.json; echo "gkcheck: no files match $DRAFTS"; exit 0; fi
      gkcheck check --format gitlab "\${files[@]}" > gl-code-quality-report.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
`;
}
