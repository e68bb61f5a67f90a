/**
 * A plan that IS a table (附件 任务分解表 / 任务清单 / 责任清单 with only a short notice before
 * it): the table is the plan's body. Read from the one table model (`SourceTable`), whatever
 * reader made it (Word, PDF ruled tables, spreadsheets, text tables).
 *
 * - Columns are mapped by their header words in any order (工作任务/重点任务/任务内容, 具体要求/
 *   工作措施, 牵头单位/牵头部门, 责任单位/责任部门/责任科室/配合单位, 完成时限/时间节点, 序号,
 *   备注/完成情况 ignored); a column of 1, 2, 3… is the 序号 even without its header word.
 * - Merged cells fill down; a cell that opens with 一、/（一）/1./（1） in a text column is a
 *   heading of the plan, where its number is the one expected next (1./2./3. inside one cell
 *   is an enumeration, not headings).
 * - A row under a heading belongs to that section: its units and time limits are the
 *   section's, once per row (two rows naming the same unit name it twice). A row under no
 *   heading is a task row (TaskRow), keyed by its 序号.
 * Pure functions, no I/O.
 */
import type { Deadline, Position, Section, SourceTable, TaskRow, UnitAssignment, UnitRole } from '../model.js';
import { squash } from '../text.js';
import { headerKind, isHeaderRow, type CellDeadlineParser, type ColKind } from './tasks.js';
import { unitsFromCell } from './units.js';
import { actorsOf, findReferences, modalityOf, sentences } from './obligations.js';
import { parseNumeral } from './cn-numerals.js';

export interface TablePlan {
  sections: Section[];
  tasks: TaskRow[];
}

export interface TablePlanParsers {
  /** A 完成时限 cell. */
  cell: CellDeadlineParser;
  /** Time limits written in prose (a requirement or 备注 cell when the table has no time column). */
  prose: (text: string) => Deadline[];
}

interface G {
  text: string;
  src: number;
  position: Position;
}

type Kind = ColKind | 'remark';

function expand(table: SourceTable, ids: { next: number }): G[][] {
  const grid: G[][] = [];
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    const rowPos = table.rowPositions?.[r] ?? table.position;
    for (const cell of row) {
      while (grid[r][c]) c++;
      const rs = Math.max(1, Math.min(cell.rowSpan || 1, table.rows.length - r));
      const cs = Math.max(1, Math.min(cell.colSpan || 1, 64));
      const g: G = { text: cell.text ?? '', src: ids.next++, position: cell.position ?? rowPos };
      for (let dr = 0; dr < rs; dr++)
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr] ??= [];
          grid[r + dr][c + dc] = g;
        }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((g) => g.length));
  return grid.map((g, r) =>
    Array.from({ length: width }, (_, i) => g[i] ?? { text: '', src: ids.next++, position: table.rowPositions?.[r] ?? table.position }),
  );
}

const SEQ = /^[（(]?(\d{1,3})[)）.．、]?$/;
const seqOf = (t: string): number | null => {
  const m = SEQ.exec(squash(t));
  return m ? Number(m[1]) : null;
};

/** Kinds of the columns from the header row (spanning header words repeat) and the data. */
function kindsOf(header: G[], body: G[][]): Kind[] {
  const kinds: Kind[] = header.map((g) => {
    const k = headerKind(g.text);
    if (k === 'other') return 'remark';
    return k ?? 'remark';
  });
  // A column of numbers 1, 2, 3… is the 序号, printed header word or not.
  for (let c = 0; c < kinds.length; c++) {
    const vals = body.map((r) => squash(r[c].text)).filter(Boolean);
    if (vals.length >= 2 && vals.filter((v) => seqOf(v) !== null).length >= vals.length * 0.6) {
      kinds[c] = 'seq';
      break;
    }
  }
  if (!kinds.includes('requirement')) {
    const tasks = kinds.flatMap((k, i) => (k === 'task' || k === 'category' ? [i] : []));
    if (tasks.length) kinds[tasks[tasks.length - 1]] = 'requirement';
  }
  return kinds;
}

const HEAD = /^(?:(?<l1>[一二三四五六七八九十]{1,3})、|[（(](?<l2>[一二三四五六七八九十]{1,3})[）)]|(?<l3>\d{1,2})[.．、](?!\d)|[（(](?<l4>\d{1,2})[）)])/;

interface Head {
  level: 1 | 2 | 3 | 4;
  number: number;
  label: string;
}

