/**
 * Tables that reached us as text (TXT files, web pages, document-sharing sites, DOC/PDF text),
 * turned into the one table model (`SourceTable`: rows of cells with spans) that every reader
 * feeds and one interpreter reads.
 *
 * The forms real users have:
 *   - rows on one line, cells separated by `|` (or tabs): `一、… | 1.… | 财务科 |`, with empty
 *     `| |` cells, and with merged cells left out so the rest shift left;
 *   - one cell per line: cells separated by `|` lines, blank lines, or each ending in ` |`,
 *     rows ended by a line of pipes (`||`, `|||||`) or not at all.
 * Rows without an end mark are recovered from the 序号 sequence and the header's column count;
 * cells left out of a row (merged from the row above) are placed by their shapes (a number in
 * the 序号 column, unit names in the unit column, a time limit in the time column). Where two
 * placements fit equally well the table is still read, and a message says which row to check.
 * Pure functions, no I/O.
 */
import type { Message, Position, SourceLine, SourceTable, TableCell } from '../model.js';
import { memoized, squash } from '../text.js';
import { headerKind, isHeaderRow, type ColKind } from './tasks.js';
import { looksLikeUnit, splitUnitList } from './units.js';

export interface TextTable {
  table: SourceTable;
  /** Index (into the lines given) of the header's first line and of the table's last line. */
  first: number;
  last: number;
  /** How the rows were printed: one row per line (cells split by | or tabs) or one cell per line. */
  form: 'rows' | 'cells';
  messages: Message[];
}

interface Cell {
  text: string;
  position: Position;
}

const posOf = (l: SourceLine): Position => ({ page: l.page, line: l.line, column: (/\S/.exec(l.text)?.index ?? 0) + 1 });
const isBlank = (t: string) => /^[\s\u3000]*$/.test(t);
/** A line of pipes only: "||" / "|||||" ends a row; a single "|" separates or is an empty cell. */
const PIPES = /^[\s\u3000]*\|[\s|]*$/;
const pipeCount = (t: string) => (t.match(/\|/g) ?? []).length;
/** Lines that end the table: the back matter of the notice. */
const STOP = /^[\s\u3000]*(?:抄送[：:]|印发[：:]|公开属性|附件\d*[：:]?[\s\u3000]*$)/;
const SEQ = /^[（(]?(\d{1,3})[)）.．、]?$/;
const seqOf = (t: string): number | null => {
  const m = SEQ.exec(squash(t));
  return m ? Number(m[1]) : null;
};
const LABEL = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、]|[（(]\d{1,2}[）)])/;

/** A cell reads as a time limit (cell grammar is not needed to place it). */
const isTime = (s: string): boolean => {
  const t = squash(s);
  return t.length <= 40 && /\d{4}年|\d+月|年底|年内|全年|长期|持续|常态|每[年月季周]|季度|工作日|前$|内$|以前|之前/.test(t);
};
/** Cells are asked this once per column they might go in: answers kept. */
const isUnits = memoized((s: string): boolean => {
  const names = splitUnitList(s);
  return names.length > 0 && names.every((n) => looksLikeUnit(n));
});

// ---------------------------------------------------------------- header

/** The header's words, where they are printed on one line (pipes or tabs) or one per line. */
function readHeader(lines: SourceLine[], i: number): { words: Cell[]; next: number; oneLine: boolean; delim: string } | null {
  const t = lines[i].text;
  for (const delim of ['|', '\t']) {
    if (!t.includes(delim)) continue;
    const words: Cell[] = [];
    let j = i;
    // A header row may wrap: "工作任务 | 具体要求" / "| 责任单位 |".
    for (; j < lines.length && j < i + 3; j++) {
      const lt = lines[j].text;
      if (j > i && !lt.trim().startsWith(delim)) break;
      const parts = lt.split(delim).map((c) => squash(c)).filter(Boolean);
      if (!parts.length || !parts.every((w) => headerKind(w) !== null)) break;
      words.push(...parts.map((w) => ({ text: w, position: posOf(lines[j]) })));
    }
    if (words.length >= 3 && isHeaderRow(words.map((w) => w.text))) return { words, next: j, oneLine: true, delim };
  }
  const words: Cell[] = [];
  let j = i;
  for (; j < lines.length && words.length < 12; j++) {
    const line = lines[j].text;
    if (isBlank(line) || (PIPES.test(line) && pipeCount(line) === 1)) continue;
    if (PIPES.test(line)) break; // "||": the header row ends
    const w = squash(line.replace(/\|[\s|]*$/, ''));
    if (!w || headerKind(w) === null || w.includes('|')) break;
    words.push({ text: w, position: posOf(lines[j]) });
  }
  if (words.length < 3 || !isHeaderRow(words.map((w) => w.text))) return null;
  return { words, next: j, oneLine: false, delim: '|' };
}

