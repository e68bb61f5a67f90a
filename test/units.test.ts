import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { findUnitAssignments, looksLikeUnit, splitUnitList, unitsFromCell } from '../src/extract/units.js';

const here = dirname(fileURLToPath(import.meta.url));
// Real notices and their answer key, both kept in the repository (fixtures/, test/gold/).
const corpus = (name: string): string => resolve(here, '../fixtures', name);
const goldFile = (name: string): string => resolve(here, 'gold', name);

describe('splitUnitList', () => {
  const cases: [string, string[]][] = [
    ['区财政局，各街道办事处', ['区财政局', '各街道办事处']],
    ['区发展改革局、区投资促进局、区科技局等有关部门，各街道办事处', ['区发展改革局', '区投资促进局', '区科技局', '各街道办事处']],
    ['区生态环境分局等有关部门，各街道办事处', ['区生态环境分局', '各街道办事处']],
    ['区政府办公室、区行政审批服务局牵头，有关部门配合，各街道办事处', ['区政府办公室', '区行政审批服务局', '有关部门', '各街道办事处']],
    ['区市场监管局牵头、 有关部门配合，各街道办事处', ['区市场监管局', '有关部门', '各街道办事处']],
    ['区政府有关部门，各街道办事处', ['区政府有关部门', '各街道办事处']],
    [
      '各乡镇人民政府、城市社区管委会、工业园区管委会，市直有关部门，省、市驻华亭有关单位',
      ['各乡镇人民政府', '城市社区管委会', '工业园区管委会', '市直有关部门', '省驻华亭有关单位', '市驻华亭有关单位'],
    ],
    ['省直有关部门，各州、市人民政府按照职责分工负责', ['省直有关部门', '各州人民政府', '市人民政府']],
    ['省、市、县人民政府', ['省人民政府', '市人民政府', '县人民政府']],
    ['市财政局、市税务局分别负责落实', ['市财政局', '市税务局']],
    ['市发展改革委负责落实', ['市发展改革委']],
    ['各县（市、区）人民政府、市直有关部门', ['各县（市、区）人民政府', '市直有关部门']],
    ['各县、市直各部门', ['各县', '市直各部门']],
    ['市教育局；市卫健委;市民政局,市医保局', ['市教育局', '市卫健委', '市民政局', '市医保局']],
    ['牵头单位：市政府办、市政府政务公开办', ['市政府办', '市政府政务公开办']],
    ['市政府办公室（牵头）、市直各部门', ['市政府办公室', '市直各部门']],
    ['市委网信办等3个部门', ['市委网信办']],
    ['区政府办公室 区行政审批服务局', ['区政府办公室', '区行政审批服务局']],
    // line wraps inside names (PDF table cells) are not separators
    ['区发展改革\n局、区投资\n促进局，各街道\n办事处', ['区发展改革局', '区投资促进局', '各街道办事处']],
    ['区政府办公\n室、区行政\n审批服务局\n牵头，有关\n部门配合', ['区政府办公室', '区行政审批服务局', '有关部门']],
    ['有关部门', ['有关部门']],
    ['', []],
    ['/', []],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(splitUnitList(text)).toEqual(expected);
  });
});

