/**
 * The engine around the rules: loading and validating packs (errors name line and column),
 * configuration (.gkcheckrc.yaml found upward, severities, off, options), the regex guard,
 * `runCheck` exit codes and `listRules`.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRules, runCheck } from '../src/cli/check.js';
import { InputError } from '../src/errors.js';
import { parseText } from '../src/parse.js';
import { loadPackFile, loadPacks, runRules, selectRules } from '../src/rules/index.js';
import { sampleNotice } from '../src/rules/code/define.js';

const dir = () => mkdtempSync(join(tmpdir(), 'gkcheck-rules-'));
function write(d: string, name: string, text: string): string {
  const f = join(d, name);
  writeFileSync(f, text);
  return f;
}
function loadError(yaml: string): InputError {
  const f = write(dir(), 'pack.yaml', yaml);
  try {
    loadPackFile(f);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('invalid-rule-file');
    expect((e as InputError).file).toBe(f);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const RULE = `
  - id: no-placeholder
    kind: forbid
    severity: warning
    confidence: derived
    source: 派生规则：草稿中的占位符
    message: { zh: 不应留有占位符, en: No placeholders }
    keywords: [XX局]
    cases:
      valid: ["一、总体要求\\n（一）做好解读。加强解读。"]
      invalid: ["一、总体要求\\n（一）做好解读。XX局负责。"]
`;

describe('invalid rule packs name the line and column', () => {
  it('a YAML syntax error', () => {
    const e = loadError('pack: demo\nrules:\n  - id: a\n    kind: [forbid\n');
    expect(e.zh).toMatch(/^第\d+行第\d+列：YAML 语法错误/);
    expect(e.en).toMatch(/^line \d+, column \d+: YAML syntax error/);
  });

  it('a value the schema does not allow', () => {
    const e = loadError(`pack: demo\nrules:${RULE.replace('severity: warning', 'severity: fatal')}`);
    expect(e.en).toBe('line 5, column 15: /rules/0/severity must be one of error / warning / info');
    expect(e.zh).toContain('第5行第15列');
  });

  it('an unknown property points at its key', () => {
    const e = loadError(`pack: demo\nrules:${RULE.replace('    keywords:', '    keyword: [x]\n    keywords:')}`);
    expect(e.en).toBe('line 9, column 5: /rules/0 has an unknown property "keyword"');
  });

  it('a missing property points at the rule', () => {
    const e = loadError(`pack: demo\nrules:${RULE.replace(/    message:.*\n/, '')}`);
    expect(e.en).toMatch(/^line 3, column 5: \/rules\/0 must have required property 'message'/);
    expect(e.zh).toContain('缺少必填项“message”');
  });

  it('an error-level rule whose source is not confirmed (confidence C-)', () => {
    const e = loadError(`pack: demo\nrules:${RULE.replace('severity: warning', 'severity: error').replace('confidence: derived', 'confidence: C-')}`);
    expect(e.en).toMatch(/^line 5, column 15: .*only confirmed, C, requirements may be errors/);
  });

  it('a regex RE2 cannot run (backreference)', () => {
    const e = loadError(`pack: demo\nrules:${RULE.replace('keywords: [XX局]', 'patterns: ["(X)\\\\1局"]')}`);
    expect(e.en).toMatch(/^line 9, column 16: invalid regular expression/);
  });

  it('an unknown code rule, a duplicate id, bad options', () => {
    expect(loadError('pack: demo\nrules:\n  - id: no-such-rule\n    kind: code\n').en).toBe('line 3, column 9: there is no code rule with id "no-such-rule"');
    expect(loadError(`pack: demo\nrules:${RULE}${RULE}`).en).toMatch(/^line 14, column 9: rule id "no-placeholder" appears twice/);
    expect(loadError('pack: demo\nrules:\n  - id: duplicated-characters\n    kind: code\n    options:\n      allow: 3\n').en).toMatch(/^line 6, column 14: invalid options for rule "duplicated-characters"/);
  });

  it('a pack edited between two loads in one process is read again (the API, a reused worker)', () => {
    const d = dir();
    const f = write(d, 'pack.yaml', `pack: demo\nrules:${RULE}`);
    expect(loadPackFile(f).rules[0].severity).toBe('warning');
    expect(loadPackFile(f)).toBe(loadPackFile(f));
    // Same length as before, so only the mtime tells the two apart: set it forward.
    writeFileSync(f, `pack: demo\nrules:${RULE.replace('severity: warning', 'severity: info   ')}`);
    utimesSync(f, new Date(), new Date(Date.now() + 5_000));
    expect(loadPackFile(f).rules[0].severity).toBe('info');
  });

  it('packs that extend each other in a cycle', () => {
    const d = dir();
    write(d, 'a.yaml', 'pack: a\nextends: ./b.yaml\nrules: []\n');
    write(d, 'b.yaml', 'pack: b\nextends: ./a.yaml\nrules: []\n');
    expect(() => loadPacks(['./a.yaml'], d)).toThrow(/cycle/);
  });

  it('runCheck reports it and exits 2', async () => {
    const d = dir();
    const pack = write(d, 'bad.yaml', `pack: demo\nrules:${RULE.replace('severity: warning', 'severity: fatal')}`);
    const notice = write(d, 'n.txt', sampleNotice());
    let err = '';
    const code = await runCheck([notice], { rules: [pack], cwd: d }, { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toContain('第5行第15列');
    expect(err).toContain('line 5, column 15');
  });
});

describe('custom packs and the regex guard', () => {
  it('a pack file given with --rules runs its rules', async () => {
    const d = dir();
    const pack = write(d, 'mine.yaml', `pack: mine\nextends: national\nrules:${RULE}`);
    const notice = write(d, 'n.txt', sampleNotice({ body: ['一、总体要求', '（一）做好解读。XX局负责。'] }));
    let out = '';
    const code = await runCheck([notice], { rules: [pack], format: 'json', failOn: 'warning', cwd: d }, { out: (s) => (out += s), err: () => {} });
    expect(code).toBe(1);
    const ids = (JSON.parse(out).findings as { ruleId: string }[]).map((f) => f.ruleId);
    expect(ids).toContain('no-placeholder');
    expect(ids).toContain('crisis-response-time'); // from the national pack it extends
  });

  it('a catastrophic pattern runs in linear time', () => {
    const d = dir();
    const pack = write(d, 'slow.yaml', `pack: slow\nrules:${RULE.replace('keywords: [XX局]', 'patterns: ["(a+)+$", "(x|x)*y"]')}`);
    const active = selectRules({ rules: [pack], cwd: d }).active;
    const text = sampleNotice({ body: ['一、总体要求', `（一）做好解读。${'a'.repeat(5000)}b${'x'.repeat(5000)}。`] });
    const t = performance.now();
    const found = runRules(parseText(text), active);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(found.some((f) => f.ruleId === 'no-placeholder')).toBe(false);
  });
});

describe('.gkcheckrc.yaml', () => {
  it('is found from the working directory upward and sets packs, severities, options and off', async () => {
    const root = dir();
    write(
      root,
      '.gkcheckrc.yaml',
      [
        'extends: [shandong-2022, format, consistency]',
        'failOn: warning',
        'rules:',
        '  heading-label-form: "off"',
        '  crisis-response-time: info',
        '  duplicated-characters:',
        '    severity: error',
        '    options: { allow: [效效] }',
      ].join('\n'),
    );
    const sub = join(root, 'drafts', '2022');
    mkdirSync(sub, { recursive: true });
    const sel = selectRules({ cwd: sub });
    expect(sel.config?.file).toBe(join(root, '.gkcheckrc.yaml'));
    expect(sel.packs.map((p) => p.name)).toEqual(['national', 'shandong-2022', 'format', 'consistency']);
    const byId = new Map(sel.active.map((a) => [a.rule.meta.id, a]));
    expect(byId.has('heading-label-form')).toBe(false);
    expect(byId.get('crisis-response-time')?.severity).toBe('info');
    expect(byId.get('duplicated-characters')).toMatchObject({ severity: 'error', options: { allow: ['效效'] } });

    // failOn: warning from the config; crisis-response-time lowered to info does not fail.
    const notice = write(sub, 'n.txt', sampleNotice());
    let out = '';
    const code = await runCheck([notice], { cwd: sub, format: 'json' }, { out: (s) => (out += s), err: () => {} });
    const found = JSON.parse(out).findings as { ruleId: string; severity: string }[];
    expect(found.find((f) => f.ruleId === 'crisis-response-time')?.severity).toBe('info');
    expect(code).toBe(found.some((f) => f.severity !== 'info') ? 1 : 0);
  });

  it('an unknown rule id in the config is an error with its line', () => {
    const d = dir();
    write(d, '.gkcheckrc.yaml', 'rules:\n  no-such-rule: warning\n');
    expect(() => selectRules({ cwd: d })).toThrow(/line 2, column 3: there is no rule "no-such-rule"/);
  });

  it('--config names a file; a missing one is an input error', () => {
    const d = dir();
    const f = write(d, 'ci.yaml', 'extends: national\n');
    expect(selectRules({ config: f, cwd: d }).packs.map((p) => p.name)).toEqual(['national']);
    expect(() => selectRules({ config: join(d, 'missing.yaml'), cwd: d })).toThrow(InputError);
  });
});

describe('runCheck and listRules', () => {
  const quiet = { out: () => {}, err: () => {} };

  it('exit codes: 0 clean, 1 at or above --fail-on, 2 input or usage error', async () => {
    const d = dir();
    const ok = write(d, 'ok.txt', sampleNotice());
    const bad = write(d, 'bad.txt', sampleNotice({ signed: '2022年8月3日', printed: '2022年7月3日' }));
    expect(await runCheck([ok], { rules: ['format', 'consistency'], cwd: d }, quiet)).toBe(0);
    expect(await runCheck([bad], { rules: ['format', 'consistency'], cwd: d }, quiet)).toBe(1);
    expect(await runCheck([bad], { rules: ['format', 'consistency'], failOn: 'never', cwd: d }, quiet)).toBe(0);
    expect(await runCheck([ok], { failOn: 'warning', cwd: d }, quiet)).toBe(1); // national: no 5h/24h clause → warning
    expect(await runCheck([join(d, 'missing.txt')], { cwd: d }, quiet)).toBe(2);
    expect(await runCheck([ok], { format: 'xml' as never, cwd: d }, quiet)).toBe(2);
    expect(await runCheck([], { cwd: d }, quiet)).toBe(2);
    let err = '';
    expect(await runCheck([ok], { rules: ['jiangsu-2022'], cwd: d }, { out: () => {}, err: (s) => (err += s) })).toBe(2);
    expect(err).toContain('there is no built-in rule pack "jiangsu-2022"');
  });

  it('listRules lists every rule with id, severity, pack, source and description', async () => {
    let out = '';
    expect(await listRules('json', { cwd: tmpdir() }, { out: (s) => (out += s), err: () => {} })).toBe(0);
    const rows = JSON.parse(out) as { id: string; severity: string; pack: string; source: string; description: { zh: string; en: string }; enabled: boolean }[];
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids).toEqual(expect.arrayContaining(['interpretation-sync', 'leadership-briefing', 'doc-number-format', 'task-title-mismatch']));
    for (const r of rows) {
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.description.zh && r.description.en).toBeTruthy();
    }
    expect(rows.find((r) => r.id === 'leadership-briefing')).toMatchObject({ pack: 'shandong-2022', enabled: false });
    expect(rows.find((r) => r.id === 'issued-before-signed')).toMatchObject({ pack: 'consistency', severity: 'error', enabled: true });

    let text = '';
    await listRules('pretty', { cwd: tmpdir() }, { out: (s) => (text += s), err: () => {} });
    expect(text).toContain('[national]');
    expect(text).toContain('crisis-response-time');
    expect(text).toContain('依据 / Source: 国办发〔2016〕80号');
  });
});
