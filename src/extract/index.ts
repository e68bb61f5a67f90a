/**
 * extract: fills each Section of a Notice with its deadlines, unit assignments,
 * obligations and references, and reads the attached task table into TaskRows.
 * Input: the Notice skeleton (structure) + NormalText; output: the same Notice, filled in.
 * Every item gets the Position of where it was printed.
 */
import type { Deadline, Message, Notice, Position, Section, SourceText, TaskRow } from '../model.js';
import { locate, locateSpan, type NormalText } from '../normalize/index.js';
import { flattenSections, type Skeleton } from '../structure/index.js';
import { dueDate, findDeadlines, parseDeadlineCell, type DeadlineContext } from './deadlines.js';
import { findUnitAssignments } from './units.js';
import { tasksFromLines, tasksFromTables } from './tasks.js';
import { actorsOf, findReferences, modalityOf, sentences } from './obligations.js';
import { bigrams, similarity } from './similarity.js';
import { findTextTables, type TextTable } from './text-tables.js';
import { readTablePlan } from './table-plan.js';

export function extractInto(notice: Notice, skeleton: Skeleton, n: NormalText, src: SourceText): void {
  const ctx: DeadlineContext = { planYear: notice.meta.planYear, issued: notice.meta.signedDate ?? notice.meta.printedDate };
  const withDue = (d: Deadline): Deadline => {
    if (!ctx.issued || d.kind !== 'duration') return d;
    const due = dueDate(d, ctx.issued);
    return due ? { ...d, due } : d;
  };

  for (const { section, start, end } of skeleton.spans) {
    const text = n.text.slice(start, end);
    // From the start of an item to just after its last character, in the original file.
    const at = (from: number, to: number) => locateSpan(n, start + from, start + to);

    const hits = findDeadlines(text, ctx);
    section.deadlines = hits.map(({ start: s, end: e, ...d }) => withDue({ ...d, position: at(s, e) }));

    const units = findUnitAssignments(text);
    section.units = units.map(({ start: s, end: e, ...u }) => ({ ...u, position: at(s, e) }));
    section.lead = unique(units.filter((u) => u.role === 'lead').map((u) => u.name));
    section.responsible = unique(units.filter((u) => u.role === 'responsible').map((u) => u.name));

    // The heading (label + title) is not a requirement sentence: cut it off the first one.
    const heading = section.label + section.title;
    section.obligations = sentences(text)
      .map((s, i) => (i === 0 && s.text.startsWith(heading) ? { ...s, text: s.text.slice(heading.length).replace(/^[。；]/, '') } : s))
      .filter((s) => s.text.length > 1 && !/^(牵头单位|责任单位|配合单位)/.test(s.text))
      .map((s) => ({
        text: s.text,
        modality: modalityOf(s.text),
        actors: actorsOf(s.text),
        deadlines: hits.filter((h) => h.start >= s.start && h.start < s.end).map(({ start: hs, end: he, ...d }) => withDue({ ...d, position: at(hs, he) })),
        position: at(s.start, s.end),
      }));
    section.references = findReferences(text).map((r) => ({ kind: r.kind, text: r.text, position: at(r.start, r.end) }));
  }

  const raw = new Map(skeleton.spans.map(({ section, start, end }) => [section, n.text.slice(start, end).trimEnd()]));
  liftTrailingUnitLines(notice.sections, raw);

  const parseCell = (cell: string) => parseDeadlineCell(cell, ctx).map(({ start: _s, end: _e, ...d }) => withDue(d));
  const prose = (text: string) => findDeadlines(text, ctx).map(({ start: _s, end: _e, ...d }) => withDue(d));

  // Tables printed as text (TXT, web pages, DOC/PDF text) go into the same table model.
  const textTables = src.tables.length ? [] : findTextTables(src.lines);
  if (readsAsTablePlan(notice, textTables, src)) {
    const plan = readTablePlan(src.tables.length ? src.tables : textTables.map((t) => t.table), { cell: parseCell, prose });
    if (plan.sections.length || plan.tasks.length) {
      notice.sections = plan.sections;
      notice.tasks = plan.tasks;
      notice.messages.push(...textTables.flatMap((t) => t.messages));
      return;
    }
  }
  if (!notice.sections.length && !src.tables.length && !textTables.length) {
    const body = n.text.slice(skeleton.layout.bodyStart);
    const m = /(?:详|具体内容|全文)?见附件/.exec(n.text);
    if (m && body.length < 600) notice.messages.push(seeAttachment(locate(n, m.index)));
  }

  let tasks: TaskRow[] = src.tables.length ? tasksFromTables(src.tables, parseCell) : [];
  if (!tasks.length) {
    const rowTables = textTables.filter((t) => t.form === 'rows');
    tasks = tasksFromTables(rowTables.map((t) => t.table), parseCell);
    // The rows whose cells were placed by their shapes say so.
    if (tasks.length) notice.messages.push(...rowTables.flatMap((t) => t.messages));
  }
  if (!tasks.length) {
    // Tables that came through as text (TXT, DOC, PDF): they follow the body.
    const firstAfterBody = n.lineOf[Math.min(skeleton.layout.bodyEnd, n.text.length - 1)] ?? -1;
    const from = firstAfterBody >= 0 ? src.lines.indexOf(n.lines[firstAfterBody]) : -1;
    if (from >= 0) tasks = tasksFromLines(src.lines.slice(from), parseCell).rows;
  }
  if (!tasks.length && textTables.length) tasks = tasksFromTables(textTables.map((t) => t.table), parseCell);
  linkTasks(tasks, notice.sections);
  notice.tasks = tasks;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Link each task row to the body section it details, by title similarity. */
export function linkTasks(tasks: TaskRow[], sections: Section[]): void {
  const all = flattenSections(sections).map((s) => ({ s, grams: bigrams(s.title) }));
  for (const t of tasks) {
    const grams = bigrams(t.task || t.chapter);
    let best: Section | null = null;
    let bestScore = 0;
    for (const { s, grams: sg } of all) {
      const score = similarity(grams, sg);
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    t.sectionPath = best && bestScore >= 0.5 ? best.path : null;
  }
}

/**
 * Is the plan's body a table? When every heading found in the text lies inside a table printed
 * as text (or there is none, and a table was read), the table's rows are the plan.
 */
function readsAsTablePlan(notice: Notice, textTables: TextTable[], src: SourceText): boolean {
  const all = flattenSections(notice.sections);
  if (src.tables.length) return all.length === 0;
  if (!textTables.length) return false;
  const ranges = textTables.map((t) => [src.lines[t.first], src.lines[t.last]] as const);
  const inTable = (p: Position) =>
    ranges.some(([a, b]) => p.page === a.page && p.line >= a.line && (p.page !== b.page || p.line <= b.line));
  return all.every((s) => inTable(s.position));
}

function seeAttachment(position: Position): Message {
  return {
    ruleId: 'body-in-attachment',
    severity: 'warning',
    message: {
      zh: '正文只写“详见附件”，附件（任务分解表）不在本文件中：请把附件一并提供（另存为 DOCX/XLSX/TXT），才能读出各项任务',
      en: 'The body only says "see the attachment", and the attachment (the task table) is not in this file — supply the attachment too (as DOCX/XLSX/TXT) to read the tasks',
    },
    position,
  };
}

/** A line that is only a unit label list: "（责任单位：市直各有关单位、各县(市、区)人民政府）". */
const UNIT_LINE = /\n[（(【〔]?(?:牵头|责任|配合|协同|主责)[^：:\n]{0,6}[：:][^\n]*[）)】〕]?\s*$/;

/**
 * A unit line printed after the last of a run of sub-items ((1)…(4), then "（责任单位：…）")
 * assigns the item they belong to, not only the last sub-item: when no other sub-item names a
 * unit, its units move up to the parent.
 */
function liftTrailingUnitLines(sections: Section[], raw: Map<Section, string>, parent: Section | null = null): void {
  for (const s of sections) liftTrailingUnitLines(s.children, raw, s);
  if (!parent || sections.length < 2) return;
  const last = sections[sections.length - 1];
  if (!last.units.length || last.children.length || sections.slice(0, -1).some((x) => x.units.length)) return;
  const text = raw.get(last) ?? '';
  if (parent.units.length || !UNIT_LINE.test(text)) return;
  const lineStart = text.lastIndexOf('\n');
  if (last.units.some((u) => text.indexOf(u.name) < lineStart)) return;
  parent.units = last.units;
  parent.lead = last.lead;
  parent.responsible = last.responsible;
  last.units = [];
  last.lead = [];
  last.responsible = [];
}
