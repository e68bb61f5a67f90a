/**
 * The deadline grammar: Chinese text → normalised time requirements
 * (../shared/gold/README.md "Deadline values").
 *
 *   date       2022年9月底前, 年底前, 上半年, 第三季度末, 6月30日前  → last day allowed, YYYY-MM-DD
 *   duration   最迟在5小时内, 7个工作日内, 本文件印发后30日内, 满1年后 → 5h 7wd 30d 1y (+ anchor)
 *   frequency  每年至少听取1次, 年内…不少于1次, 按月考核, 每季度      → >=1/year 1/month 1/quarter
 *   period     全年, 长期坚持, 持续推进 (standalone or in a table cell) → full-year ongoing
 *
 * Pure functions, no I/O. Matching runs on a "prepared" copy of the text: whitespace removed
 * (PDF text breaks lines and puts spaces inside "2022 年 9\n月底前") and each character
 * NFKC-folded (full-width digits, Kangxi radicals such as ⽉ from PDF fonts). Tabs are kept:
 * they separate table cells, and a phrase never spans two cells.
 */
import { createRequire } from 'node:module';
import type { Deadline, DeadlineKind } from '../model.js';
import { NUMERAL_SOURCE as NUM, parseNumeral } from './cn-numerals.js';
import { foldTraditional } from './trad.js';
import { ASIDE_BREAK, CELL_CLAUSE_BREAK, clauseSpans } from './clauses.js';

export interface DeadlineContext {
  planYear: number | null;
  /** ISO date of issuance, for due dates. */
  issued?: string | null;
}

/** A deadline with the UTF-16 offsets of its phrase in the input. */
export interface DeadlineHit extends Deadline {
  start: number;
  end: number;
}

/** The value shapes of each kind; shared with schemas and tests. */
export const DEADLINE_VALUE: Record<DeadlineKind, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  duration: /^\d+(?:h|d|wd|m|y)$/,
  frequency: /^(?:>=)?\d+\/(?:\d+-)?(?:year|half-year|quarter|month|ten-days|week|day)$/,
  period: /^(?:full-year|ongoing)$/,
};

// ───────────────────────── prepared text ─────────────────────────

interface Prepared {
  /** Folded text used for matching. */
  s: string;
  /** The same characters as printed (for `text`). */
  o: string;
  /** at[i]: offset in the input of s[i]. */
  at: Int32Array;
}

const SPACE = /[^\S\t]|[\u200b\ufeff]/;

/**
 * Each UTF-16 unit's fold, memoised by code: 0 = not yet seen, DROPPED = whitespace, else the
 * folded code + 1. A notice has a few hundred distinct characters and prepare() runs on every
 * section, cell and task sentence, so NFKC + the traditional fold per character was most of
 * its cost.
 */
const FOLD_CODE = new Uint32Array(0x10000);
const DROPPED = 0x20000;

function foldCode(code: number): number {
  let f = FOLD_CODE[code];
  if (f === 0) {
    const c = String.fromCharCode(code);
    if (SPACE.test(c)) f = DROPPED;
    else {
      const n = foldTraditional(c.normalize('NFKC'));
      f = (n.length === 1 ? n.charCodeAt(0) : code) + 1;
    }
    FOLD_CODE[code] = f;
  }
  return f;
}

function prepare(text: string): Prepared {
  // One typed array each for the offsets and the folded units (no per-character array growth).
  const at = new Int32Array(text.length);
  let n = 0;
  // o: the text without dropped characters, cut from the input; s: the same folded, built
  // unit by unit only when some character folds to another.
  let o = '';
  let from = 0;
  let codes: Uint16Array | null = null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const f = foldCode(code);
    if (f === DROPPED) {
      o += text.slice(from, i);
      from = i + 1;
      continue;
    }
    if (f - 1 !== code && !codes) {
      codes = new Uint16Array(text.length);
      for (let k = 0; k < n; k++) codes[k] = text.charCodeAt(at[k]);
    }
    if (codes) codes[n] = f - 1;
    at[n++] = i;
  }
  o += text.slice(from);
  return { s: codes ? fromCodes(codes, n) : o, o, at: at.subarray(0, n) };
}

// A lone surrogate comes out as U+FFFD: no form matches either.
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** The first n UTF-16 units as a string (the native decoder: no string per character). */
function fromCodes(codes: Uint16Array, n: number): string {
  return UTF16.decode(codes.subarray(0, n));
}

// ───────────────────────── grammar pieces ─────────────────────────

