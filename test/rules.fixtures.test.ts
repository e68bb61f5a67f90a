/**
 * The checker on the real notices (fixtures/*.txt, copies of shared/corpus): every real defect
 * that issue 4 names is reported with its rule id and location, variants made from the real
 * text by string replacement fail the matching rule, and the unmodified notices raise no
 * error-level finding that is not a real defect.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli/check.js';
import { parseText } from '../src/parse.js';
import { runRules, selectRules, type Finding } from '../src/rules/index.js';

const read = (name: string) => readFileSync(`fixtures/${name}.txt`, 'utf8');
const defaults = selectRules({ cwd: tmpdir() }).active; // national + format + consistency
const withShandong = selectRules({ rules: ['shandong-2022', 'format', 'consistency'], cwd: tmpdir() }).active;

function check(text: string, active = defaults, file = 'notice.txt'): Finding[] {
  return runRules(parseText(text, { path: file }), active, { file });
}
const of = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);
const at = (f: Finding) => `${f.position?.page ?? ''}${f.position?.page != null ? ':' : ''}${f.position?.line}:${f.position?.column}`;

/** runCheck on a text written to a temp file; returns exit code and JSON findings. */
async function cli(text: string, opts: Parameters<typeof runCheck>[1]) {
  const dir = mkdtempSync(join(tmpdir(), 'gkcheck-'));
  const file = join(dir, 'notice.txt');
  writeFileSync(file, text);
  let out = '';
  let err = '';
  const code = await runCheck([file], { format: 'json', cwd: dir, ...opts }, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, err, findings: JSON.parse(out).findings as { ruleId: string; line: number | null; severity: string }[] };
}

describe('huating-2022', () => {
  const text = read('huating-2022');
  const fs = check(text, defaults, 'fixtures/huating-2022.txt');

  it('印发 2022-07-03 before 成文 2022-08-03 → issued-before-signed at the 印发 line', () => {
    const [f, ...rest] = of(fs, 'issued-before-signed');
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(at(f)).toBe('209:1');
    expect(text.split('\n')[208]).toContain('印发');
    expect(f.message.zh).toContain('2022-07-03');
    expect(f.message.zh).toContain('2022-08-03');
  });

  it('成文日期 "2022年八月3日" → date-format at its line', () => {
    const [f, ...rest] = of(fs, 'date-format');
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(at(f)).toBe('15:1');
    expect(f.quote).toBe('2022年八月3日');
  });

  it('mixed "(三)" / "（一）" labels → one heading-label-form finding listing every half-width label', () => {
    const labels = of(fs, 'heading-label-form');
    expect(labels.length).toBe(1); // one habit, one finding
    const [f] = labels;
    expect(f).toMatchObject({ severity: 'warning', path: '1.3', quote: '(三)依法规范办理依申请公开' });
    expect(f.position?.line).toBe(39);
    // (三)–(八) and (十一)–(二十六); （一）（二）（九）（十） are full-width
    expect(f.locations?.length).toBe(21);
    expect(f.locations?.at(-1)).toMatchObject({ path: '5.4', quote: '(二十六)狠抓工作落实' });
    expect(f.message.zh).toContain('（三）');
    expect(f.message.zh).not.toContain('（一）');
  });

  it('has "三同步" and the 年度报告 sentence, but no 5小时/24小时 clause', () => {
    expect(of(fs, 'interpretation-sync')).toEqual([]);
    expect(of(fs, 'annual-report-inclusion')).toEqual([]);
    expect(of(fs, 'crisis-response-time').map((f) => f.messageId)).toEqual(['missing']);
  });

  it('the same defects are found in the PDF, with page numbers', async () => {
    let out = '';
    await runCheck(['fixtures/huating-2022.pdf'], { format: 'json', cwd: tmpdir() }, { out: (s) => (out += s), err: () => {} });
    const found = JSON.parse(out).findings as { ruleId: string; page: number | null; line: number }[];
    const ibs = found.find((f) => f.ruleId === 'issued-before-signed');
    const df = found.find((f) => f.ruleId === 'date-format');
    expect(ibs?.page).toBeGreaterThan(1);
    expect(df).toMatchObject({ page: 1 });
  });
});