// ---------------------------------------------------------------- rows

interface RawRow {
  cells: Cell[];
  /** The row ended with a mark (a line end in one-line rows, a "||" line): its cells are its own. */
  closed: boolean;
}

/** Rows printed one per line: split on the delimiter; a line without it goes on the last cell. */
function oneLineRows(lines: SourceLine[], from: number, delim: string): { rows: RawRow[]; last: number } {
  const rows: RawRow[] = [];
  let last = from - 1;
  for (let j = from; j < lines.length; j++) {
    const l = lines[j];
    if (isBlank(l.text)) continue;
    if (STOP.test(l.text)) break;
    if (!l.text.includes(delim)) {
      const prev = rows[rows.length - 1];
      // A line that opens with a label or a number starts a row of its own (cut off at the end).
      if (prev && !LABEL.test(l.text.trim()) && seqOf(l.text) === null) {
        const cell = [...prev.cells].reverse().find((c) => c.text);
        if (cell) cell.text += '\n' + l.text.trim();
        last = j;
        continue;
      }
      if (!prev) break;
    }
    const cells = l.text.split(delim).map((c) => ({ text: c.trim(), position: posOf(l) }));
    // A row whose line ends with the delimiter was printed whole; one without was cut off.
    const closed = delim === '|' ? /\|[\s\u3000]*$/.test(l.text) : true;
    while (cells.length && !cells[cells.length - 1].text) cells.pop();
    while (cells.length && !cells[0].text && delim === '|') cells.shift();
    if (cells.length) rows.push({ cells, closed });
    last = j;
  }
  return { rows, last };
}

/** One cell per line: a stream of cells with the row ends that are printed ("||"). */
function cellStream(lines: SourceLine[], from: number): { cells: (Cell | 'end')[]; last: number } {
  const body = lines.slice(from).filter((l) => !isBlank(l.text));
  // Cells that end in " |" make a lone "|" an empty cell; otherwise it only separates cells.
  const ended = body.filter((l) => /\S[\s\u3000]*\|$/.test(l.text)).length;
  const lonePipeIsCell = ended > body.length / 3;
  const out: (Cell | 'end')[] = [];
  let last = from - 1;
  for (let j = from; j < lines.length; j++) {
    const l = lines[j];
    if (isBlank(l.text)) continue;
    if (STOP.test(l.text)) break;
    if (PIPES.test(l.text)) {
      if (pipeCount(l.text) >= 2) out.push('end');
      else if (lonePipeIsCell) out.push({ text: '', position: posOf(l) });
    } else out.push({ text: l.text.replace(/[\s\u3000]*\|$/, '').trim(), position: posOf(l) });
    last = j;
  }
  return { cells: out, last };
}