describe('unitsFromCell (a 责任单位 / 牵头单位 column)', () => {
  it('huaiyin task 13: "A、B牵头，有关部门配合，C" — A and B lead, and all four responsible', () => {
    expect(unitsFromCell('区政府办公室、区行政审批服务局牵头，有关部门配合，各街道办事处', 'responsible')).toEqual({
      lead: ['区政府办公室', '区行政审批服务局'],
      responsible: ['区政府办公室', '区行政审批服务局', '有关部门', '各街道办事处'],
    });
  });
  it('huaiyin task 15: "A牵头、B配合，C" — only A lead', () => {
    expect(unitsFromCell('区市场监管局牵头、 有关部门配合，各街道办事处', 'responsible')).toEqual({
      lead: ['区市场监管局'],
      responsible: ['区市场监管局', '有关部门', '各街道办事处'],
    });
  });
  it('"X牵头落实" in a 责任单位 cell, a department plan with 科室', () => {
    expect(unitsFromCell('市发改委牵头落实', 'responsible')).toEqual({ lead: ['市发改委'], responsible: ['市发改委'] });
    expect(unitsFromCell('办公室牵头,各科室配合', 'responsible')).toEqual({ lead: ['办公室'], responsible: ['办公室', '各科室'] });
  });
  it('a plain list is responsible', () => {
    expect(unitsFromCell('区财政局，各街道办事处', 'responsible')).toEqual({ lead: [], responsible: ['区财政局', '各街道办事处'] });
  });
  it('a cell that labels its own lists is read by its labels', () => {
    expect(unitsFromCell('牵头单位：市发展改革委\n责任单位：各县区人民政府、市直有关部门', 'responsible')).toEqual({
      lead: ['市发展改革委'],
      responsible: ['各县区人民政府', '市直有关部门'],
    });
  });
  it('a 牵头单位 column is lead', () => {
    expect(unitsFromCell('市政府办公室、市大数据局', 'lead')).toEqual({ lead: ['市政府办公室', '市大数据局'], responsible: [] });
  });
});

type Expect = [role: 'lead' | 'responsible', name: string, via?: 'label' | 'inline' | 'table'];
const show = (text: string): Expect[] => findUnitAssignments(text).map((h) => [h.role, h.name, h.via]);

