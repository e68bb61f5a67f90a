/**
 * Declarative rule kinds: a rule written in a pack (rules/*.yaml) becomes a `Rule` here.
 *
 *   require    the plan (or sections whose title matches `scope`) contains a provision
 *              matching any keyword set / pattern, optionally with a date;
 *   limit      a time limit stated for a topic does not exceed a bound (5h, 24h, 20wd, 01-31);
 *   forbid     wording that must not appear;
 *   frequency  a recurring duty happens at least `min` times per period.
 *
 * Rules read time from the model: the deadlines the parser extracted for each Obligation
 * (src/extract/deadlines.ts), never from a grammar of their own. A limit is bound to its own
 * clause and subject (src/extract/clauses.ts): "…；对其他政务舆情在48小时内予以回应" is not
 * the 重大突发事件 clause, and "…，县政府办公室于3月31日前公布" is the government's date.
 *
 * Keyword sets are lists of words that must all occur in one sentence (or, for a topic, in
 * the sentence, the one before it or the section's headings). Patterns are RE2 regular
 * expressions (see regex.ts). Both are matched on folded text (NFKC, no spaces).
 */
import { flattenSections } from '../structure/index.js';
import { clauseAt, governingSubject, splitClauses, type Clause } from '../extract/clauses.js';
import { findDeadlines, findMinimumDurations } from '../extract/deadlines.js';
import { sentences as splitSentences } from '../extract/obligations.js';
import type { Deadline, Notice, Section, Severity, TaskRow } from '../model.js';
import type { Bilingual, Confidence, MessageTemplate, ReportNode, Rule, RuleCase, RuleMeta } from './types.js';
import { compileGuarded, type GuardedRegex } from './regex.js';
import { excerpt, fold, matchesSet } from './matching.js';

// ---------------------------------------------------------------------------------------
// Specs as written in the YAML packs (already validated against schema/rule-pack.schema.json).

export interface When {
  planYear?: { min?: number; max?: number };
}

export interface SpecBase {
  id: string;
  kind: 'require' | 'limit' | 'forbid' | 'frequency';
  type?: RuleMeta['type'];
  severity: Severity;
  confidence: Confidence;
  errorBasis?: string;
  source: string;
  message: Bilingual;
  description?: Bilingual;
  when?: When;
  cases: { valid: (string | RuleCase)[]; invalid: (string | RuleCase)[] };
}

export type Where = 'body' | 'tasks' | 'title' | 'noticeTitle' | 'publicity';

export interface RequireSpec extends SpecBase {
  kind: 'require';
  anyOf?: string[][];
  patterns?: string[];
  scope?: { title: string[] };
  withDate?: boolean | { notAfter: string };
}

export interface LimitBound {
  name: string;
  label?: Bilingual;
  /** Words of the limit's own clause (or of the clause before it that has no limit of its own). */
  near: string[];
  /** The bound does not apply when the limit's clause says one of these (延长, 含延长期限…). */
  unless?: string[];
  /** The subject of the clause (各部门, 县政府办公室) must name one of these … */
  subject?: string[];
  /** … or must name none of these. Without a subject, the clause text is looked at. */
  subjectNot?: string[];
  /** The most a limit may be (5h, 20wd, 01-31) … */
  max?: string;
  /** … or the least a period may be (征求意见 不少于30日: 30d). */
  min?: string;
}

export interface LimitSpec extends SpecBase {
  kind: 'limit';
  topic: string[][];
  /** Qualifiers that take a clause out of the topic (其他政务舆情, 较大、一般突发事件). */
  exclude?: string[];
  bounds: LimitBound[];
  missing?: Severity | 'off';
}

export interface ForbidSpec extends SpecBase {
  kind: 'forbid';
  keywords?: string[];
  patterns?: string[];
  in?: Where[];
  except?: string[][];
}

export interface FrequencySpec extends SpecBase {
  kind: 'frequency';
  topic: string[][];
  min: number;
  per: 'year' | 'half-year' | 'quarter' | 'month';
  missing?: Severity | 'off';
}

export type DeclarativeSpec = RequireSpec | LimitSpec | ForbidSpec | FrequencySpec;

// ---------------------------------------------------------------------------------------
// Sentences: the obligations of the body (with their extracted deadlines), the headings,
// and the sentences of task rows — each with the node a finding points at.

