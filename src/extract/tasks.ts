/**
 * Rows of an attached 任务分解表 / 重点任务清单.
 *
 * Input: the tables of a source file (`SourceTable`, merged cells as row/col spans) or its text
 * lines (a table flattened to text: one cell per line, tab-separated rows, or `|` rows).
 * Output: `TaskRow`s with merged (empty) cells filled down from the row above — also across
 * task boundaries, as in ../shared/gold/README.md — units split per the gold conventions and the
 * deadline cell parsed by an injected parser. Pure functions, no I/O.
 *
 * Columns are recognised by their header words (序号 / 工作任务 / 具体要求 / 责任单位 / 牵头单位 /
 * 配合单位 / 完成时限 / 时间节点 …). A 工作任务 header spanning two columns gives chapter (first
 * level) and task (second level).
 */
import { squash } from '../text.js';
import type { Deadline, Position, SourceLine, SourceTable, TaskRow } from '../model.js';
import { looksLikeUnit, splitUnitList, unitsFromCell } from './units.js';

/** Parses one 完成时限 cell; injected so this module does not depend on the deadline grammar. */
export type CellDeadlineParser = (cell: string) => Deadline[];

// ---------------------------------------------------------------- columns

export type ColKind = 'seq' | 'category' | 'task' | 'requirement' | 'lead' | 'responsible' | 'deadline' | 'other';
type Role = 'seq' | 'chapter' | 'task' | 'requirement' | 'lead' | 'responsible' | 'deadline' | 'other';


/** What a header cell names, or null when it is no header word. */
export function headerKind(raw: string): ColKind | null {
  const h = squash(raw).replace(/[（(][^）)]*[）)]$/, '');
  if (!h || h.length > 16 || /[，,。；;：:]/.test(h) || /^[一二三四五六七八九十\d]+[、.．]/.test(h)) return null;
  if (/领导|责任人|联系人|备注|完成情况|进展|分值|评分|考核|说明|依据|形式|方式|渠道|载体|状态/.test(h)) return 'other';
  if (/^(?:序号|编号|序|No\.?)$/i.test(h)) return 'seq';
  // 牵头责任单位 is the lead column (责任单位 beside it is the responsible one).
  if (/^(?:牵头|主责|主办)/.test(h) || (/牵头|主责|主办/.test(h) && !/配合|协办|责任单位/.test(h))) return 'lead';
  if (/(?:单位|部门|处室|科室|主体)$/.test(h)) return 'responsible';
  if (/时限|时间|期限|节点|进度|截止|日期|完成时/.test(h)) return 'deadline';
  if (/要求|措施|举措|内容|具体任务|目标|标准|细化|具体分工/.test(h)) return 'requirement';
  if (/任务|事项|项目|重点工作|主要工作|^工作$|职责/.test(h)) return 'task';
  if (/类别|领域|板块|方面|分类|大类|篇章|部分|一级|二级/.test(h)) return 'category';
  return null;
}

/** A row of header words: at least three kinds, something to do and someone or some time. */
export function isHeaderRow(cells: string[]): boolean {
  const kinds = new Set<ColKind>();
  for (const c of cells) {
    if (!c.trim()) continue;
    const k = headerKind(c);
    if (k === null) return false;
    if (k !== 'other') kinds.add(k);
  }
  const what = kinds.has('task') || kinds.has('requirement');
  const who = kinds.has('responsible') || kinds.has('lead') || kinds.has('deadline');
  return kinds.size >= 3 && what && who;
}

/** A second header row under a spanning 工作任务 cell: short header words, no sequence number. */
function isSubHeaderRow(cells: string[]): boolean {
  const filled = [...new Set(cells.map((c) => squash(c)).filter(Boolean))];
  return filled.length >= 2 && filled.every((c) => headerKind(c) !== null);
}

/**
 * Roles of the columns from their header texts. Several task-like columns (工作任务 spanning
 * two columns, 一级任务/二级任务, 类别 + 任务) give chapter (first) and task (last).
 */
