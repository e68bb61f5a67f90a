/**
 * gkcheck diff on the real notices: the pairs it reports are checked against pairs written
 * down by hand (by reading both plans side by side), then the per-pair differences
 * (deadlines, units, modality, text), the renderers and the command line.
 *
 * Precision = reported pairs that are in `pairs` or `acceptable` / reported pairs (≥ 0.9);
 * every section listed in `onlyA` / `onlyB` must be reported unmatched.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { parseFile, parseText } from '../src/parse.js';
import type { Notice } from '../src/model.js';
import { diffNotices, matrix, unitKey, DEFAULT_THRESHOLD, type NoticeDiff } from '../src/diff/index.js';
import { wordDiff, sideText, unwrapLines, diffTokens } from '../src/diff/word-diff.js';
import { longestIncreasing } from '../src/diff/align.js';
import { renderText } from '../src/diff/render-text.js';
import { renderJson, renderYaml } from '../src/diff/render-data.js';
import { renderMarkdown } from '../src/diff/render-markdown.js';
import { renderHtml } from '../src/diff/render-html.js';
import { renderMatrixCsv, renderMatrixHtml, renderMatrixText } from '../src/diff/render-matrix.js';
import { runDiff } from '../src/cli/diff.js';

// ---------------------------------------------------------------------------- hand-checked alignments
// Written down by reading both plans (fixtures/*.txt) side by side, before the aligner was built
// or tuned. Paths are the parser's section paths ("3.2" = 三、（二）).
// - `pairs`: sections that carry the same task in both plans (a ↔ b).
// - `acceptable`: judgement calls; a pair listed here is not counted as wrong (nor required).
// - `onlyA` / `onlyB`: sections with no counterpart; the tool must report them unmatched.

interface ExpectedAlignment {
  a: string;
  b: string;
  pairs: [string, string][];
  acceptable: [string, string][];
  onlyA: string[];
  onlyB: string[];
}

/**
 * qixia-2022 (栖霞市) vs mudan-2022 (牡丹区): two Shandong 2022 plans built from the same
 * provincial 要点, with the chapters regrouped.
 * - Chapters pair by what they hold: 栖霞 二、夯实基础 ↔ 牡丹 四、夯实基础; 三、重点领域 (营商/疫情/
 *   民生/企事业) ↔ 二、社会和谐稳定 (疫情/民生/企事业); 四、决策公开和公众参与 ↔ 三、“含金量”
 *   (决策/政策公开/解读).
 * - 栖霞（三）做好重大政策解读 ↔ 牡丹（九）推进政策精细化解读 (same sentences: 行政规范性文件…均要开展解读,
 *   杜绝简单摘抄文字、罗列文件小标题, 坚持政府对社会解读、上级机关对下级机关解读并重).
 * - 栖霞（八）营商环境 ↔ 牡丹（三）: 政策包, 双随机一公开, 收费目录清单, 政策找人.
 * - 栖霞（十四）政民互动 ↔ 牡丹（十三）政府开放活动: both are about 政府开放 activities and 问卷调查.
 * - 栖霞（四）规范政务公开工作流程 ↔ 牡丹（十）规范开展政府信息公开: the long 公开属性源头认定 /
 *   历史公文 / 依申请转主动 passage is word for word in both.
 * - 栖霞（六）依申请办理 has no section of its own in 牡丹 (牡丹 folds two sentences of it into （十）,
 *   which already pairs with 栖霞（四）). 牡丹（十七）加大宣传力度 (投稿 to 政务公开工作交流) has no
 *   counterpart in 栖霞.
 */
