/**
 * ledger: the 工作台账 of one or more notices — one row per row of the attached task table
 * (任务分解表) and one per requirement sentence of the body — with units, time limits,
 * concrete due dates and where each row was printed. Pure: no I/O; the writers
 * (./xlsx.ts, ./csv.ts, ./ics.ts, ./json.ts) turn rows into files.
 *
 * Noise: when a plan has a task table, most body sentences are restated word for word
 * by a table row (槐荫: 87 of 94). Such a sentence is left out — the table row carries
 * the same requirement plus its units and time limit. A body sentence is kept when no
 * row of its section restates it, or when it has a time limit that row lacks.
 * `keepRestated` lists them all.
 */
import { basename } from 'node:path';
import type { Deadline, Notice, Obligation, Position, Section, TaskRow } from '../model.js';
import { dueDate } from '../extract/deadlines.js';
import { deadlinesZh } from '../extract/deadline-display.js';
import { bigrams } from '../extract/similarity.js';
import { groupCovers } from './groups.js';
import type { BuildLedgerOptions, LedgerDeadline, LedgerRow, LedgerUnitsFrom } from './types.js';

export type { BuildLedgerOptions, LedgerDeadline, LedgerRow, LedgerUnitsFrom } from './types.js';

/** Share of a sentence's character bigrams found in a task row's text for it to count as restated. */
export const RESTATED_MIN = 0.6;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function buildLedger(notices: Notice[], opts: BuildLedgerOptions = {}): LedgerRow[] {
  const rows = notices.flatMap((n) => noticeRows(n, opts));
  const unit = opts.unit?.trim();
  return unit ? forUnit(rows, unit) : rows;
}

/** The rows that concern `unit`, each marked with how (named, or through which groups). */
export function forUnit(rows: LedgerRow[], unit: string): LedgerRow[] {
  return rows.flatMap((r) => {
    const via = unitVia(r, unit);
    return via === null ? [] : [{ ...r, forUnit: { unit, via } }];
  });
}

/** Does the row's lead or responsible list name this unit? */
export function namesUnit(r: LedgerRow, unit: string): boolean {
  return [...r.lead, ...r.responsible].some((u) => u.includes(unit));
}

/**
 * How a row concerns a unit: [] when it names the unit, the group names that take the unit
 * in (各街道办事处 for 西市场街道办事处), or null when it does not concern it.
 */
export function unitVia(r: LedgerRow, unit: string): string[] | null {
  if (namesUnit(r, unit)) return [];
  const groups = [...new Set([...r.lead, ...r.responsible])].filter((g) => groupCovers(g, unit));
  return groups.length ? groups : null;
}

/** "列名" or "经各街道办事处" — how a row of a unit's ledger concerns the unit. */
export function viaLabel(r: LedgerRow): string {
  if (!r.forUnit) return '';
  return r.forUnit.via.length ? `经${r.forUnit.via.join('、')}` : '列名';
}

/** Every unit named by the rows (lead first, then responsible), in order of first appearance. */
export function unitsOf(rows: LedgerRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const u of [...r.lead, ...r.responsible]) seen.add(u);
  return [...seen];
}

/** The distinct due dates of a row, in order. */
export function dueDates(r: LedgerRow): string[] {
  return [...new Set(r.deadlines.map((d) => d.due).filter((d): d is string => d !== null))];
}

/** "2022年6月30日；持续推进" — the codes (date:2022-06-30) stay in the JSON ledger. */
export function normalizedDeadlines(r: LedgerRow): string {
  return deadlinesZh(r.deadlines);
}

/**
 * "第3页第12行" (PDF), "表1第5行" (a row of a Word table: rows have no line of their own) or
 * "第12行" (TXT/Word: lines or paragraphs of the whole file).
 */
export function formatPosition(p: Position | null): string {
  if (!p) return '';
  if (p.page !== null) return `第${p.page}页第${p.line}行`;
  if (p.row !== undefined) return `表${p.table ?? ''}第${p.row}行`;
  return `第${p.line}行`;
}

/** "任务表第39项" or "正文" */
export function originLabel(r: LedgerRow): string {
  return r.origin === 'task' ? `任务表第${r.seq}项` : '正文';
}

export function planName(n: Notice): string {
  return n.meta.title || n.meta.noticeTitle || basename(n.source.path);
}

interface Located {
  section: Section;
  ancestors: Section[];
  order: number;
}