/** A 4-digit year, Arabic or 二〇二二, not the tail of a longer number. */
const YEAR = '(?<![0-9])(?<y>[0-9]{4}|[〇零一二三四五六七八九]{4})年';
/** 今年/本年 (this year), 明年/次年/下一年 (next year): the 年 is left to the caller. */
const REL = '(?<rel>今|本|明|次|下一?)';
const YEAR_PREFIX = `(?:${YEAR}|${REL}年)`;
/** Words that turn a plain date into a limit (截至6月30日). */
const MARK = '(?<mark>截至|截止到?|截止于|不晚于|最迟于?|最晚于?)?';
/** 前/之前/以前/止 after a time point: "by then". */
const BEFORE = '(?<suf>之前|以前|前|止)?';
const MONTH = '(?<mo>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const DAY = '(?<d>3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';

/** Amount + unit of a duration; not 满18周岁, 100周年, 三年级, 上一年度. */
const AMOUNT = `(?<n>${NUM}|半)`;
const UNIT = '(?<ge>个)?(?<unit>小时|钟头|工作日|自然日|日|天|月|年|周|星期)(?![岁年级度])';
const LIMIT = '(?<lim>最迟|最晚|最长|最多|不超过|不得超过|不超出|不得超出|原则上|限)?(?<at>在|于)?';
const WITHIN = '(?<within>以内|之内|内)?';
/** One character of every UNIT word (小时 钟头 工作日 日 天 月 年 周 星期). */
const UNIT_CHAR = /[时头日天月年周期]/;
/** What a clock starts from: "本文件印发", "收到申请", "政策实施". */
const SUBJECT = '(?:本|该|此)?(?:文件|方案|通知|意见|办法|要点|规定|决定|政策|公告|项目|申请|诉求|事件|事项|活动|会议|材料|信息|问题)';
const VERB = '(?:印发|下发|签发|发布|公布|公开|出台|实施|施行|生效|收到|接到|受理|提出|发生|结束|完成|办结|到期|届满|期满)';
const ANCHOR = `(?<anchor>(?:自|从)?${SUBJECT}?${VERB}${SUBJECT}?)`;

/** Period of a frequency; 个月 so that 每个月 / 每两个月 read as months. */
const PERIOD = '(?<p>半年|年度?|个?季度?|个?月度?|个?星期|周|旬|日|天)';
/** "…至少听取1次" — the count of a frequency, within the same clause. */
const GAP = '(?<gap>[^,;:!?。()\\t]{0,20}?)';
/** One character of every count unit (次 回 期 场 轮). */
const COUNT_CHAR = /[次回期场轮]/;
const COUNT = `(?<cq>至少|不少于|不低于|最少|不得少于)?(?<cn>${NUM})(?<cu>次|回|期|场|轮)(?<cge>以上)?`;

const ONGOING_WORD = '(?:长期|持续|常态化|常年|经常性|长效)';
const ONGOING_VERB = '(?:坚持|推进|开展|实施|落实|进行|执行|抓好|做好)';
const ONGOING = `${ONGOING_WORD}${ONGOING_VERB}?`;
const FULL_YEAR = `(?:${YEAR})?全年度?(?:(?:持续|长期)?(?:推进|开展|实施|落实|完成))?`;

/** Characters that, right before a bare number or 年内/年底, show it is part of something else. */
const NUMERAL_CHAR = /[0-9〇零一二两三四五六七八九十百千万]/;
/** Before an amount: 7×24小时, 第6周, 6月15日, 1.5年, 每3天 (a frequency), 近三年内 (looking back). */
const NOT_BEFORE_AMOUNT = /[0-9〇零一二两三四五六七八九十百千万×xX*.第月每近]/;
/** Before 年内/年底: 上年底, 当年内, 近年内, 五年内 (a duration), 每年 (a frequency)… */
const NOT_BEFORE_BARE_YEAR_WORD = /[0-9〇零一二两三四五六七八九十百千上下当每近同去前后第半个]/;

// ───────────────────────── candidates ─────────────────────────

type Mode = 'prose' | 'cell';

interface Candidate {
  start: number;
  end: number;
  kind: DeadlineKind;
  value: string;
  anchor?: string;
  /** Dates: the year was printed (not taken from the plan year). */
  ownYear?: boolean;
  /** Dates after 每年/每: a yearly duty, not a one-off date. */
  recurring?: 'year';
}

interface Scan {
  p: Prepared;
  mode: Mode;
  /** Year for 年底前 / 9月底前 without a year. */
  baseYear: number | null;
  /** Read minimum periods (不少于30日) instead of limits: see findMinimumDurations. */
  minimum?: boolean;
}

type Groups = Record<string, string | undefined>;
type Builder = (g: Groups, start: number, end: number, scan: Scan) => Candidate | null;

interface Form {
  re: RegExp;
  build: Builder;
  /**
   * Characters every match must contain, one class per required piece: a text without them
   * skips the form's regex (most sections, cells and task sentences lack most forms' words).
   * Only a necessary condition, so what is found does not change.
   */
  need: RegExp[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > monthEnd(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Last day of month m of year y; month 0 is December of the year before. */
function endOfMonth(y: number, m: number): string {
  return m === 0 ? `${y - 1}-12-31` : (isoDate(y, m, monthEnd(y, m)) as string);
}

/**
 * Last day allowed by a month (or the last month of a quarter) without a day: "6月前" is
 * before June begins; a bare month (a table cell, 截至6月) or 6月止 allows all of June.
 */
function lastDayOfMonthLimit(y: number, m: number, g: Groups, monthsBefore = 1): string {
  return endOfMonth(y, g.suf && g.suf !== '止' ? m - monthsBefore : m);
}

function resolveYear(g: Groups, base: number | null): number | null {
  if (g.y !== undefined) {
    const y = parseNumeral(g.y);
    return y !== null && y >= 1900 && y < 2200 ? y : null;
  }
  if (g.rel !== undefined) return base === null ? null : /^[今本]$/.test(g.rel) ? base : base + 1;
  return base;
}

function charBefore(scan: Scan, start: number): string {
  return start > 0 ? scan.p.s[start - 1] : '';
}

/** "2022年3月起", "6月以来": the date opens a span; it is no limit. */
function startsAfter(scan: Scan, end: number): boolean {
  return /^(?:起|开始|以来|以后|之后|后)/.test(scan.p.s.slice(end, end + 2));
}

/** An explicit year/mark/every prefix makes the look-behind check unnecessary. */
function hasPrefix(g: Groups): boolean {
  return g.y !== undefined || g.rel !== undefined || g.mark !== undefined || g.every !== undefined;
}

const dateForms: Form[] = [
  {
    // 到2020年 / 至2023年 (a target year: its end), 2015年之前 / 2015年前 (before it begins).
    // Not 到2020年底 or 2022年3月 (the other forms read those).
    re: new RegExp(
      `(?<by>到|至|截至|截止到?)?(?<![0-9])(?<y>[0-9]{4}|[〇零一二三四五六七八九]{4})[年-](?<bef>之前|以前|前)?(?![0-9〇零一二两三四五六七八九十上下第全底末内初度起以开])`,
      'g',
    ),
    need: [/[年-]/],
    build(g, start, end, scan) {
      if (!g.by && !g.bef) return null;
      if (!g.bef && scan.p.s[start + g.by!.length + 4] === '-') return null; // 到2022-12
      if (g.bef && startsAfter(scan, end)) return null;
      // "2016年以前制定的" is a scope; "争取2015年之前实现…" / "于2015年前完成" a limit.
      if (g.bef && !g.by) {
        const before = scan.p.s.slice(Math.max(0, start - 2), start);
        const after = scan.p.s.slice(end, end + 2);
        if (!/[于在]$|争取|力争|确保/.test(before) && !/^(?:完成|实现|达到|建成|基本|全面|全部|出台|建立|做到)/.test(after)) return null;
      }
      const y = resolveYear(g, null);
      if (y === null) return null;
      return { start, end, kind: 'date', value: g.bef ? `${y - 1}-12-31` : `${y}-12-31`, ownYear: true };
    },
  },
  {
    // 2022年5月1日-31日, 5月1日至6月30日: a window; the last day allowed is its end.
    re: new RegExp(
      `${YEAR_PREFIX}?${MONTH}月${DAY}[日号]?[-—–~～至到]+(?:(?<mo2>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月)?(?<d2>3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]${BEFORE}`,
      'g',
    ),
    need: [/月/, /[日号]/],
    build(g, start, end, scan) {
      if (!hasPrefix(g) && NUMERAL_CHAR.test(charBefore(scan, start))) return null;
      const y = resolveYear(g, scan.baseYear);
      const m1 = parseNumeral(g.mo!);
      const m2 = g.mo2 !== undefined ? parseNumeral(g.mo2) : m1;
      const d1 = parseNumeral(g.d!);
      const d2 = parseNumeral(g.d2!);
      if (y === null || m1 === null || m2 === null || d1 === null || d2 === null) return null;
      if (m2 < m1 || (m2 === m1 && d2 <= d1)) return null;
      const value = isoDate(y, m2, d2);
      return value ? { start, end, kind: 'date', value, ownYear: g.y !== undefined } : null;
    },
  },
  {
    // 2022年9月底前, 9月底前, 6月30日前, 截至6月30日, 九月底, 每年3月31日前, 9月中旬
    re: new RegExp(
      `(?<every>每年)?${MARK}${YEAR_PREFIX}?${MONTH}月份?(?:${DAY}[日号]|(?<part>[底末初]|上旬|中旬|下旬))?${BEFORE}`,
      'g',
    ),
    need: [/月/],
    build(g, start, end, scan) {
      if (!hasPrefix(g) && NUMERAL_CHAR.test(charBefore(scan, start))) return null;
      if (!g.suf && startsAfter(scan, end)) return null;
      // A plain date (a signature, 2022年6月14日印发) is not a limit: it needs 底/前/截至…
      if (scan.mode === 'prose' && !g.part && !g.suf && !g.mark) return null;
      const y = resolveYear(g, scan.baseYear);
      const m = parseNumeral(g.mo!);
      if (y === null || m === null || m < 1 || m > 12) return null;
      let value: string | null;
      if (g.d !== undefined) value = isoDate(y, m, parseNumeral(g.d) ?? 0);
      else if (g.part === '中旬') value = isoDate(y, m, 20);
      else if (g.part === '上旬' || g.part === '初') value = isoDate(y, m, 10);
      else if (g.part) value = endOfMonth(y, m);
      else value = lastDayOfMonthLimit(y, m, g);
      return value ? { start, end, kind: 'date', value, ownYear: g.y !== undefined, ...(g.every ? { recurring: 'year' as const } : {}) } : null;
    },
  },
  {
    // 年底前, 2022年底前, 2022年年底, 今年内, 年内, 本年度内, 每年底
    re: new RegExp(`(?<every>每)?${MARK}(?:${YEAR}|${REL}(?=年))?(?<pt>年?[底末]|年?度?内)${BEFORE}`, 'g'),
    need: [/[底末内]/],
    build(g, start, end, scan) {
      const ownYear = g.y !== undefined;
      // Without a year only 年底/年末/年内/年度内 count (not 月底, 期内…).
      if (!ownYear && !g.pt!.startsWith('年')) return null;
      if (!hasPrefix(g) && NOT_BEFORE_BARE_YEAR_WORD.test(charBefore(scan, start))) return null;
      // A bare 年底 is also a season (年底考核): it is a limit with 前, after 到/至/于/在, or before 完成…
      if (!hasPrefix(g) && !g.suf && /[底末]/.test(g.pt!) && !/[到至于在]/.test(charBefore(scan, start))) {
        if (!/^(?:完成|实现|达到|建成|基本|全面|全部)/.test(scan.p.s.slice(end))) return null;
      }
      const y = resolveYear(g, scan.baseYear);
      return y === null ? null : { start, end, kind: 'date', value: `${y}-12-31`, ownYear, ...(g.every ? { recurring: 'year' as const } : {}) };
    },
  },
  {
    // 上半年, 2022年上半年底前, 下半年
    re: new RegExp(`(?<!每)${MARK}${YEAR_PREFIX}?(?<h>上|下)半年(?<part>[底末]|内)?${BEFORE}`, 'g'),
    need: [/半年/],
    build(g, start, end, scan) {
      const y = resolveYear(g, scan.baseYear);
      if (y === null) return null;
      const value = g.h === '上' ? `${y}-06-30` : `${y}-12-31`;
      return { start, end, kind: 'date', value, ownYear: g.y !== undefined };
    },
  },
  {
    // 第三季度末, 2022年一季度前, 三季度内
    re: new RegExp(`(?<![每按逐])${MARK}${YEAR_PREFIX}?(?<ord>第)?(?<q>[1-4一二三四])季度?(?<part>[底末]|内)?${BEFORE}`, 'g'),
    need: [/季/],
    build(g, start, end, scan) {
      if (!hasPrefix(g) && !g.ord && NUMERAL_CHAR.test(charBefore(scan, start))) return null;
      if (scan.mode === 'prose' && !g.part && !g.suf && !g.mark) return null;
      const y = resolveYear(g, scan.baseYear);
      const q = parseNumeral(g.q!);
      if (y === null || q === null) return null;
      // As with months, "三季度前" is before the quarter begins.
      const value = g.part ? endOfMonth(y, q * 3) : lastDayOfMonthLimit(y, q * 3, g, 3);
      return { start, end, kind: 'date', value, ownYear: g.y !== undefined };
    },
  },
  {
    // 2022.6.30前, 2022-12 (table cells write dates with dots or dashes)
    re: new RegExp(`${MARK}(?<![0-9.])(?<y>[0-9]{4})(?<sep>[./-])${MONTH}(?:\\k<sep>${DAY})?(?![0-9.])${BEFORE}`, 'g'),
    need: [/[0-9][./-]/],
    build(g, start, end, scan) {
      if (scan.mode === 'prose' && !g.suf && !g.mark) return null;
      if (!g.suf && startsAfter(scan, end)) return null;
      const y = resolveYear(g, null);
      const m = parseNumeral(g.mo!);
      if (y === null || m === null || m < 1 || m > 12) return null;
      const value = g.d !== undefined ? isoDate(y, m, parseNumeral(g.d) ?? 0) : lastDayOfMonthLimit(y, m, g);
      return value ? { start, end, kind: 'date', value, ownYear: true } : null;
    },
  },
  {
    // A table cell may give a bare year: "2022年" (prose would read that as a scope).
    // Not when a month, quarter or half follows that was rejected (2022年3月起).
    re: new RegExp(`${YEAR}度?(?!版|[0-9〇零一二两三四五六七八九十上下第全])`, 'g'),
    need: [/年/],
    build(g, start, end, scan) {
      if (scan.mode !== 'cell' || startsAfter(scan, end)) return null;
      const y = resolveYear(g, null);
      return y === null ? null : { start, end, kind: 'date', value: `${y}-12-31`, ownYear: true };
    },
  },
];

// ───────────────────────── durations ─────────────────────────

/** The notice itself: "本文件印发", "本方案发布", or a bare "印发" (后30日内). Another paper's 印发 is a publication. */
const ISSUANCE = new RegExp(
  '^(?:自|从)?(?:(?:本|此|该)(?:文件|方案|通知|意见|办法|要点)(?:印发|下发|签发|发布|公布|出台)' +
    '|(?:印发|下发|签发)(?:(?:本|此|该)(?:文件|方案|通知|意见|办法|要点))?)$',
);

const ANCHOR_CLASSES: [RegExp, string, boolean][] = [
  // [words, anchor, only when the text states the clock as "X后…" / "自X之日起…"]
  [/实施|施行|生效/g, 'entry-into-force', true],
  [/收到|接到|受理|收悉|签收/g, 'receipt', false],
  [/申请|留言|咨询|来信|诉求|提问|投诉|求助|来电|提出/g, 'request', false],
  [/发生|突发|事件|舆情|事故|灾害|险情|疫情/g, 'event', false],
  [/印发|下发|签发|发布|公布|出台|公开/g, 'publication', true],
  [/结束|完成|办结/g, 'completion', true],
  [/到期|届满|期满/g, 'expiry', true],
];

/**
 * What the clock of a duration starts from. An explicit anchor phrase is read in the order of
 * the table; words found earlier in the sentence only hint at receipt/request/event, and the
 * nearest one wins ("依申请公开…渠道，对…突发事件的政务舆情…最迟在5小时内" is an event).
 */
function classifyAnchor(phrase: string, explicit: boolean): string | undefined {
  if (explicit && ISSUANCE.test(phrase)) return 'issuance';
  let best: { anchor: string; at: number } | undefined;
  for (const [re, anchor, needsExplicit] of ANCHOR_CLASSES) {
    if (needsExplicit && !explicit) continue;
    for (const m of phrase.matchAll(re)) {
      if (explicit) return anchor;
      const at = m.index + m[0].length;
      if (!best || at > best.at) best = { anchor, at };
    }
  }
  return best?.anchor;
}

/** The words before a duration in its own sentence: "对…突发事件的政务舆情快速反应，最迟在5小时内". */
function sentenceBefore(scan: Scan, start: number): string {
  const from = Math.max(0, start - 40);
  const head = scan.p.s.slice(from, start);
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf(';'), head.lastIndexOf('!'), head.lastIndexOf('?'), head.lastIndexOf('\t'));
  return head.slice(cut + 1);
}

/** Unit → [multiplier, value suffix]; weeks are written as days (the value scheme has no w). */
const UNIT_VALUE: Record<string, [number, string]> = {
  小时: [1, 'h'], 钟头: [1, 'h'], 工作日: [1, 'wd'], 自然日: [1, 'd'], 日: [1, 'd'], 天: [1, 'd'],
  月: [1, 'm'], 年: [1, 'y'], 周: [7, 'd'], 星期: [7, 'd'],
};

const MINIMUM_BEFORE = /(?:不少于|不低于|至少|超过|不短于|满|得少于)$/;

/**
 * accept: the form itself marks a time limit (X后…, 满…), so 内 is not needed.
 * marked: a word before the number (满) already shows it is an amount.
 */
function buildDuration(g: Groups, start: number, end: number, scan: Scan, accept: boolean, marked = false): Candidate | null {
  const s = scan.p.s;
  const bare = !marked && !g.anchor && !g.lim && !g.at;
  if (bare && NOT_BEFORE_AMOUNT.test(charBefore(scan, start))) return null;
  // 不少于30日 / 30日以上 are minimum periods (公示期), not limits; "不少于" may end in our 于.
  const before = s.slice(Math.max(0, start - 3), start) + (g.at ?? '');
  if ((MINIMUM_BEFORE.test(before) || s.startsWith('以上', end)) !== Boolean(scan.minimum)) return null;
  const unit = g.unit!;
  const half = g.n === '半';
  const n = half ? null : parseNumeral(g.n!);
  if (!half && (n === null || n === 0 || n > 9999)) return null;
  // 3月 without 个 is March; 2022年 is a year.
  if (unit === '月' && !g.ge && !half) return null;
  if (unit === '年' && n !== null && n >= 100) return null;
  if (!accept && !g.within && !g.lim && unit !== '工作日' && !scan.minimum) return null;

  let value: string;
  if (half) {
    if (unit === '年') value = '6m';
    else if (unit === '月') value = '15d';
    else return null;
  } else {
    const [per, suffix] = UNIT_VALUE[unit];
    value = `${per * (n as number)}${suffix}`;
  }
  const anchor = g.anchor
    ? classifyAnchor(g.anchor, true)
    : classifyAnchor(sentenceBefore(scan, start), false);
  return { start, end, kind: 'duration', value, ...(anchor ? { anchor } : {}) };
}

const durationForms: Form[] = [
  {
    // 24小时内, 最迟在5小时内, 7个工作日内, 1个工作日, 三个月内, 一年内, 半年内, 两周内
    re: new RegExp(`${LIMIT}${AMOUNT}${UNIT}${WITHIN}`, 'g'),
    need: [UNIT_CHAR],
    build: (g, start, end, scan) => buildDuration(g, start, end, scan, false),
  },
  {
    // 本文件印发后30日内, 自收到申请之日起15个工作日内
    re: new RegExp(`${ANCHOR}(?<conn>之日起|之日后|之后|以后|后|起)${LIMIT}${AMOUNT}${UNIT}${WITHIN}`, 'g'),
    need: [UNIT_CHAR, /[起后]/],
    build: (g, start, end, scan) => buildDuration(g, start, end, scan, true),
  },
  {
    // 政策实施满1年后, 满6个月
    re: new RegExp(`${ANCHOR}?满${AMOUNT}${UNIT}(?<after>之后|以后|后|时)?`, 'g'),
    // 满 marks the number as an amount, like a limit word does.
    need: [/满/, UNIT_CHAR],
    build: (g, start, end, scan) => buildDuration(g, start, end, scan, true, true),
  },
];

// ───────────────────────── frequencies ─────────────────────────

function periodName(raw: string): string | null {
  // 每个季度 / 每个星期: the 个 counts nothing; 个月 is read below as a month.
  const p = /^个(?:季|星)/.test(raw) ? raw.slice(1) : raw;
  if (p === '半年') return 'half-year';
  if (p.startsWith('年')) return 'year';
  if (p.startsWith('季')) return 'quarter';
  if (/^个?月/.test(p)) return 'month';
  if (p === '周' || p === '星期') return 'week';
  if (p === '旬') return 'ten-days';
  if (p === '日' || p === '天') return 'day';
  return null;
}

/** ">=1/year" from the count words (至少/不少于…/以上) and the period. */
function frequencyValue(g: Groups, per: string): string | null {
  if (g.cn === undefined) return `1/${per}`;
  const n = parseNumeral(g.cn);
  if (n === null || n === 0 || n > 999) return null;
  // The lazy gap may swallow the 至少 of "至少听取1次": look for it there too.
  const atLeast = g.cq || g.cge || /至少|不少于|不低于|最少|不得少于/.test(g.gap ?? '');
  return `${atLeast ? '>=' : ''}${n}/${per}`;
}

/** A count right after 第 (第1次) is an ordinal, not a count. */
const ordinalCount = (g: Groups) => g.gap !== undefined && g.gap.endsWith('第');

const frequencyForms: Form[] = [
  {
    // 一季度一通报, 一月一调度, 一年一评估: once per period, the second 一 before the verb.
    re: new RegExp(`(?<![0-9〇零一二两三四五六七八九十百千每第])一个?(?<p>年度?|季度?|月|周|旬)一(?:通报|调度|考核|评估|检查|督查|督导|报送|上报|更新|分析|研判|总结|排名|公示|发布|公开|汇报|报告|会商|评议|通气)`, 'g'),
    need: [/一[^一]{1,3}一/],
    build(g, start, end) {
      const unit = periodName(g.p!);
      return unit ? { start, end, kind: 'frequency', value: `1/${unit}` } : null;
    },
  },
  {
    // 每年至少听取1次, 每季度, 每月, 每半年至少1次, 每两个月
    re: new RegExp(`(?<lead>每一?(?:(?<k>${NUM})个?)?${PERIOD})(?:${GAP}${COUNT})?`, 'g'),
    need: [/每/],
    build(g, start, end) {
      const unit = periodName(g.p!);
      if (!unit) return null;
      const k = g.k === undefined ? 1 : parseNumeral(g.k);
      if (k === null || k === 0 || k > 99) return null;
      const per = k > 1 ? `${k}-${unit}` : unit;
      if (ordinalCount(g)) return { start, end: start + g.lead!.length, kind: 'frequency', value: `1/${per}` };
      const value = frequencyValue(g, per);
      return value ? { start, end, kind: 'frequency', value } : null;
    },
  },
  {
    // 年内组织…不少于1次, 年内至少专题研究一次, 全年开展不少于4次 — one frequency; its 年内 is no date.
    re: new RegExp(`(?<lead>年度?内|全年度?|一年内?|今年内?|本年度?内?|半年内?|季度内|月内)${GAP}${COUNT}`, 'g'),
    need: [COUNT_CHAR],
    build(g, start, end, scan) {
      if (NOT_BEFORE_BARE_YEAR_WORD.test(charBefore(scan, start)) || ordinalCount(g)) return null;
      const lead = g.lead!;
      const per = lead.startsWith('半') ? 'half-year' : lead.startsWith('季') ? 'quarter' : lead.startsWith('月') ? 'month' : 'year';
      const value = frequencyValue(g, per);
      return value ? { start, end, kind: 'frequency', value } : null;
    },
  },
  {
    // 按月考核, 按季度, 逐月调度 — but not 按年度计划 (a scope) or 逐年提高 (a trend).
    re: new RegExp(
      `(?<by>按|逐)${PERIOD}(?![度份]?(?:计划|目标|预算|任务|安排|要求|期|程|历|常|照|额))(?:考核|通报|调度|更新|统计|报送|上报|发布|公开|检查|评估|监测|督查|排名|开展|召开|报告|分析|汇总|维护|核查|研判)?`,
      'g',
    ),
    need: [/[按逐]/],
    build(g, start, end) {
      const unit = periodName(g.p!);
      if (!unit || g.p!.startsWith('个') || (g.by === '逐' && unit === 'year')) return null;
      return { start, end, kind: 'frequency', value: `1/${unit}` };
    },
  },
  {
    // 一年一次, 半年一次, 一季度两次, 两年一次
    re: new RegExp(`(?<n1>半|${NUM})个?(?<p>年度?|季度?|月|周|星期)(?<cq>至少)?(?<cn>${NUM})(?<cu>次|回)`, 'g'),
    need: [/[次回]/],
    build(g, start, end, scan) {
      if (/[0-9〇零一二两三四五六七八九十百千每第]/.test(charBefore(scan, start))) return null;
      let unit = periodName(g.p!);
      let k: number | null = 1;
      if (g.n1 === '半') {
        if (unit !== 'year') return null;
        unit = 'half-year';
      } else k = parseNumeral(g.n1!);
      if (!unit || k === null || k === 0 || k > 99) return null;
      const value = frequencyValue(g, k > 1 ? `${k}-${unit}` : unit);
      return value ? { start, end, kind: 'frequency', value } : null;
    },
  },
];

/**
 * The grammar, form by form: the one table that parse (extract), check (the rules read the
 * model's deadlines, and minimum periods through findMinimumDurations) and the ledger take
 * time from. A new way of writing a time limit is one entry here (test/one-grammar.test.ts).
 */
export const DEADLINE_FORMS: { readonly date: Form[]; readonly duration: Form[]; readonly frequency: Form[] } = {
  date: dateForms,
  duration: durationForms,
  frequency: frequencyForms,
};
export type { Form as DeadlineForm, Candidate as DeadlineCandidate };

// ───────────────────────── periods ─────────────────────────

const PERIOD_RE = new RegExp(`(?<full>${FULL_YEAR})|(?<ongoing>${ONGOING})`, 'g');
/**
 * A prose clause that is only a period statement, perhaps after a connective (…完成，并长期坚持).
 * It needs its verb: a bare 常态化 closes lists of qualities (制度化、规范化，常态化).
 */
const PERIOD_WHOLE = new RegExp(`^(?:并且?|且|要|须|需|应)?(?:(?<full>${FULL_YEAR})|(?<ongoing>${ONGOING_WORD}${ONGOING_VERB}))$`);

function periodCandidate(g: Groups, start: number, end: number): Candidate {
  return { start, end, kind: 'period', value: g.full !== undefined ? 'full-year' : 'ongoing' };
}

/**
 * In prose 持续/长期/全年 are mostly adverbs or scopes (持续推进基层…, 全年GDP); they state a time
 * only as a clause of their own ("…年底前完成，长期坚持。", "完成时限：全年").
 */
function standalonePeriods(p: Prepared): Candidate[] {
  const out: Candidate[] = [];
  // Every period word holds one of these (全年, 长期, 持续, 常态化/常年, 经常性).
  if (!/[全长持常经]/.test(p.s)) return out;
  for (const [a, b] of clauseSpans(p.s, ASIDE_BREAK)) {
    const m = PERIOD_WHOLE.exec(p.s.slice(a, b));
    if (!m) continue;
    const word = m.groups?.full ?? m.groups?.ongoing ?? '';
    out.push(periodCandidate(m.groups ?? {}, b - word.length, b));
  }
  return out;
}

/** In a 完成时限 cell every period word is a time statement. */
function cellPeriods(p: Prepared): Candidate[] {
  const out: Candidate[] = [];
  for (const m of p.s.matchAll(PERIOD_RE)) {
    out.push(periodCandidate(m.groups ?? {}, m.index, m.index + m[0].length));
  }
  return out;
}

// ───────────────────────── assembly ─────────────────────────

const ZONES: [string, string, number][] = [
  // [open, close, max length]: titles and quoted names are not requirements
  // (《全市2022年1至6月…通报》, “日监测、月统计、季通报、年考核”).
  ['《', '》', 80],
  ['〈', '〉', 80],
  ['“', '”', 40],
  ['「', '」', 40],
  ['『', '』', 40],
  ['‘', '’', 40],
];

const ZONE_OPEN = new RegExp(`[${ZONES.map(([open]) => open).join('')}]`, 'g');

function protectedZones(s: string): [number, number][] {
  const zones: [number, number][] = [];
  ZONE_OPEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ZONE_OPEN.exec(s)) !== null) {
    const i = m.index;
    const z = ZONES.find(([open]) => open === s[i])!;
    const j = s.indexOf(z[1], i + 1);
    if (j < 0 || j - i > z[2] || s.slice(i, j).includes('。')) continue;
    zones.push([i, j + 1]);
    ZONE_OPEN.lastIndex = j + 1;
  }
  return zones;
}

function runForms(forms: Form[], scan: Scan, out: Candidate[]): void {
  const s = scan.p.s;
  for (const { re, build, need } of forms) {
    if (!need.every((n) => n.test(s))) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      if (m[0].length > 0) {
        const c = build(m.groups ?? {}, m.index, m.index + m[0].length, scan);
        if (c) out.push(c);
      }
      // Step one character, not past the match: a rejected reading must not hide a later one.
      re.lastIndex = m.index + 1;
    }
  }
}