function headOf(text: string): Head | null {
  const t = text.trim();
  const m = HEAD.exec(t);
  if (!m?.groups) return null;
  const g = m.groups;
  const level = g.l1 ? 1 : g.l2 ? 2 : g.l3 ? 3 : 4;
  const number = parseNumeral(g.l1 ?? g.l2 ?? g.l3 ?? g.l4 ?? '');
  if (number === null) return null;
  return { level, number, label: m[0] };
}

/** "1.开展…。2.按照…": a list inside one cell (the next number of the same kind follows). */
function enumerates(text: string, h: Head): boolean {
  const rest = text.trim().slice(h.label.length);
  const next = h.number + 1;
  const pattern =
    h.level === 3
      ? new RegExp(`(?<![\\d.．])${next}[.．、](?!\\d)`)
      : h.level === 4
        ? new RegExp(`[（(]${next}[）)]`)
        : null;
  return pattern !== null && pattern.test(rest);
}

interface Open {
  section: Section;
  level: number;
  number: number;
}

function newSection(h: Head, text: string, position: Position): Section {
  const body = text.trim().slice(h.label.length);
  const title = squash(body.split('。')[0] ?? '');
  return {
    path: '',
    label: squash(h.label),
    level: h.level,
    title,
    text: squash(text),
    lead: [],
    responsible: [],
    units: [],
    deadlines: [],
    obligations: [],
    references: [],
    position,
    children: [],
  };
}

