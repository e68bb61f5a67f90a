/**
 * The section tree on real plans of many shapes (fixtures/realworld: excerpts saved as found
 * on public pages). Each case names the rule of how 公文 are written that it checks.
 */
import { describe, expect, it } from 'vitest';
import { parseFile, parseText } from '../src/parse.js';
import { flattenSections } from '../src/structure/index.js';

const RW = 'fixtures/realworld';
const labels = async (file: string) =>
  flattenSections((await parseFile(`${RW}/${file}`)).sections).map((s) => `${s.level}${s.label.replace(/\(/g, '（').replace(/\)/g, '）')}`);

describe('run-together text (no line breaks)', () => {
  it('finds 一、 right after the colon of 通知如下： and （一） after 以下几种：', async () => {
    expect(await labels('15-sanya-2022-nolinebreak-watermark.txt')).toEqual(['1一、', '1二、', '1三、', '2（一）', '2（二）']);
  });
  it('finds an outline run together: 1.强化组织领导与责任落实2.健全…', async () => {
    expect(await labels('28-edu-bureau-2025-trad-pinyin.txt')).toEqual(['1一、', '31.', '32.', '33.']);
  });
  it('reads labels with highlighter noise inside them (一@@、, (一@@))', async () => {
    expect(await labels('08-province-2021-jiedu-atat-noise.txt')).toEqual(['1一、', '1二、', '2（一）']);
  });
  it('does not take the page-chunk numbers of a document-sharing site (做\\n2、好…) for headings', async () => {
    expect(await labels('23-liangzhou-town-2024-pagechunks.txt')).toEqual(['1一、', '2（一）', '31.', '32.']);
  });
  it('still keeps a colon-led list inside a sentence out (重点包括：1.规划；2.预算)', () => {
    const n = parseText('一、总体要求\n（一）做好公开。重点包括：1.规划；2.预算。');
    expect(flattenSections(n.sections).map((s) => s.label)).toEqual(['一、', '（一）']);
  });
});

describe('one missed label does not swallow the rest', () => {
  it('takes 四、 after 二、 at a line start and says that 三、 was not found', async () => {
    // huating-2022 with its 三、 label removed, as a broken extraction would leave it.
    const { readFileSync } = await import('node:fs');
    const text = readFileSync('fixtures/huating-2022.txt', 'utf8');
    const lines = text.split('\n');
    const i = lines.findIndex((l) => /^\s*三、/.test(l));
    lines[i] = lines[i].replace('三、', '');
    const n = parseText(lines.join('\n'));
    const top = n.sections.map((s) => s.label);
    expect(top).toContain('四、');
    expect(n.messages.some((m) => m.ruleId === 'heading-numbering-gap' && m.message.zh.includes('三、'))).toBe(true);
  });
});

describe('the plan title is a line of its own', () => {
  it('does not start the body at the 附件： line that names the plan', async () => {
    const n = await parseFile(`${RW}/27-guizhou-fgw-2021-dept.txt`);
    expect(n.meta.title).toBe('贵州省发展和改革委员会2021年政务公开工作要点');
    expect(flattenSections(n.sections).map((s) => s.label)).toEqual(['一、', '二、', '(一)', '1.']);
  });
});

describe('a heading line is not the plan title', () => {
  it('"五、2016年工作安排" (an annual report) stays a heading of the body', async () => {
    expect(await labels('73-daan-2015-dropped-date-chars.txt')).toEqual(['1一、', '1二、', '1三、', '1四、', '1五、']);
  });
});

describe("the notice's own title, not a document it cites", () => {
  const meta = async (file: string) => (await parseFile(`${RW}/${file}`)).meta;
  it('a 关于印发…的通知 the body cites in 《》 is not the title; the plan line is', async () => {
    const m = await meta('71-urumqi-2020-intro-only.txt');
    expect(m.noticeTitle).toBeNull();
    expect(m.title).toBe('乌鲁木齐市2020年政务公开工作要点');
    expect(m.planYear).toBe(2020);
  });
  it('a text that names no title of its own takes its plan year from the cited plan it carries out', async () => {
    const m = await meta('11-jingzhou-2022-pipe-table.txt');
    expect(m.noticeTitle).toBeNull();
    expect(m.planYear).toBe(2022);
  });
  it('reads the title form without 关于: …办公室印发《…》的通知', async () => {
    const m = await meta('44-yueyang-2017-spaced-year.txt');
    expect(m.noticeTitle).toBe('印发《关于全面推进政务公开工作的实施意见》的通知');
    expect(m.title).toBe('关于全面推进政务公开工作的实施意见');
    // An 实施意见 signed in 2017 runs past 2017: its signing year is no plan year.
    expect(m.planYear).toBeNull();
  });
  it('keeps a title a web page prints in 《》 on its own line', async () => {
    const m = await meta('05-beijing-2016-halfwidth.txt');
    expect(m.noticeTitle).toContain('北京市2016年政务公开工作要点');
    expect(m.planYear).toBe(2016);
  });
});