/** Leftmost, then longest, non-overlapping candidates outside titles and quotes. */
function choose(cands: Candidate[], s: string): Candidate[] {
  if (cands.length === 0) return cands;
  const zones = protectedZones(s);
  // A quote that is only a time requirement still states it (实行“一季度一通报”机制).
  const free = cands.filter((c) => !zones.some(([a, b]) => c.start < b && a < c.end && !(c.start === a + 1 && c.end === b - 1)));
  free.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Candidate[] = [];
  let reached = 0;
  for (const c of free) {
    if (c.start >= reached) {
      out.push(c);
      reached = c.end;
    }
  }
  return mergeRanges(out, s);
}

/**
 * "2022年3月至6月", "3月底至6月底前": the last day allowed is the end of the range. The end
 * inherits the start's printed year.
 */
function mergeRanges(hits: Candidate[], s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const c of hits) {
    const prev = out[out.length - 1];
    if (prev?.kind === 'date' && c.kind === 'date' && /^[至到~\-—]+$/.test(s.slice(prev.end, c.start))) {
      const value = prev.ownYear && !c.ownYear ? prev.value.slice(0, 4) + c.value.slice(4) : c.value;
      out[out.length - 1] = { ...prev, end: c.end, value };
    } else out.push(c);
  }
  return out;
}

