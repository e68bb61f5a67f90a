/**
 * Text helpers shared by the rules: folding for matching, sentences and clauses, and the
 * quantities that requirement rules compare (durations, month-days, frequencies, dates).
 * Everything here works on folded text (NFKC, no whitespace), so "5 小时" and "5小时",
 * "（一）" and "(一)" compare equal.
 */

/** NFKC and no whitespace: the form both keywords and notice text are matched in. */
export function fold(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u3000\u00a0\ufeff\u200b]+/g, '');
}

/** Remove whitespace only (keeps full-width punctuation as printed). */
export { squash } from '../text.js';

/** Sub-clauses of a sentence: split on ，、：and semicolons (after NFKC: , 、 : ;). */
export function clauses(sentence: string): string[] {
  return sentence.split(/[,、:;。]/).filter((s) => s.length > 0);
}

/** Shorten a quote to at most `max` characters around `focus` (an offset in s). */
export function excerpt(s: string, focus = 0, max = 60): string {
  if (s.length <= max) return s;
  const start = Math.max(0, Math.min(focus - Math.floor(max / 3), s.length - max));
  return (start > 0 ? '…' : '') + s.slice(start, start + max) + (start + max < s.length ? '…' : '');
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 18, 十八, 二十一, 两 → numbers; NaN otherwise. */
export function numberValue(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || /[^〇零一二两三四五六七八九十百]/.test(s)) return NaN;
  if (!/[十百]/.test(s)) return s.length === 1 ? CN_DIGIT[s] : Number([...s].map((c) => CN_DIGIT[c]).join(''));
  let total = 0;
  let cur = 0;
  for (const c of s) {
    if (c === '百') (total += (cur || 1) * 100), (cur = 0);
    else if (c === '十') (total += (cur || 1) * 10), (cur = 0);
    else cur = CN_DIGIT[c];
  }
  return total + cur;
}

const NUM = '(\\d+|[一二两三四五六七八九十]+)';

// ---------------------------------------------------------------------------------------
// Durations: 5小时, 24 小时, 20个工作日, 30日内, 3个月. Bounds are written 5h, 20wd, 30d, 3m, 1y.

export type DurationUnit = 'h' | 'd' | 'wd' | 'm' | 'y';
export interface Duration {
  value: number;
  unit: DurationUnit;
  text: string;
  index: number;
}

const DURATION = new RegExp(`${NUM}(?:个)?(小时|工作日|个月|天|日(?=内|之内|以内)|年(?=内|之内|以内))`, 'g');

export function findDurations(s: string): Duration[] {
  const out: Duration[] = [];
  for (const m of s.matchAll(DURATION)) {
    // "6月3日内" is a date, not a duration; "第6版" etc. never reach here.
    if (/月$/.test(s.slice(0, m.index)) && m[2] === '日') continue;
    const value = numberValue(m[1]);
    if (!Number.isFinite(value)) continue;
    const unit: DurationUnit = { 小时: 'h', 工作日: 'wd', 个月: 'm', 天: 'd', 日: 'd', 年: 'y' }[m[2]] as DurationUnit;
    out.push({ value, unit, text: m[0], index: m.index! });
  }
  return out;
}

/** Hours a duration may take at most (working days count 7/5 calendar days). */
export function durationHours(value: number, unit: DurationUnit): number {
  return value * { h: 1, d: 24, wd: 24 * 1.4, m: 24 * 31, y: 24 * 366 }[unit];
}

/** "5h", "20wd" → a Duration-like pair, or null. */
export function parseBound(bound: string): { value: number; unit: DurationUnit } | null {
  const m = /^(\d+(?:\.\d+)?)(h|wd|d|m|y)$/.exec(bound);
  return m ? { value: Number(m[1]), unit: m[2] as DurationUnit } : null;
}

export function formatDuration(value: number, unit: DurationUnit): { zh: string; en: string } {
  const zh = { h: '小时', d: '日', wd: '个工作日', m: '个月', y: '年' }[unit];
  const en = { h: 'hours', d: 'days', wd: 'working days', m: 'months', y: 'years' }[unit];
  return { zh: `${value}${zh}`, en: `${value} ${en}` };
}