const qixiaMudan: ExpectedAlignment = {
  a: 'qixia-2022',
  b: 'mudan-2022',
  pairs: [
    ['1', '1'],
    ['1.1', '1.1'],
    ['1.2', '1.2'],
    ['1.3', '3.3'],
    ['2', '4'],
    ['2.1', '4.1'],
    ['2.2', '4.2'],
    ['2.4', '4.3'],
    ['3', '2'],
    ['3.1', '1.3'],
    ['3.2', '2.1'],
    ['3.3', '2.2'],
    ['3.4', '2.3'],
    ['4', '3'],
    ['4.1', '3.1'],
    ['4.2', '3.2'],
    ['4.3', '4.4'],
    ['5', '5'],
    ['5.1', '5.1'],
    ['5.2', '5.2'],
    ['5.3', '5.3'],
  ],
  acceptable: [],
  onlyA: ['2.3'],
  onlyB: ['5.4'],
};

/**
 * zhaoyuan-2021 (招远市 2021) vs qixia-2022 (栖霞市 2022): two 烟台 county plans a year apart.
 * 2021 had 六 chapters (十四五规划, 安全生产, 财政, 线上/线下平台…) that 2022 drops or folds in.
 * - Clear pairs: the 重点领域 chapter (营商/民生/疫情/企事业), 夯实基础 (依申请, 基层标准目录),
 *   决策公开 (重大行政决策目录), 政策解读, and the 保障 chapter (协调机制↔工作保障, 作风, 落实).
 * - Judgement calls (`acceptable`): 招远（三）创新驱动 mixes 科技创新 (栖霞（二）) with 新旧动能转换 and
 *   惠企政策精准推送 (栖霞（一））; 招远 二、（一）政府信息管理 holds both the 源头认定 passage (栖霞（四）) and
 *   规范性文件集中公开 (栖霞（十三））; 栖霞（五）平台建设 ("落实专人专责，健全…日常检查、维护和更新")
 *   is as close to 招远 二、（三）法定公开信息更新维护 as to 五、（一）线上公开主渠道; 招远 三、（二）公众参与
 *   (政府开放日, 列席) and 四、（二）政民互动 both touch 栖霞（十四）; 招远 四、 and 五、 chapters have no
 *   chapter of their own in 栖霞 but a tool may pair them with 栖霞 一、 / 二、 through one child.
 * - No counterpart in 栖霞: 招远（一）十四五规划专栏, （二）安全生产, （四）财政资金 (预决算, 政府债务),
 *   五、（二）线下公开场所.
 */
const zhaoyuanQixia: ExpectedAlignment = {
  a: 'zhaoyuan-2021',
  b: 'qixia-2022',
  pairs: [
    ['1', '3'],
    ['1.5', '3.1'],
    ['1.6', '3.3'],
    ['1.7', '3.2'],
    ['1.8', '3.4'],
    ['2', '2'],
    ['2.2', '2.3'],
    ['2.4', '2.4'],
    ['3', '4'],
    ['3.1', '4.1'],
    ['4.1', '1.3'],
    ['6', '5'],
    ['6.1', '5.1'],
    ['6.3', '5.2'],
    ['6.4', '5.3'],
  ],
  acceptable: [
    ['1.3', '1.1'],
    ['1.3', '1.2'],
    ['2.1', '2.1'],
    ['2.1', '4.2'],
    ['2.3', '2.2'],
    ['5.1', '2.2'],
    ['3.2', '4.3'],
    ['4.2', '4.3'],
    ['4', '1'],
    ['5', '2'],
  ],
  onlyA: ['1.1', '1.2', '1.4', '5.2'],
  onlyB: [],
};

// ---------------------------------------------------------------------------- helpers

const cache = new Map<string, Promise<Notice>>();
const notice = (name: string, ext = 'txt'): Promise<Notice> => {
  const f = `fixtures/${name}.${ext}`;
  if (!cache.has(f)) cache.set(f, parseFile(f));
  return cache.get(f)!;
};
const key = (a: string, b: string): string => `${a}↔${b}`;