function baseYearOf(ctx: DeadlineContext): number | null {
  if (ctx.planYear !== null && ctx.planYear !== undefined) return ctx.planYear;
  const m = ctx.issued ? /^(\d{4})-/.exec(ctx.issued) : null;
  return m ? Number(m[1]) : null;
}

/** One date of a list; the list's 前 (or 截至) after the last one applies to them all. */
const LIST_DATE = '(?:[0-9]{4}年)?(?:1[0-2]|0?[1-9])月(?:3[01]|[12][0-9]|0?[1-9])[日号]';
const DATE_LIST = new RegExp(`(?:${LIST_DATE}(?:[、，,和及与]|以及)){1,11}${LIST_DATE}(?:之前|以前|前)`, 'g');

/** 分别于9月10日、11月21日前; 于2019年4月15日、7月15日、10月15日及2020年1月15日前. */
function dateLists(scan: Scan): Candidate[] {
  const out: Candidate[] = [];
  if (!scan.p.s.includes('月')) return out;
  let year = scan.baseYear;
  for (const m of scan.p.s.matchAll(DATE_LIST)) {
    if (/[0-9]/.test(charBefore(scan, m.index))) continue;
    for (const item of m[0].matchAll(/(?:(?<y>[0-9]{4})年)?(?<mo>[0-9]{1,2})月(?<d>[0-9]{1,2})[日号](?:之前|以前|前)?/g)) {
      if (item.groups!.y) year = Number(item.groups!.y);
      if (year === null) continue;
      const value = isoDate(year, Number(item.groups!.mo), Number(item.groups!.d));
      const start = m.index + item.index;
      if (value) out.push({ start, end: start + item[0].length, kind: 'date', value, ownYear: item.groups!.y !== undefined });
    }
  }
  return out;
}

