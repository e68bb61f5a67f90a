import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { DeadlineKind } from '../src/model.js';
import { parseNumeral } from '../src/extract/cn-numerals.js';
import {
  type DeadlineContext,
  type DeadlineHit,
  dueDate,
  findDeadlines,
  findVagueTimeWords,
  parseDeadlineCell,
} from '../src/extract/deadlines.js';

/** An expected hit: [text as printed without whitespace, kind, value, anchor?]. */
type Exp = [string, DeadlineKind, string, string?];
type Case = [input: string, expected: Exp[]];

const date = (text: string, value: string): Exp => [text, 'date', value];
const dur = (text: string, value: string, anchor?: string): Exp => [text, 'duration', value, anchor];
const freq = (text: string, value: string): Exp => [text, 'frequency', value];
const per = (text: string, value: 'full-year' | 'ongoing'): Exp => [text, 'period', value];
const none: Exp[] = [];

const PLAN: DeadlineContext = { planYear: 2022 };
const squeeze = (s: string) => s.replace(/[^\S\t]|[\u200b\ufeff]/g, '');

function simple(hits: DeadlineHit[]): Exp[] {
  return hits.map((h) => [h.text, h.kind, h.value, h.anchor]);
}

/** Every hit's text is its input slice with whitespace removed. */
function checkOffsets(input: string, hits: DeadlineHit[]) {
  for (const h of hits) {
    expect(h.start).toBeLessThan(h.end);
    expect(squeeze(input.slice(h.start, h.end))).toBe(h.text);
  }
}

function table(name: string, cases: Case[], run: (s: string) => DeadlineHit[]) {
  describe(name, () => {
    it.each(cases)('%s', (input, expected) => {
      const hits = run(input);
      expect(simple(hits)).toEqual(expected.map(([t, k, v, a]) => [t, k, v, a]));
      checkOffsets(input, hits);
    });
  });
}

const prose = (s: string) => findDeadlines(s, PLAN);
const cell = (s: string) => parseDeadlineCell(s, PLAN);

// ───────────────────────── dates ─────────────────────────

const MONTH_CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const END_2022 = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];

const generatedDates: Case[] = MONTH_CN.flatMap((cn, i) => {
  const m = String(i + 1).padStart(2, '0');
  const v = `2022-${m}-${END_2022[i]}`;
  return [
    [`${i + 1}月底前`, [date(`${i + 1}月底前`, v)]],
    [`2022年${i + 1}月底前`, [date(`2022年${i + 1}月底前`, v)]],
    [`${cn}月底`, [date(`${cn}月底`, v)]],
    [`二〇二二年${cn}月末前`, [date(`二〇二二年${cn}月末前`, v)]],
  ] as Case[];
});