/** Rows of a cell stream: at the printed row ends, else by the 序号 sequence. */
function streamRows(stream: (Cell | 'end')[], width: number, hasSeqWord: boolean): RawRow[] | null {
  if (stream.includes('end')) {
    const rows: RawRow[] = [];
    let cur: Cell[] = [];
    for (const c of stream) {
      if (c === 'end') {
        while (cur.length && !cur[cur.length - 1].text) cur.pop();
        if (cur.length) rows.push({ cells: cur, closed: true });
        cur = [];
      } else cur.push(c);
    }
    while (cur.length && !cur[cur.length - 1].text) cur.pop();
    if (cur.length) rows.push({ cells: cur, closed: false }); // no row end after it: cut off
    return rows;
  }
  const cells = stream.filter((c): c is Cell => c !== 'end' && c.text !== '');
  // The 序号 cells: 1, 2, 3… in order.
  const seqAt: number[] = [];
  for (let k = 0; k < cells.length; k++) if (seqOf(cells[k].text) === seqAt.length + 1) seqAt.push(k);
  if (seqAt.length < 2) return null;
  const pre = seqAt[0]; // cells before the 序号 in a full row (a task title printed first)
  const post = width - pre - (hasSeqWord ? 1 : 0);
  if (post < 1) return null;
  const rows: RawRow[] = [];
  let carry = cells.slice(0, pre);
  seqAt.forEach((at, n) => {
    const end = n + 1 < seqAt.length ? seqAt[n + 1] : cells.length;
    const own = cells.slice(at + 1, end);
    // What is left after this row's own cells opens the next row (its task title).
    const keep = Math.min(own.length, post);
    // Without cells before the 序号, cells beyond the header's count are more lines of a cell
    // of this row: they go with the first cell after the 序号.
    const extra = own.slice(keep);
    const nextPre = pre > 0 && n + 1 < seqAt.length ? extra : [];
    const mine = own.slice(0, keep);
    if (!nextPre.length && extra.length && mine.length) mine[0] = { ...mine[0], text: [mine[0].text, ...extra.map((c) => c.text)].join('\n') };
    rows.push({ cells: [...carry, cells[at], ...mine], closed: false });
    carry = nextPre;
  });
  return rows;
}

// ---------------------------------------------------------------- columns and placement

type Kind = ColKind | 'seq';

/** Columns of the data: the header words spread over the data's width (序号 found by its numbers). */
function columnKinds(words: string[], rows: RawRow[]): { kinds: Kind[]; headerSpans: number[] } {
  const width = Math.max(words.length, ...rows.map((r) => r.cells.length));
  const full = rows.filter((r) => r.cells.length === width);
  let seqCol = -1;
  for (let c = 0; c < width && full.length; c++) {
    if (full.filter((r) => seqOf(r.cells[c].text) !== null).length >= Math.max(1, full.length * 0.6)) {
      seqCol = c;
      break;
    }
  }
  const kinds: Kind[] = [];
  const spans: number[] = words.map(() => 1);
  if (words.length === width) words.forEach((w) => kinds.push(headerKind(w) ?? 'other'));
  else {
    // A task header printed over several data columns (chapter, item, 序号): the words after
    // the first task-like word keep to the right, that word spans what is left on the left.
    let t = words.findIndex((w) => /^(?:task|category)$/.test(headerKind(w) ?? ''));
    if (t < 0) t = 0;
    const right = words.length - t - 1;
    const leftWidth = width - right;
    for (let c = 0; c < leftWidth; c++) kinds.push(headerKind(words[Math.min(c, t)]) ?? 'other');
    spans[t] = leftWidth - t;
    for (let j = 0; j < right; j++) kinds.push(headerKind(words[t + 1 + j]) ?? 'other');
  }
  if (seqCol >= 0 && !kinds.includes('seq')) kinds[seqCol] = 'seq';
  return { kinds, headerSpans: spans };
}

/** How well a cell fits a column of this kind (higher is better). */
function fit(text: string, kind: Kind): number {
  const t = squash(text);
  if (!t) return 0;
  const seq = seqOf(t) !== null;
  switch (kind) {
    case 'seq':
      return seq ? 3 : -3;
    case 'deadline':
      return isTime(t) ? 2 : isUnits(t) || t.length > 40 ? -2 : -1;
    case 'lead':
    case 'responsible':
      return isUnits(t) || /牵头|配合|负责/.test(t) ? 2 : t.length > 40 || isTime(t) ? -2 : -1;
    case 'requirement':
      return seq ? -3 : t.length > 15 ? 1 : isUnits(t) ? -1 : 0;
    case 'task':
    case 'category':
      return seq ? -3 : LABEL.test(t) ? 1 : isUnits(t) && !LABEL.test(t) ? -1 : 0;
    default:
      return seq ? -1 : 0;
  }
}

/**
 * Place a short row: its cells stay in order; the cells left out were merged from the row
 * above (mostly the chapter columns on the left). Best total fit; among equals, the placement
 * furthest right. Of two task columns side by side (chapter, task), the outer one's merged
 * cell only ends where the inner one's does, so the outer is never printed without the inner:
 * a lone task cell is the inner one, and that is no ambiguity.
 */