function rolesOf(headers: string[]): Role[] {
  const kinds = headers.map((h) => headerKind(h) ?? 'other');
  // "具体任务" is the requirement unless a 具体要求/措施 column is present.
  const strongReq = headers.some((h, i) => kinds[i] === 'requirement' && /要求|措施|举措|内容/.test(h));
  if (strongReq)
    headers.forEach((h, i) => {
      if (kinds[i] === 'requirement' && !/要求|措施|举措|内容/.test(h)) kinds[i] = 'task';
    });
  const roles: Role[] = kinds.map((k) => (k === 'category' || k === 'task' ? 'other' : k));
  const taskCols = kinds.flatMap((k, i) => (k === 'task' ? [i] : []));
  const catCols = kinds.flatMap((k, i) => (k === 'category' ? [i] : []));
  if (!kinds.includes('requirement') && taskCols.length) {
    roles[taskCols[taskCols.length - 1]] = 'requirement';
    taskCols.pop();
  }
  if (taskCols.length >= 2) {
    roles[taskCols[0]] = 'chapter';
    roles[taskCols[taskCols.length - 1]] = 'task';
  } else if (taskCols.length === 1) {
    roles[taskCols[0]] = 'task';
    if (catCols.length) roles[catCols[0]] = 'chapter';
  } else if (catCols.length >= 2) {
    roles[catCols[0]] = 'chapter';
    roles[catCols[catCols.length - 1]] = 'task';
  } else if (catCols.length === 1) roles[catCols[0]] = 'chapter';
  return roles;
}

/**
 * Widen a header to the width of its data rows: a header printed with one 工作任务 cell over
 * two data columns (cell-per-line text loses the span) repeats that cell.
 */
function widen(headers: string[], width: number): string[] {
  if (headers.length >= width) return headers;
  const extra = width - headers.length;
  let at = headers.findIndex((h) => headerKind(h) === 'task');
  if (at < 0) at = headers.findIndex((h) => headerKind(h) === 'category');
  if (at < 0) return [...headers, ...Array<string>(extra).fill('')];
  return [...headers.slice(0, at + 1), ...Array<string>(extra).fill(headers[at]), ...headers.slice(at + 1)];
}

// ---------------------------------------------------------------- rows

interface RawRow {
  cells: string[];
  position?: Position;
}

interface FillState {
  chapter: string;
  task: string;
  lead: string;
  responsible: string;
  deadline: string;
  seq: number;
}

const newState = (): FillState => ({ chapter: '', task: '', lead: '', responsible: '', deadline: '', seq: 0 });

/** "/", "无", "—": printed to say there is nothing, so nothing is filled down into it. */
const PLACEHOLDER = /^(?:[/／\-－—–]+|无|暂无)$/;

function seqOf(cell: string): number | null {
  const m = /^[（(]?(\d{1,4})[)）]?[.．、]?$/.exec(squash(cell));
  return m ? Number(m[1]) : null;
}

const joinLines = (s: string): string =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('');