describe('findUnitAssignments', () => {
  const cases: [string, string, Expect[]][] = [
    [
      'label lines, half-width colon and a space',
      '（一）规范主动公开信息发布。…\n\n牵头单位:市政府办、市政府政务公开办\n\n责任单位: 市网信中心、市融媒体中心\n',
      [
        ['lead', '市政府办', 'label'],
        ['lead', '市政府政务公开办', 'label'],
        ['responsible', '市网信中心', 'label'],
        ['responsible', '市融媒体中心', 'label'],
      ],
    ],
    [
      'full-width colon, level-word sharing',
      '责任单位：各乡镇人民政府、城市社区管委会，市直有关部门，省、市驻华亭有关单位',
      [
        ['responsible', '各乡镇人民政府', 'label'],
        ['responsible', '城市社区管委会', 'label'],
        ['responsible', '市直有关部门', 'label'],
        ['responsible', '省驻华亭有关单位', 'label'],
        ['responsible', '市驻华亭有关单位', 'label'],
      ],
    ],
    [
      'a list wrapped by the PDF line width, inside a name',
      '责任单位:各乡镇人民政府、城市社区管委会、工业园区管\n委会，市直有关部门\n(四)优化信息公开专栏设置。',
      [
        ['responsible', '各乡镇人民政府', 'label'],
        ['responsible', '城市社区管委会', 'label'],
        ['responsible', '工业园区管委会', 'label'],
        ['responsible', '市直有关部门', 'label'],
      ],
    ],
    [
      'a list wrapped between two names that are units by themselves',
      '责任单位：各乡镇人民政府、城市社区管委会、工业园区\n管委会，市直有关部门\n（二）开展规范性文件集中公开。',
      [
        ['responsible', '各乡镇人民政府', 'label'],
        ['responsible', '城市社区管委会', 'label'],
        ['responsible', '工业园区管委会', 'label'],
        ['responsible', '市直有关部门', 'label'],
      ],
    ],
    [
      '牵头部门 / 责任部门 labels',
      '牵头部门：区司法局\n责任部门：区直各部门',
      [
        ['lead', '区司法局', 'label'],
        ['responsible', '区直各部门', 'label'],
      ],
    ],
    [
      'two labels in one parenthesis, then a deadline field',
      '做好公开工作（牵头单位：市委网信办、市政府办公室；责任单位：各县区人民政府、市直各部门；完成时限：2022年6月底前）。',
      [
        ['lead', '市委网信办', 'label'],
        ['lead', '市政府办公室', 'label'],
        ['responsible', '各县区人民政府', 'label'],
        ['responsible', '市直各部门', 'label'],
      ],
    ],
    [
      'two labels on one line separated by a space',
      '牵头单位：市政务服务数据管理局 配合单位：各县市区人民政府',
      [
        ['lead', '市政务服务数据管理局', 'label'],
        ['responsible', '各县市区人民政府', 'label'],
      ],
    ],
    ['a label at a line start without colon', '责任单位  市发改局、市统计局', [
      ['responsible', '市发改局', 'label'],
      ['responsible', '市统计局', 'label'],
    ]],
    ['(X负责落实)', '加大政策解读力度（市发展改革委负责落实）。', [['responsible', '市发展改革委', 'inline']]],
    [
      '(A、B分别负责落实)',
      '做好减税降费信息公开（市财政局、市税务局分别负责落实）。',
      [
        ['responsible', '市财政局', 'inline'],
        ['responsible', '市税务局', 'inline'],
      ],
    ],
    [
      '(省直有关部门，各州、市人民政府按照职责分工负责)',
      '做好信息公开工作（省直有关部门，各州、市人民政府按照职责分工负责）。',
      [
        ['responsible', '省直有关部门', 'inline'],
        ['responsible', '各州人民政府', 'inline'],
        ['responsible', '市人民政府', 'inline'],
      ],
    ],
    [
      '(A牵头，B配合)',
      '推进政务公开专区建设（市政府办公室牵头，市政务服务中心、各县区政府配合）。',
      [
        ['lead', '市政府办公室', 'inline'],
        ['responsible', '市政务服务中心', 'inline'],
        ['responsible', '各县区政府', 'inline'],
      ],
    ],
    [
      '(A、B牵头)',
      '深化“放管服”改革（区政府办公室、区行政审批服务局牵头）。',
      [
        ['lead', '区政府办公室', 'inline'],
        ['lead', '区行政审批服务局', 'inline'],
      ],
    ],
    [
      '(X负责，deadline) keeps X and drops the deadline',
      '完成专栏改版（县政府办公室、县政务服务中心负责，2022年6月底前完成）。',
      [
        ['responsible', '县政府办公室', 'inline'],
        ['responsible', '县政务服务中心', 'inline'],
      ],
    ],
    [
      'a parenthesis of units only, closing a sentence',
      '做好统计信息公开工作（市统计局、市发展改革委）。',
      [
        ['responsible', '市统计局', 'inline'],
        ['responsible', '市发展改革委', 'inline'],
      ],
    ],
    [
      'running text "由A牵头，B配合"',
      '建立工作机制，由市政府办公室牵头，市直各部门配合，做好公开工作。',
      [
        ['lead', '市政府办公室', 'inline'],
        ['responsible', '市直各部门', 'inline'],
      ],
    ],
    ['running text "A牵头负责。"', '此项工作由市政务公开办牵头负责。', [['lead', '市政务公开办', 'inline']]],
    [
      'several inline assignments in one paragraph (a municipal plan of this kind)',
      '制定发布城市设计导则等规划信息。(市规划国土委负责落实)推进区域合作等信息公开。(市发展改革委、市重大项目办、市人力社保局分别负责落实)',
      [
        ['responsible', '市规划国土委', 'inline'],
        ['responsible', '市发展改革委', 'inline'],
        ['responsible', '市重大项目办', 'inline'],
        ['responsible', '市人力社保局', 'inline'],
      ],
    ],
    [
      '"分别牵头落实"',
      '加强金融政策信息公开。（市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实）',
      [
        ['lead', '市金融办', 'inline'],
        ['lead', '人民银行潍坊市中心支行', 'inline'],
        ['lead', '潍坊银监分局', 'inline'],
      ],
    ],
    // negatives: sentence subjects, generic roles, mechanisms, numbers
    ['sentence subject 各镇街、区政府各部门要', '各镇街、区政府各部门要结合实际做好公开工作。', []],
    ['各有关部门和单位要', '各有关部门和单位要按照要求做好信息公开。', []],
    ['generic role 牵头部门要', '重大行政决策事项牵头部门要根据决策事项的推进情况，以目录归集方式公开。', []],
    ['各主管部门要', '各主管部门要加强对公共企事业单位信息公开的指导。', []],
    ['市政务公开办要 (sentence subject)', '市政务公开办要加强业务培训。', []],
    ['units named inside a sentence', '建立市政府办、市司法局、市政务公开办共同参与的工作机制。', []],
    ['an attributive "由A牵头、B参与的…"', '建立由市政府办公室牵头、各部门参与的联席会议制度。', []],
    ['a mid-sentence parenthesis of places', '健全乡镇（城市社区、工业园区）和部门政务公开工作机制。', []],
    ['a parenthesis that ends a line, not a sentence', '各乡镇（城市社区、工业园区）\n\n和部门要对照要点涉及工作任务。', []],
    ['headings, editions and numbers', '（一）规范发布。参照《目录》（2020年版）执行，开通12345热线（7×24小时）。', []],
    ['an 抄送 line', '抄送：市委办，市人大办，市政协办。', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(show(text)).toEqual(expected);
  });

  it('gives offsets of the names as printed', () => {
    const text = '牵头单位：市政府办、市政府政务公开办';
    for (const h of findUnitAssignments(text)) expect(text.slice(h.start, h.end)).toBe(h.name);
    const shared = findUnitAssignments('责任单位：省、市驻华亭有关单位');
    expect(shared.map((h) => [h.name, h.start, h.end])).toEqual([
      ['省驻华亭有关单位', 5, 15],
      ['市驻华亭有关单位', 7, 15],
    ]);
  });
});