// ---------------------------------------------------------------------------------------
// Month-day limits: 1月31日前, 3月底前 → month*100 + day, compared with a bound "01-31".

const MONTH_DAY = new RegExp(`${NUM}月(?:${NUM}日|(底|末|上旬|中旬|下旬))(?:前|之前|以前)?`, 'g');
const LAST_DAY = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface MonthDay {
  md: number;
  text: string;
  index: number;
}

export function findMonthDays(s: string): MonthDay[] {
  const out: MonthDay[] = [];
  for (const m of s.matchAll(MONTH_DAY)) {
    const month = numberValue(m[1]);
    if (!(month >= 1 && month <= 12)) continue;
    let day = m[2] ? numberValue(m[2]) : ({ 底: LAST_DAY[month], 末: LAST_DAY[month], 上旬: 10, 中旬: 20, 下旬: LAST_DAY[month] } as Record<string, number>)[m[3]];
    if (!(day >= 1 && day <= 31)) continue;
    out.push({ md: month * 100 + day, text: m[0], index: m.index! });
  }
  return out;
}

export function parseMonthDayBound(bound: string): number | null {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(bound);
  return m ? Number(m[1]) * 100 + Number(m[2]) : null;
}

// ---------------------------------------------------------------------------------------
// Frequencies: 每年至少听取1次, 年内组织…不少于1次, 每季度一次, 按月.

export interface Frequency {
  /** Occurrences per year. */
  perYear: number;
  text: string;
  index: number;
}

const PERIOD: [RegExp, number][] = [
  [/每(两|二)年/, 2],
  [/每半年|半年一次/, 0.5],
  [/每季度?|按季度?|季度/, 0.25],
  [/每月|按月|月度/, 1 / 12],
  [/每周|按周/, 1 / 52],
  [/每年|年内|全年|每一年|年度/, 1],
];
const COUNT = new RegExp(`(?:至少|不少于|不低于|最少)?${NUM}(?:次|回|轮|场|期)`);

/** The frequency stated in one clause, or null when it states none. */
export function findFrequency(clause: string): Frequency | null {
  let period: { years: number; index: number; text: string } | null = null;
  for (const [re, years] of PERIOD) {
    const m = re.exec(clause);
    if (m) {
      period = { years, index: m.index, text: m[0] };
      break;
    }
  }
  const c = COUNT.exec(clause);
  if (!period) return null;
  if (!c) {
    // 按月考核, 每季度通报: once per period.
    if (/^(按|每)/.test(period.text)) return { perYear: 1 / period.years, text: period.text, index: period.index };
    return null;
  }
  const n = numberValue(c[1]);
  if (!Number.isFinite(n)) return null;
  return { perYear: n / period.years, text: clause.slice(Math.min(period.index, c.index), Math.max(period.index + period.text.length, c.index + c[0].length)), index: Math.min(period.index, c.index) };
}

// ---------------------------------------------------------------------------------------
// Dates: 2022年9月底前, 年底前, 2022年年底前, 9月底前, 2022年6月30日前 → last day allowed.

const DATE_DEADLINE = /(?:(\d{4})年)?(?:(\d{1,2})月(?:(\d{1,2})日|底|末)|年底|年末|底)(?:前|之前|以前)/g;

export interface DateMention {
  iso: string;
  text: string;
  index: number;
}

export function findDates(s: string, planYear: number | null): DateMention[] {
  const out: DateMention[] = [];
  for (const m of s.matchAll(DATE_DEADLINE)) {
    if (!m[1] && m[0].startsWith('底')) continue; // bare 底前 needs a year: 2022年底前
    const year = m[1] ? Number(m[1]) : planYear;
    if (!year) continue;
    const month = m[2] ? Number(m[2]) : 12;
    if (month < 1 || month > 12) continue;
    const day = m[3] ? Number(m[3]) : month === 2 ? (year % 4 === 0 ? 29 : 28) : LAST_DAY[month];
    out.push({ iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, text: m[0], index: m.index! });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Keyword sets: each set is a list of words that must all occur in the same sentence.

export function matchesSet(folded: string, set: string[]): boolean {
  return set.every((w) => folded.includes(w));
}

/** Levenshtein distance (for titles of a few dozen characters). */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[B.length];
}