function score(d: NoticeDiff, e: ExpectedAlignment) {
  const ok = new Set([...e.pairs, ...e.acceptable].map(([a, b]) => key(a, b)));
  const expected = new Set(e.pairs.map(([a, b]) => key(a, b)));
  const got = d.pairs.map((p) => key(p.a, p.b));
  const wrong = got.filter((k) => !ok.has(k));
  return {
    precision: got.length ? (got.length - wrong.length) / got.length : 0,
    recall: got.filter((k) => expected.has(k)).length / e.pairs.length,
    wrong,
  };
}

function capture() {
  let out = '';
  let err = '';
  return { w: { out: (s: string) => void (out += s), err: (s: string) => void (err += s) }, out: () => out, err: () => err };
}

// ---------------------------------------------------------------------------- alignment

describe('alignment against the hand-checked pairs', () => {
  for (const e of [qixiaMudan, zhaoyuanQixia]) {
    for (const ext of ['txt', 'docx']) {
      it(`${e.a} vs ${e.b} (${ext}): precision ≥ 0.9 and the unmatched sections reported`, async () => {
        const d = diffNotices(await notice(e.a, ext), await notice(e.b, ext));
        const s = score(d, e);
        expect(s.wrong, 'pairs that are neither expected nor acceptable').toEqual([]);
        expect(s.precision).toBeGreaterThanOrEqual(0.9);
        expect(s.recall).toBeGreaterThanOrEqual(0.9);
        for (const a of e.onlyA) expect(d.onlyA, `A ${a} has no counterpart`).toContain(a);
        for (const b of e.onlyB) expect(d.onlyB, `B ${b} has no counterpart`).toContain(b);
        // One-to-one, and every section accounted for exactly once.
        expect(new Set(d.pairs.map((p) => p.a)).size).toBe(d.pairs.length);
        expect(new Set(d.pairs.map((p) => p.b)).size).toBe(d.pairs.length);
        expect(d.pairs.length + d.onlyA.length).toBe(d.sections.a.length);
        expect(d.pairs.length + d.onlyB.length).toBe(d.sections.b.length);
      });
    }
  }

  it('marks the sections that changed place as moved (qixia vs mudan)', async () => {
    const d = diffNotices(await notice('qixia-2022'), await notice('mudan-2022'));
    const moved = d.moved.map((m) => key(m.a, m.b));
    // Under another chapter: 政策解读 (一、→三、), 营商环境 (三、→一、), 政民互动/开放活动 (四、→四、 of the other tree).
    expect(moved).toEqual(expect.arrayContaining([key('1.3', '3.3'), key('3.1', '1.3'), key('4.3', '4.4')]));
    // Same chapter, same order: not moved.
    for (const k of [key('1.1', '1.1'), key('3.2', '2.1'), key('5.1', '5.1'), key('2.1', '4.1')]) expect(moved).not.toContain(k);
    expect(d.pairs.every((p) => p.moved === moved.includes(key(p.a, p.b)))).toBe(true);
  });

  it('a higher threshold pairs fewer sections, a lower one more', async () => {
    const a = await notice('zhaoyuan-2021');
    const b = await notice('qixia-2022');
    const strict = diffNotices(a, b, { threshold: 0.3 });
    const loose = diffNotices(a, b, { threshold: 0.05 });
    const normal = diffNotices(a, b);
    expect(normal.threshold).toBe(DEFAULT_THRESHOLD);
    expect(strict.pairs.length).toBeLessThan(normal.pairs.length);
    expect(loose.pairs.length).toBeGreaterThan(normal.pairs.length);
    expect(strict.pairs.filter((p) => p.basis === 'text').every((p) => p.similarity >= 0.3)).toBe(true);
  });

  it('longest increasing run: the order that both plans agree on', () => {
    expect([...longestIncreasing([0, 3, 1, 2, 4])].sort()).toEqual([0, 2, 3, 4]);
    expect(longestIncreasing([]).size).toBe(0);
  });
});

// ---------------------------------------------------------------------------- per-pair differences