describe('looksLikeUnit', () => {
  const yes = [
    '市政府办', '市委办', '市政府政务公开办', '区发展改革局', '区生态环境分局', '市发展改革委', '市网信中心',
    '各乡镇人民政府', '各街道办事处', '工业园区管委会', '经济技术开发区管委', '区政务公开工作领导小组', '市档案馆',
    '市人民法院', '市检察院', '市消防救援大队', '国网华亭供电公司', '区政府有关部门', '有关部门', '市直有关部门',
    '省驻华亭有关单位', '各县', '各县区', '各县（市、区）人民政府', '区委宣传部', '市应急管理局', '市委机要局',
    '和平区人民政府', '市妇联', '市科协', '市红十字会', '市政府办公厅', '各镇街',
  ];
  const no = [
    '', '省', '市', '12345', '2022年', '新闻发布会', '政府网站', '领导干部', '以人民为中心', '数字政府', '公共场所',
    '重大行政决策事项牵头部门', '各有关部门和单位要', '市政务公开办要', '牵头单位', '责任部门', '大局', '一网通办',
    '政务公开专区建设', '做好信息公开的部门', '市政府办、市司法局', '按照职责分工负责',
  ];
  it.each(yes)('%s is a unit', (n) => expect(looksLikeUnit(n)).toBe(true));
  it.each(no)('%s is not a unit', (n) => expect(looksLikeUnit(n)).toBe(false));
});

// ------------------------------------------------------------------ real text vs gold

interface GoldSection {
  path: string;
  label?: string;
  lead?: string[];
  responsible?: string[];
}

/** A rough splitter for the test: (N)/（N） labels at a line start open a section. */
function splitSections(text: string): { label: string; text: string }[] {
  const re = /^[ \t\u3000]*([（(][一二三四五六七八九十]+[）)])/gm;
  const starts = [...text.matchAll(re)].map((m) => ({ at: m.index ?? 0, label: m[1] }));
  return starts.map((s, i) => ({ label: s.label, text: text.slice(s.at, starts[i + 1]?.at ?? text.length) }));
}