function place(cells: Cell[], kinds: Kind[]): { cols: number[]; tie: boolean } {
  const n = cells.length;
  const w = kinds.length;
  const nested = (j: number) => j + 1 < w && isTaskKind(kinds[j]) && isTaskKind(kinds[j + 1]);
  let best: number[] | null = null;
  let bestScore = -Infinity;
  let ties = 0;
  const cols: number[] = [];
  // Each cell's fit to each column once (the walk tries every placement, fit reads unit lists).
  const fits = cells.map((c) => kinds.map((k) => fit(c.text, k)));
  // Columns are tried right to left, so the first best placement found is the rightmost.
  const walk = (i: number, from: number, score: number): void => {
    if (i === n) {
      if (score > bestScore) [best, bestScore, ties] = [[...cols], score, 1];
      else if (score === bestScore) ties++;
      return;
    }
    for (let j = w - (n - i); j >= from; j--) {
      if (i > 0 && nested(cols[i - 1]) && j !== cols[i - 1] + 1) continue;
      if (i === n - 1 && nested(j)) continue;
      cols.push(j);
      walk(i + 1, j + 1, score + fits[i][j]);
      cols.pop();
    }
  };
  if (n <= w && w <= 16) walk(0, 0, 0);
  // No placement keeps nested columns together (or too wide to try all): cells keep their places.
  return best ? { cols: best, tie: ties > 1 } : { cols: cells.map((_, k) => k), tie: true };
}

const isTaskKind = (k: Kind) => k === 'task' || k === 'category';

/** A row that is one chapter heading over the whole width ("一、年底前专项工作任务"). */
const CHAPTER = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/;
const isChapterRow = (cells: Cell[]) => cells.filter((c) => c.text).length === 1 && CHAPTER.test(cells[0].text.trim());

// ---------------------------------------------------------------- assembly

function toTable(words: Cell[], spans: number[], placed: { cells: (Cell | null)[]; chapter: boolean; closed: boolean }[], width: number): SourceTable {
  const header: TableCell[] = words.map((w, i) => ({ text: w.text, rowSpan: 1, colSpan: spans[i], position: w.position }));
  const rows: TableCell[][] = [header];
  /** The cell each column last had (a left-out cell extends its rowSpan). */
  const above: (TableCell | null)[] = Array(width).fill(null);
  for (const r of placed) {
    const row: TableCell[] = [];
    if (r.chapter) {
      const c = r.cells.find((x) => x)!;
      const cell: TableCell = { text: c.text, rowSpan: 1, colSpan: width, position: c.position };
      row.push(cell);
      above.fill(null);
    } else {
      // Only cells left out at the left were merged from above (chapter columns); a row that
      // stops early on the right (cut off) has nothing there.
      const lastPresent = r.cells.reduce((a, c, k) => (c ? k : a), -1);
      r.cells.forEach((c, k) => {
        if (c === null && above[k] && (k < lastPresent || r.closed)) {
          above[k]!.rowSpan++;
          return;
        }
        const cell: TableCell = { text: c?.text ?? '', rowSpan: 1, colSpan: 1, ...(c ? { position: c.position } : {}) };
        row.push(cell);
        above[k] = cell;
      });
    }
    rows.push(row);
  }
  return { rows, position: words[0].position, rowPositions: [words[0].position, ...placed.map((r) => r.cells.find((c) => c)?.position ?? words[0].position)] };
}

function rowNote(path: string | undefined, position: Position, en: string, zh: string): Message {
  return { ruleId: 'table-cells-ambiguous', severity: 'info', message: { zh, en }, position };
}

/** Read one text table whose header starts at line i, or null when none starts there. */
function readTableAt(lines: SourceLine[], i: number): TextTable | null {
  const header = readHeader(lines, i);
  if (!header) return null;
  const words = header.words.map((w) => w.text);
  const hasSeqWord = words.some((w) => headerKind(w) === 'seq');
  let rows: RawRow[] | null;
  let last: number;
  if (header.oneLine) {
    const r = oneLineRows(lines, header.next, header.delim);
    rows = r.rows;
    last = r.last;
  } else {
    const s = cellStream(lines, header.next);
    rows = streamRows(s.cells, words.length, hasSeqWord);
    last = s.last;
  }
  if (!rows || rows.length < 1) return null;
  return assemble(header.words, rows, i, last, header.oneLine ? 'rows' : 'cells');
}