function collect(p: Prepared, ctx: DeadlineContext, mode: Mode): Candidate[] {
  const scan: Scan = { p, mode, baseYear: baseYearOf(ctx) };
  const cands: Candidate[] = dateLists(scan);
  runForms(dateForms, scan, cands);
  runForms(durationForms, scan, cands);
  runForms(frequencyForms, scan, cands);
  cands.push(...(mode === 'cell' ? cellPeriods(p) : standalonePeriods(p)));
  return choose(cands, p.s);
}

function toHit(c: Candidate, p: Prepared, ctx: DeadlineContext): DeadlineHit {
  const hit: DeadlineHit = {
    text: p.o.slice(c.start, c.end),
    kind: c.kind,
    value: c.value,
    start: p.at[c.start],
    end: p.at[c.end - 1] + 1,
  };
  if (c.anchor) hit.anchor = c.anchor;
  if (c.recurring) hit.recurring = c.recurring;
  if (ctx.issued) {
    const due = dueDate(hit, ctx.issued);
    if (due) hit.due = due;
  }
  return hit;
}

/** Every time requirement in running prose, in order. */
export function findDeadlines(text: string, ctx: DeadlineContext): DeadlineHit[] {
  const p = prepare(text);
  return collect(p, ctx, 'prose').map((c) => toHit(c, p, ctx));
}