table('dates', [
  ['2022年9月底前', [date('2022年9月底前', '2022-09-30')]],
  ['2022 年 9\n月底前', [date('2022年9月底前', '2022-09-30')]],
  ['2022\u3000年\u30009月底前', [date('2022年9月底前', '2022-09-30')]],
  ['9月底前', [date('9月底前', '2022-09-30')]],
  ['9 月 底 前', [date('9月底前', '2022-09-30')]],
  ['年底前', [date('年底前', '2022-12-31')]],
  ['年底完成', [date('年底', '2022-12-31')]],
  ['到年底', [date('年底', '2022-12-31')]],
  ['每年底', [date('每年底', '2022-12-31')]],
  ['年末前', [date('年末前', '2022-12-31')]],
  ['年内', [date('年内', '2022-12-31')]],
  ['年度内', [date('年度内', '2022-12-31')]],
  ['今年内', [date('今年内', '2022-12-31')]],
  ['本年度内', [date('本年度内', '2022-12-31')]],
  ['今年底前', [date('今年底前', '2022-12-31')]],
  ['明年底前', [date('明年底前', '2023-12-31')]],
  ['次年3月底前', [date('次年3月底前', '2023-03-31')]],
  ['今年6月底前', [date('今年6月底前', '2022-06-30')]],
  ['2022年年底前', [date('2022年年底前', '2022-12-31')]],
  ['2022年年底', [date('2022年年底', '2022-12-31')]],
  ['2022年底前', [date('2022年底前', '2022-12-31')]],
  ['2022年底', [date('2022年底', '2022-12-31')]],
  ['2022年末', [date('2022年末', '2022-12-31')]],
  ['2022年内', [date('2022年内', '2022-12-31')]],
  ['2023年底前', [date('2023年底前', '2023-12-31')]],
  ['2021年年底系统清理', [date('2021年年底', '2021-12-31')]],
  ['截至2021年底', [date('截至2021年底', '2021-12-31')]],
  ['上半年', [date('上半年', '2022-06-30')]],
  ['上半年底前', [date('上半年底前', '2022-06-30')]],
  ['2022年上半年', [date('2022年上半年', '2022-06-30')]],
  ['2023年上半年前', [date('2023年上半年前', '2023-06-30')]],
  ['下半年', [date('下半年', '2022-12-31')]],
  ['第三季度末', [date('第三季度末', '2022-09-30')]],
  ['第一季度末前', [date('第一季度末前', '2022-03-31')]],
  ['三季度末', [date('三季度末', '2022-09-30')]],
  ['2022年第二季度末', [date('2022年第二季度末', '2022-06-30')]],
  ['第四季度内', [date('第四季度内', '2022-12-31')]],
  ['2季度末', [date('2季度末', '2022-06-30')]],
  ['三季度前', [date('三季度前', '2022-06-30')]],
  ['6月30日前', [date('6月30日前', '2022-06-30')]],
  ['2022年6月30日前', [date('2022年6月30日前', '2022-06-30')]],
  ['6月30日之前', [date('6月30日之前', '2022-06-30')]],
  ['6月30号前', [date('6月30号前', '2022-06-30')]],
  ['2022年12月31日以前', [date('2022年12月31日以前', '2022-12-31')]],
  ['截至6月30日', [date('截至6月30日', '2022-06-30')]],
  ['截止到2022年11月30日', [date('截止到2022年11月30日', '2022-11-30')]],
  ['截至6月30日止', [date('截至6月30日止', '2022-06-30')]],
  ['不晚于11月15日', [date('不晚于11月15日', '2022-11-15')]],
  ['最迟于10月20日', [date('最迟于10月20日', '2022-10-20')]],
  ['每年3月31日前', [date('每年3月31日前', '2022-03-31')]],
  ['每年1月31日前', [date('每年1月31日前', '2022-01-31')]],
  ['九月底', [date('九月底', '2022-09-30')]],
  ['九月底前', [date('九月底前', '2022-09-30')]],
  ['十二月底前', [date('十二月底前', '2022-12-31')]],
  ['二〇二二年九月底前', [date('二〇二二年九月底前', '2022-09-30')]],
  ['二〇二三年十一月底前', [date('二〇二三年十一月底前', '2023-11-30')]],
  ['二〇二二年六月三十日前', [date('二〇二二年六月三十日前', '2022-06-30')]],
  ['十月中旬前', [date('十月中旬前', '2022-10-20')]],
  ['3月上旬', [date('3月上旬', '2022-03-10')]],
  ['11月下旬', [date('11月下旬', '2022-11-30')]],
  ['2月底前', [date('2月底前', '2022-02-28')]],
  ['2024年2月底前', [date('2024年2月底前', '2024-02-29')]],
  ['6月前', [date('6月前', '2022-05-31')]],
  ['1月前', [date('1月前', '2021-12-31')]],
  ['9月份前', [date('9月份前', '2022-08-31')]],
  ['截至2022年6月', [date('截至2022年6月', '2022-06-30')]],
  ['２０２２年９月底前', [date('２０２２年９月底前', '2022-09-30')]],
  ['2022年9\u2f49底前', [date('2022年9\u2f49底前', '2022-09-30')]],
  ['2022.6.30前', [date('2022.6.30前', '2022-06-30')]],
  ['2022-09-30前', [date('2022-09-30前', '2022-09-30')]],
  ['3月底至6月底前', [date('3月底至6月底前', '2022-06-30')]],
  ['2023年3月底至6月底', [date('2023年3月底至6月底', '2023-06-30')]],
  ['6月底前、9月底前', [date('6月底前', '2022-06-30'), date('9月底前', '2022-09-30')]],
  ['9月底前完成，年底前验收', [date('9月底前', '2022-09-30'), date('年底前', '2022-12-31')]],
  ...generatedDates,
], prose);

table('dates: what is not a deadline', [
  ['2022年6月14日', none],
  ['2022 年 6 月 14 日印发', none],
  ['2022年八月3日', none],
  ['2022年', none],
  ['2022年，我市政务公开工作的重点是', none],
  ['二〇二二年', none],
  ['2022年是党的二十大召开之年', none],
  ['今年我市政务公开工作要', none],
  ['（2020年版）', none],
  ['《乡镇试点领域政务公开事项标准目录》（2020年版）', none],
  ['栖政办发〔2022〕10号', none],
  ['国办公开办函〔2021〕33号', none],
  ['《全市 2022 年 1 至 6 月政务公开情况通报》', none],
  ['《关于2022年9月底前完成清理的通知》', none],
  ['1至6月', none],
  ['上一年度', none],
  ['对上一年度工作要点落实情况开展回头看', none],
  ['年度报告', none],
  ['政府信息公开工作年度报告', none],
  ['当年', none],
  ['汇总当年面向村的补贴', none],
  ['当年底', none],
  ['上年底', none],
  ['去年底', none],
  ['年度工作台账', none],
  ['年度政务公开工作考核标准', none],
  ['年度绩效权重评价', none],
  ['年终考核', none],
  ['年底考核', none],
  ['年末', none],
  ['2022年8月1日起施行', none],
  ['自2022年7月1日起', none],
  ['6月以来', none],
  ['十四五', none],
  ['围绕“十四五”开好局起好步', none],
  ['安全生产专项整治三年行动', none],
  ['“三年初见成效”', none],
  ['公共卫生服务能力三年提升行动方案', none],
  ['2016年以后制定的', none],
  ['2016年以前', none],
  ['营商环境突破攻坚年', none],
  ['2022.6.30', none],
  ['v2022.6.30前', [date('2022.6.30前', '2022-06-30')]],
  ['1.2022.6', none],
  ['第一季度', none],
  ['一年四季', none],
  ['3月', none],
  ['6月份', none],
  ['12月', none],
  ['提交市政府常务会议研究审定之前', none],
  ['公开期满后相关材料留存', none],
  ['新征程的第一年', none],
  ['发布年份和主题', none],
], prose);