interface Timed {
  d: Deadline;
  /** Offset of the deadline's text in the folded sentence (-1 when not found). */
  at: number;
}

interface Sentence {
  /** As printed, whitespace removed (for quotes). */
  printed: string;
  folded: string;
  node: ReportNode;
  deadlines: Timed[];
  /** Folded context for topics: headings of the section and its parents, the sentence before. */
  context: string;
  section?: Section;
  task?: TaskRow;
}

const sentenceCache = new WeakMap<Notice, { body: Sentence[]; tasks: Sentence[]; all: Sentence[] }>();

function timed(folded: string, ds: Deadline[]): Timed[] {
  let from = 0;
  return ds.map((d) => {
    const at = folded.indexOf(fold(d.text), from);
    if (at >= 0) from = at + 1;
    return { d, at };
  });
}

function buildSentences(notice: Notice): { body: Sentence[]; tasks: Sentence[]; all: Sentence[] } {
  const body: Sentence[] = [];
  const headings = new Map<Section, string>();
  const visit = (ss: Section[], above: string) => {
    for (const s of ss) {
      const heading = above + fold(s.title) + '。';
      headings.set(s, heading);
      const title = fold(s.title);
      let prev = '';
      body.push({ printed: s.label + s.title, folded: title, node: s, deadlines: [], context: above, section: s });
      for (const o of s.obligations) {
        const folded = fold(o.text);
        body.push({ printed: o.text, folded, node: o, deadlines: timed(folded, o.deadlines), context: heading + prev, section: s });
        prev = folded;
      }
      visit(s.children, heading);
    }
  };
  visit(notice.sections, '');
  const ctx = { planYear: notice.meta.planYear, issued: notice.meta.signedDate ?? notice.meta.printedDate };
  const tasks: Sentence[] = [];
  for (const t of notice.tasks) {
    const heading = fold(`${t.chapter}。${t.task}。`);
    let prev = '';
    for (const s of splitSentences(t.requirement)) {
      const folded = fold(s.text);
      const ds = findDeadlines(s.text, ctx).map(({ start: _s, end: _e, ...d }) => d as Deadline);
      tasks.push({ printed: s.text, folded, node: t, deadlines: timed(folded, ds), context: heading + prev, task: t });
      prev = folded;
    }
  }
  return { body, tasks, all: [...body, ...tasks] };
}

function sentencesOf(notice: Notice, where: Where[] = ['body', 'tasks']): Sentence[] {
  let cached = sentenceCache.get(notice);
  if (!cached) sentenceCache.set(notice, (cached = buildSentences(notice)));
  // The usual pool (body, then tasks) is shared, not copied for each rule; callers only read it.
  if (where.length === 2 && where[0] === 'body' && where[1] === 'tasks') return cached.all;
  const out: Sentence[] = [];
  for (const w of where) {
    if (w === 'body') out.push(...cached.body);
    else if (w === 'tasks') out.push(...cached.tasks);
    else {
      const v = notice.meta[w];
      if (v) for (const s of splitSentences(v)) out.push({ printed: s.text, folded: fold(s.text), node: { kind: 'meta', field: w }, deadlines: [], context: '' });
    }
  }
  return out;
}

function applies(when: When | undefined, notice: Notice): boolean {
  const py = when?.planYear;
  if (!py) return true;
  const y = notice.meta.planYear;
  if (y == null) return false;
  return (py.min === undefined || y >= py.min) && (py.max === undefined || y <= py.max);
}

const foldSets = (sets: string[][] | undefined) => (sets ?? []).map((set) => set.map(fold));

function sentenceMatcher(sets: string[][] | undefined, patterns: GuardedRegex[]): (folded: string) => number {
  const fs = foldSets(sets);
  return (folded) => {
    for (const set of fs) if (matchesSet(folded, set)) return Math.min(...set.map((w) => folded.indexOf(w)));
    for (const re of patterns) {
      const m = re.find(folded);
      if (m) return m.index;
    }
    return -1;
  };
}

function normalizeCases(cases: SpecBase['cases']): Rule['cases'] {
  const one = (c: string | RuleCase, invalid: boolean): RuleCase =>
    typeof c === 'string' ? { text: c, ...(invalid ? { errors: [{}] } : {}) } : { ...c, ...(invalid && !c.errors ? { errors: [{}] } : {}) };
  return { valid: cases.valid.map((c) => one(c, false)), invalid: cases.invalid.map((c) => one(c, true)) };
}