function noticeRows(n: Notice, opts: BuildLedgerOptions): LedgerRow[] {
  const issued = n.meta.signedDate ?? n.meta.printedDate ?? opts.issued ?? null;
  const plan = planName(n);
  const file = n.source.path;

  const located = new Map<string, Located>();
  const walk = (s: Section, ancestors: Section[]): void => {
    located.set(s.path, { section: s, ancestors, order: located.size });
    for (const c of s.children) walk(c, [...ancestors, s]);
  };
  for (const s of n.sections) walk(s, []);

  const keyed: { row: LedgerRow; order: number; rank: number }[] = [];

  for (const t of n.tasks) {
    const at = t.sectionPath ? located.get(t.sectionPath) : undefined;
    const lead = [...t.lead];
    const responsible = [...t.responsible];
    keyed.push({
      order: at ? at.order : Number.MAX_SAFE_INTEGER,
      rank: 0,
      row: {
        origin: 'task',
        id: `task-${t.seq}`,
        seq: t.seq,
        plan,
        file,
        sectionPath: at ? at.section.path : '',
        sectionTitle: at ? at.section.title : t.task || t.chapter,
        requirement: t.requirement || t.task,
        lead,
        responsible,
        unitsFrom: lead.length || responsible.length ? 'table' : 'none',
        deadlineText: t.deadlineText,
        deadlines: t.deadlines.map((d) => ledgerDeadline(d, issued)),
        position: t.position ?? null,
      },
    });
  }

  const tasksBySection = new Map<string, TaskRow[]>();
  for (const t of n.tasks) if (t.sectionPath) tasksBySection.set(t.sectionPath, [...(tasksBySection.get(t.sectionPath) ?? []), t]);

  for (const { section, ancestors, order } of located.values()) {
    const tasks = tasksBySection.get(section.path) ?? [];
    section.obligations.forEach((o, i) => {
      if (!opts.keepRestated && tasks.some((t) => restates(t, o))) return;
      const owner = [section, ...[...ancestors].reverse()].find((s) => s.lead.length || s.responsible.length);
      let lead: string[] = [];
      let responsible: string[] = [];
      let unitsFrom: LedgerUnitsFrom = 'none';
      if (owner) {
        lead = [...owner.lead];
        responsible = [...owner.responsible];
        unitsFrom = 'section';
      } else if (o.actors.length) {
        responsible = [...o.actors];
        unitsFrom = 'sentence';
      }
      keyed.push({
        order,
        rank: 1,
        row: {
          origin: 'obligation',
          id: `${section.path}-${i + 1}`,
          seq: i + 1,
          plan,
          file,
          sectionPath: section.path,
          sectionTitle: section.title,
          requirement: o.text,
          modality: o.modality,
          lead,
          responsible,
          unitsFrom,
          deadlineText: o.deadlines.map((d) => d.text).join('；'),
          deadlines: o.deadlines.map((d) => ledgerDeadline(d, issued)),
          position: o.position ?? null,
        },
      });
    });
  }

  // Section by section in reading order; a section's table rows (in table order) before
  // its remaining body sentences; table rows that match no section at the end.
  return keyed
    .map((k, i) => ({ ...k, i }))
    .sort((a, b) => a.order - b.order || a.rank - b.rank || a.i - b.i)
    .map((k) => k.row);
}

function ledgerDeadline(d: Deadline, issued: string | null): LedgerDeadline {
  let due: string | null = null;
  if (d.kind === 'date' && ISO_DATE.test(d.value)) due = d.value;
  else if (d.due) due = d.due;
  else if (issued) due = dueDate(d, issued) ?? null;
  return { text: d.text, kind: d.kind, value: d.value, ...(d.anchor ? { anchor: d.anchor } : {}), due };
}

/** Does the task row say what the sentence says, with every time limit the sentence has? */
function restates(t: TaskRow, o: Obligation): boolean {
  const have = new Set(t.deadlines.map((d) => `${d.kind}:${d.value}`));
  if (o.deadlines.some((d) => !have.has(`${d.kind}:${d.value}`))) return false;
  return containment(o.text, `${t.task}${t.requirement}`) >= RESTATED_MIN;
}

/** Share of a's character bigrams (with multiplicity) that b also has. */
function containment(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let inter = 0;
  let total = 0;
  for (const [g, v] of A) {
    total += v;
    inter += Math.min(v, B.get(g) ?? 0);
  }
  return total ? inter / total : 0;
}