describe('dates need a year', () => {
  it('uses the issuance year when the plan year is unknown', () => {
    expect(simple(findDeadlines('年底前', { planYear: null, issued: '2021-05-25' }))).toEqual([
      ['年底前', 'date', '2021-12-31', undefined],
    ]);
  });
  it('gives nothing when no year is known, unless the text prints one', () => {
    expect(findDeadlines('9月底前，年底前', { planYear: null })).toEqual([]);
    expect(simple(findDeadlines('2022年9月底前', { planYear: null }))).toEqual([
      ['2022年9月底前', 'date', '2022-09-30', undefined],
    ]);
  });
  it('rejects impossible days', () => {
    expect(prose('2月30日前')).toEqual([]);
    expect(prose('13月底前')).toEqual([]);
  });
});

// ───────────────────────── durations ─────────────────────────

const UNITS: [string, (n: number) => string][] = [
  ['小时', (n) => `${n}h`],
  ['个工作日', (n) => `${n}wd`],
  ['日', (n) => `${n}d`],
  ['天', (n) => `${n}d`],
  ['个月', (n) => `${n}m`],
  ['年', (n) => `${n}y`],
  ['周', (n) => `${7 * n}d`],
];
const AMOUNTS: [string, number][] = [['1', 1], ['3', 3], ['15', 15], ['三', 3], ['两', 2], ['十五', 15], ['二十', 20]];
const generatedDurations: Case[] = UNITS.flatMap(([unit, value]) =>
  AMOUNTS.map(([a, n]) => [`${a}${unit}内`, [dur(`${a}${unit}内`, value(n))]] as Case),
);

table('durations', [
  ['最迟在5小时内', [dur('最迟在5小时内', '5h')]],
  ['在24小时内', [dur('在24小时内', '24h')]],
  ['24小时内', [dur('24小时内', '24h')]],
  ['48小时以内', [dur('48小时以内', '48h')]],
  ['7个工作日内', [dur('7个工作日内', '7wd')]],
  ['7 个工作日内', [dur('7个工作日内', '7wd')]],
  ['1个工作日', [dur('1个工作日', '1wd')]],
  ['1 个工作日答复', [dur('1个工作日', '1wd')]],
  ['20个工作日内', [dur('20个工作日内', '20wd')]],
  ['十五个工作日内', [dur('十五个工作日内', '15wd')]],
  ['15日内', [dur('15日内', '15d')]],
  ['15天内', [dur('15天内', '15d')]],
  ['30日之内', [dur('30日之内', '30d')]],
  ['3天以内', [dur('3天以内', '3d')]],
  ['三个月内', [dur('三个月内', '3m')]],
  ['一年内', [dur('一年内', '1y')]],
  ['两年内', [dur('两年内', '2y')]],
  ['半年内', [dur('半年内', '6m')]],
  ['半个月内', [dur('半个月内', '15d')]],
  ['两周内', [dur('两周内', '14d')]],
  ['一周内', [dur('一周内', '7d')]],
  ['2周内', [dur('2周内', '14d')]],
  ['两个星期内', [dur('两个星期内', '14d')]],
  ['在3日内', [dur('在3日内', '3d')]],
  ['于10个工作日内', [dur('于10个工作日内', '10wd')]],
  ['不超过20个工作日', [dur('不超过20个工作日', '20wd')]],
  ['最长不得超过20个工作日', [dur('不得超过20个工作日', '20wd')]],
  ['原则上3个工作日内', [dur('原则上3个工作日内', '3wd')]],
  ['最迟24小时', [dur('最迟24小时', '24h')]],
  ['本文件印发后30日内', [dur('本文件印发后30日内', '30d', 'issuance')]],
  ['本方案印发之日起10个工作日内', [dur('本方案印发之日起10个工作日内', '10wd', 'issuance')]],
  ['印发之日起10日内', [dur('印发之日起10日内', '10d', 'issuance')]],
  ['政策文件印发后3个工作日内', [dur('文件印发后3个工作日内', '3wd', 'publication')]],
  ['文件公开后3个工作日内发布解读材料', [dur('文件公开后3个工作日内', '3wd', 'publication')]],
  ['本办法施行之日起30日内', [dur('本办法施行之日起30日内', '30d', 'entry-into-force')]],
  ['在收到申请之日起20个工作日内予以答复', [dur('收到申请之日起20个工作日内', '20wd', 'receipt')]],
  ['3至5个工作日', [dur('5个工作日', '5wd')]],
  ['自收到申请之日起20个工作日内', [dur('自收到申请之日起20个工作日内', '20wd', 'receipt')]],
  ['收到申请后15个工作日内', [dur('收到申请后15个工作日内', '15wd', 'receipt')]],
  ['政策实施满1年后', [dur('政策实施满1年后', '1y', 'entry-into-force')]],
  ['政策实施满 1 年后组织开展执行情况综合评估', [dur('政策实施满1年后', '1y', 'entry-into-force')]],
  ['满6个月后', [dur('满6个月后', '6m')]],
  ['满一年', [dur('满一年', '1y')]],
  ['活动结束后3日内', [dur('活动结束后3日内', '3d', 'completion')]],
  ['公示期满后5个工作日内', [dur('期满后5个工作日内', '5wd', 'expiry')]],
  ['文件发布后3个工作日内', [dur('文件发布后3个工作日内', '3wd', 'publication')]],
  ['事件发生后1小时内', [dur('事件发生后1小时内', '1h', 'event')]],
  ['对重大突发事件的舆情，最迟在5小时内发布权威信息', [dur('最迟在5小时内', '5h', 'event')]],
  ['群众留言在7个工作日内答复', [dur('在7个工作日内', '7wd', 'request')]],
  ['实现简单咨询问题 1 个工作日答复', [dur('1个工作日', '1wd', 'request')]],
  ['受理后10日内办结', [dur('受理后10日内', '10d', 'receipt')]],
  ...generatedDurations,
], prose);