describe('huaiyin-2022', () => {
  const text = read('huaiyin-2022');
  const fs = check(text, defaults, 'fixtures/huaiyin-2022.txt');

  it('task table "提升公开实效效" → duplicated-characters at its row, and no second rule for it', () => {
    expect(of(fs, 'task-title-mismatch').find((f) => f.quote === '围绕社会关切，提升公开实效效')).toBeUndefined();
    expect(text.split('\n').slice(256, 259).join('\n')).toContain('提升公开实效效');
    const doubled = of(fs, 'duplicated-characters');
    expect(doubled.map((f) => [f.position?.line, f.quote, f.path])).toEqual([[257, '围绕社会关切，提升公开实效效', '2.2']]);
  });

  it('task table "深化基层政务公标准化" → task-title-mismatch at its row', () => {
    const f = of(fs, 'task-title-mismatch').find((x) => x.quote === '深化基层政务公标准化规范化建设');
    expect(f).toMatchObject({ path: '3.1' });
    expect(f!.position?.line).toBe(313);
    expect(text.split('\n').slice(312, 316).join('\n')).toContain('深化基层政务公标准化规范化建设');
    expect(of(fs, 'task-title-mismatch').length).toBe(1);
  });

  it('unmodified: satisfies interpretation-sync and crisis-response-time', () => {
    expect(of(fs, 'interpretation-sync')).toEqual([]);
    expect(of(fs, 'crisis-response-time')).toEqual([]);
  });

  it('5小时 changed to 8小时 → one crisis-response-time finding at the body and the task table', () => {
    const variant = text.replaceAll('5小时', '8小时');
    expect(variant).not.toBe(text);
    const found = of(check(variant), 'crisis-response-time');
    expect(found.map((f) => f.messageId)).toEqual(['exceeded']);
    expect(found[0]).toMatchObject({ path: '2.2' });
    expect(found[0].position?.line).toBe(15);
    // The finding points at the limit itself ("最迟在8小时内"), not at the start of the sentence.
    expect(text.replaceAll('5小时', '8小时').split('\n')[14].slice(found[0].position!.column - 1)).toMatch(/^最迟在8小时内/);
    expect(found[0].message.zh).toContain('8小时');
    expect(found[0].locations?.map((l) => l.position!.line > 260)).toEqual([true]);
  });

  it('24小时 changed to 48小时 for the press conference → crisis-response-time', () => {
    const found = of(check(text.replaceAll('在24小时内举行新闻发布会', '在48小时内举行新闻发布会')), 'crisis-response-time');
    expect(found.length).toBe(1);
    expect(found[0].locations?.length).toBe(1);
    expect(found[0].message.en).toContain('48 hours');
  });

  it('the 解读材料 (三同步) requirement deleted → interpretation-sync', () => {
    const variant = text.replaceAll('坚持政策文件与解读方案、解读材料同组织同审签同部署，', '');
    expect(variant).not.toBe(text);
    const found = of(check(variant), 'interpretation-sync');
    expect(found.map((f) => f.messageId)).toEqual(['missing']);
  });

  it('through the CLI: the variants fail, the unmodified notice does not', async () => {
    const opts = { rules: ['national'], failOn: 'warning' as const };
    const clean = await cli(text, opts);
    expect(clean.code).toBe(0);
    expect(clean.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const hours = await cli(text.replaceAll('5小时', '8小时'), opts);
    expect(hours.code).toBe(1);
    expect(hours.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)).toEqual(['crisis-response-time']);
    // A looser bound is an error (requirements.md: 8h/48h is an error), so it fails CI even
    // with the default --fail-on error; an absent clause would only be a warning.
    const hoursDefault = await cli(text.replaceAll('5小时', '8小时'), { rules: ['national'] });
    expect(hoursDefault.code).toBe(1);
    expect(hoursDefault.findings.filter((f) => f.severity !== 'info').map((f) => f.severity)).toEqual(['error']);
    // Not restating 三同步 does not contradict 80号 (it applies anyway): advice, which does not fail CI.
    const sync = await cli(text.replaceAll('坚持政策文件与解读方案、解读材料同组织同审签同部署，', ''), opts);
    expect(sync.code).toBe(0);
    expect(sync.findings.filter((f) => f.ruleId === 'interpretation-sync').map((f) => f.severity)).toEqual(['info']);
  });

  it('shandong-2022: 适用主体清单 and 退文 are missing from this plan', () => {
    const sd = check(text, withShandong);
    expect(of(sd, 'public-institutions-list').map((f) => f.messageId)).toEqual(['missing']);
    expect(of(sd, 'interpretation-return').map((f) => f.messageId)).toEqual(['missing']);
    expect(of(sd, 'leadership-briefing')).toEqual([]);
    expect(of(sd, 'training-annual')).toEqual([]);
  });
});