describe('differences of a pair', () => {
  it('qixia vs mudan: 政策公开 has no deadline in qixia and 2022年底前 in mudan; 基层政务公开 has 年底前 in both', async () => {
    const d = diffNotices(await notice('qixia-2022'), await notice('mudan-2022'));
    const policy = d.pairs.find((p) => p.a === '4.2')!;
    expect(policy.b).toBe('3.2');
    expect(policy.changed.deadlines).toBe(true);
    expect(policy.deadlines.removed).toEqual([]);
    expect(policy.deadlines.added.map((x) => [x.text, x.value])).toEqual([['2022年底前', '2022-12-31']]);
    const base = d.pairs.find((p) => p.a === '2.4')!;
    expect(base.b).toBe('4.3');
    expect(base.changed.deadlines).toBe(false);
    // 各镇政府、街道办事处要汇总 → 汇总: 要 dropped, required → plain; the words are in the diff.
    expect(base.modality.map((m) => `${m.from}>${m.to}`)).toContain('required>plain');
    expect(base.text.filter((r) => r.op === 'delete').map((r) => r.text).join('')).toContain('各镇政府、街道办事处要');
    expect(d.summary.deadlineChanges).toBe(1);
  });

  it('huating vs qixia: units named in huating (牵头单位) and none in qixia; 规范性文件 年底前 vs none', async () => {
    const d = diffNotices(await notice('huating-2022'), await notice('qixia-2022'));
    const base = d.pairs.find((p) => p.a === '1.8')!; // 持续扎实推进基层政务公开 ↔ 着力推进基层政务公开
    expect(base.b).toBe('2.4');
    expect(base.lead.removed).toEqual(['市政府办', '市政府政务公开办']);
    expect(base.lead.added).toEqual([]);
    expect(base.responsible.removed).toContain('各乡镇人民政府');
    expect(base.changed.units).toBe(true);
    expect(base.changed.deadlines).toBe(false); // 年底前 in both
    const docs = d.pairs.find((p) => p.a === '1.2')!; // 开展规范性文件集中公开 ↔ 推进更规范有效的政策公开
    expect(docs.b).toBe('4.2');
    expect(docs.deadlines.removed.map((x) => x.value)).toEqual(['2022-12-31']);
    expect(docs.deadlines.added).toEqual([]);
  });

  it('年底前 of a 2021 plan and of a 2022 plan is the same deadline (compared relative to the plan year)', async () => {
    const d = diffNotices(await notice('zhaoyuan-2021'), await notice('huating-2022'));
    const p = d.pairs.find((x) => x.a === '2.1' && x.deadlines.b.some((y) => y.value === '2022-12-31'));
    expect(p, '招远 二、（一） pairs with a huating section that has 年底前').toBeDefined();
    expect(p!.deadlines.a.map((x) => x.value)).toEqual(['2021-12-31']);
    expect(p!.deadlines.removed).toEqual([]);
  });

  const planA = `2022年甲县政务公开工作要点
一、推进重点领域信息公开
（一）做好公共企事业单位信息公开。2022年9月底前，建成全县统一的公共企事业单位信息公开平台，各行业主管部门要制定公开事项目录。牵头单位：县政府办公室；责任单位：县教育局、县卫健局。
（二）做好疫情防控信息公开。严格执行疫情防控信息发布各项制度。
`;
  const planB = `2022年乙区政务公开工作要点
一、推进重点领域信息公开
（一）做好公共企事业单位信息公开。年底前，建成全区统一的公共企事业单位信息公开平台，鼓励各行业主管部门制定公开事项目录。牵头单位：区政府办公室；责任单位：区教育局、区医保局。
（二）加大宣传力度。积极投稿，营造良好氛围。
`;

  it('9月底前 → 年底前, 卫健局 → 医保局, 要 → 鼓励 (and 县政府办公室 = 区政府办公室)', () => {
    const d = diffNotices(parseText(planA, { path: 'a.txt' }), parseText(planB, { path: 'b.txt' }));
    const p = d.pairs.find((x) => x.a === '1.1')!;
    expect(p.b).toBe('1.1');
    expect(p.deadlines.removed.map((x) => [x.text, x.value])).toEqual([['2022年9月底前', '2022-09-30']]);
    expect(p.deadlines.added.map((x) => [x.text, x.value])).toEqual([['年底前', '2022-12-31']]);
    expect(p.lead).toMatchObject({ a: ['县政府办公室'], b: ['区政府办公室'], removed: [], added: [] });
    expect(p.responsible).toMatchObject({ removed: ['县卫健局'], added: ['区医保局'] });
    expect(p.modality).toHaveLength(1);
    expect(p.modality[0]).toMatchObject({ from: 'required', to: 'encouraged' });
    expect(d.onlyA).toEqual(['1.2']);
    expect(d.onlyB).toEqual(['1.2']);
    expect(d.a.label).toBe('甲县 2022');
  });

  it('unit names compare without their level word', () => {
    expect(unitKey('市政府办')).toBe(unitKey('区政府办'));
    expect(unitKey('县教育局')).toBe('教育局');
    expect(unitKey('市委办')).not.toBe(unitKey('市政府办'));
    expect(unitKey('区县')).toBe('区县');
  });
});