table('durations: what is not a deadline', [
  ['7×24小时', none],
  ['7*24小时服务', none],
  ['24小时服务热线', none],
  ['30日以上', none],
  ['公示期不少于30日', none],
  ['征求意见期限一般不少于30日', none],
  ['不少于5个工作日', none],
  ['3月内', none],
  ['满18周岁', none],
  ['建党100周年', none],
  ['三年级', none],
  ['第3天', none],
  ['三年', none],
  ['五年取得突破', none],
  ['1.5年内', none],
  ['近三年内', none],
  ['第6周内', none],
], prose);

// ───────────────────────── frequencies ─────────────────────────

table('frequencies', [
  ['每年至少听取1次', [freq('每年至少听取1次', '>=1/year')]],
  ['每年至少听取 1 次政务公开工作汇报', [freq('每年至少听取1次', '>=1/year')]],
  ['年内组织政务公开通识培训不少于1次', [freq('年内组织政务公开通识培训不少于1次', '>=1/year')]],
  ['全市年内组织政\n务公开通识培训不少于 1 次。', [freq('年内组织政务公开通识培训不少于1次', '>=1/year')]],
  ['年内至少专题研究一次', [freq('年内至少专题研究一次', '>=1/year')]],
  ['每季度', [freq('每季度', '1/quarter')]],
  ['每季度通报一次', [freq('每季度通报一次', '1/quarter')]],
  ['按季度', [freq('按季度', '1/quarter')]],
  ['按季通报', [freq('按季通报', '1/quarter')]],
  ['按月考核', [freq('按月考核', '1/month')]],
  ['按月考核排名通报', [freq('按月考核', '1/month')]],
  ['按年度', [freq('按年度', '1/year')]],
  ['按周通报', [freq('按周通报', '1/week')]],
  ['逐月调度', [freq('逐月调度', '1/month')]],
  ['每月', [freq('每月', '1/month')]],
  ['每个月', [freq('每个月', '1/month')]],
  ['每两个月', [freq('每两个月', '1/2-month')]],
  ['每两年', [freq('每两年', '1/2-year')]],
  ['每半年至少1次', [freq('每半年至少1次', '>=1/half-year')]],
  ['每半年', [freq('每半年', '1/half-year')]],
  ['每周', [freq('每周', '1/week')]],
  ['每日', [freq('每日', '1/day')]],
  ['每天更新', [freq('每天', '1/day')]],
  ['每旬', [freq('每旬', '1/ten-days')]],
  ['每3天', [freq('每3天', '1/3-day')]],
  ['每年', [freq('每年', '1/year')]],
  ['每年度', [freq('每年度', '1/year')]],
  ['每一季度', [freq('每一季度', '1/quarter')]],
  ['每季度至少召开1次', [freq('每季度至少召开1次', '>=1/quarter')]],
  ['每年开展2次', [freq('每年开展2次', '2/year')]],
  ['每年开展2次以上', [freq('每年开展2次以上', '>=2/year')]],
  ['每月不少于4次', [freq('每月不少于4次', '>=4/month')]],
  ['每年举办不少于2期培训', [freq('每年举办不少于2期', '>=2/year')]],
  ['全年开展不少于4次', [freq('全年开展不少于4次', '>=4/year')]],
  ['一年至少召开2次', [freq('一年至少召开2次', '>=2/year')]],
  ['半年内至少召开1次', [freq('半年内至少召开1次', '>=1/half-year')]],
  ['一年一次', [freq('一年一次', '1/year')]],
  ['半年一次', [freq('半年一次', '1/half-year')]],
  ['两年一次', [freq('两年一次', '1/2-year')]],
  ['一季度一次', [freq('一季度一次', '1/quarter')]],
  ['每年第1次', [freq('每年', '1/year')]],
  ['每月10日前报送', [freq('每月', '1/month')]],
], prose);

table('frequencies: what is not a deadline', [
  ['1次', none],
  ['第1次', none],
  ['听取1次汇报', none],
  ['按照规定', none],
  ['按年度计划', none],
  ['按月度计划推进', none],
  ['按日期排序', none],
  ['逐年提高', none],
  ['每个单位', none],
  ['每人', none],
  ['每项', none],
  ['严格执行“日监测、月统计、季通报、年考核”工作机制', none],
  ['“每月一评”', none],
  ['按负积分制考核', none],
  ['季度通报', none],
  ['12345热线', none],
  ['12345 政务服务便民热线', none],
  ['12366', none],
  ['互联网协议第6版', none],
  ['覆盖率达到100%', none],
  ['提高50%以上', none],
], prose);

// ───────────────────────── periods ─────────────────────────