/** The rows read under a header, placed in its columns and made into the one table model. */
function assemble(headerWords: Cell[], rows: RawRow[], i: number, last: number, form: TextTable['form']): TextTable {
  const words = headerWords.map((w) => w.text);
  const { kinds, headerSpans } = columnKinds(
    words,
    rows.filter((r) => !isChapterRow(r.cells)),
  );
  const width = kinds.length;
  const messages: Message[] = [];
  const placed = rows.map((r) => {
    if (isChapterRow(r.cells)) return { cells: r.cells, chapter: true, closed: true };
    const cells = r.cells.slice(0, width);
    if (r.cells.length > width) {
      // More cells than columns: the requirement went on over several lines/cells.
      const req = kinds.indexOf('requirement');
      if (req >= 0) {
        const extra = r.cells.length - width;
        const joined = { ...r.cells[req], text: r.cells.slice(req, req + extra + 1).map((c) => c.text).join('\n') };
        cells.splice(0, cells.length, ...r.cells.slice(0, req), joined, ...r.cells.slice(req + extra + 1));
      }
    }
    const out: (Cell | null)[] = Array(width).fill(null);
    const { cols, tie } = cells.length < width ? place(cells, kinds) : { cols: cells.map((_, k) => k), tie: false };
    cells.forEach((c, k) => (out[cols[k]] = c));
    if (tie)
      messages.push(
        rowNote(
          undefined,
          cells[0].position,
          `A table row has fewer cells than the header (${cells.length} of ${width}); its cells were placed by what they look like — check this row against the original`,
          `表格此行的单元格少于表头（${cells.length}/${width}），已按内容形态归入各列，请对照原文核对该行`,
        ),
      );
    return { cells: out, chapter: false, closed: r.closed };
  });
  return { table: toTable(headerWords, headerSpans, placed, width), first: i, last, form, messages };
}

// ---------------------------------------------------------------- one line

/*
 * A table flattened into one line: what a scraper or a CMS that strips tags keeps of a page's
 * <table> (its textContent, cells glued with nothing between them) or what copying into a field
 * without line breaks keeps (cells and rows joined by single spaces). Nothing marks a row or a
 * cell; what is left is the header's words, the 序号 sequence and the shapes of the cells.
 */

/** The column words a flattened header is made of (the trigger: prose never opens with these). */
const FLAT_WORD =
  /^(?:序号|工作任务|重点任务|主要任务|任务内容|工作内容|具体要求|工作要求|工作措施|具体措施|牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|完成时限|时限要求|时间节点|完成时间|备注)/;
/** What may follow a row's 序号 that shows it is a count or a date instead ("3个", "6月", "2.1"). */
const NOT_SEQ_NEXT = /^[\d.．、,，年月日号个项次家条件天周%％万亿元名人期批类章节小时分点]/;
const SENTENCE_END_CHARS = '。；;！!？?';
// The checks below look at a prefix's last characters only: a regex anchored at the end still
// scans the whole string, and they run once per candidate 序号 in a line that may be very long
// (a 37k-character glued line took 1 s, growing with the square of its length).
const endsSentence = (t: string) => t.length > 0 && SENTENCE_END_CHARS.includes(t[t.length - 1]);
const lastIs = (t: string, re: RegExp) => t.length > 0 && re.test(t[t.length - 1]);
/** The pieces a time-limit cell is made of; a cell made only of them is a time limit. */
const TIME_PIECE =
  /\d{4}年|\d{1,2}月(?:\d{1,2}日)?|[上下]半年|年[底内中末]|全年|长期|持续|常态化?|每[年月季周]|[一二三四五六七八九十\d]+个?(?:工作日|月|季度)|季度|\d+[日天]|(?:本|此)?(?:文件|通知|要点|方案)?(?:印发|发布|出台)(?:后|之日起)|[底内前止后]|以前|之前|为止|完成|坚持|推进|实施|开展|落实|到位|[至起—\-~～，、和及并或]/g;