function prf(gold: string[], pred: string[]): { p: number; r: number; tp: number; missed: string[]; extra: string[] } {
  const bag = new Map<string, number>();
  for (const g of gold) bag.set(g, (bag.get(g) ?? 0) + 1);
  const extra: string[] = [];
  let tp = 0;
  for (const k of pred) {
    const n = bag.get(k) ?? 0;
    if (n > 0) {
      tp++;
      bag.set(k, n - 1);
    } else extra.push(k);
  }
  const missed = [...bag].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { p: pred.length ? tp / pred.length : 1, r: gold.length ? tp / gold.length : 1, tp, missed, extra };
}

describe('huating-2022: section units vs gold', () => {
  const text = readFileSync(corpus('huating-2022.txt'), 'utf8');
  const gold = YAML.parse(readFileSync(goldFile('huating-2022.yaml'), 'utf8')) as { sections: GoldSection[] };
  const goldSecs = gold.sections.filter((s) => s.path.includes('.'));
  const secs = splitSections(text);

  it('finds one section per （N） heading, in gold order', () => {
    expect(secs.map((s) => s.label.replace(/\s/g, ''))).toEqual(goldSecs.map((s) => s.label));
  });

  it('lead/responsible of every section match gold', () => {
    const goldKeys = goldSecs.flatMap((g) => [
      ...(g.lead ?? []).map((u) => `${g.path}|lead|${u}`),
      ...(g.responsible ?? []).map((u) => `${g.path}|responsible|${u}`),
    ]);
    const predKeys = secs.flatMap((s, i) => findUnitAssignments(s.text).map((h) => `${goldSecs[i]?.path}|${h.role}|${h.name}`));
    const score = prf(goldKeys, predKeys);
    console.log(`huating-2022 section units: P=${score.p.toFixed(3)} R=${score.r.toFixed(3)} (${score.tp}/${goldKeys.length})`);
    expect(score.missed).toEqual([]);
    expect(score.extra).toEqual([]);
  });

  it('chapter (一、) text carries no assignment', () => {
    const chapters = text.split('\n').filter((l) => /^[一二三四五六七八九十]+、/.test(l));
    for (const c of chapters) expect(findUnitAssignments(c)).toEqual([]);
  });
});

describe('notices without named units give none', () => {
  // qixia, mudan and zhaoyuan name no 牵头/责任 unit (gold: all lists empty); their sentence
  // subjects (市政务公开领导小组要…, 各镇街、区政府各部门要…, 重大行政决策事项牵头部门要…) are not units.
  it.each(['qixia-2022', 'mudan-2022', 'zhaoyuan-2021'])('%s', (name) => {
    const text = readFileSync(corpus(`${name}.txt`), 'utf8');
    expect(findUnitAssignments(text)).toEqual([]);
  });
  it('huaiyin-2022 body (before the task table)', () => {
    const text = readFileSync(corpus('huaiyin-2022.txt'), 'utf8');
    expect(findUnitAssignments(text.slice(0, text.indexOf('附件：')))).toEqual([]);
  });
});