table('periods in prose: only as a statement of their own', [
  ['2022年年底前完成，长期坚持', [date('2022年年底前', '2022-12-31'), per('长期坚持', 'ongoing')]],
  ['完成时限：全年', [per('全年', 'full-year')]],
  ['完成时限: 长期坚持', [per('长期坚持', 'ongoing')]],
  ['（长期坚持）', [per('长期坚持', 'ongoing')]],
  ['(持续推进)', [per('持续推进', 'ongoing')]],
  ['全年', [per('全年', 'full-year')]],
  ['长期坚持', [per('长期坚持', 'ongoing')]],
  ['持续推进。', [per('持续推进', 'ongoing')]],
  ['常态化开展。', [per('常态化开展', 'ongoing')]],
  ['2022年全年', [per('2022年全年', 'full-year')]],
  ['2022年6月底前完成，并长期坚持', [date('2022年6月底前', '2022-06-30'), per('长期坚持', 'ongoing')]],
  ['持续推进基层政务公开', none],
  ['推动政务公开工作制度化、规范化、常态化', none],
  ['做到规范化，常态化。', none],
  ['长期，持续。', none],
  ['持续加大公开力度', none],
  ['常态化开展政府开放日活动', none],
  ['持续做好疫情防控信息公开', none],
  ['（十六）持续改进工作作风', none],
  ['(八)持续扎实推进基层政务公开', none],
  ['考核长期落后的，予以通报批评', none],
  ['全年GDP增长', none],
  ['强化常态建设', none],
  ['长期以来', none],
  ['“长期坚持”', none],
], prose);

// ───────────────────────── cells ─────────────────────────

table('table cells (完成时限)', [
  ['全年', [per('全年', 'full-year')]],
  ['\t全年', [per('全年', 'full-year')]],
  ['长期坚持', [per('长期坚持', 'ongoing')]],
  ['持续推进', [per('持续推进', 'ongoing')]],
  ['持续开展', [per('持续开展', 'ongoing')]],
  ['常态化', [per('常态化', 'ongoing')]],
  ['长期', [per('长期', 'ongoing')]],
  ['全年推进', [per('全年推进', 'full-year')]],
  ['2022年全年', [per('2022年全年', 'full-year')]],
  ['全年持续推进', [per('全年持续推进', 'full-year')]],
  ['立即启动，长期坚持', [per('长期坚持', 'ongoing')]],
  ['2022年3月起', none],
  ['2022年6月底前', [date('2022年6月底前', '2022-06-30')]],
  ['2022年年底前', [date('2022年年底前', '2022-12-31')]],
  ['2022年9月底前', [date('2022年9月底前', '2022-09-30')]],
  ['本文件印发后30日内', [dur('本文件印发后30日内', '30d', 'issuance')]],
  ['2022年年底前完成，长期坚持', [date('2022年年底前完成', '2022-12-31'), per('长期坚持', 'ongoing')]],
  ['2022年9月底前完成，长期坚持', [date('2022年9月底前完成', '2022-09-30'), per('长期坚持', 'ongoing')]],
  ['2022年年底前完成并长期坚持', [date('2022年年底前', '2022-12-31'), per('长期坚持', 'ongoing')]],
  ['年底前完成', [date('年底前完成', '2022-12-31')]],
  ['年内', [date('年内', '2022-12-31')]],
  ['2022年12月', [date('2022年12月', '2022-12-31')]],
  ['2022年6月', [date('2022年6月', '2022-06-30')]],
  ['2022年', [date('2022年', '2022-12-31')]],
  ['2022年6月30日', [date('2022年6月30日', '2022-06-30')]],
  ['2022.12', [date('2022.12', '2022-12-31')]],
  ['2022.6.30', [date('2022.6.30', '2022-06-30')]],
  ['2022-12', [date('2022-12', '2022-12-31')]],
  ['2022年6-9月', [date('9月', '2022-09-30')]],
  ['2022.6-2022.12', [date('2022.6-2022.12', '2022-12-31')]],
  ['2022年3月至6月', [date('2022年3月至6月', '2022-06-30')]],
  ['2023年3月—6月', [date('2023年3月—6月', '2023-06-30')]],
  ['第三季度', [date('第三季度', '2022-09-30')]],
  ['上半年', [date('上半年', '2022-06-30')]],
  ['每季度', [freq('每季度', '1/quarter')]],
  ['按月', [freq('按月', '1/month')]],
  ['持续开展，每季度通报', [per('持续开展', 'ongoing'), freq('每季度通报', '1/quarter')]],
  ['6月底前', [date('6月底前', '2022-06-30')]],
  ['', none],
  ['/', none],
  ['—', none],
  ['区发展改革局，各街道办事处', none],
], cell);

// ───────────────────────── real sentences from the corpus ─────────────────────────