const TIME_CORE = /\d{4}年|\d{1,2}月|[上下]半年|年[底内中末]|全年|长期|持续|常态|每[年月季周]|季度|工作日|\d+[日天]内/;
const isTimeCell = (t: string) => t.length >= 2 && t.length <= 40 && TIME_CORE.test(t) && t.replace(TIME_PIECE, '') === '';
/** A clause ending at the end of `t` that is a list of unit names ("区财政局，各街道办事处"). */
function unitTail(t: string): string {
  let from = t.length;
  while (from > 0 && t.length - from < 60 && !SENTENCE_END_CHARS.includes(t[from - 1])) from--;
  const clause = t.slice(from);
  return clause && isUnits(clause) ? clause : '';
}

interface FlatHeader {
  words: Cell[];
  /** Offset in the line where the rows start. */
  end: number;
  spaced: boolean;
}

/** A line that opens with a header made of column words, with 序号 among them, then "1". */
function flatHeader(l: SourceLine): FlatHeader | null {
  const t = l.text;
  let at = /^[\s\u3000]*/.exec(t)![0].length;
  const words: Cell[] = [];
  let gaps = 0;
  for (;;) {
    const m = FLAT_WORD.exec(t.slice(at));
    if (!m) break;
    words.push({ text: m[0], position: { page: l.page, line: l.line, column: at + 1 } });
    at += m[0].length;
    const sp = /^[\s\u3000]*/.exec(t.slice(at))![0].length;
    if (sp) gaps++;
    at += sp;
  }
  const texts = words.map((w) => w.text);
  if (words.length < 3 || !texts.includes('序号') || !isHeaderRow(texts)) return null;
  // The rows follow on the same line, opening with 序号 1.
  if (!/^1(?!\d)/.test(t.slice(at)) || t.length - at < 20) return null;
  return { words, end: at, spaced: gaps >= words.length - 1 };
}

/**
 * Where rows start: 1, 2, 3… in order. The next number only counts where a cell can have ended
 * before it — a space between cells (spaced form); a time limit, a unit list or a sentence end
 * (glued form) — and nothing after it makes it a count or a date ("2022年", "3个工作日").
 */
function flatRowStarts(t: string, from: number, spaced: boolean): number[] {
  const starts = [from];
  for (let n = 2; ; n++) {
    const want = String(n);
    let found = -1;
    for (let k = t.indexOf(want, starts[starts.length - 1] + 1); k >= 0; k = t.indexOf(want, k + 1)) {
      const before = t.slice(0, k);
      const after = t.slice(k + want.length);
      if (lastIs(before, /\d/) || NOT_SEQ_NEXT.test(after)) continue;
      const ok = spaced
        ? lastIs(before, /\s/) && /^\s/.test(after)
        : endsSentence(before) || flatTimeTail(before).cell !== '' || unitTail(before) !== '';
      if (ok) {
        found = k;
        break;
      }
    }
    if (found < 0) return starts;
    starts.push(found);
  }
}

/**
 * The longest time-limit cell ending at the end of `t` that starts where a cell can start (after a
 * sentence or a unit list). One that opens with a year ("…废止日期等2022年年底前") is a cell even
 * after a requirement left without its full stop, but that cut is not sure.
 */
function flatTimeTail(t: string): { cell: string; sure: boolean } {
  let loose = '';
  for (let k = Math.max(0, t.length - 40); k <= t.length - 2; k++) {
    const cell = t.slice(k);
    if (!isTimeCell(cell)) continue;
    const before = t.slice(0, k);
    if (!before || endsSentence(before) || unitTail(before)) return { cell, sure: true };
    if (!loose && /^\d{4}年/.test(cell)) loose = cell;
  }
  return { cell: loose, sure: !loose };
}

/** One glued row cut from its end: time limit, then unit list, the rest is the work itself. */
function cutGluedRow(text: string): { front: string; units: string; time: string; sure: boolean } {
  const { cell: time, sure: timeSure } = flatTimeTail(text);
  let rest = text.slice(0, text.length - time.length);
  const units = unitTail(rest);
  rest = rest.slice(0, rest.length - units.length);
  // A unit list is only surely cut where a sentence ended before it; a title printed in front
  // of the requirement is glued to it and cannot be cut at all.
  const sure = timeSure && (!units || !rest || endsSentence(rest));
  return { front: rest, units, time, sure };
}