function baseMeta(spec: SpecBase, pack: string, messages: Record<string, MessageTemplate>, type: RuleMeta['type']): RuleMeta {
  return {
    id: spec.id,
    type: spec.type ?? type,
    severity: spec.severity,
    pack,
    description: spec.description ?? spec.message,
    source: spec.source,
    confidence: spec.confidence,
    ...(spec.errorBasis ? { errorBasis: spec.errorBasis } : {}),
    schema: { type: 'object', additionalProperties: false, properties: {} },
    messages,
    kind: spec.kind,
  };
}

const missingTemplate = (spec: { message: Bilingual; missing?: Severity | 'off' }): MessageTemplate => ({
  zh: `要点未写明此项要求：${spec.message.zh}`,
  en: `The plan does not state this requirement: ${spec.message.en}`,
  ...(spec.missing && spec.missing !== 'off' ? { severity: spec.missing } : {}),
});

// ---------------------------------------------------------------------------------------
// Quantities of the model's values: "5h" "20wd" "2022-01-31" ">=1/2-month".

type Unit = 'h' | 'd' | 'wd' | 'm' | 'y';

function parseDuration(v: string): { value: number; unit: Unit } | null {
  const m = /^(\d+(?:\.\d+)?)(h|wd|d|m|y)$/.exec(v);
  return m ? { value: Number(m[1]), unit: m[2] as Unit } : null;
}

/** Hours a duration may take at most (working days count 7/5 calendar days). */
const hours = (d: { value: number; unit: Unit }) => d.value * { h: 1, d: 24, wd: 24 * 1.4, m: 24 * 31, y: 24 * 366 }[d.unit];

function formatDuration(d: { value: number; unit: Unit }): Bilingual {
  const zh = { h: '小时', d: '日', wd: '个工作日', m: '个月', y: '年' }[d.unit];
  const en = { h: 'hours', d: 'days', wd: 'working days', m: 'months', y: 'years' }[d.unit];
  return { zh: `${d.value}${zh}`, en: `${d.value} ${en}` };
}

const monthDayOf = (iso: string) => Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

function parseMonthDay(bound: string): number | null {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(bound);
  return m ? Number(m[1]) * 100 + Number(m[2]) : null;
}

const YEARS_OF: Record<string, number> = { year: 1, 'half-year': 0.5, quarter: 0.25, month: 1 / 12, 'ten-days': 1 / 36, week: 1 / 52, day: 1 / 365 };

/** Occurrences per year of a frequency value (">=1/2-month" → 6). */
export function perYear(value: string): number | null {
  const m = /^(?:>=)?(\d+)\/(?:(\d+)-)?([a-z-]+)$/.exec(value);
  if (!m || !(m[3] in YEARS_OF)) return null;
  return Number(m[1]) / (Number(m[2] ?? 1) * YEARS_OF[m[3]]);
}

// ---------------------------------------------------------------------------------------