table('corpus sentences', [
  [
    '对特别重大、重大突发事件的政务舆情快速反应，最迟在5小时内发布权威信息，在24小时内举行新闻发布会，提高对社会热点的回应实效。',
    [dur('最迟在5小时内', '5h', 'event'), dur('在24小时内', '24h', 'event')],
  ],
  [
    '按照《国务院办公厅政府信息与政务公开办公室关于做好规章集中公开并动态更新工作的通知》（国办公开办函〔2021〕33号）要求，2022年底前通过区政府门户网站的“政府信息公开专栏”集中公开现行有效的规范性文件',
    [date('2022年底前', '2022-12-31')],
  ],
  [
    '各街道办事处、区政府各部门主要负责同志每年至少听取1次政务公开工作汇报，专题研究部署推动工作。',
    [freq('每年至少听取1次', '>=1/year')],
  ],
  [
    '各街道办事处、区政府各部门年内组织政务公开通识培训不少于1次。区政府信息公开工作主管部门通过跟班轮训等方式，培训',
    [freq('年内组织政务公开通识培训不少于1次', '>=1/year')],
  ],
  [
    '委已出台的相关领域公共企事业单位信息公开制度，2022 年 9\n\n月底前，升级改造完成全市统一的公共企事业单位信息公开平\n\n台',
    [date('2022年9月底前', '2022-09-30')],
  ],
  [
    '面向农村的各类惠民惠农财政补贴资金实际发放结果，年底前\n\n— 8 —\n\n以村为单位通过村务公开栏公开',
    [date('年底前', '2022-12-31')],
  ],
  ['各部门主要负责同志每年至少听取 1 次政务公开工作汇报，专', [freq('每年至少听取1次', '>=1/year')]],
  ['2022年9月底前，在政府网站建立专栏，明确并向社会公开本地区范围内的适用主体清单', [date('2022年9月底前', '2022-09-30')]],
  ['按照规章集中公开的要求，2022年底前在本部门网站的政府信息公开专栏，集中公开', [date('2022年底前', '2022-12-31')]],
  ['汇总当年面向农村的各类惠民惠农财政补贴资金实际发放结果，年底前以村为单位通过村务公开栏公开，公开期满相关材料', [date('年底前', '2022-12-31')]],
  [
    '全面推进行政规范性文件、政策性文件集中统一公开，2021年年底系统清理我市现行有效的行政规范性文件、政策性文件（2016年以后制定的），通过政府网站的',
    [date('2021年年底', '2021-12-31')],
  ],
  [
    '落实重大政策事前调研和事后评估制度，畅通公众参与渠道，政策实施满 1 年后组织开展执行情况综合评估并及时公开评估报告',
    [dur('政策实施满1年后', '1y', 'entry-into-force')],
  ],
  ['按照政府信息公开专栏规章栏目建设要求，市政府及其工作部门年底前将现行有效的行政规范性文件', [date('年底前', '2022-12-31')]],
  ['推进政务类移动客户端互联网协议第6版改造，2022年底前，市政府门户网站全面支持互联网协议第6版。', [date('2022年底前', '2022-12-31')]],
  [
    '强化留言办理，严格按照 7 个工作日内回复要求，提高人民网“领导留言板”、省市政府门户网站和国家政务服务网、甘肃政务服务网留言办理答复质量，实现简单咨询问题 1 个工作日答复。加强 12345 政务服务便民热线办理工作',
    [dur('7个工作日内', '7wd', 'request'), dur('1个工作日', '1wd', 'request')],
  ],
  ['依法履行法定主动公开义务，年内至少专题研究一次政务公开工作，听取有关汇报', [freq('年内至少专题研究一次', '>=1/year')]],
  ['强化日常网络测评;按负积分制考核，按月考核排名通报，年度绩效权重评价，建立激励约束机制', [freq('按月考核', '1/month')]],
  ['严格执行“日监测、月统计、季通报、年考核”工作机制。', none],
  ['结合《全市 2022 年 1 至 6 月政务公开情况通报》指出的问题和要求，梳理形成年度工作台账', none],
  ['依照《乡镇试点领域政务公开事项标准目录》（2020年版），督促指导所属单位', none],
  ['对拟制定出台的、涉及公众权益的规范性文件，提交市政府常务会议研究审定之前，全面落实预公开机制', none],
  ['2021 年是实施“十四五”规划、开启全面建设社会主义现代化国家新征程的第一年。', none],
  ['围绕安全生产专项整治三年行动，深化非煤矿山清理整顿和安全管理信息公开。', none],
  ['开展新旧动能转换显著成效、政策举措和“三年初见成效”重大成果的宣传活动', none],
  ['要适时对上一年度工作要点落实情况开展“回头看”，实时跟进推动，确保落实到位。', none],
  ['故调查处理信息，通报事故原因，在规定时间内向社会公布事故调查报告', none],
  ['加强 12345 政务服务便民热线办理工作，推进 12345 便民热线与领导信箱', none],
  ['华亭市人民政府办公室\n2022年八月3日', none],
  ['栖霞市人民政府办公室 2022 年 6月 14 日印发', none],
  ['菏泽市牡丹区人民政府办公室2022年6月7日（此件公开发布）', none],
  ['对工作落实不到位、考核长期落后的，予以通报批评，并督促做好整改提升工作。', none],
  ['（七）持续做好疫情防控信息公开。增强新冠肺炎疫情防控信息发布的及时性针对性，准确把握常态化新冠肺炎疫情防控的阶段性特征', none],
  ['2022 年是党的二十大召开之年，是', none],
  ['大力推进“营商环境突破攻坚年”，推进政务', none],
], prose);

// ───────────────────────── vague words ─────────────────────────

describe('findVagueTimeWords', () => {
  const cases: [string, string[]][] = [
    ['及时公开', ['及时']],
    ['定期开展', ['定期']],
    ['适时动态公开', ['适时']],
    ['尽快完成', ['尽快']],
    ['随时更新', ['随时']],
    ['实时跟进推动', ['实时']],
    ['第一时间发布', ['第一时间']],
    ['不定期抽查', ['不定期']],
    ['限期整改', ['限期']],
    ['逐步推开', ['逐步']],
    ['抓紧建立申诉工作制度', ['抓紧']],
    ['在规定时间内向社会公布', ['在规定时间内']],
    ['按时完成', ['按时']],
    ['及 时 公 开', ['及时']],
    ['提高答复的及时性', []],
    ['2022年9月底前', []],
    ['要及时准确回复办理结果，做到受理依规、答复及时', ['及时', '及时']],
  ];
  it.each(cases)('%s', (input, expected) => {
    const found = findVagueTimeWords(input);
    expect(found.map((w) => w.text)).toEqual(expected);
    for (const w of found) expect(squeeze(input.slice(w.start, w.end))).toBe(w.text);
  });
  it('vague words give no deadline', () => {
    expect(prose('及时、定期、适时、尽快、随时、实时、第一时间、限期整改')).toEqual([]);
  });
});

