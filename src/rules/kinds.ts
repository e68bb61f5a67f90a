/**
 * Declarative rule kinds: a rule written in a pack (rules/*.yaml) becomes a `Rule` here.
 *
 *   require    the plan (or sections whose title matches `scope`) contains a provision
 *              matching any keyword set / pattern, optionally with a date;
 *   limit      a time limit stated for a topic does not exceed a bound (5h, 24h, 20wd, 01-31);
 *   forbid     wording that must not appear;
 *   frequency  a recurring duty happens at least `min` times per period.
 *
 * Keyword sets are lists of words that must all occur in one sentence. Patterns are RE2
 * regular expressions (see regex.ts). Both are matched on folded text (NFKC, no spaces).
 */
import { flattenSections } from '../structure/index.js';
import type { Notice, Section, Severity, TaskRow } from '../model.js';
import type { Bilingual, Confidence, MessageTemplate, ReportNode, Rule, RuleCase, RuleMeta } from './types.js';
import { compileGuarded, type GuardedRegex } from './regex.js';
import {
  clauses,
  durationHours,
  excerpt,
  findDates,
  findDurations,
  findFrequency,
  findMonthDays,
  fold,
  formatDuration,
  matchesSet,
  parseBound,
  parseMonthDayBound,
  squash,
} from './text.js';

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
  near: string[];
  /** The sentence must also contain one of these words for the bound to apply. */
  when?: string[];
  /** The value stands in the same clause as a near word (default), or anywhere in the sentence. */
  scope?: 'clause' | 'sentence';
  max: string;
}

export interface LimitSpec extends SpecBase {
  kind: 'limit';
  topic: string[][];
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
// Text units: the sentences of the body sections and task rows, with the node they belong to.

interface Sentence {
  /** As printed, whitespace removed (for quotes). */
  printed: string;
  /** Folded (for matching). */
  folded: string;
}

interface Unit {
  node: Section | TaskRow | { kind: 'meta'; field: 'title' | 'noticeTitle' | 'publicity' };
  section?: Section;
  task?: TaskRow;
  sentences: Sentence[];
  /** Whole folded text (for dates near a match). */
  folded: string;
}

function toSentences(text: string): Sentence[] {
  return squash(text)
    .split(/(?<=[。；;!?！？])/)
    .filter((s) => s.length > 0)
    .map((printed) => ({ printed, folded: fold(printed) }));
}


const unitCache = new WeakMap<Notice, { body: Unit[]; tasks: Unit[] }>();

function units(notice: Notice, where: Where[] = ['body', 'tasks']): Unit[] {
  let cached = unitCache.get(notice);
  if (!cached) {
    const body = flattenSections(notice.sections).map((s) => ({ node: s, section: s, sentences: toSentences(s.text), folded: fold(s.text) }));
    const tasks = notice.tasks.map((t) => {
      const text = [t.requirement, t.deadlineText].filter(Boolean).join('。');
      return { node: t, task: t, sentences: toSentences(t.requirement), folded: fold(text) };
    });
    cached = { body, tasks };
    unitCache.set(notice, cached);
  }
  const out: Unit[] = [];
  for (const w of where) {
    if (w === 'body') out.push(...cached.body);
    else if (w === 'tasks') out.push(...cached.tasks);
    else {
      const v = notice.meta[w];
      if (v) out.push({ node: { kind: 'meta', field: w }, sentences: toSentences(v), folded: fold(v) });
    }
  }
  return out;
}

/** The most precise node for a sentence: the obligation that contains it, else the unit's node. */
function nodeFor(u: Unit, s: Sentence): ReportNode {
  if (u.section) {
    const head = s.folded.slice(0, 12);
    const o = u.section.obligations.find((ob) => fold(ob.text).includes(head));
    if (o) return o;
  }
  return u.node;
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
      let pool = units(notice);
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
      const hits: { u: Unit; s: Sentence }[] = [];
      for (const u of pool) for (const s of u.sentences) if (match(s.folded) >= 0) hits.push({ u, s });
      if (hits.length === 0) {
        ctx.report({ node: scopeNode, messageId: 'missing' });
        return;
      }
      if (spec.withDate) {
        const year = notice.meta.planYear;
        const limit = notAfter && year ? `${year}-${notAfter.padStart(5, '0')}` : null;
        const ok = hits.some(({ u }) => {
          const dates = findDates(u.folded, year);
          return dates.length > 0 && (!limit || dates.some((d) => d.iso <= limit));
        });
        if (!ok) ctx.report({ node: nodeFor(hits[0].u, hits[0].s), messageId: 'noDate', quote: excerpt(hits[0].s.printed) });
      }
    },
  };
}