describe('the other notices', () => {
  it('qixia-2022: 行政规范性文件 published without a deadline → normative-docs-publication', () => {
    const fs = check(read('qixia-2022'));
    const f = of(fs, 'normative-docs-publication');
    expect(f.map((x) => x.messageId)).toEqual(['noDate']);
    expect(f[0].path).toBe('4.2');
    expect(check(read('qixia-2022'), withShandong).filter((x) => x.pack === 'shandong-2022')).toEqual([]);
  });

  it('mudan-2022: no 通识培训 clause → training-annual (shandong-2022)', () => {
    const fs = check(read('mudan-2022'), withShandong);
    expect(of(fs, 'training-annual').map((f) => f.messageId)).toEqual(['missing']);
    expect(of(fs, 'interpretation-return')).toEqual([]);
    expect(of(fs, 'public-institutions-list')).toEqual([]);
  });

  it('zhaoyuan-2021: no 三同步 and no 年度报告 sentence; shandong-2022 rules do not apply to 2021', () => {
    const fs = check(read('zhaoyuan-2021'), withShandong);
    expect(of(fs, 'interpretation-sync').length).toBe(1);
    expect(of(fs, 'annual-report-inclusion').length).toBe(1);
    expect(fs.filter((f) => f.pack === 'shandong-2022')).toEqual([]);
  });

  it('variants of the real texts: a heading-number gap, a 〔〕 doc number, an old deadline', () => {
    const hy = read('huaiyin-2022');
    const gap = of(check(hy.replace('（三）紧扣疫情防控', '（四）紧扣疫情防控')), 'heading-sequence');
    expect(gap.map((f) => `${f.messageId}@${f.position?.line}`)).toEqual(['gap@8', 'repeat@9']);
    const qx = read('qixia-2022');
    const num = of(check(qx.replace('栖政办发〔2022〕10 号', '栖政办发[2022]10号')), 'doc-number-format');
    expect(num.map((f) => `${f.messageId}@${f.position?.line}`)).toEqual(['brackets@2']);
    const old = of(check(hy.replace('2022年底前通过区政府门户网站', '2021年底前通过区政府门户网站')), 'deadline-outside-plan-year');
    expect(old.map((f) => `${f.messageId}@${f.position?.line}:${f.position?.column} §${f.path}`)).toEqual(['beforePlanYear@28:82 §4.2']);
  });

  it.each(['huaiyin-2022', 'huating-2022', 'mudan-2022', 'qixia-2022', 'zhaoyuan-2021'])('%s: the only errors are the real defects', (name) => {
    const errors = check(read(name), withShandong, name).filter((f) => f.severity === 'error');
    const expected = name === 'huating-2022' ? ['date-format@15', 'issued-before-signed@209'] : [];
    expect(errors.map((f) => `${f.ruleId}@${f.position?.line}`)).toEqual(expected);
  });

  it.each(['huaiyin-2022', 'huating-2022', 'mudan-2022', 'qixia-2022', 'zhaoyuan-2021'])('%s: no false heading-sequence, doc-number or deadline findings', (name) => {
    const fs = check(read(name));
    expect(fs.filter((f) => ['heading-sequence', 'doc-number-format', 'deadline-outside-plan-year', 'task-missing-unit', 'task-missing-deadline'].includes(f.ruleId))).toEqual([]);
  });
});
