import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deadline } from '../src/model.js';
import {
  DEADLINE_VALUE,
  type DeadlineContext,
  type DeadlineHit,
  dueDate,
  findDeadlines,
  findVagueTimeWords,
  parseDeadlineCell,
} from '../src/extract/deadlines.js';

/** Whitespace the grammar ignores inside a phrase (tabs separate table cells and are kept). */
const squeeze = (s: string) => s.replace(/[^\S\t]|[\u200b\ufeff]/g, '');
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().startsWith(s);
}

function wellFormed(input: string, hits: DeadlineHit[]) {
  let reached = 0;
  for (const h of hits) {
    expect(Number.isInteger(h.start) && Number.isInteger(h.end)).toBe(true);
    expect(h.start).toBeGreaterThanOrEqual(reached); // in order, no overlap
    expect(h.start).toBeLessThan(h.end);
    expect(h.end).toBeLessThanOrEqual(input.length);
    expect(h.text).toBe(squeeze(input.slice(h.start, h.end)));
    expect(h.text.length).toBeGreaterThan(0);
    expect(h.value).toMatch(DEADLINE_VALUE[h.kind]);
    if (h.kind === 'date') expect(isCalendarDate(h.value)).toBe(true);
    if (h.anchor !== undefined) expect(h.anchor).toMatch(/^[a-z-]+$/);
    if (h.due !== undefined) expect(isCalendarDate(h.due)).toBe(true);
    reached = h.end;
  }
}

/** Pieces of Chinese time language, with the noise that surrounds them in real notices. */
const TOKENS = [
  '2022', '2021', '二〇二二', '２０２２', '9', '九', '十二', '15', '十五', '30', '1', '24', '5', '7', '两', '三', '半', '一',
  '年', '月', '日', '号', '底', '末', '前', '之前', '以前', '内', '以内', '之内', '止', '份', '旬', '中旬', '上旬', '下旬',
  '小时', '个', '工作日', '天', '周', '星期', '季度', '季', '第', '上半年', '下半年', '年底前', '年内', '年度',
  '每', '按', '逐', '至少', '不少于', '次', '以上', '全年', '长期坚持', '持续推进', '常态化', '长期', '持续',
  '满', '后', '之日起', '本文件印发', '收到申请', '政策实施', '截至', '最迟', '在', '不超过', '原则上',
  '及时', '定期', '适时', '尽快', '第一时间', '限期', '三年行动', '十四五', '〔2022〕', '10号', '12345', '%', '×',
  '完成', '考核', '听取', '组织', '培训', '公开', '上一', '当年', '报告', '版', '（', '）', '(', ')',
  '，', '。', '、', '；', '：', '《', '》', '“', '”', ' ', '\n', '\u3000', '\t', '— 8 —', '\u2f49',
];
const timeText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const ctxArb: fc.Arbitrary<DeadlineContext> = fc.record({
  planYear: fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: null }),
  issued: fc.option(
    fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    { nil: null },
  ),
});

const RUNS = { numRuns: 400 };

describe('never throws, always well-formed', () => {
  for (const [name, arb] of [['arbitrary unicode', anyText], ['mixes of time words', timeText]] as const) {
    it(`findDeadlines on ${name}`, () => {
      fc.assert(fc.property(arb, ctxArb, (s, ctx) => wellFormed(s, findDeadlines(s, ctx))), RUNS);
    });
    it(`parseDeadlineCell on ${name}`, () => {
      fc.assert(fc.property(arb, ctxArb, (s, ctx) => wellFormed(s, parseDeadlineCell(s, ctx))), RUNS);
    });
    it(`findVagueTimeWords on ${name}`, () => {
      fc.assert(
        fc.property(arb, (s) => {
          for (const w of findVagueTimeWords(s)) {
            expect(w.start).toBeGreaterThanOrEqual(0);
            expect(w.start).toBeLessThan(w.end);
            expect(w.end).toBeLessThanOrEqual(s.length);
            expect(w.text).toBe(squeeze(s.slice(w.start, w.end)));
          }
        }),
        RUNS,
      );
    });
  }
});