export function requireRule(spec: RequireSpec, pack: string): Rule {
  const patterns = (spec.patterns ?? []).map(compileGuarded);
  const match = sentenceMatcher(spec.anyOf, patterns);
  const scopeWords = spec.scope?.title.map(fold);
  const notAfter = typeof spec.withDate === 'object' ? spec.withDate.notAfter : null;
  return {
    meta: baseMeta(spec, pack, {
      missing: { zh: `要点未见此项要求：${spec.message.zh}`, en: `The plan does not carry this requirement: ${spec.message.en}` },
      noDate: {
        zh: `此项要求未写明完成时限${notAfter ? `（应不晚于${notAfter.replace(/^(\d+)-(\d+)$/, (_, m, d) => `${+m}月${+d}日`)}）` : ''}：${spec.message.zh}`,
        en: `This requirement has no deadline${notAfter ? ` (due by ${notAfter})` : ''}: ${spec.message.en}`,
      },
    }, 'requirement'),
    cases: normalizeCases(spec.cases),
    check(notice, ctx) {
      if (!applies(spec.when, notice)) return;
      let pool = sentencesOf(notice);
      let scopeNode: Section | null = null;
      if (scopeWords) {
        const inScope = new Set<Section>();
        for (const s of flattenSections(notice.sections)) {
          if (scopeWords.some((w) => fold(s.title).includes(w))) {
            scopeNode ??= s;
            for (const d of flattenSections([s])) inScope.add(d);
          }
        }
        pool = pool.filter((u) => (u.section ? inScope.has(u.section) : scopeWords.some((w) => fold(`${u.task?.chapter}${u.task?.task}`).includes(w))));
      }
      const hits = pool.filter((s) => match(s.folded) >= 0);
      if (hits.length === 0) {
        ctx.report({ node: scopeNode, messageId: 'missing' });
        return;
      }
      if (spec.withDate) {
        const limit = notAfter && notice.meta.planYear ? `${notice.meta.planYear}-${notAfter.padStart(5, '0')}` : null;
        // A date anywhere in the section or task row that states the provision counts.
        const datesNear = (s: Sentence): Deadline[] =>
          s.section ? [...s.section.deadlines, ...s.section.obligations.flatMap((o) => o.deadlines)] : s.task ? [...s.task.deadlines, ...s.deadlines.map((t) => t.d)] : [];
        const ok = hits.some((s) => {
          const dates = datesNear(s).filter((d) => d.kind === 'date');
          return dates.length > 0 && (!limit || dates.some((d) => d.value <= limit));
        });
        if (!ok) ctx.report({ node: hits[0].node, messageId: 'noDate', quote: excerpt(hits[0].printed) });
      }
    },
  };
}

/** Does the folded context (sentence, sentence before, headings) name the topic? */
const topicIn = (topic: string[][], s: Sentence) => topic.some((set) => matchesSet(s.folded, set) || matchesSet(s.context, set));

interface BoundSpec extends LimitBound {
  duration: { value: number; unit: Unit } | null;
  floor: { value: number; unit: Unit } | null;
  monthDay: number | null;
  near: string[];
  unless: string[];
  label: Bilingual;
}

/**
 * The bounds that govern the limit `t` of sentence `s`: found from the limit's own clause, or
 * from the nearest clause before it that holds no limit of its own ("依申请公开不能当场答复的，
 * 在30个工作日内…"). Null when the clause is out of the topic (其他政务舆情, 较大突发事件).
 */
function boundsFor(all: Timed[], clauses: Clause[], t: Timed, bounds: BoundSpec[], topicWords: string[], exclude: string[]): BoundSpec[] | null {
  const ci = clauseAt(clauses, t.at);
  const limited = new Set(all.filter((x) => x.at >= 0 && x !== t).map((x) => clauseAt(clauses, x.at)));
  // Scope: the nearest clause (this one or before) that names the topic or an exclusion.
  for (let i = ci; i >= 0; i--) {
    const c = clauses[i].text;
    if (exclude.some((w) => c.includes(w))) return null;
    if (topicWords.some((w) => c.includes(w))) break;
  }
  // The clause that says what the limit is for: this one, else the nearest before (then
  // after) it that holds no limit of its own. A clause with two limits ("最迟在5小时内发布权威信息、
  // 在24小时内举行新闻发布会") is cut between them first.
  const piece = pieceOf(clauses[ci], t, all);
  const text = (i: number) => (i === ci ? piece : clauses[i].text);
  const names = (i: number) => bounds.some((b) => b.near.some((w) => text(i).includes(w)));
  let owner = -1;
  for (let i = ci; i >= 0 && owner < 0; i--) {
    if (i < ci && limited.has(i)) break;
    if (names(i)) owner = i;
  }
  for (let i = ci + 1; i < clauses.length && owner < 0; i++) {
    if (limited.has(i)) break;
    if (names(i)) owner = i;
  }
  if (owner < 0) return [];
  const own = piece + (owner !== ci ? clauses[owner].text : '');
  const subject = governingSubject(clauses, ci);
  return bounds.filter((b) => {
    if (!b.near.some((w) => text(owner).includes(w))) return false;
    if (b.unless.some((w) => own.includes(w))) return false;
    const who = subject ?? own;
    if (b.subject && !b.subject.some((w) => who.includes(w))) return false;
    if (b.subjectNot && b.subjectNot.some((w) => who.includes(w))) return false;
    return true;
  });
}