/** Read the tables of a plan whose body is a table. */
export function readTablePlan(tables: SourceTable[], parse: TablePlanParsers): TablePlan {
  const roots: Section[] = [];
  const tasks: TaskRow[] = [];
  const ids = { next: 0 };
  const open: Open[] = [];
  const lastOfLevel = [0, 0, 0, 0, 0];
  const numbers = new Map<Section, number>();
  let kinds: Kind[] | null = null;

  for (const table of tables) {
    const grid = expand(table, ids);
    if (!grid.length) continue;
    const hr = grid.slice(0, 6).findIndex((r) => isHeaderRow(r.map((g) => g.text)));
    if (hr < 0 && (!kinds || kinds.length !== grid[0].length)) continue; // not a task table
    const body = grid.slice(hr + 1);
    if (hr >= 0) kinds = kindsOf(grid[hr], body);
    const k = kinds!;
    const textCols = k.flatMap((x, i) => (x === 'task' || x === 'category' || x === 'requirement' ? [i] : []));
    const reqCol = k.indexOf('requirement');
    const seqCol = k.indexOf('seq');
    const hasTimeCol = k.includes('deadline');

    body.forEach((row, r) => {
      if (isHeaderRow(row.map((g) => g.text))) return; // repeated after a page break
      const above = r > 0 ? body[r - 1] : null;
      const fresh = (c: number) => !above || above[c].src !== row[c].src;
      const seen = new Set<number>();
      const opened: { section: Section; col: number }[] = [];

      // Headings in the text columns, left to right.
      for (const c of textCols) {
        const g = row[c];
        if (seen.has(g.src) || !fresh(c) || !g.text.trim()) continue;
        seen.add(g.src);
        const h = headOf(g.text);
        if (!h || enumerates(g.text, h)) continue;
        let pi = open.length - 1;
        while (pi >= 0 && open[pi].level >= h.level) pi--;
        const parent = pi >= 0 ? open[pi] : null;
        const siblings = parent ? parent.section.children : roots;
        const prev = [...siblings].reverse().find((s) => s.level === h.level);
        const prevNumber = prev ? (numbers.get(prev) ?? 0) : 0;
        const expected = prev ? h.number === prevNumber + 1 : h.number === 1 || h.number === lastOfLevel[h.level] + 1;
        if (!expected) continue;
        const section = newSection(h, g.text, g.position);
        numbers.set(section, h.number);
        siblings.push(section);
        open.length = pi + 1;
        open.push({ section, level: h.level, number: h.number });
        lastOfLevel[h.level] = h.number;
        opened.push({ section, col: c });
      }

      // What the row says besides its headings.
      const cellOf = (kind: Kind) => k.flatMap((x, i) => (x === kind && !headingSrc.has(row[i].src) ? [row[i]] : []));
      const headingSrc = new Set(opened.map((o) => row[o.col].src));
      const hasContent = row.some((g, c) => fresh(c) && g.text.trim() && !headingSrc.has(g.src) && k[c] !== 'seq') ||
        (reqCol >= 0 && opened.some((o) => o.col === reqCol));
      for (const o of opened) {
        if (o.col !== reqCol) o.section.deadlines.push(...parse.prose(o.section.title));
      }
      if (!hasContent) return;

      const target = open.length ? open[open.length - 1].section : null;
      // Under a merged 序号 cell (or none), the row goes on with the task above: only what it
      // prints itself is new, nothing is filled down into it a second time.
      const continues = seqCol >= 0 && (!fresh(seqCol) || !row[seqCol].text.trim()) && opened.length === 0 && r > 0;
      const own = (g: G, c: number) => !continues || fresh(c);
      const requirement = reqCol >= 0 ? squash(row[reqCol].text) : '';
      const units: { name: string; role: UnitRole; position: Position }[] = [];
      for (const role of ['lead', 'responsible'] as const) {
        for (const c of k.flatMap((x, i) => (x === role && !headingSrc.has(row[i].src) ? [i] : []))) {
          const g = row[c];
          if (!g.text.trim() || !own(g, c)) continue;
          // As in the body's prose, "X牵头，Y配合" gives X the lead only.
          const u = unitsFromCell(g.text, role, { leadAlsoResponsible: false });
          for (const name of u.lead) if (!units.some((x) => x.role === 'lead' && x.name === name)) units.push({ name, role: 'lead', position: g.position });
          for (const name of u.responsible)
            if (!units.some((x) => x.role === 'responsible' && x.name === name)) units.push({ name, role: 'responsible', position: g.position });
        }
      }
      const deadlineText = k
        .flatMap((x, i) => (x === 'deadline' && own(row[i], i) ? [squash(row[i].text)] : []))
        .filter(Boolean)
        .join('；');
      let deadlines: Deadline[] = deadlineText ? parse.cell(deadlineText).map((d) => ({ ...d, position: cellOf('deadline')[0].position })) : [];
      if (!hasTimeCol) {
        // No time column: time limits are written in the requirement or a 备注 cell.
        const proseCells = row.filter((g, c) => (c === reqCol || k[c] === 'remark') && fresh(c) && g.text.trim() && !headingSrc.has(g.src));
        if (reqCol >= 0 && headingSrc.has(row[reqCol].src)) proseCells.unshift(row[reqCol]);
        deadlines = proseCells.flatMap((g) => parse.prose(g.text).map((d) => ({ ...d, position: g.position })));
      }

      if (target) {
        target.text += '\n' + row.filter((g, c) => fresh(c) && g.text.trim() && !headingSrc.has(g.src)).map((g) => squash(g.text)).join(' ');
        for (const u of units) {
          target.units.push({ name: u.name, role: u.role, via: 'table', position: u.position } satisfies UnitAssignment);
          (u.role === 'lead' ? target.lead : target.responsible).push(u.name);
        }
        target.deadlines.push(...deadlines);
        const reqPos = reqCol >= 0 ? row[reqCol].position : row[0].position;
        for (const s of sentences(requirement.slice(opened.some((o) => o.col === reqCol) ? (headOf(requirement)?.label.length ?? 0) : 0))) {
          target.obligations.push({ text: s.text, modality: modalityOf(s.text), actors: actorsOf(s.text), deadlines: [], position: reqPos });
        }
        for (const ref of findReferences(requirement)) target.references.push({ kind: ref.kind, text: ref.text, position: reqPos });
        return;
      }
      const prevTask = tasks[tasks.length - 1];
      if (continues && prevTask) {
        if (requirement && fresh(reqCol)) prevTask.requirement += requirement;
        for (const u of units) {
          const list = u.role === 'lead' ? prevTask.lead : prevTask.responsible;
          if (!list.includes(u.name)) list.push(u.name);
        }
        prevTask.deadlines.push(...deadlines);
        return;
      }
      const seqCell = seqCol >= 0 ? seqOf(row[seqCol].text) : null;
      const ownLabel = headOf(requirement);
      const seq = seqCell ?? (ownLabel && ownLabel.level === 3 ? ownLabel.number : (prevTask?.seq ?? 0) + 1);
      const taskCols = k.flatMap((x, i) => (x === 'task' || x === 'category' ? [i] : []));
      tasks.push({
        seq,
        chapter: taskCols.length > 1 ? squash(row[taskCols[0]].text) : '',
        task: taskCols.length ? squash(row[taskCols[taskCols.length - 1]].text) : '',
        requirement,
        lead: units.filter((u) => u.role === 'lead').map((u) => u.name),
        responsible: units.filter((u) => u.role === 'responsible').map((u) => u.name),
        deadlineText,
        deadlines,
        sectionPath: null,
        position: row.find((g) => g.text.trim())?.position ?? row[0].position,
      });
    });
  }
  const number = (list: Section[], prefix: string) =>
    list.forEach((s, i) => {
      s.path = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      number(s.children, s.path);
    });
  number(roots, '');
  return { sections: roots, tasks };
}