/**
 * Minimum periods — "公开征求意见的期限一般不少于30日", "不得少于15日": the same duration forms,
 * kept apart from limits (a minimum is never a deadline; `check` compares it with a floor).
 */
export function findMinimumDurations(text: string, ctx: DeadlineContext): DeadlineHit[] {
  const p = prepare(text);
  const cands: Candidate[] = [];
  runForms(durationForms, { p, mode: 'prose', baseYear: baseYearOf(ctx), minimum: true }, cands);
  return choose(cands, p.s).map((c) => toHit(c, p, ctx));
}

/**
 * A table cell whose whole content is a time limit ("全年", "长期坚持", "本文件印发后30日内",
 * "2022年年底前完成，长期坚持"): period words and bare dates count here. A clause holding one
 * deadline and a short verb (…前完成) is reported whole, as the cell prints it.
 */
export function parseDeadlineCell(text: string, ctx: DeadlineContext): DeadlineHit[] {
  const p = prepare(text);
  const chosen = collect(p, ctx, 'cell');
  for (const [a, b] of clauseSpans(p.s, CELL_CLAUSE_BREAK)) {
    const inside = chosen.filter((c) => c.start >= a && c.end <= b);
    if (inside.length === 1 && b - a - (inside[0].end - inside[0].start) <= 4) {
      inside[0].start = a;
      inside[0].end = b;
    }
  }
  return chosen.map((c) => toHit(c, p, ctx));
}