/** The part of a clause that belongs to limit `t` when the clause holds other limits too. */
function pieceOf(clause: Clause, t: Timed, all: Timed[]): string {
  const rel = (x: Timed) => x.at - clause.start;
  const others = all.filter((x) => x !== t && x.at >= clause.start && x.at < clause.end).map(rel);
  if (others.length === 0) return clause.text;
  const at = rel(t);
  // First by 、 (list items), then between the limits themselves.
  let from = 0;
  for (const part of clause.text.split('、')) {
    const to = from + part.length;
    if (at >= from && at < to && !others.some((o) => o >= from && o < to)) return part;
    from = to + 1;
  }
  const before = others.filter((o) => o < at);
  const after = others.filter((o) => o > at);
  const start = before.length ? Math.max(...before) + 1 : 0;
  const end = after.length ? Math.min(...after) : clause.text.length;
  return clause.text.slice(start, end);
}

export function limitRule(spec: LimitSpec, pack: string): Rule {
  const topic = foldSets(spec.topic);
  const topicWords = [...new Set(topic.flat())];
  const exclude = (spec.exclude ?? []).map(fold);
  const bounds: BoundSpec[] = spec.bounds.map((b) => ({
    ...b,
    near: b.near.map(fold),
    unless: (b.unless ?? []).map(fold),
    ...(b.subject ? { subject: b.subject.map(fold) } : {}),
    ...(b.subjectNot ? { subjectNot: b.subjectNot.map(fold) } : {}),
    duration: b.max ? parseDuration(b.max) : null,
    floor: b.min ? parseDuration(b.min) : null,
    monthDay: b.max ? parseMonthDay(b.max) : null,
    label: b.label ?? { zh: b.name, en: b.name },
  }));
  return {
    meta: baseMeta(spec, pack, {
      exceeded: { zh: `${spec.message.zh}（此处为{found}，超过{max}）`, en: `${spec.message.en} (this clause says {found}, more than {max})` },
      tooShort: { zh: `${spec.message.zh}（此处为{found}，少于{min}）`, en: `${spec.message.en} (this clause says {found}, less than {min})` },
      missing: missingTemplate(spec),
    }, 'requirement'),
    cases: normalizeCases(spec.cases),
    check(notice, ctx) {
      if (!applies(spec.when, notice)) return;
      const stated = new Set<string>();
      const floors = bounds.some((b) => b.floor);
      const dctx = { planYear: notice.meta.planYear, issued: notice.meta.signedDate ?? notice.meta.printedDate };
      for (const s of sentencesOf(notice)) {
        // Most sentences state no time at all: nothing to bound, whatever their topic.
        if (!floors && s.deadlines.length === 0) continue;
        if (!topicIn(topic, s)) continue;
        // Minimum periods (不少于30日) are no deadlines: read them with the same grammar here.
        const minimums = floors ? timed(s.folded, findMinimumDurations(s.printed, dctx).map(({ start: _s, end: _e, ...d }) => d as Deadline)) : [];
        const all = [...s.deadlines, ...minimums];
        if (all.length === 0) continue;
        const clauses = splitClauses(s.folded);
        for (const t of all) {
          if (t.at < 0 || (t.d.kind !== 'duration' && t.d.kind !== 'date')) continue;
          for (const b of boundsFor(all, clauses, t, bounds, topicWords, exclude) ?? []) {
            const quote = excerpt(s.printed, t.at);
            // A minimum, or a limit in a task row, has no node of its own: point at its sentence.
            const node = minimums.includes(t) || !s.section ? s.node : t.d;
            if (b.floor && t.d.kind === 'duration') {
              const found = parseDuration(t.d.value);
              if (!found) continue;
              stated.add(b.name);
              if (hours(found) < hours(b.floor)) ctx.report({ node, messageId: 'tooShort', data: { found: formatDuration(found), min: formatDuration(b.floor) }, quote });
            } else if (b.duration && t.d.kind === 'duration') {
              const found = parseDuration(t.d.value);
              if (!found) continue;
              stated.add(b.name);
              if (hours(found) > hours(b.duration)) {
                ctx.report({ node, messageId: 'exceeded', data: { found: formatDuration(found), max: formatDuration(b.duration) }, quote });
              }
            } else if (b.monthDay && t.d.kind === 'date') {
              stated.add(b.name);
              if (monthDayOf(t.d.value) > b.monthDay) {
                const max = `${Math.floor(b.monthDay / 100)}月${b.monthDay % 100}日`;
                ctx.report({ node, messageId: 'exceeded', data: { found: t.d.text, max: { zh: max, en: b.max! } }, quote });
              }
            }
          }
        }
      }
      // Advice only when the plan states none of the limits: one stated limit shows the topic is covered.
      if (spec.missing && spec.missing !== 'off' && stated.size === 0) ctx.report({ node: null, messageId: 'missing' });
    },
  };
}

