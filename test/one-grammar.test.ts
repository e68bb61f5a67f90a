/**
 * One grammar of time, one clause splitter: a new way of writing a time limit is one entry in
 * the deadline grammar (src/extract/deadlines.ts DEADLINE_FORMS), and parse, check and the
 * ledger all see it — none of them has a grammar of its own. And the rules bind a limit to
 * the clauses the extractor reads (src/extract/clauses.ts).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLedger, checkNotice, parseText } from '../src/index.js';
import { DEADLINE_FORMS, findDeadlines, type DeadlineForm } from '../src/extract/deadlines.js';
import { CELL_CLAUSE_BREAK, clauseSpans, splitClauses } from '../src/extract/clauses.js';
import { parseNumeral } from '../src/extract/cn-numerals.js';
import { flattenSections } from '../src/structure/index.js';

const drafts = (parse(readFileSync('fixtures/review/drafts.yaml', 'utf8')) as { drafts: { id: string; text: string }[] }).drafts;
// A real-style draft whose crisis clause says 8小时; here it says 一旬 (ten days), a form the grammar does not read.
const draft = drafts.find((d) => d.id === 'junan-crisis-8h')!.text.replace('最迟在8小时内', '最迟在一旬内');

/** 一旬内, 两旬内: ten-day periods, as a duration in days. */
const TEN_DAYS: DeadlineForm = {
  re: /(?<lim>最迟|最晚)?(?<at>在|于)?(?<n>[一二两三四五六七八九]|\d)旬(?:以|之)?内/g,
  need: [/旬/],
  build: (g, start, end) => {
    const n = parseNumeral(g.n!);
    return n ? { start, end, kind: 'duration', value: `${n * 10}d` } : null;
  },
};

afterEach(() => {
  const i = DEADLINE_FORMS.duration.indexOf(TEN_DAYS);
  if (i >= 0) DEADLINE_FORMS.duration.splice(i, 1);
});

const sections = (text: string) => flattenSections(parseText(text, { path: 'junan.txt' }).sections);

describe('a new deadline form is one edit that parse, check and ledger all see', () => {
  it('without the form: 一旬内 is no deadline anywhere', () => {
    expect(findDeadlines('最迟在一旬内发布权威信息', { planYear: 2022 })).toEqual([]);
    const notice = parseText(draft, { path: 'junan.txt' });
    expect(checkNotice(notice).some((f) => f.ruleId === 'crisis-response-time' && f.messageId === 'exceeded')).toBe(false);
    expect(buildLedger([notice]).flatMap((r) => r.deadlines).some((d) => d.text.includes('旬'))).toBe(false);
  });

  it('with it: parse reads 10d, check reports 10 days > 5 hours at those characters, the ledger lists it', () => {
    DEADLINE_FORMS.duration.push(TEN_DAYS);
    const notice = parseText(draft, { path: 'junan.txt' });
    const d = flattenSections(notice.sections).flatMap((s) => s.deadlines).find((x) => x.value === '10d');
    expect(d?.text).toBe('最迟在一旬内');
    const f = checkNotice(notice).find((x) => x.ruleId === 'crisis-response-time' && x.messageId === 'exceeded');
    expect(f?.message.zh).toMatch(/此处为10日，超过5小时/);
    expect(f?.position).toEqual(d!.position);
    const row = buildLedger([notice]).find((r) => r.deadlines.some((x) => x.value === '10d'));
    expect(row?.deadlineText).toContain('最迟在一旬内');
  });
});

describe('one clause splitter', () => {
  it('splits prose at ，；：。 and keeps 、 lists and bracketed asides in their clause; a cell splits at 、 and brackets too', () => {
    const s = '对特别重大、重大突发事件的政务舆情，最迟在5小时内发布权威信息（含网络），在24小时内举行新闻发布会；对其他政务舆情，在48小时内予以回应。';
    expect(splitClauses(s).map((c) => c.text)).toEqual(['对特别重大、重大突发事件的政务舆情', '最迟在5小时内发布权威信息（含网络）', '在24小时内举行新闻发布会', '对其他政务舆情', '在48小时内予以回应']);
    expect(clauseSpans('2022年6月底前完成、长期坚持（每月调度）', CELL_CLAUSE_BREAK).length).toBe(3);
    expect(clauseSpans('2022年6月底前完成、长期坚持（每月调度）').length).toBe(1);
  });

  it('the 48小时 of 其他政务舆情 is not bound by the 5-hour limit of 重大突发事件 (fixtures/review/drafts.yaml yishui-clean)', () => {
    const text = drafts.find((d) => d.id === 'yishui-clean')!.text;
    const found = checkNotice(parseText(text, { path: 'yishui.txt' })).filter((f) => f.ruleId === 'crisis-response-time');
    expect(found).toEqual([]);
    // …and the extractor read that 48小时 as a deadline of the same sentence.
    expect(sections(text).flatMap((s) => s.deadlines).map((d) => d.value)).toContain('48h');
  });
});