const VAGUE = /第一时间|不定期|定期|及时(?!性)|适时|尽快|尽早|随时|实时|即时|立即|马上|抓紧|逐步|限期|按时|按期|如期|近期|适当时[候机]|在?规定的?(?:时间|时限|期限)内/g;

/** Vague time words (及时, 定期, 适时, 尽快…): not deadlines, reported separately. */
export function findVagueTimeWords(text: string): { text: string; start: number; end: number }[] {
  const p = prepare(text);
  return [...p.s.matchAll(VAGUE)].map((m) => ({
    text: p.o.slice(m.index, m.index + m[0].length),
    start: p.at[m.index],
    end: p.at[m.index + m[0].length - 1] + 1,
  }));
}

// ───────────────────────── due dates ─────────────────────────

interface WorkCalendar {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let calendar: WorkCalendar | null = null;

/**
 * China's official calendar from chinese-days' data file. Its isWorkday() reads dates in the
 * process's local time zone and is wrong west of UTC, so the date strings are looked up here.
 * Years the data does not cover fall back to Monday–Friday.
 */
function isWorkday(day: number): boolean {
  calendar ??= createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as WorkCalendar;
  const iso = new Date(day).toISOString().slice(0, 10);
  if (calendar.workdays[iso]) return true;
  if (calendar.holidays[iso]) return false;
  const weekday = new Date(day).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

const DAY_MS = 86_400_000;

function parseIso(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().startsWith(iso) ? t : null;
}

/** Same day n months later, or the month's last day when it has none (民法典 第二百零二条). */
function addMonths(t: number, n: number): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last));
}

