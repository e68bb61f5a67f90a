/**
 * Ruled tables of a PDF page, with real rowSpan/colSpan, from pdf.js's operator list.
 *
 * Producers draw table rules differently, and all of them count:
 *   - LibreOffice, WPS, Word: stroked lines and stroked rectangles;
 *   - Chromium (Skia) and some Word exports: thin filled rectangles, one per border piece,
 *     often many in one path.
 * Every sub-path is looked at on its own: a stroked one gives its horizontal and vertical
 * segments, a filled one gives a rule when it is thin (≤ 3 pt across). Curves (rounded
 * boxes, glyph-like shapes) are ignored. The current transformation (cm, q/Q, form
 * XObjects) is applied, then the viewport's, so coordinates are page points from the top.
 *
 * Tables: collinear pieces are merged, the rules are grouped into connected sets (a
 * horizontal touches a vertical), and each set with at least two of each is a grid whose
 * rows/columns are its distinct rule positions. A grid cell is merged with its right or
 * lower neighbour where the border between them is missing — how merged cells are drawn.
 * Text goes to the cell that holds its baseline origin, and each cell's lines are put in
 * visual order (./pdf-layout.ts).
 *
 * Pure: it reads an operator list and text items and returns cells.
 */
import type { TableCell } from '../model.js';
import { pageLines, type TextItem } from './pdf-layout.js';

/** Position tolerance (points) for "the same line" and "touching". */
const TOL = 2;
/** Thinnest side of a filled rectangle that is a rule rather than a shaded box. */
const RULE_THICKNESS = 3;
/** A rule shorter than this is a tick, a bullet or a glyph part, not a border. */
const MIN_RULE = 4;
/** Caps for crafted pages: pieces of rule looked at, and grid cells built. */
const MAX_RULES = 20_000;
const MAX_CELLS = 50_000;

export interface Rule {
  /** Position across the rule (y of a horizontal, x of a vertical). */
  at: number;
  from: number;
  to: number;
}

export interface Rulings {
  h: Rule[];
  v: Rule[];
}

export interface PageTable {
  page: number;
  rows: TableCell[][];
  /** Top of the table (points from the top of the page). */
  top: number;
}

type Matrix = number[];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function mul(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

// pdf.js DrawOPS inside a constructPath buffer.
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 3;

interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

/**
 * The rules drawn on a page: `ops` is pdf.js's operator list, `OPS` its operator codes,
 * `viewport` the page viewport's transform (scale 1).
 */
export function rulingsFromOperators(ops: OperatorList, OPS: Record<string, number>, viewport: Matrix): Rulings {
  const h: Rule[] = [];
  const v: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  const strokeOps = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

  const addSegment = (ax: number, ay: number, bx: number, by: number) => {
    if (h.length + v.length >= MAX_RULES) return;
    if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) >= MIN_RULE) h.push({ at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) >= MIN_RULE) v.push({ at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
  };

  const subpath = (pts: number[], closed: boolean, stroke: boolean, fill: boolean) => {
    if (pts.length < 4) return;
    const m = mul(viewport, ctm);
    const p: number[] = [];
    for (let i = 0; i < pts.length; i += 2) p.push(...apply(m, pts[i], pts[i + 1]));
    if (stroke) {
      for (let i = 2; i < p.length; i += 2) addSegment(p[i - 2], p[i - 1], p[i], p[i + 1]);
      if (closed && p.length > 4) addSegment(p[p.length - 2], p[p.length - 1], p[0], p[1]);
    }
    if (fill && !stroke) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i < p.length; i += 2) {
        x0 = Math.min(x0, p[i]); x1 = Math.max(x1, p[i]);
        y0 = Math.min(y0, p[i + 1]); y1 = Math.max(y1, p[i + 1]);
      }
      const w = x1 - x0;
      const ht = y1 - y0;
      if (ht <= RULE_THICKNESS && w >= MIN_RULE) addSegment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
      else if (w <= RULE_THICKNESS && ht >= MIN_RULE) addSegment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
    }
  };

  const n = ops.fnArray.length;
  for (let i = 0; i < n; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform && Array.isArray(args)) ctm = mul(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (m && typeof (m as ArrayLike<number>).length === 'number' && (m as ArrayLike<number>).length === 6) ctm = mul(ctm, Array.from(m as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath && args) {
      const op = args[0] as number;
      const stroke = strokeOps.has(op);
      const fill = fillOps.has(op);
      if (!stroke && !fill) continue;
      const buf = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!buf) continue;
      let pts: number[] = [];
      let curved = false;
      for (let k = 0; k < buf.length; ) {
        const d = buf[k++];
        if (d === MOVE) {
          if (!curved) subpath(pts, false, stroke, fill);
          pts = [buf[k], buf[k + 1]];
          curved = false;
          k += 2;
        } else if (d === LINE) {
          pts.push(buf[k], buf[k + 1]);
          k += 2;
        } else if (d === CURVE) {
          curved = true;
          k += 6;
        } else if (d === CLOSE) {
          if (!curved) subpath(pts, true, stroke, fill);
          pts = pts.slice(0, 2);
          curved = false;
        } else break; // unknown code: stop reading this path
      }
      if (!curved) subpath(pts, false, stroke, fill);
    }
  }
  return { h, v };
}

