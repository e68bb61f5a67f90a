/**
 * A normalised Deadline in words, for outputs people read (ledger cells, the diff, reports):
 * 2022年12月31日, 7个工作日, 印发后30日内, 每年至少1次, 全年, 持续推进. The codes of
 * `Deadline.value` (2022-12-31, 7wd, >=1/year, full-year) stay in JSON and YAML.
 * Pure; the inverse of the value shapes in ./deadlines.ts (DEADLINE_VALUE).
 */
import type { Deadline } from '../model.js';

export type DeadlineValue = Pick<Deadline, 'kind' | 'value' | 'anchor'>;

const DURATION_UNIT: Record<string, string> = { h: '小时', d: '日', wd: '个工作日', m: '个月', y: '年' };

/** What the clock of a duration starts from, as a clause that ends in 后. */
const ANCHOR: Record<string, string> = {
  issuance: '印发后',
  'entry-into-force': '施行后',
  receipt: '收到后',
  request: '收到申请后',
  event: '事件发生后',
  publication: '发布后',
  completion: '完成后',
  expiry: '期满后',
};

/** 每年, 每半年, 每季度, 每月, 每旬, 每周, 每日; with a step: 每2个月, 每3年. */
const PER: Record<string, [string, string]> = {
  year: ['年', '年'],
  'half-year': ['半年', '个半年'],
  quarter: ['季度', '个季度'],
  month: ['月', '个月'],
  'ten-days': ['旬', '旬'],
  week: ['周', '周'],
  day: ['日', '日'],
};

const PERIOD: Record<string, string> = { 'full-year': '全年', ongoing: '持续推进' };

/**
 * The deadline's normalised value in Chinese. A value this module does not know is returned
 * as it is rather than guessed at.
 */
export function deadlineZh(d: DeadlineValue): string {
  switch (d.kind) {
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.value);
      return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : d.value;
    }
    case 'duration': {
      const m = /^(\d+)(h|wd|d|m|y)$/.exec(d.value);
      if (!m) return d.value;
      const span = `${m[1]}${DURATION_UNIT[m[2]]}`;
      const from = d.anchor ? ANCHOR[d.anchor] : undefined;
      return from ? `${from}${span}内` : `${span}内`;
    }
    case 'frequency': {
      const m = /^(>=)?(\d+)\/(?:(\d+)-)?([a-z-]+)$/.exec(d.value);
      const per = m ? PER[m[4]] : undefined;
      if (!m || !per) return d.value;
      const every = m[3] && m[3] !== '1' ? `每${m[3]}${per[1]}` : `每${per[0]}`;
      return `${every}${m[1] ? '至少' : ''}${m[2]}次`;
    }
    case 'period':
      return PERIOD[d.value] ?? d.value;
    default:
      return d.value;
  }
}

/** Several deadlines in Chinese, joined by ；. */
export function deadlinesZh(ds: DeadlineValue[]): string {
  return ds.map(deadlineZh).join('；');
}

/**
 * As printed, with its reading in brackets when that says something the print does not:
 * "2022年底前（2022年12月31日）", "全年" (not "全年（全年）").
 */
export function deadlineWithReading(d: DeadlineValue & { text: string }): string {
  const zh = deadlineZh(d);
  return sameWords(d.text, zh) ? d.text : `${d.text}（${zh}）`;
}

/** 7个工作日内 says the same as 7个工作日内; 于全年 as 全年 — compared without spaces and 内/前. */
function sameWords(printed: string, zh: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/(?:之|以)?[内前]$/, '');
  return fold(printed) === fold(zh);
}