describe('units as real plans write them (fixtures/realworld)', () => {
  const rw = (name: string): string => readFileSync(resolve(here, '../fixtures/realworld', name), 'utf8');
  const sectionText = (text: string, from: string, to: string): string => text.slice(text.indexOf(from), to ? text.indexOf(to, text.indexOf(from) + 1) : undefined);

  it('reads role words in traditional characters and keeps the names as printed (牽頭 / 按職責分工負責)', () => {
    const text = sectionText(rw('16-xianyang-2022-fgf-tw-trad.txt'), '1.全面實施', '2.');
    const hits = findUnitAssignments(text).map((h) => `${h.role}|${h.name}`);
    expect(hits).toEqual([
      'lead|市政府辦公室',
      'lead|市行政審批制度改革工作領導小組辦公室',
      'responsible|市級各有關部門及各縣市區政府',
    ]);
  });

  it('reads a line "X牵头落实" / "A、B、C分别牵头落实" after each item as lead', () => {
    const hits = findUnitAssignments(rw('10-weifang-2017-cells-qiantou.txt')).filter((h) => h.role === 'lead').map((h) => h.name);
    expect(hits).toEqual(['市发改委', '市人社局', '市金融办', '人民银行潍坊市中心支行', '潍坊银监分局', '市财政局']);
  });

  it('drops an aside inside a 责任单位 list (以下统称各县(区)政府)', () => {
    const text = sectionText(rw('12-xxshi-2022-labelled-units.txt'), '(一)标准财政', '(二)');
    const names = findUnitAssignments(text).map((h) => h.name);
    expect(names).toContain('经开区管委会');
    expect(names).toContain('市政府各部门');
    expect(names.some((n) => n.includes('统称'))).toBe(false);
  });

  it('ends a bracketed label list at its bracket: 〔责任单位：…〕 and 【牵头单位：…】', () => {
    // The label forms of 12-xxshi's (责任时限…牵头单位…) in the two bracket styles other plans use.
    const hits = findUnitAssignments('做好公开工作〔责任单位：市财政局、各县(区)政府〕。【牵头单位：市能源局】加强解读。')
      .map((h) => `${h.role}|${h.name}`);
    expect(hits).toEqual(['responsible|市财政局', 'responsible|各县(区)政府', 'lead|市能源局']);
  });

  it('reads 责任科室 / 牵头处室 labels', () => {
    const hits = findUnitAssignments('牵头处室：办公室\n责任科室：各科室').map((h) => `${h.role}|${h.name}`);
    expect(hits).toEqual(['lead|办公室', 'responsible|各科室']);
  });

  it('in a cell, "X牵头，Y配合" gives X lead only when asked (a table plan\'s section)', () => {
    expect(unitsFromCell('办公室牵头,各科室配合', 'responsible', { leadAlsoResponsible: false })).toEqual({ lead: ['办公室'], responsible: ['各科室'] });
    expect(unitsFromCell('办公室牵头,各科室配合', 'responsible')).toEqual({ lead: ['办公室'], responsible: ['办公室', '各科室'] });
  });
});

describe('unit columns and lines of real plans', async () => {
  const { parseFile } = await import('../src/parse.js');
  const { flattenSections } = await import('../src/structure/index.js');
  it('牵头责任单位： is a lead label, 协同责任单位： a responsible one', async () => {
    const n = await parseFile(resolve(here, '../fixtures/realworld/35-chuzhou-2020-lead-leader-labels.txt'));
    const first = flattenSections(n.sections).find((s) => s.lead.length)!;
    expect(first.lead).toEqual(['市发展改革委']);
    expect(first.responsible).not.toContain('市发展改革委');
  });
  it('a 牵头责任单位 column is the lead column beside 责任单位', async () => {
    const n = await parseFile(resolve(here, '../fixtures/realworld/36-wuhu-2019-cells-spaced-seq.txt'));
    expect(n.tasks.slice(0, 2).map((t) => [t.lead, t.responsible])).toEqual([
      [['市生态环境局'], ['各县区政府', '开发区管委会']],
      [['市自然资源和规划局'], ['各县区政府', '开发区管委会']],
    ]);
  });
  it('a unit line after the last sub-item ((1)…(4), then （责任单位：…）) assigns their parent item', async () => {
    const n = await parseFile(resolve(here, '../fixtures/realworld/37-yuncheng-2017-level4-unit-line.txt'));
    const item = flattenSections(n.sections).find((s) => s.label === '1.')!;
    expect(item.responsible).toEqual(['市直各有关单位', '各县(市、区)人民政府', '各开发区管委会']);
    expect(item.children.every((c) => c.units.length === 0)).toBe(true);
  });
});