/** Merge rules that lie on one line and touch or overlap. */
function mergeRules(rules: Rule[]): Rule[] {
  const sorted = [...rules].sort((a, b) => a.at - b.at || a.from - b.from);
  // cluster by position across
  const clusters: Rule[][] = [];
  for (const r of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && r.at - last[0].at <= TOL) last.push(r);
    else clusters.push([r]);
  }
  const out: Rule[] = [];
  for (const c of clusters) {
    const at = c.reduce((s, r) => s + r.at, 0) / c.length;
    const pieces = [...c].sort((a, b) => a.from - b.from);
    let cur = { at, from: pieces[0].from, to: pieces[0].to };
    for (const p of pieces.slice(1)) {
      if (p.from <= cur.to + TOL) cur.to = Math.max(cur.to, p.to);
      else {
        out.push(cur);
        cur = { at, from: p.from, to: p.to };
      }
    }
    out.push(cur);
  }
  return out;
}

function uniqueSorted(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    if (out.length === 0 || v - out[out.length - 1] > TOL) out.push(v);
  }
  return out;
}

interface Grid {
  xs: number[];
  ys: number[];
  cells: Array<Array<{ r: number; c: number; rowSpan: number; colSpan: number; x0: number; x1: number; y0: number; y1: number }>>;
}

/** Connected sets of rules with ≥ 2 horizontals and ≥ 2 verticals, as grids of cells. */
export function gridsFromRulings(r: Rulings): Grid[] {
  const h = mergeRules(r.h);
  const v = mergeRules(r.v);
  if (h.length < 2 || v.length < 2 || h.length * v.length > MAX_CELLS * 20) return [];
  // union-find over h (0..H-1) and v (H..H+V-1)
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      const a = h[i];
      const b = v[j];
      if (b.at >= a.from - TOL && b.at <= a.to + TOL && a.at >= b.from - TOL && a.at <= b.to + TOL) parent[find(i)] = find(h.length + j);
    }
  }
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  h.forEach((x, i) => {
    const k = find(i);
    if (!groups.has(k)) groups.set(k, { h: [], v: [] });
    groups.get(k)!.h.push(x);
  });
  v.forEach((x, j) => {
    const k = find(h.length + j);
    if (!groups.has(k)) groups.set(k, { h: [], v: [] });
    groups.get(k)!.v.push(x);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const grid = buildGrid(g.h, g.v);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.ys[0] - b.ys[0]);
}

function buildGrid(h: Rule[], v: Rule[]): Grid | null {
  // A row cut by a page break may have no rule under it (Chromium leaves it open): the
  // verticals still run down to the cut, so their ends close the grid there.
  const left = Math.min(...v.map((l) => l.at));
  const right = Math.max(...v.map((l) => l.at));
  const top = Math.min(...v.map((l) => l.from));
  const bottom = Math.max(...v.map((l) => l.to));
  const hs = h.map((l) => l.at);
  if (bottom > Math.max(...hs) + 3 * TOL) h = [...h, { at: bottom, from: left, to: right }];
  if (top < Math.min(...hs) - 3 * TOL) h = [...h, { at: top, from: left, to: right }];
  const ys = uniqueSorted(h.map((l) => l.at));
  const xs = uniqueSorted(v.map((l) => l.at));
  const nRows = ys.length - 1;
  const nCols = xs.length - 1;
  if (nRows < 1 || nCols < 1 || nRows * nCols > MAX_CELLS) return null;
  const covered = (rules: Rule[], at: number, mid: number) =>
    rules.some((l) => Math.abs(l.at - at) <= TOL && mid >= l.from - TOL && mid <= l.to + TOL);
  // border above row r over column c / left of column c over row r
  const hBorder = (r: number, c: number) => covered(h, ys[r], (xs[c] + xs[c + 1]) / 2);
  const vBorder = (r: number, c: number) => covered(v, xs[c], (ys[r] + ys[r + 1]) / 2);
  const owner: boolean[][] = Array.from({ length: nRows }, () => Array<boolean>(nCols).fill(false));
  const cells: Grid['cells'] = [];
  for (let r = 0; r < nRows; r++) {
    const row: Grid['cells'][number] = [];
    for (let c = 0; c < nCols; c++) {
      if (owner[r][c]) continue;
      let w = 1;
      while (c + w < nCols && !owner[r][c + w] && !vBorder(r, c + w)) w++;
      let ht = 1;
      while (r + ht < nRows) {
        let open = true;
        for (let cc = c; cc < c + w; cc++) if (owner[r + ht][cc] || hBorder(r + ht, cc)) open = false;
        if (!open) break;
        ht++;
      }
      for (let rr = r; rr < r + ht; rr++) for (let cc = c; cc < c + w; cc++) owner[rr][cc] = true;
      row.push({ r, c, rowSpan: ht, colSpan: w, x0: xs[c], x1: xs[c + w], y0: ys[r], y1: ys[r + ht] });
    }
    cells.push(row);
  }
  if (cells.flat().length < 2) return null;
  return { xs, ys, cells };
}