export function limitRule(spec: LimitSpec, pack: string): Rule {
  const topic = foldSets(spec.topic);
  const bounds = spec.bounds.map((b) => ({
    ...b,
    near: b.near.map(fold),
    when: b.when?.map(fold),
    duration: parseBound(b.max),
    monthDay: parseMonthDayBound(b.max),
    label: b.label ?? { zh: b.name, en: b.name },
  }));
  return {
    meta: baseMeta(spec, pack, {
      exceeded: { zh: `${spec.message.zh}（此处为{found}，超过{max}）`, en: `${spec.message.en} (this clause says {found}, more than {max})` },
      missing: missingTemplate(spec),
    }, 'requirement'),
    cases: normalizeCases(spec.cases),
    check(notice, ctx) {
      if (!applies(spec.when, notice)) return;
      const stated = new Set<string>();
      for (const u of units(notice)) {
        for (const s of u.sentences) {
          if (!topic.some((set) => matchesSet(s.folded, set))) continue;
          for (const b of bounds) {
            if (b.when && !b.when.some((w) => s.folded.includes(w))) continue;
            const parts = b.scope === 'sentence' ? [s.folded] : clauses(s.folded);
            for (const c of parts) {
              if (!b.near.some((w) => c.includes(w))) continue;
              if (b.duration) {
                const max = durationHours(b.duration.value, b.duration.unit);
                for (const d of findDurations(c)) {
                  stated.add(b.name);
                  if (durationHours(d.value, d.unit) > max) {
                    ctx.report({
                      node: nodeFor(u, s),
                      messageId: 'exceeded',
                      data: { found: formatDuration(d.value, d.unit), max: formatDuration(b.duration.value, b.duration.unit) },
                      quote: excerpt(s.printed, s.folded.indexOf(c)),
                    });
                  }
                }
              } else if (b.monthDay) {
                for (const md of findMonthDays(c)) {
                  stated.add(b.name);
                  if (md.md > b.monthDay) {
                    const max = `${Math.floor(b.monthDay / 100)}月${b.monthDay % 100}日`;
                    ctx.report({
                      node: nodeFor(u, s),
                      messageId: 'exceeded',
                      data: { found: md.text, max: { zh: max, en: b.max } },
                      quote: excerpt(s.printed, s.folded.indexOf(c)),
                    });
                  }
                }
              }
            }
          }
        }
      }
      const unstated = bounds.filter((b) => !stated.has(b.name) && !b.when);
      if (spec.missing && spec.missing !== 'off' && unstated.length > 0) ctx.report({ node: null, messageId: 'missing' });
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
      for (const u of units(notice, spec.in ?? ['body', 'tasks'])) {
        for (const s of u.sentences) {
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
          if (found) ctx.report({ node: nodeFor(u, s), messageId: 'forbidden', data: { found: found.text }, quote: excerpt(s.printed, found.index) });
        }
      }
    },
  };
}

const PER_YEAR = { year: 1, 'half-year': 2, quarter: 4, month: 12 } as const;

export function frequencyRule(spec: FrequencySpec, pack: string): Rule {
  const topic = foldSets(spec.topic);
  const words = [...new Set(topic.flat())];
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
      let stated = false;
      for (const u of units(notice)) {
        for (const s of u.sentences) {
          if (!topic.some((set) => matchesSet(s.folded, set))) continue;
          const own = clauses(s.folded).filter((c) => words.some((w) => c.includes(w)));
          const freq = own.map(findFrequency).find((f) => f) ?? findFrequency(s.folded);
          if (!freq) continue;
          stated = true;
          if (freq.perYear + 1e-9 >= needed) satisfied = true;
          else ctx.report({ node: nodeFor(u, s), messageId: 'tooRare', data: { found: freq.text }, quote: excerpt(s.printed) });
        }
      }
      if (!satisfied && !stated && spec.missing !== 'off') ctx.report({ node: null, messageId: 'missing' });
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
