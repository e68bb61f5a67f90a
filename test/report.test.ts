/**
 * Reporters, on findings made by hand (and one real run): pretty, json, sarif (validated
 * against the SARIF 2.1.0 JSON schema), junit, github, gitlab.
 *
 * test/schemas/sarif-schema-2.1.0.json is the SARIF 2.1.0 schema as shipped in the npm package
 * @microsoft/sarif-multitool-linux 5.7.0 (file `sarif-2.1.0.json`, MIT; the SARIF SDK of the
 * OASIS SARIF TC editors, JSON Schema draft 2020-12). It is vendored because a test cannot
 * download it.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli/check.js';
import { formatReport, type ReportInput } from '../src/report/index.js';
import { toUri } from '../src/report/sarif.js';
import type { Finding, RuleMeta } from '../src/rules/index.js';

const meta = (id: string, severity: RuleMeta['severity'], pack: string): RuleMeta => ({
  id,
  type: 'format',
  severity,
  pack,
  description: { zh: `${id} 的说明`, en: `about ${id}` },
  source: 'GB/T 9704-2012 7.3.5.4',
  confidence: 'C',
  schema: {},
  messages: {},
  kind: 'code',
});

const finding = (o: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'file'>): Finding => ({
  message: { zh: '成文日期“2022年八月3日”应使用阿拉伯数字', en: 'Signing date must use Arabic numerals' },
  path: null,
  position: null,
  pack: 'format',
  source: 'GB/T 9704-2012 7.3.5.4',
  ...o,
});

const findings: Finding[] = [
  finding({ ruleId: 'date-format', severity: 'error', file: 'drafts/huating-2022.txt', position: { page: null, line: 15, column: 1 }, quote: '2022年八月3日' }),
  finding({
    ruleId: 'heading-label-form',
    severity: 'warning',
    file: 'drafts/huating-2022.txt',
    path: '1.3',
    position: { page: null, line: 39, column: 1 },
    message: { zh: '标题序数“(三)”应写作“（一）”的形式', en: 'Label "(三)" 100%, a:b\nnext <&>' },
    quote: '(三)依法规范办理依申请公开',
  }),
  finding({ ruleId: 'crisis-response-time', severity: 'warning', file: 'drafts/huating-2022.txt', pack: 'national', message: { zh: '要点未写明此项要求', en: 'not stated' } }),
  finding({ ruleId: 'task-title-mismatch', severity: 'info', file: 'drafts/草案 2022.pdf', path: '2.2', position: { page: 3, line: 12, column: 5 } }),
];
const input: ReportInput = {
  findings,
  files: ['drafts/huating-2022.txt', 'drafts/草案 2022.pdf', 'drafts/clean.txt'],
  rules: [meta('date-format', 'error', 'format'), meta('heading-label-form', 'warning', 'format'), meta('crisis-response-time', 'warning', 'national'), meta('task-title-mismatch', 'info', 'consistency')],
  tool: { name: 'gkcheck', version: '0.1.0' },
};

describe('pretty', () => {
  const text = formatReport('pretty', input);

  it('groups by file and shows place, severity, rule id, section path, Chinese then English, and the quote', () => {
    expect(text.match(/^drafts\/huating-2022\.txt$/gm)?.length).toBe(1);
    expect(text).toMatch(/^ {2}15:1 +错误 error +date-format/m);
    expect(text).toMatch(/^ {2}39:1 +警告 warning +heading-label-form +§1\.3$/m);
    expect(text).toMatch(/^ {2}p\.3 12:5 +提示 info +task-title-mismatch +§2\.2$/m);
    expect(text).toMatch(/^ {2}— +警告 warning +crisis-response-time$/m);
    expect(text.indexOf('成文日期“2022年八月3日”')).toBeLessThan(text.indexOf('Signing date must use'));
    expect(text).toContain('「2022年八月3日」');
    expect(text).toContain('4 个问题（1 个错误，2 个警告，1 条提示），共检查 3 个文件 / 4 problem(s) (1 error(s), 2 warning(s), 1 info) in 3 file(s)');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('colours only when asked', () => {
    expect(formatReport('pretty', { ...input, color: true })).toMatch(/\u001b\[/);
    expect(formatReport('pretty', { ...input, findings: [] })).toContain('未发现问题 / 3 file(s) checked, no problems');
  });
});

describe('json', () => {
  it('every finding has ruleId, severity, message, file, section path and line', () => {
    const out = JSON.parse(formatReport('json', input));
    expect(out.summary).toEqual({ files: 3, checked: 3, failed: 0, findings: 4, error: 1, warning: 2, info: 1, exitCode: 1 });
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'file', 'path', 'line', 'column', 'page', 'source', 'pack']));
      expect(f.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    }
    expect(out.findings[1]).toMatchObject({ ruleId: 'heading-label-form', path: '1.3', line: 39, quote: '(三)依法规范办理依申请公开' });
    expect(out.findings[2]).toMatchObject({ path: null, line: null });
    expect(out.findings[3]).toMatchObject({ page: 3, line: 12 });
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(new URL('./schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  const Ajv2020 = Ajv2020Module.default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // ajv-formats is not installed: the four formats the SARIF schema uses, checked here.
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', (s: string) => !/[\s<>"{}|\\^`]/.test(s) && (() => { try { decodeURI(s); return true; } catch { return false; } })());
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /T/.test(s));
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(formatReport('sarif', input));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'warning', 'note']);
    expect(results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'drafts/huating-2022.txt' }, region: { startLine: 15, startColumn: 1, snippet: { text: '2022年八月3日' } } });
    expect(results[1].locations[0].logicalLocations).toEqual([{ fullyQualifiedName: '1.3', kind: 'section' }]);
    expect(results[3].locations[0].physicalLocation.artifactLocation.uri).toBe('drafts/%E8%8D%89%E6%A1%88%202022.pdf');
    expect(results[3].properties.page).toBe(3);
    expect(log.runs[0].tool.driver.rules[results[2].ruleIndex].id).toBe('crisis-response-time');
  });

  it('absolute paths are file:/// URIs; # and other reserved characters are percent-encoded; rules have name and helpUri', () => {
    const odd = finding({ ruleId: 'date-format', severity: 'error', file: '/tmp/草案 #2?.docx', position: { page: null, line: 1, column: 1 } });
    const log = JSON.parse(formatReport('sarif', { ...input, findings: [odd], files: [odd.file] }));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const uri = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('file:///tmp/%E8%8D%89%E6%A1%88%20%232%3F.docx');
    expect(new URL(uri).pathname).toBe('/tmp/%E8%8D%89%E6%A1%88%20%232%3F.docx');
    expect(decodeURIComponent(new URL(uri).pathname)).toBe('/tmp/草案 #2?.docx');
    expect(toUri('C:\\计划\\a#b.pdf')).toBe('file:///C:/%E8%AE%A1%E5%88%92/a%23b.pdf');
    expect(toUri('drafts/a#b.txt')).toBe('drafts/a%23b.txt');
    for (const r of log.runs[0].tool.driver.rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(r.helpUri).toMatch(new RegExp(`^file:///.*docs/rules\\.md#${r.id}$`));
    }
  });

  it('the schema rejects a broken log (the validator really checks)', () => {
    const log = JSON.parse(formatReport('sarif', input));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('a real run on huating-2022 validates too', async () => {
    let out = '';
    const code = await runCheck(['fixtures/huating-2022.txt'], { format: 'sarif', cwd: tmpdir() }, { out: (s) => (out += s), err: () => {} });
    expect(code).toBe(1);
    const log = JSON.parse(out);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'issued-before-signed')).toBe(true);
  });
});

describe('junit', () => {
  const xml = formatReport('junit', input);

  it('one testsuite per file; only findings at or above --fail-on are failures; a clean file passes', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<testsuites name="gkcheck">');
    // failOn defaults to error: the two warnings and the info are shown, not failed.
    expect(xml).toContain('<testsuite name="drafts/huating-2022.txt" tests="3" failures="1"');
    expect(xml).toContain('<testsuite name="drafts/clean.txt" tests="1" failures="0"');
    expect(xml).toContain('<testcase classname="drafts/clean.txt" name="gkcheck"/>');
    expect(xml.match(/<failure /g)?.length).toBe(1);
    expect(xml.match(/<system-out>/g)?.length).toBe(3);
    const strict = formatReport('junit', { ...input, failOn: 'warning' });
    expect(strict.match(/<failure type="warning"/g)?.length).toBe(2);
    expect(strict).not.toContain('<failure type="info"');
    expect(formatReport('junit', { ...input, failOn: 'never' })).not.toContain('<failure');
    expect(xml).toContain('name="heading-label-form 39:1 §1.3"');
    expect(xml).toContain('next &lt;&amp;&gt;');
    expect(xml).not.toMatch(/<&>/);
  });
});

describe('github', () => {
  const lines = formatReport('github', input).trimEnd().split('\n');

  it('prints one workflow command per finding', () => {
    expect(lines.length).toBe(4);
    expect(lines[0]).toBe('::error file=drafts/huating-2022.txt,line=15,col=1,title=date-format::成文日期“2022年八月3日”应使用阿拉伯数字 / Signing date must use Arabic numerals%0A「2022年八月3日」');
    expect(lines[2]).toBe('::warning file=drafts/huating-2022.txt,title=crisis-response-time::要点未写明此项要求 / not stated');
    // A PDF finding keeps its page: line 12 is the line on page 3.
    expect(lines[3]).toMatch(/^::notice file=drafts\/草案 2022\.pdf,line=12,col=5,title=task-title-mismatch p\.3 §2\.2::第3页 \/ p\.3 /);
  });

  it('escapes %, newlines, and : , in properties', () => {
    expect(lines[1]).toContain('title=heading-label-form §1.3::');
    expect(lines[1]).toContain('100%25, a:b%0Anext <&>');
    const f = finding({ ruleId: 'x', severity: 'error', file: 'a,b:c.txt' });
    expect(formatReport('github', { ...input, findings: [f] })).toContain('file=a%2Cb%3Ac.txt');
  });
});

describe('gitlab', () => {
  it('is Code Quality JSON with unique, line-independent fingerprints', () => {
    const issues = JSON.parse(formatReport('gitlab', input));
    expect(issues.length).toBe(4);
    for (const i of issues) {
      expect(i).toMatchObject({ type: 'issue', check_name: expect.any(String), description: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.location).toEqual({ path: expect.any(String), lines: { begin: expect.any(Number) } });
    }
    expect(issues.map((i: { severity: string }) => i.severity)).toEqual(['major', 'minor', 'minor', 'info']);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(4);
    expect(issues[2].location.lines.begin).toBe(1);
    expect(issues[3].description).toMatch(/^第3页 \/ p\.3 /);

    const moved = findings.map((f) => ({ ...f, position: f.position ? { ...f.position, line: f.position.line + 10 } : null }));
    const again = JSON.parse(formatReport('gitlab', { ...input, findings: moved }));
    expect(again.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(issues.map((i: { fingerprint: string }) => i.fingerprint));
    const twice = JSON.parse(formatReport('gitlab', { ...input, findings: [findings[0], findings[0]] }));
    expect(twice[0].fingerprint).not.toBe(twice[1].fingerprint);
  });
});

describe('a file that could not be read is in every machine report', () => {
  const failures = [{ file: 'drafts/bad.pdf', error: { code: 'corrupt-file', zh: '文件已损坏', en: 'The file is damaged' } }];
  const withBad: ReportInput = { ...input, failures };

  it('json: in files with its error, and counted in summary.files and summary.failed', () => {
    const out = JSON.parse(formatReport('json', withBad));
    expect(out.summary).toMatchObject({ files: 4, checked: 3, failed: 1, exitCode: 2 });
    expect(out.files.find((f: { file: string }) => f.file === 'drafts/bad.pdf')).toEqual({ file: 'drafts/bad.pdf', status: 'failed', findings: 0, error: failures[0].error });
  });
  it('sarif: a tool execution notification naming the file; the invocation failed', () => {
    const run = JSON.parse(formatReport('sarif', withBad)).runs[0];
    expect(run.invocations[0].executionSuccessful).toBe(false);
    const n = run.invocations[0].toolExecutionNotifications[0];
    expect(n).toMatchObject({ level: 'error', descriptor: { id: 'input/corrupt-file' } });
    expect(n.locations[0].physicalLocation.artifactLocation.uri).toBe('drafts/bad.pdf');
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toContain('drafts/bad.pdf');
  });
  it('junit: an <error> testcase', () => {
    expect(formatReport('junit', withBad)).toMatch(/<testsuite name="drafts\/bad\.pdf" tests="1" failures="0" errors="1"[^]*<error type="corrupt-file" message="文件已损坏 \/ The file is damaged">/);
  });
  it('github: an ::error annotation on the file', () => {
    expect(formatReport('github', withBad)).toContain('::error file=drafts/bad.pdf,title=gkcheck corrupt-file::文件已损坏 / The file is damaged\n');
  });
  it('gitlab: a blocker issue on the file', () => {
    const issues = JSON.parse(formatReport('gitlab', withBad));
    expect(issues.find((i: { location: { path: string } }) => i.location.path === 'drafts/bad.pdf')).toMatchObject({ severity: 'blocker', check_name: 'gkcheck/corrupt-file' });
  });
  it('pretty: named with why, and no success line', () => {
    const text = formatReport('pretty', { ...withBad, findings: [] });
    expect(text).toContain('drafts/bad.pdf\n  无法检查 / not checked  文件已损坏 / The file is damaged');
    expect(text).not.toContain('未发现问题');
    expect(text).toContain('1 个文件无法检查（共 4 个），结果不完整');
  });
});

describe('SARIF helpUri targets exist', () => {
  it('docs/rules.md is `gkcheck rules --format markdown` and has an anchor for every rule a run reports', async () => {
    const { listRules } = await import('../src/cli/check.js');
    let md = '';
    expect(await listRules('markdown', { cwd: tmpdir() }, { out: (s) => (md += s), err: () => {} })).toBe(0);
    expect(readFileSync('docs/rules.md', 'utf8'), 'docs/rules.md is out of date: run `npm run docs:rules`').toBe(md);
    let out = '';
    await runCheck(['fixtures/huating-2022.txt'], { format: 'sarif', cwd: tmpdir() }, { out: (s) => (out += s), err: () => {} });
    for (const r of JSON.parse(out).runs[0].tool.driver.rules) {
      const [file, anchor] = r.helpUri.split('#');
      expect(file.endsWith('/docs/rules.md')).toBe(true);
      expect(md).toContain(`<a id="${anchor}"></a>`);
    }
  });
});

describe('reports stream as files finish (memory does not grow with the batch)', () => {
  it('each file is written as soon as it is done, in input order; checkFiles with onFile keeps nothing', async () => {
    const files = ['fixtures/qixia-2022.txt', 'fixtures/huating-2022.txt', 'fixtures/mudan-2022.txt'];
    for (const format of ['sarif', 'junit'] as const) {
      const chunks: string[] = [];
      await runCheck(files, { format, cwd: tmpdir() }, { out: (s) => chunks.push(s), err: () => {} });
      // begin, one chunk per file that has something to say, end — never one string at the end.
      expect(chunks.length, format).toBeGreaterThanOrEqual(files.length + 1);
      const firstHuating = chunks.findIndex((c) => c.includes('huating-2022'));
      const firstMudan = chunks.findIndex((c) => c.includes('mudan-2022'));
      expect(firstHuating, format).toBeGreaterThan(0);
      expect(firstMudan, format).toBeGreaterThan(firstHuating);
    }
    const { checkFiles } = await import('../src/usecases/check-files.js');
    const seen: string[] = [];
    const run = await checkFiles(files, { cwd: tmpdir() }, (r) => seen.push(r.file));
    expect(seen).toEqual(files);
    expect(run.files).toEqual([]);
    expect(run.summary.total).toBe(3);
  });
});