// ───────────────────────── numerals ─────────────────────────

describe('parseNumeral', () => {
  const cases: [string, number | null][] = [
    ['2022', 2022], ['２０２２', 2022], ['二〇二二', 2022], ['二零二一', 2021], ['一', 1], ['两', 2],
    ['十', 10], ['十五', 15], ['二十', 20], ['二十四', 24], ['三十一', 31], ['一百', 100],
    ['一百零五', 105], ['两千', 2000], ['一万', 10000], ['', null], ['abc', null], ['二三十', null], ['万', null],
  ];
  it.each(cases)('%s → %s', (s, n) => expect(parseNumeral(s)).toBe(n));
});

// ───────────────────────── due dates ─────────────────────────

describe('dueDate', () => {
  const d = (value: string, anchor?: string) => ({ text: '', kind: 'duration' as const, value, anchor });
  const cases: [string, ReturnType<typeof d>, string, string | undefined][] = [
    ['30 days after issuance', d('30d', 'issuance'), '2022-06-14', '2022-07-14'],
    ['ends on 国庆 → next working day (调休 Saturday)', d('30d', 'issuance'), '2022-09-01', '2022-10-08'],
    ['7 working days across 国庆 with 调休', d('7wd', 'issuance'), '2022-09-28', '2022-10-12'],
    ['1 working day from a Friday', d('1wd', 'issuance'), '2022-06-17', '2022-06-20'],
    ['20 working days', d('20wd', 'issuance'), '2022-06-14', '2022-07-12'],
    ['one month, no such day → month end', d('1m', 'issuance'), '2022-01-31', '2022-02-28'],
    ['one year', d('1y', 'issuance'), '2022-06-14', '2023-06-14'],
    ['24 hours', d('24h', 'issuance'), '2022-06-14', '2022-06-15'],
    ['an event clock cannot be known', d('5h', 'event'), '2022-06-14', undefined],
    ['no anchor', d('30d'), '2022-06-14', undefined],
    ['bad issuance date', d('30d', 'issuance'), '2022-13-45', undefined],
  ];
  it.each(cases)('%s', (_name, deadline, issued, expected) => {
    expect(dueDate(deadline, issued)).toBe(expected);
  });
  it('a date is its own due date; frequencies and periods have none', () => {
    expect(dueDate({ text: '', kind: 'date', value: '2022-09-30' }, '2022-06-14')).toBe('2022-09-30');
    expect(dueDate({ text: '', kind: 'frequency', value: '1/month' }, '2022-06-14')).toBeUndefined();
    expect(dueDate({ text: '', kind: 'period', value: 'ongoing' }, '2022-06-14')).toBeUndefined();
  });
  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(dueDate(d('7wd', 'issuance'), '2022-09-28')).toBe('2022-10-12');
        expect(dueDate(d('30d', 'issuance'), '2022-09-01')).toBe('2022-10-08');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
  it('findDeadlines fills `due` when the issuance date is given', () => {
    const hits = findDeadlines('本文件印发后30日内报送；9月底前完成', { planYear: 2022, issued: '2022-06-14' });
    expect(hits.map((h) => h.due)).toEqual(['2022-07-14', '2022-09-30']);
  });
});

// ───────────────────────── accuracy against the gold files ─────────────────────────

// The answer key (test/gold, a copy of shared/gold) and the notices (fixtures/) are in the repository.
const GOLD = new URL('./gold/', import.meta.url);
const CORPUS = new URL('../fixtures/', import.meta.url);

interface GoldDeadline {
  text: string;
  kind: DeadlineKind;
  value: string;
}

const norm = (s: string) => s.replace(/\s/g, '');

/** Gold items found among hits (same kind and value, text equal or one inside the other), in order. */
function score(gold: GoldDeadline[], hits: DeadlineHit[]) {
  const used = new Set<number>();
  const found: GoldDeadline[] = [];
  const missed: GoldDeadline[] = [];
  let exact = 0;
  for (const g of gold) {
    const t = norm(g.text);
    const i = hits.findIndex(
      (h, k) => !used.has(k) && h.kind === g.kind && h.value === g.value && (h.text.includes(t) || t.includes(h.text)),
    );
    if (i < 0) missed.push(g);
    else {
      used.add(i);
      found.push(g);
      if (hits[i].text === t) exact++;
    }
  }
  const extra = hits.filter((_, k) => !used.has(k));
  return { found, missed, exact, extra };
}

/** The 完成时限 column of an attached 任务分解表 extracted from Word: one cell per line, rows split by a blank line. */
function deadlineCells(text: string): string[] {
  const body = text.slice(text.indexOf('完成时限'));
  return body
    .split(/\r?\n\r?\n/)
    .map((row) => row.replace(/^(?:\r?\n)+/, '').split(/\r?\n/))
    .filter((lines) => lines.length >= 6 && /^\t\d+$/.test(lines[0]))
    .map((lines) => lines[5]);
}