// ---------------------------------------------------------------------------- word-level text diff

describe('word-level text diff', () => {
  it('replaces whole phrases, not single characters', () => {
    const runs = wordDiff('要及时调整完善本机关政府信息主动公开目录。', '要动态调整本机关政府信息主动公开目录。');
    expect(runs.filter((r) => r.op !== 'equal').map((r) => `${r.op}:${r.text}`)).toEqual(['delete:及时', 'insert:动态', 'delete:完善']);
  });

  it('squashes line-wrap whitespace before comparing', () => {
    expect(wordDiff('2022 年 9\n月底前完成', '2022年9月底前完成')).toEqual([{ op: 'equal', text: '2022年9月底前完成' }]);
    expect(unwrapLines('abc  def\n中 文')).toBe('abc def中文');
  });

  it('each side of the diff is its text (property)', () => {
    const alphabet = fc.constantFrom(...'政务公开信息要鼓励，。年底前9月、的和做好推进'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.array(alphabet, { maxLength: 60 }), (xa, xb) => {
        const a = xa.join('');
        const b = xb.join('');
        const runs = wordDiff(a, b);
        expect(sideText(runs, 'a')).toBe(a);
        expect(sideText(runs, 'b')).toBe(b);
        for (let i = 1; i < runs.length; i++) expect(runs[i].op === 'equal' && runs[i - 1].op === 'equal').toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('Myers gives the shortest edit script', () => {
    const ops = diffTokens([...'ABCABBA'], [...'CBABAC']);
    expect(ops.filter((o) => o.op !== 'equal')).toHaveLength(5);
  });
});

// ---------------------------------------------------------------------------- renderers

describe('renderers', () => {
  it('text, json, yaml, markdown and html carry the same pairs', async () => {
    const d = diffNotices(await notice('qixia-2022'), await notice('mudan-2022'));
    const text = renderText(d);
    expect(text).toContain('概况 / Summary');
    expect(text).toContain('时限与单位变化 / Deadline and unit changes');
    expect(text).toContain('2022年底前');
    expect(text).not.toMatch(/\x1b\[/);
    expect(renderText(d, { color: true })).toMatch(/\x1b\[/);

    const json = JSON.parse(renderJson(d));
    expect(json.pairs.map((p: { a: string; b: string; similarity: number }) => [p.a, p.b])).toEqual(d.pairs.map((p) => [p.a, p.b]));
    expect(json.pairs[0]).toHaveProperty('similarity');
    expect(json).toMatchObject({ onlyA: ['2.3'], onlyB: ['5.4'] });
    expect(json.moved.length).toBe(d.summary.moved);
    expect(YAML.parse(renderYaml(d)).pairs).toHaveLength(d.pairs.length);

    const md = renderMarkdown(d);
    expect(md).toContain('| 配对 pairs |');
    expect(md).toMatch(/<del>.+<\/del>/);

    const html = renderHtml(d);
    expect(html.match(/<article class="entry/g)).toHaveLength(d.pairs.length + 2);
    // Sections of one plan only are plain text (not one long <del>/<ins>); the sidebar's 配对 is the header's.
    for (const only of html.match(/<article class="entry only-[ab]"[\s\S]*?<\/article>/g)!) expect(only).not.toMatch(/<(?:del|ins)>/);
    expect(html).toContain(`<span data-count="pair">${d.summary.pairs}</span>`);
    expect(html).toContain(`<li data-count="pairs">配对 <span class="en">pairs</span> <b>${d.summary.pairs}</b></li>`);
    expect(html).not.toMatch(/<(link|script)[^>]+(src|href)=/); // self-contained

    // Deadlines read in Chinese for people; the codes stay in JSON/YAML.
    for (const out of [text, md, html]) {
      expect(out).toContain('2022年底前（2022年12月31日）');
      expect(out).not.toMatch(/\((?:\d{4}-\d\d-\d\d|full-year|ongoing|\d+(?:wd|d|h|m|y)|>=?\d+\/\w+)\)/);
    }
    expect(json.pairs.flatMap((p: { deadlines: { b: { value: string }[] } }) => p.deadlines.b.map((x) => x.value))).toContain('2022-12-31');
  });

  it('the coverage matrix of the five plans, by clusters and against a reference', async () => {
    const names = ['qixia-2022', 'mudan-2022', 'zhaoyuan-2021', 'huaiyin-2022', 'huating-2022'];
    const plans = await Promise.all(names.map((n) => notice(n)));
    const m = matrix(plans);
    expect(m.mode).toBe('clusters');
    expect(m.plans.map((p) => p.label)).toEqual(['栖霞市 2022', '牡丹区 2022', '招远市 2021', '槐荫区 2022', '华亭市 2022']);
    // Every task of every plan is in exactly one row.
    plans.forEach((_, k) => {
      const paths = m.rows.filter((r) => r.cells[k].covered).map((r) => r.cells[k].path);
      expect(new Set(paths).size).toBe(paths.length);
    });
    // 公共企事业单位信息公开 is in all five plans, 9月底前 in the three Shandong 2022 ones.
    const pub = m.rows.find((r) => r.cells[0].path === '3.4')!;
    expect(pub.covered).toBe(5);
    expect(pub.cells.map((c) => c.deadlines.some((x) => x.value === '2022-09-30'))).toEqual([true, true, false, true, false]);

    const ref = matrix(plans.slice(1), { reference: plans[0] });
    expect(ref.mode).toBe('reference');
    expect(ref.rows).toHaveLength(17); // the 17 （一）-level tasks of qixia
    expect(ref.rows.find((r) => r.id === 'R2.3')!.cells[0].covered).toBe(false); // 依申请: not in mudan
    expect(ref.unmatched[0].map((u) => u.path)).toContain('5.4'); // 加大宣传力度: mudan only

    const csv = renderMatrixCsv(ref);
    expect(csv.startsWith('\ufeff编号')).toBe(true);
    expect(csv).toContain('2022年9月30日');
    expect(csv).not.toMatch(/\d{4}-\d\d-\d\d|full-year|ongoing|>=/);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(ref.rows.length + 1);
    expect(renderMatrixText(ref)).toContain('覆盖矩阵 / Coverage matrix');
    const heat = renderMatrixHtml(m);
    expect(heat.match(/<tr class="topic"/g)).toHaveLength(m.rows.length);
    expect(heat.match(/data-covered="true"/g)!.length).toBe(m.rows.reduce((s, r) => s + r.covered, 0));
  });
});

// ---------------------------------------------------------------------------- command line

describe('gkcheck diff (runDiff)', () => {
  it('A B --format json to stdout, quiet stderr when not a terminal', async () => {
    const c = capture();
    const code = await runDiff(['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt'], { format: 'json', progress: false }, c.w);
    expect(code).toBe(0);
    const d = JSON.parse(c.out());
    expect(d.pairs.length).toBeGreaterThan(15);
    expect(c.err()).toBe('');
  });

  it('writes -o atomically and never over an input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gkdiff-'));
    const out = join(dir, 'report.html');
    const c = capture();
    expect(await runDiff(['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt'], { format: 'html', output: out, threshold: '0.2' }, c.w)).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<!doctype html>');
    expect(c.out()).toBe('');

    const victim = join(dir, 'a.txt');
    writeFileSync(victim, readFileSync('fixtures/qixia-2022.txt'));
    const c2 = capture();
    expect(await runDiff([victim, 'fixtures/mudan-2022.txt'], { format: 'json', output: victim }, c2.w)).toBe(2);
    expect(c2.err()).toContain('不会覆盖输入文件');
    expect(readFileSync(victim, 'utf8')).toBe(readFileSync('fixtures/qixia-2022.txt', 'utf8'));
  });

  it('usage errors exit 2 with a bilingual message', async () => {
    for (const [files, opts] of [
      [['fixtures/qixia-2022.txt'], {}],
      [['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt'], { threshold: '1.5' }],
      [['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt'], { format: 'csv' }],
      [['fixtures/qixia-2022.txt'], { matrix: true, against: 'fixtures/mudan-2022.txt' }],
    ] as const) {
      const c = capture();
      expect(await runDiff([...files], { ...opts }, c.w)).toBe(2);
      expect(c.err()).toMatch(/^错误：.+\nError: /);
    }
    const c = capture();
    expect(await runDiff(['fixtures/none.txt', 'fixtures/mudan-2022.txt'], {}, c.w)).toBe(2);
    expect(c.err()).toContain('fixtures/none.txt');
  });

  it('--matrix DIR takes one file per plan; --against REF compares each plan with it', async () => {
    const c = capture();
    expect(await runDiff(['fixtures'], { matrix: true, format: 'csv', progress: false }, c.w)).toBe(0);
    const head = c.out().split('\r\n')[0];
    for (const label of ['栖霞市 2022', '牡丹区 2022', '招远市 2021', '槐荫区 2022', '华亭市 2022']) expect(head).toContain(`${label} 章节 section`);
    expect(c.err()).toContain('docx > txt > doc > xlsx > pdf');

    const c2 = capture();
    expect(await runDiff(['fixtures/mudan-2022.txt', 'fixtures/zhaoyuan-2021.txt'], { against: 'fixtures/qixia-2022.txt', format: 'json' }, c2.w)).toBe(0);
    const r = JSON.parse(c2.out());
    expect(r.reference.label).toBe('栖霞市 2022');
    expect(r.comparisons.map((x: { plan: { label: string } }) => x.plan.label)).toEqual(['牡丹区 2022', '招远市 2021']);

    const c3 = capture();
    expect(await runDiff(['fixtures/mudan-2022.txt'], { against: 'fixtures/qixia-2022.txt' }, c3.w)).toBe(0);
    expect(c3.out()).toContain('与参照要点比对 / Compared with 栖霞市 2022');
  });

  it('a progress bar on stderr only when asked (a terminal)', async () => {
    const c = capture();
    await runDiff(['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt', 'fixtures/zhaoyuan-2021.txt'], { matrix: true, progress: true, format: 'json' }, c.w);
    expect(c.err()).toContain('解析 parsing [');
    expect(c.err().endsWith('\r\x1b[K')).toBe(true);
    expect(existsSync('fixtures/qixia-2022.txt')).toBe(true);
  });
});