/** Turn raw rows under a known column layout into TaskRows, filling empty cells down. */
function buildRows(roles: Role[], rows: RawRow[], state: FillState, parseCell: CellDeadlineParser): TaskRow[] {
  const out: TaskRow[] = [];
  const get = (cells: string[], role: Role): string =>
    cells
      .filter((_, i) => roles[i] === role)
      .map((c) => c.trim())
      .filter(Boolean)
      .join('\n');
  for (const row of rows) {
    const cells = row.cells;
    if (isHeaderRow(cells) || isSubHeaderRow(cells)) continue; // a header repeated after a page break
    const filled = [...new Set(cells.map((c) => c.trim()).filter(Boolean))];
    if (!filled.length) continue;
    const seqCell = get(cells, 'seq');
    let seq = seqOf(seqCell);
    const requirement = joinLines(get(cells, 'requirement'));
    // A row spanning the whole table, or one cell outside the requirement column, with no
    // number: a chapter heading ("一、深化重点领域公开").
    const nonEmpty = cells.filter((c) => c.trim()).length;
    if (seq === null && filled.length === 1 && (nonEmpty >= 2 || !requirement)) {
      state.chapter = squash(filled[0]);
      state.task = '';
      continue;
    }
    if (seq === null) {
      if (!requirement) continue;
      // No 序号 column: the requirement's own number ("3.及时反馈…"), else the next number.
      const own = roles.includes('seq') ? null : /^(\d{1,3})[.．、]/.exec(requirement);
      seq = own ? Number(own[1]) : state.seq + 1;
    }
    const take = (role: Role, key: 'chapter' | 'task' | 'lead' | 'responsible' | 'deadline'): string => {
      const v = get(cells, role);
      if (PLACEHOLDER.test(squash(v))) state[key] = '';
      else if (v) state[key] = key === 'chapter' || key === 'task' ? squash(v) : v;
      return state[key];
    };
    const chapter = take('chapter', 'chapter');
    const task = take('task', 'task');
    const leadCell = take('lead', 'lead');
    const respCell = take('responsible', 'responsible');
    const deadlineText = squash(take('deadline', 'deadline'));
    state.seq = seq;

    const lead: string[] = [];
    const responsible: string[] = [];
    const add = (list: string[], names: string[]): void => {
      for (const n of names) if (!list.includes(n)) list.push(n);
    };
    if (leadCell) {
      const u = unitsFromCell(leadCell, 'lead');
      add(lead, u.lead);
      add(responsible, u.responsible);
    }
    if (respCell) {
      const u = unitsFromCell(respCell, 'responsible');
      add(lead, u.lead);
      add(responsible, u.responsible);
    }
    out.push({
      seq,
      chapter,
      task,
      requirement,
      lead,
      responsible,
      deadlineText,
      deadlines: deadlineText ? parseCell(deadlineText) : [],
      sectionPath: null,
      ...(row.position ? { position: row.position } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------- tables

interface GridCell {
  text: string;
  /** Index of the source cell covering this place: cells covered by one span share it. */
  src: number;
  colSpan: number;
}

/** Expand spans the HTML way: every grid position holds the text of the cell covering it. */
function toGrid(table: SourceTable, ids: { next: number }): GridCell[][] {
  const grid: GridCell[][] = [];
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      const rs = Math.max(1, cell.rowSpan || 1);
      const cs = Math.max(1, cell.colSpan || 1);
      for (let dr = 0; dr < rs; dr++)
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr] ??= [];
          grid[r + dr][c + dc] = { text: cell.text ?? '', src: ids.next, colSpan: cs };
        }
      ids.next++;
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((g) => g.length));
  return grid.map((g) => Array.from({ length: width }, (_, i) => g[i] ?? { text: '', src: ids.next++, colSpan: 1 }));
}

/** Does a cell read like a time limit / like a list of units? (for tables without a header) */
const isTime = (s: string): boolean =>
  s.length <= 40 && /\d{4}年|\d+月|年底|年内|全年|长期|持续|每[年月季周]|常态|前|内$/.test(squash(s));
const isUnits = (s: string): boolean => {
  const names = splitUnitList(s);
  return names.length > 0 && names.every((n) => looksLikeUnit(n));
};

/**
 * Column roles of a task table printed without a header row (or whose header was lost, as
 * .doc text extraction does when the header is narrower than the rows): a numbered first
 * column, a long requirement column, a column of unit lists and/or of time limits.
 */
function inferRoles(rows: string[][]): Role[] | null {
  const width = rows[0]?.length ?? 0;
  if (width < 4 || rows.length < 2) return null;
  const values = (c: number): string[] => rows.map((r) => squash(r[c] ?? '')).filter(Boolean);
  const share = (c: number, pred: (v: string) => boolean): number => {
    const v = values(c);
    return v.length ? v.filter(pred).length / v.length : 0;
  };
  const roles: Role[] = Array<Role>(width).fill('other');
  if (share(0, (v) => seqOf(v) !== null) < 0.8 || values(0).length < rows.length / 2) return null;
  roles[0] = 'seq';
  const cols = [...Array(width).keys()].slice(1);
  const dl = cols.filter((c) => share(c, (v) => isTime(v) && !isUnits(v)) >= 0.6).pop();
  if (dl !== undefined) roles[dl] = 'deadline';
  const un = cols.filter((c) => c !== dl && share(c, isUnits) >= 0.6).pop();
  if (un !== undefined) roles[un] = 'responsible';
  const avg = (c: number): number => {
    const v = values(c);
    return v.length ? v.reduce((a, x) => a + x.length, 0) / v.length : 0;
  };
  const free = cols.filter((c) => roles[c] === 'other');
  const req = free.reduce<number | null>((best, c) => (best === null || avg(c) > avg(best) ? c : best), null);
  if (req === null || avg(req) < 15 || (dl === undefined && un === undefined)) return null;
  roles[req] = 'requirement';
  const before = free.filter((c) => c < req);
  if (before.length >= 2) {
    roles[before[0]] = 'chapter';
    roles[before[before.length - 1]] = 'task';
  } else if (before.length === 1) roles[before[0]] = 'task';
  return roles;
}

interface TableLayout {
  roles: Role[];
  width: number;
  /** Rows read so far, built once all tables are read (a later page may still add to the last). */
  pending: RawRow[];
  /** For each pending row, the source cell of each column (rows covered by one span share it). */
  srcs: number[][];
}

/**
 * Rows of a 任务分解表 from real tables (DOCX/PDF): find the header row (one or two rows), map
 * columns, fill merged/empty cells down, split units, parse the deadline cell. Tables that are
 * not task tables give nothing. A table that goes on in the next table (a page break, with or
 * without a repeated header row) continues the same list; a row cut by the page break (the next
 * table starts with a row without a number) is joined to the row it continues.
 */
export function tasksFromTables(tables: SourceTable[], parseCell: CellDeadlineParser): TaskRow[] {
  /** One entry per run of tables with the same columns; the last one is the current one. */
  const runs: TableLayout[] = [];
  const ids = { next: 0 };
  for (const [tableIndex, table] of tables.entries()) {
    const grid = toGrid(table, ids);
    if (!grid.length) continue;
    const texts = grid.map((row) => row.map((g) => g.text));
    const prev: TableLayout | undefined = runs[runs.length - 1];
    const hr = texts.slice(0, 6).findIndex((cells) => isHeaderRow(cells));
    let first = 0;
    let roles: Role[] | null;
    if (hr >= 0) {
      let headers = grid[hr].map((g) => squash(g.text));
      first = hr + 1;
      const spans = grid[hr].some((g) => g.colSpan > 1);
      const sub = grid[first];
      if (spans && sub && isSubHeaderRow(texts[first])) {
        headers = headers.map((h, i) => (sub[i].src !== grid[hr][i].src && squash(sub[i].text) ? squash(sub[i].text) : h));
        first++;
      }
      // A header row with fewer cells than the rows (.doc text loses the span of 工作任务).
      const printed = table.rows[hr].reduce((a, c) => a + Math.max(1, c.colSpan || 1), 0);
      if (printed < headers.length) headers = widen(headers.slice(0, printed), headers.length);
      roles = rolesOf(headers);
    } else if (prev && grid[0].length === prev.width && texts.some((cells) => looksLikeDataRow(cells, prev.roles))) {
      roles = prev.roles; // the same table after a page break, header not repeated
    } else roles = inferRoles(texts);
    if (!roles) continue;
    const continuing = prev !== undefined && prev.width === roles.length && prev.roles.join() === roles.join();
    const cur: TableLayout = continuing ? prev : { roles, width: roles.length, pending: [], srcs: [] };
    if (!continuing) runs.push(cur);
    let body = grid.slice(first);
    let bodyFrom = first;
    const seqCol = roles.indexOf('seq');
    const n = cur.pending.length;
    if (continuing && n && body[0] && seqCol >= 0 && !body[0][seqCol].text.trim()) {
      // The last row of the previous page goes on here: join its cells. A merged cell cut by the
      // page break gets the joined text in every row it spans, on both pages.
      body[0].forEach((g, c) => {
        const t = g.text.trim();
        if (!t || c === seqCol) return;
        const before = cur.pending[n - 1].cells[c];
        const joined = before ? `${before}\n${t}` : t;
        const src = cur.srcs[n - 1][c];
        for (let k = n - 1; k >= 0 && cur.srcs[k][c] === src; k--) cur.pending[k].cells[c] = joined;
        for (const row of body) if (row[c].src === g.src) row[c] = { ...row[c], text: joined };
      });
      body = body.slice(1);
      bodyFrom++;
    }
    for (const [i, row] of body.entries()) {
      // Each row its own place: the reader's when it knows one (XLSX, PDF), else the table's and the row's number in it.
      const at = table.rowPositions?.[bodyFrom + i] ?? table.position;
      cur.pending.push({ cells: row.map((g) => g.text), position: { ...at, table: at.table ?? tableIndex + 1, row: at.row ?? bodyFrom + i + 1 } });
      cur.srcs.push(row.map((g) => g.src));
    }
  }
  return runs.flatMap((run) => buildRows(run.roles, run.pending, newState(), parseCell));
}

function looksLikeDataRow(cells: string[], roles: Role[]): boolean {
  const i = roles.indexOf('seq');
  return i >= 0 ? seqOf(cells[i] ?? '') !== null : cells.some((c) => c.trim().length > 20);
}

// ---------------------------------------------------------------- text lines

const PAGE_NUMBER = /^[\s\u3000]*(?:[—\-－–]+\s*\d+\s*[—\-－–]+|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)[\s\u3000]*$/;
const CHAPTER_LINE = /^[ \t\u3000]*[一二三四五六七八九十]+、/;
const TITLE_LINE = /(?:附件|任务分解|任务清单|分工|台账|责任清单|一览表|明细表)/;

const posOf = (l: SourceLine): Position => ({ page: l.page, line: l.line, column: (/\S/.exec(l.text)?.index ?? 0) + 1 });
const isBlank = (l: SourceLine | undefined): boolean => !l || l.text.trim() === '';

interface Parsed {
  rows: RawRow[];
  headers: string[];
  /** First line after the table. */
  end: number;
}

/** Cell-per-line: header words one per line; rows are blocks of lines (blank line between). */
function parseCellBlocks(lines: SourceLine[], i: number): Parsed | null {
  const tabbed = lines[i].text.startsWith('\t');
  const headers: string[] = [];
  let j = i;
  while (j < lines.length && !isBlank(lines[j]) && headerKind(lines[j].text) !== null && headers.length < 12) {
    headers.push(squash(lines[j].text));
    j++;
  }
  if (!isHeaderRow(headers)) return null;
  // Blocks: tab-led cells end at a blank line; untabbed ones run from one number to the next.
  const blocks: SourceLine[][] = [];
  const chapters = new Set<SourceLine[]>();
  let cur: SourceLine[] = [];
  let lastSeq = 0;
  let end = j;
  for (; end < lines.length; end++) {
    const l = lines[end];
    if (PAGE_NUMBER.test(l.text)) continue;
    if (tabbed) {
      if (l.text.startsWith('\t')) cur.push(l);
      else if (isBlank(l)) {
        if (cur.length) blocks.push(cur);
        cur = [];
      } else break;
      continue;
    }
    if (/^\s*(?:抄送|印发|附件)/.test(l.text)) break;
    if (isBlank(l)) continue;
    const n = seqOf(l.text);
    if (n !== null && n === lastSeq + 1) {
      if (cur.length) blocks.push(cur);
      cur = [l];
      lastSeq = n;
    } else if (CHAPTER_LINE.test(l.text)) {
      if (cur.length) blocks.push(cur);
      cur = [];
      const block = [l];
      chapters.add(block);
      blocks.push(block);
    } else if (cur.length) cur.push(l);
    else break;
  }
  if (cur.length) blocks.push(cur);
  if (!blocks.length) return null;
  let sub: string[] | null = null;
  if (isSubHeaderRow(blocks[0].map((l) => l.text)) && seqOf(blocks[0][0].text) === null) {
    sub = blocks.shift()!.map((l) => squash(l.text));
  }
  // Width of a data row: the most common block length (tabbed) or header + sub-header.
  let width = headers.length;
  if (sub) width = headers.length + sub.length - 1;
  if (tabbed) {
    const counts = new Map<number, number>();
    for (const b of blocks.slice(0, 20)) counts.set(b.length, (counts.get(b.length) ?? 0) + 1);
    width = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  }
  let hdr = widen(headers, width);
  if (sub) {
    const at = hdr.findIndex((h) => headerKind(h) === 'task' || headerKind(h) === 'category');
    if (at >= 0) hdr = [...hdr.slice(0, at), ...sub, ...hdr.slice(at + sub.length)];
  }
  const roles = rolesOf(hdr);
  const rows = blocks.map((b) => ({
    // A chapter heading between the rows stands alone in the first column.
    cells: chapters.has(b)
      ? [b[0].text.trim(), ...Array<string>(roles.length - 1).fill('')]
      : fitCells(
          b.map((l) => l.text.replace(/^\t/, '')),
          roles,
          tabbed,
        ),
    position: posOf(b[0]),
  }));
  return { rows, headers: hdr, end };
}

/**
 * Fit a block of cell lines to the columns. Too many lines: the requirement cell held several
 * paragraphs. Too few (text that dropped empty cells): place cells by what they look like.
 */
function fitCells(cells: string[], roles: Role[], positional: boolean): string[] {
  const w = roles.length;
  if (cells.length === w || (positional && cells.length < w)) return [...cells, ...Array<string>(w - cells.length).fill('')];
  const r = roles.indexOf('requirement');
  if (cells.length > w && r >= 0) {
    const extra = cells.length - w;
    return [...cells.slice(0, r), cells.slice(r, r + extra + 1).join('\n'), ...cells.slice(r + extra + 1)];
  }
  if (cells.length > w) return cells.slice(0, w);
  // Fewer cells than columns and no empty lines to keep places: seq first, then from the end
  // deadline and units, the longest remaining cell is the requirement, what is left before it
  // is the task (and chapter).
  const out = Array<string>(w).fill('');
  const rest = [...cells];
  const put = (role: Role, v: string): void => {
    const i = roles.indexOf(role);
    if (i >= 0) out[i] = v;
  };
  if (rest.length && seqOf(rest[0]) !== null) put('seq', rest.shift()!);
  if (rest.length > 1 && isTime(rest[rest.length - 1]) && !isUnits(rest[rest.length - 1])) put('deadline', rest.pop()!);
  if (rest.length > 1 && isUnits(rest[rest.length - 1])) {
    put(roles.includes('responsible') ? 'responsible' : 'lead', rest.pop()!);
  }
  if (rest.length) {
    let li = 0;
    rest.forEach((c, i) => {
      if (c.length > rest[li].length) li = i;
    });
    put('requirement', rest[li]);
    const before = rest.slice(0, li);
    if (before.length >= 2) {
      put('chapter', before[0]);
      put('task', before[before.length - 1]);
    } else if (before.length === 1) put(roles.includes('task') ? 'task' : 'chapter', before[0]);
  }
  return out;
}

/** Rows whose cells are separated by tabs or `|` on one line. */
function parseDelimited(lines: SourceLine[], i: number, delim: '\t' | '|'): Parsed | null {
  const splitCells = (t: string): string[] => {
    let s = t.replace(/\r$/, '');
    if (delim === '|') s = s.trim().replace(/^\|/, '').replace(/\|$/, '');
    else s = s.replace(/\t$/, ''); // word-extractor ends a row with "\t"
    return s.split(delim);
  };
  const header = splitCells(lines[i].text);
  if (header.filter((c) => c.trim()).length < 3 || !isHeaderRow(header)) return null;
  // A spanning header cell leaves an empty cell after it: give it the same header word.
  let hdr = header.map((h, k) => squash(h) || (k > 0 ? squash(header[k - 1]) : ''));
  const terminated = delim === '\t' && lines[i].text.endsWith('\t');
  const rawRows: RawRow[] = [];
  let buf: string | null = null;
  let bufLine: SourceLine | null = null;
  let end = i + 1;
  for (; end < lines.length; end++) {
    const l = lines[end];
    if (PAGE_NUMBER.test(l.text)) continue;
    if (delim === '|' && /^\s*\|?\s*:?-{2,}/.test(l.text)) continue;
    const hasDelim = l.text.includes(delim);
    if (terminated) {
      // Rows end with "\t"; a line without it is a paragraph break inside a cell.
      if (buf === null) {
        if (!hasDelim) {
          if (isBlank(l)) continue;
          break;
        }
        buf = l.text;
        bufLine = l;
      } else buf += '\n' + l.text;
      if (l.text.endsWith('\t')) {
        rawRows.push({ cells: splitCells(buf), position: posOf(bufLine!) });
        buf = null;
      }
    } else {
      if (!hasDelim) {
        if (isBlank(l)) continue;
        break;
      }
      rawRows.push({ cells: splitCells(l.text), position: posOf(l) });
    }
  }
  if (buf !== null && bufLine) rawRows.push({ cells: splitCells(buf), position: posOf(bufLine) });
  if (rawRows.length && isSubHeaderRow(rawRows[0].cells) && seqOf(rawRows[0].cells[0] ?? '') === null) {
    const sub = rawRows.shift()!.cells;
    hdr = hdr.map((h, k) => squash(sub[k] ?? '') || h);
  }
  const width = Math.max(hdr.length, ...rawRows.map((r) => r.cells.length));
  hdr = widen(hdr, width);
  const roles = rolesOf(hdr);
  const rows = rawRows.map((r) => ({ ...r, cells: fitCells(r.cells, roles, true) }));
  return { rows, headers: hdr, end };
}

/** Back over the table's title lines (附件：… / …任务分解表) right before its header. */
function titleStart(lines: SourceLine[], header: number): number {
  let k = header;
  let j = header - 1;
  while (j >= 0) {
    const t = lines[j].text.trim();
    if (t === '' || PAGE_NUMBER.test(t)) {
      j--;
      continue;
    }
    if (t.length <= 60 && !/[。；]$/.test(t) && TITLE_LINE.test(t)) {
      k = j;
      j--;
      continue;
    }
    break;
  }
  return k;
}

/**
 * The same from text lines (TXT or text extracted from Word/PDF): cell-per-line blocks, tab-
 * separated rows, or `|`-separated rows, starting at a header line/block. Returns the rows and
 * the index (into `lines`) of the first line the table takes — its title lines (附件：… / …任务
 * 分解表) included — so the caller can end the body there; null when there is no task table.
 */
export function tasksFromLines(
  lines: SourceLine[],
  parseCell: CellDeadlineParser,
): { rows: TaskRow[]; startLine: number | null } {
  const rows: TaskRow[] = [];
  let startLine: number | null = null;
  let layout: { key: string; state: FillState } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (isBlank(lines[i]) || !/序号|任务|要求|单位|部门|时限|时间/.test(t)) continue;
    const parsed =
      (t.includes('|') ? parseDelimited(lines, i, '|') : null) ??
      (/\S\t+\S/.test(t.trim()) ? parseDelimited(lines, i, '\t') : null) ??
      parseCellBlocks(lines, i);
    if (!parsed || !parsed.rows.length) continue;
    const roles = rolesOf(parsed.headers);
    const key = roles.join();
    if (!layout || layout.key !== key) layout = { key, state: newState() };
    const built = buildRows(roles, parsed.rows, layout.state, parseCell);
    if (!built.length) continue;
    rows.push(...built);
    startLine ??= titleStart(lines, i);
    i = parsed.end - 1;
  }
  return { rows, startLine };
}