describe('accuracy against the gold files', () => {
  const files = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
  const report: string[] = [];

  it.each(files)('%s: every gold deadline is found with its kind and value', (name) => {
    const gold = parseYaml(readFileSync(new URL(`${name}.yaml`, GOLD), 'utf8'));
    const text = readFileSync(new URL(`${name}.txt`, CORPUS), 'utf8');
    const ctx: DeadlineContext = { planYear: gold.meta.plan_year };

    const sectionGold: GoldDeadline[] = gold.sections.flatMap((s: { deadlines: GoldDeadline[] }) => s.deadlines);
    // The body ends where an attached table begins; its 完成时限 cells are read cell by cell.
    const tableAt = text.indexOf('完成时限');
    const bodyHits = findDeadlines(tableAt < 0 ? text : text.slice(0, tableAt), ctx);
    const wholeHits = findDeadlines(text, ctx);
    const body = score(sectionGold, bodyHits);

    let taskLine = '';
    const taskMissed: string[] = [];
    if (gold.tasks.length > 0) {
      let last: DeadlineHit[] = [];
      const cellHits = deadlineCells(text).map((c) => {
        const hits = parseDeadlineCell(c, ctx);
        last = c.trim() === '' ? last : hits; // merged cells are filled down
        return last;
      });
      expect(cellHits.length).toBe(gold.tasks.length);
      let found = 0;
      let total = 0;
      let exact = 0;
      let extra = 0;
      gold.tasks.forEach((t: { seq: number; deadlines: GoldDeadline[] }, i: number) => {
        const r = score(t.deadlines, cellHits[i]);
        found += r.found.length;
        total += t.deadlines.length;
        exact += r.exact;
        extra += r.extra.length;
        taskMissed.push(...r.missed.map((m) => `task ${t.seq}: ${m.text} ${m.kind} ${m.value}`));
      });
      const printed = deadlineCells(text).reduce((n, c) => n + parseDeadlineCell(c, ctx).length, 0);
      taskLine =
        `; tasks ${found}/${total} (exact text ${exact}), extra ${extra}` +
        `; table region: ${wholeHits.length - bodyHits.length} findDeadlines hits; parseDeadlineCell on the printed 完成时限 cells: ${printed}`;
    }

    report.push(
      `${name}: sections ${body.found.length}/${sectionGold.length} (exact text ${body.exact}), ` +
        `body hits ${bodyHits.length}, extra ${body.extra.length}${taskLine}; whole-file hits ${wholeHits.length}` +
        [...body.missed.map((m) => `\n  MISSED ${m.text} ${m.kind} ${m.value}`), ...taskMissed.map((m) => `\n  MISSED ${m}`)].join('') +
        body.extra.map((h) => `\n  EXTRA ${h.text} ${h.kind} ${h.value}`).join(''),
    );
    expect(body.missed).toEqual([]);
    expect(taskMissed).toEqual([]);
  });

  it('report', () => {
    console.log(report.join('\n'));
  });
});

describe('deadlines as real plans write them (fixtures/realworld)', async () => {
  const { parseFile } = await import('../src/parse.js');
  const { flattenSections } = await import('../src/structure/index.js');
  const at = async (file: string, label: string) => {
    const n = await parseFile(`fixtures/realworld/${file}`);
    const s = flattenSections(n.sections).find((x) => x.label.replace(/\(/g, '（').replace(/\)/g, '）') === label);
    return (s?.deadlines ?? []).map((d) => `${d.kind}:${d.value}`);
  };
  it('到2023年 (a target year) is its year end, with spaces around the number too (到 2020 年)', async () => {
    expect(await at('14-xinxiang-2020-trad-pinyin.txt', '一、')).toContain('date:2023-12-31');
    expect(await at('44-yueyang-2017-spaced-year.txt', '（二）')).toEqual(['date:2020-12-31']);
  });
  it('a list of dates under one 前: 于2019年4月15日、7月15日、10月15日及2020年1月15日前', async () => {
    expect(await at('50-wuhan-2019-trad-four-dates.txt', '二、')).toEqual(
      expect.arrayContaining(['date:2019-04-15', 'date:2019-07-15', 'date:2019-10-15', 'date:2020-01-15']),
    );
  });
  it('一季度一通报 (also when quoted as the name of a mechanism) and 每個季度 in traditional characters', async () => {
    expect(await at('43-zhongfang-2022-quarterly-notice.txt', '三、')).toEqual(['frequency:1/quarter']);
    expect(await at('18-wuhan-2023-trad-pinyin-notice.txt', '三、')).toEqual(['frequency:1/quarter']);
  });
  it('a window 2022年5月1日-31日 ends on its last day', async () => {
    expect(await at('15-sanya-2022-nolinebreak-watermark.txt', '二、')).toEqual(['date:2022-05-31']);
  });
  it('争取2015年之前实现 (the 年 lost as "2015-") is the end of 2014; "2016年以前制定的" stays a scope', async () => {
    expect(await at('04-national-2013-broken-lines.txt', '（二）')).toEqual(['date:2014-12-31']);
  });
  it('a label glued to the year of its title: 1.2020年10月底前', async () => {
    expect(await at('38-changle-2020-trad-glued-dates.txt', '1.')).toEqual(['date:2020-10-31']);
  });
});