describe('whitespace inside phrases does not matter', () => {
  const spaced = timeText.chain((s) =>
    fc
      .array(fc.constantFrom(' ', '\n', '\u3000', ' \n\n'), { minLength: s.length + 1, maxLength: s.length + 1 })
      .chain((gaps) => fc.array(fc.boolean(), { minLength: s.length + 1, maxLength: s.length + 1 }).map((on) => ({ s, gaps, on }))),
  );
  it('findDeadlines gives the same deadlines with spaces and line breaks inserted', () => {
    fc.assert(
      fc.property(spaced, ({ s, gaps, on }) => {
        const t = [...s].map((c, i) => (on[i] ? gaps[i] : '') + c).join('');
        const ctx = { planYear: 2022 };
        const strip = (hits: DeadlineHit[]) => hits.map(({ text, kind, value, anchor }) => ({ text, kind, value, anchor }));
        expect(strip(findDeadlines(t, ctx))).toEqual(strip(findDeadlines(s, ctx)));
      }),
      RUNS,
    );
  });
});

describe('results are deterministic', () => {
  it('the same input gives the same hits', () => {
    fc.assert(
      fc.property(timeText, ctxArb, (s, ctx) => {
        expect(findDeadlines(s, ctx)).toEqual(findDeadlines(s, ctx));
        expect(parseDeadlineCell(s, ctx)).toEqual(parseDeadlineCell(s, ctx));
      }),
      RUNS,
    );
  });
});

describe('dueDate', () => {
  const deadline: fc.Arbitrary<Deadline> = fc.oneof(
    fc.record({
      text: fc.constant(''),
      kind: fc.constant('duration' as const),
      value: fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('h', 'd', 'wd', 'm', 'y')).map(([n, u]) => `${n}${u}`),
      anchor: fc.constantFrom('issuance', 'event', 'request', undefined),
    }),
    fc.record({ text: fc.constant(''), kind: fc.constantFrom('frequency' as const, 'period' as const, 'date' as const), value: fc.string() }),
  );
  const issued = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('never throws; a due date of an issuance clock is a calendar date after issuance', () => {
    fc.assert(
      fc.property(deadline, issued, (d, iso) => {
        const due = dueDate(d, iso);
        if (d.kind === 'duration' && d.anchor === 'issuance') {
          expect(due !== undefined && isCalendarDate(due)).toBe(true);
          expect(due! > iso).toBe(true);
        } else if (d.kind === 'duration' || d.kind === 'frequency' || d.kind === 'period') {
          expect(due).toBeUndefined();
        }
      }),
      RUNS,
    );
  });
  it('more working days never end earlier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), issued, (n, iso) => {
        const a = dueDate({ text: '', kind: 'duration', value: `${n}wd`, anchor: 'issuance' }, iso)!;
        const b = dueDate({ text: '', kind: 'duration', value: `${n + 1}wd`, anchor: 'issuance' }, iso)!;
        expect(b > a).toBe(true);
      }),
      RUNS,
    );
  });
  it('accepts any string as the issuance date without throwing', () => {
    fc.assert(
      fc.property(deadline, fc.string(), (d, s) => {
        dueDate(d, s);
      }),
      RUNS,
    );
  });
});

/**
 * Long runs of one kind of character (issue 15: a run of digits, Chinese numerals or
 * punctuation once took 30 s at 60k characters). Tests assert no time: the growth ratio
 * (60k/15k, linear ≈ 4, quadratic ≈ 16) is measured by `node scripts/grammar-bench.mjs`, which
 * flags a super-linear run. Here the grammar must give the same well-formed answer on a long
 * run as its pieces suggest: a run of N copies has hits that stay in order inside the input,
 * and a long run gives no more hits per copy than a short one (no pattern re-reads the run).
 */
describe('long runs', () => {
  const RUNS: [string, string][] = [
    ['digits', '7'],
    ['一', '一'],
    ['十', '十'],
    ['百', '百'],
    ['mixed numerals', '二十三百'],
    ['punctuation', '，。；'],
    ['year words', '2022年'],
    ['month words', '1月'],
    ['每', '每'],
  ];
  for (const [name, unit] of RUNS) {
    it(`${name}: well-formed hits on a 40k-character run, no more per copy than on a short run`, () => {
      const small = unit.repeat(Math.ceil(1_000 / unit.length));
      const big = unit.repeat(Math.ceil(40_000 / unit.length));
      const hitsSmall = findDeadlines(small, { planYear: 2022 });
      const hitsBig = findDeadlines(big, { planYear: 2022 });
      wellFormed(big, hitsBig);
      expect(hitsBig.length / big.length).toBeLessThanOrEqual(hitsSmall.length / small.length + 1e-3);
      const cell = parseDeadlineCell(big, { planYear: 2022 });
      for (const d of cell) expect(d.value).toMatch(DEADLINE_VALUE[d.kind]);
    });
  }
});