/** A period that ends on a rest day ends on the next working day (民法典 第二百零三条). */
function rollToWorkday(t: number): number {
  let day = t;
  for (let i = 0; i < 60 && !isWorkday(day); i++) day += DAY_MS;
  return day;
}

/**
 * Concrete due date of a deadline given the issuance date: a date is its own due date; a
 * duration counts from issuance (the start day not counted) only when its anchor is issuance —
 * any other clock (an event, a request) cannot be known. Working days follow the official
 * calendar with its 调休 days.
 */
export function dueDate(d: Deadline, issued: string): string | undefined {
  const t0 = parseIso(issued);
  if (t0 === null) return undefined;
  if (d.kind === 'date') return parseIso(d.value) === null ? undefined : d.value;
  if (d.kind !== 'duration' || d.anchor !== 'issuance') return undefined;
  const m = /^(\d+)(h|wd|d|m|y)$/.exec(d.value);
  if (!m) return undefined;
  const n = Number(m[1]);
  let t: number;
  switch (m[2]) {
    case 'h':
      t = t0 + Math.ceil(n / 24) * DAY_MS;
      break;
    case 'd':
      t = rollToWorkday(t0 + n * DAY_MS);
      break;
    case 'wd': {
      t = t0;
      for (let left = n; left > 0; ) {
        t += DAY_MS;
        if (isWorkday(t)) left--;
      }
      break;
    }
    case 'm':
      t = rollToWorkday(addMonths(t0, n));
      break;
    default:
      t = rollToWorkday(addMonths(t0, 12 * n));
  }
  return new Date(t).toISOString().slice(0, 10);
}