/**
 * The page's ruled tables with their text: `items` are the page's text items (PDF user
 * space), `viewport` the page viewport's transform.
 */
export function tablesOnPage(page: number, rulings: Rulings, items: readonly TextItem[], viewport: Matrix): PageTable[] {
  const grids = gridsFromRulings(rulings);
  if (grids.length === 0) return [];
  const buckets = grids.map((g) => g.cells.map((row) => row.map(() => [] as TextItem[])));
  for (const it of items) {
    if (typeof it.str !== 'string' || !it.transform) continue;
    const [x, y] = apply(viewport, it.transform[4], it.transform[5]);
    search: for (let gi = 0; gi < grids.length; gi++) {
      const g = grids[gi];
      if (x < g.xs[0] - TOL || x > g.xs[g.xs.length - 1] + TOL || y < g.ys[0] - TOL || y > g.ys[g.ys.length - 1] + TOL) continue;
      for (let ri = 0; ri < g.cells.length; ri++) {
        const row = g.cells[ri];
        for (let ci = 0; ci < row.length; ci++) {
          const cell = row[ci];
          if (x >= cell.x0 - TOL && x <= cell.x1 + TOL && y >= cell.y0 - TOL && y <= cell.y1 + TOL) {
            buckets[gi][ri][ci].push(it);
            break search;
          }
        }
      }
    }
  }
  return grids.map((g, gi) => {
    const rows = g.cells.map((row, ri) =>
      row.map((cell, ci) => ({
        c: cell.c,
        cell: {
          text: pageLines(buckets[gi][ri][ci]).map((l) => l.text).join('\n').trim(),
          rowSpan: cell.rowSpan,
          colSpan: cell.colSpan,
        },
      })),
    );
    return { page, top: g.ys[0], rows: dropEmptyRows(rows).map((row) => row.map((x) => x.cell)) };
  });
}

type Placed = { c: number; cell: TableCell };

/**
 * Rows with no text of their own go. They come from rules that split only some columns: a
 * browser that breaks a row over two pages draws what is left of a row-spanning cell on the
 * new page as its own box, leaving a sliver row that would otherwise read as a task row
 * without a number. Spans from above that run through such a row shrink by one; a cell that
 * starts in it and spans further starts one row lower instead.
 */
function dropEmptyRows(rows: Placed[][]): Placed[][] {
  const isEmpty = (row: Placed[]) => row.length > 0 && row.every((x) => x.cell.text === '');
  if (!rows.some(isEmpty) || rows.every(isEmpty)) return rows;
  const out = rows.map((row) => row.map((x) => ({ c: x.c, cell: { ...x.cell } })));
  for (let r = out.length - 1; r >= 0; r--) {
    if (!isEmpty(out[r])) continue;
    for (let k = 0; k < r; k++) for (const x of out[k]) if (k + x.cell.rowSpan > r) x.cell.rowSpan--;
    const moved = out[r].filter((x) => x.cell.rowSpan > 1).map((x) => ({ c: x.c, cell: { ...x.cell, rowSpan: x.cell.rowSpan - 1 } }));
    if (r + 1 < out.length && moved.length) out[r + 1] = [...out[r + 1], ...moved].sort((a, b) => a.c - b.c);
    out.splice(r, 1);
  }
  return out;
}
