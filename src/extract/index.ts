/**
 * extract: fills each Section of a Notice with its deadlines, unit assignments,
 * obligations and references, and reads the attached task table into TaskRows.
 * Input: the Notice skeleton (structure) + NormalText; output: the same Notice, filled in.
 * Every item gets the Position of where it was printed.
 */
import type { Deadline, Notice, Section, SourceText, TaskRow } from '../model.js';
import { locate, type NormalText } from '../normalize/index.js';
import { flattenSections, type Skeleton } from '../structure/index.js';
import { dueDate, findDeadlines, parseDeadlineCell, type DeadlineContext } from './deadlines.js';
import { findUnitAssignments } from './units.js';
import { tasksFromLines, tasksFromTables } from './tasks.js';
import { actorsOf, findReferences, modalityOf, sentences } from './obligations.js';
import { bigrams, similarity } from './similarity.js';

export function extractInto(notice: Notice, skeleton: Skeleton, n: NormalText, src: SourceText): void {
  const ctx: DeadlineContext = { planYear: notice.meta.planYear, issued: notice.meta.signedDate ?? notice.meta.printedDate };
  const withDue = (d: Deadline): Deadline => {
    if (!ctx.issued || d.kind !== 'duration') return d;
    const due = dueDate(d, ctx.issued);
    return due ? { ...d, due } : d;
  };

  for (const { section, start, end } of skeleton.spans) {
    const text = n.text.slice(start, end);
    const at = (offset: number) => locate(n, start + offset);

    const hits = findDeadlines(text, ctx);
    section.deadlines = hits.map(({ start: s, end: _e, ...d }) => withDue({ ...d, position: at(s) }));

    const units = findUnitAssignments(text);
    section.units = units.map(({ start: s, end: _e, ...u }) => ({ ...u, position: at(s) }));
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
        deadlines: hits.filter((h) => h.start >= s.start && h.start < s.end).map(({ start: hs, end: _e, ...d }) => withDue({ ...d, position: at(hs) })),
        position: at(s.start),
      }));
    section.references = findReferences(text).map((r) => ({ kind: r.kind, text: r.text, position: at(r.start) }));
  }

  const parseCell = (cell: string) => parseDeadlineCell(cell, ctx).map(({ start: _s, end: _e, ...d }) => withDue(d));
  let tasks: TaskRow[] = src.tables.length ? tasksFromTables(src.tables, parseCell) : [];
  if (!tasks.length) {
    // Tables that came through as text (TXT, DOC, PDF): they follow the body.
    const firstAfterBody = n.lineOf[Math.min(skeleton.layout.bodyEnd, n.text.length - 1)] ?? -1;
    const from = firstAfterBody >= 0 ? src.lines.indexOf(n.lines[firstAfterBody]) : -1;
    if (from >= 0) tasks = tasksFromLines(src.lines.slice(from), parseCell).rows;
  }
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