export function forbidRule(spec: ForbidSpec, pack: string): Rule {
  const keywords = (spec.keywords ?? []).map(fold);
  const patterns = (spec.patterns ?? []).map(compileGuarded);
  const except = foldSets(spec.except);
  return {
    meta: baseMeta(spec, pack, { forbidden: { zh: `${spec.message.zh}（见“{found}”）`, en: `${spec.message.en} (found "{found}")` } }, 'requirement'),
    cases: normalizeCases(spec.cases),
    check(notice, ctx) {
      if (!applies(spec.when, notice)) return;
      for (const s of sentencesOf(notice, spec.in ?? ['body', 'tasks'])) {
        if (except.some((set) => matchesSet(s.folded, set))) continue;
        let found: { index: number; text: string } | null = null;
        for (const k of keywords) {
          const i = s.folded.indexOf(k);
          if (i >= 0) {
            found = { index: i, text: k };
            break;
          }
        }
        for (const re of patterns) {
          if (found) break;
          found = re.find(s.folded);
        }
        if (found) ctx.report({ node: s.node, messageId: 'forbidden', data: { found: found.text }, quote: excerpt(s.printed, found.index) });
      }
    },
  };
}

const PER_YEAR = { year: 1, 'half-year': 2, quarter: 4, month: 12 } as const;

export function frequencyRule(spec: FrequencySpec, pack: string): Rule {
  const topic = foldSets(spec.topic);
  // A clause speaks of the topic when it has every word of a set but the count words (次):
  // "…每年至少听取1次政务公开工作汇报，加大政务公开全员培训力度" states no training frequency.
  const clauseSets = topic.map((set) => set.filter((w) => !/^[次回场轮期]$/.test(w)));
  const needed = spec.min * PER_YEAR[spec.per];
  const perZh = { year: '每年', 'half-year': '每半年', quarter: '每季度', month: '每月' }[spec.per];
  return {
    meta: baseMeta(spec, pack, {
      tooRare: { zh: `${spec.message.zh}（此处为“{found}”，少于${perZh}${spec.min}次）`, en: `${spec.message.en} (this says "{found}", less than ${spec.min} per ${spec.per})` },
      missing: missingTemplate(spec),
    }, 'requirement'),
    cases: normalizeCases(spec.cases),
    check(notice, ctx) {
      if (!applies(spec.when, notice)) return;
      let satisfied = false;
      const rare: { s: Sentence; t: Timed }[] = [];
      for (const s of sentencesOf(notice)) {
        if (s.deadlines.length === 0) continue; // no frequency to read, whatever the topic
        if (!topic.some((set) => matchesSet(s.folded, set))) continue;
        const freqs = s.deadlines.filter((t) => t.d.kind === 'frequency' && perYear(t.d.value) !== null);
        if (freqs.length === 0) continue;
        // The frequency of a clause that names the topic (not another duty of the same sentence).
        const clauses = splitClauses(s.folded);
        const own = freqs.find((t) => t.at >= 0 && clauseSets.some((set) => matchesSet(clauses[clauseAt(clauses, t.at)].text, set)));
        if (!own) continue;
        if (perYear(own.d.value)! + 1e-9 >= needed) satisfied = true;
        else rare.push({ s, t: own });
      }
      if (satisfied) return;
      for (const { s, t } of rare) ctx.report({ node: s.section ? t.d : s.node, messageId: 'tooRare', data: { found: t.d.text }, quote: excerpt(s.printed, t.at) });
      if (rare.length === 0 && spec.missing !== 'off') ctx.report({ node: null, messageId: 'missing' });
    },
  };
}

export function declarativeRule(spec: DeclarativeSpec, pack: string): Rule {
  switch (spec.kind) {
    case 'require':
      return requireRule(spec, pack);
    case 'limit':
      return limitRule(spec, pack);
    case 'forbid':
      return forbidRule(spec, pack);
    case 'frequency':
      return frequencyRule(spec, pack);
  }
}