/** Read a task table flattened into line i, or null when the line does not open with a header. */
export function readFlatTableAt(lines: SourceLine[], i: number): TextTable | null {
  const l = lines[i];
  const header = flatHeader(l);
  if (!header) return null;
  const t = l.text;
  const starts = flatRowStarts(t, header.end, header.spaced);
  if (starts.length < 2) return null;
  const pos = (k: number): Position => ({ page: l.page, line: l.line, column: k + 1 });
  const cellAt = (from: number, text: string): Cell => ({ text: text.trim(), position: pos(from + (/^\s*/.exec(text)?.[0].length ?? 0)) });
  const seqCell = (k: number, n: number): Cell => ({ text: String(n), position: pos(k) });
  const rowSpan = (n: number) => [starts[n] + String(n + 1).length, n + 1 < starts.length ? starts[n + 1] : t.length] as const;

  if (header.spaced) {
    // Cells are the space-separated pieces; the shared placement reads them as table rows.
    const rows: RawRow[] = starts.map((k, n) => {
      const [a, b] = rowSpan(n);
      const cells = [seqCell(k, n + 1)];
      for (const m of t.slice(a, b).matchAll(/\S+/g)) {
        const prev = cells[cells.length - 1];
        // A cell never ends on a list mark ("区市场监管局牵头、 有关部门配合"): the space is inside it.
        if (cells.length > 1 && (/[、，,；;]$/.test(prev.text) || /^[、，,；;]/.test(m[0]))) prev.text += m[0];
        else cells.push(cellAt(a + m.index!, m[0]));
      }
      return { cells, closed: true };
    });
    return assemble(header.words, rows, i, i, 'rows');
  }

  const words = header.words.map((w) => w.text);
  const kinds = words.map((w) => headerKind(w) ?? 'other');
  const width = words.length;
  const col = (...ks: ColKind[]) => kinds.findIndex((k) => ks.includes(k as ColKind));
  const seqCol = kinds.indexOf('seq');
  const frontCol = col('requirement') >= 0 ? col('requirement') : col('task', 'category');
  const unitCols = kinds.flatMap((k, c) => (k === 'lead' || k === 'responsible' ? [c] : []));
  const timeCol = col('deadline');
  const messages: Message[] = [];
  const placed = starts.map((k, n) => {
    const [a, b] = rowSpan(n);
    const text = t.slice(a, b);
    const cut = cutGluedRow(text);
    const out: (Cell | null)[] = Array(width).fill(null);
    out[seqCol] = seqCell(k, n + 1);
    if (frontCol >= 0 && cut.front) out[frontCol] = cellAt(a, cut.front);
    if (unitCols.length && cut.units) out[unitCols[0]] = cellAt(a + cut.front.length, cut.units);
    if (timeCol >= 0 && cut.time) out[timeCol] = cellAt(b - cut.time.length, cut.time);
    // Titles glued before the requirement, or lead and other units in one run, cannot be told apart.
    const titled = frontCol >= 0 && kinds.slice(0, frontCol).some((x) => x === 'task' || x === 'category');
    if (!cut.sure || titled || (unitCols.length > 1 && cut.units))
      messages.push(
        rowNote(
          undefined,
          seqCell(k, n + 1).position,
          `A table flattened into one line: row ${n + 1}'s cells were cut by their shapes (time limit, unit names) and the rest kept as its work text, which may begin with its task title — check this row against the original`,
          `表格被压成一行：第${n + 1}行已按形态切出完成时限和单位，其余归为工作内容（开头可能含任务标题），请对照原文核对该行`,
        ),
      );
    return { cells: out, chapter: false, closed: true };
  });
  return { table: toTable(header.words, words.map(() => 1), placed, width), first: i, last: i, form: 'rows', messages };
}

/** Every text table in the lines, in order (a table's lines are not searched again). */
export function findTextTables(lines: SourceLine[]): TextTable[] {
  const out: TextTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (isBlank(t) || !/序号|任务|要求|单位|部门|处室|科室|时限|时间|职责|事项|内容/.test(t)) continue;
    const found = readTableAt(lines, i) ?? readFlatTableAt(lines, i);
    if (!found) continue;
    out.push(found);
    i = Math.max(i, found.last);
  }
  return out;
}
