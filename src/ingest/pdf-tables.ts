/**
 * Ruled tables of a PDF page, with real rowSpan/colSpan.
 *
 * pdf-parse's public getTable() returns cell strings only: a horizontally merged
 * cell loses its colspan and a vertically merged one comes back as an extra ""
 * cell. pdf-parse does find the ruling lines (including the gaps where merged
 * cells have no border), so this module reuses its line detection
 * (PDFParse#getPageTables → LineStore → Table, pdf-parse 2.4.5 internals) and
 * builds the cells itself:
 *   - the grid is every distinct ruling x (columns) and y (rows);
 *   - a grid cell is merged with its right/lower neighbour when the border
 *     between them is missing (lies in a gap of the ruling line);
 *   - each text item goes to the cell that contains its origin.
 * If those internals are not there (another pdf-parse version), the caller
 * falls back to getTable() with span-1 cells.
 */
import type { TableCell } from '../model.js';

const TOL = 2;

interface Pt {
  x: number;
  y: number;
}
interface Seg {
  from: Pt;
  to: Pt;
  gaps: Seg[];
}
interface PLTable {
  hLines: Seg[];
  vLines: Seg[];
}
interface PLStore {
  normalize(): void;
  getTables(): PLTable[];
}
interface PdfPage {
  getViewport(o: { scale: number }): { transform: number[] };
  getTextContent(o?: object): Promise<{ items: Array<{ str?: string; transform?: number[]; hasEOL?: boolean }> }>;
  cleanup(): void;
}
interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
}
interface Internals {
  load(): Promise<PdfDoc>;
  getPageTables(page: PdfPage): Promise<PLStore>;
}

export interface PageTable {
  page: number;
  rows: TableCell[][];
  /** Top of the table in viewport coordinates (y grows downwards). */
  top: number;
}

function hasInternals(p: unknown): p is Internals {
  const o = p as Partial<Internals> | null;
  return !!o && typeof o.load === 'function' && typeof o.getPageTables === 'function';
}

/** Is `v` covered by `seg` (along `axis`) and not inside one of its gaps? */
function covers(seg: Seg, axis: 'x' | 'y', v: number): boolean {
  if (v < seg.from[axis] - TOL || v > seg.to[axis] + TOL) return false;
  for (const g of seg.gaps) {
    const lo = Math.min(g.from[axis], g.to[axis]);
    const hi = Math.max(g.from[axis], g.to[axis]);
    if (v > lo && v < hi) return false;
  }
  return true;
}

function uniqueSorted(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    if (out.length === 0 || v - out[out.length - 1] > TOL) out.push(v);
  }
  return out;
}

interface Rect {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string[];
}

/** Cells of one ruled table: merge grid cells whose shared border is missing. */
function buildCells(t: PLTable): { rects: Rect[][]; xs: number[]; ys: number[] } | null {
  const ys = uniqueSorted(t.hLines.map((l) => l.from.y));
  const xs = uniqueSorted(t.vLines.map((l) => l.from.x));
  const nRows = ys.length - 1;
  const nCols = xs.length - 1;
  if (nRows < 1 || nCols < 1) return null;
  const hAt = (y: number) => t.hLines.filter((l) => Math.abs(l.from.y - y) <= TOL);
  const vAt = (x: number) => t.vLines.filter((l) => Math.abs(l.from.x - x) <= TOL);
  // border below grid row r-1 / above row r, over column c
  const hBorder = (r: number, c: number) => hAt(ys[r]).some((l) => covers(l, 'x', (xs[c] + xs[c + 1]) / 2));
  // border left of column c, over row r
  const vBorder = (r: number, c: number) => vAt(xs[c]).some((l) => covers(l, 'y', (ys[r] + ys[r + 1]) / 2));

  const owner: (Rect | null)[][] = Array.from({ length: nRows }, () => Array<Rect | null>(nCols).fill(null));
  const rects: Rect[][] = [];
  for (let r = 0; r < nRows; r++) {
    const row: Rect[] = [];
    for (let c = 0; c < nCols; c++) {
      if (owner[r][c]) continue;
      let w = 1;
      while (c + w < nCols && !owner[r][c + w] && !vBorder(r, c + w)) w++;
      let h = 1;
      while (r + h < nRows) {
        let open = true;
        for (let cc = c; cc < c + w; cc++) if (owner[r + h][cc] || hBorder(r + h, cc)) open = false;
        if (!open) break;
        h++;
      }
      const rect: Rect = { r, c, rowSpan: h, colSpan: w, x0: xs[c], x1: xs[c + w], y0: ys[r], y1: ys[r + h], text: [] };
      for (let rr = r; rr < r + h; rr++) for (let cc = c; cc < c + w; cc++) owner[rr][cc] = rect;
      row.push(rect);
    }
    rects.push(row);
  }
  return { rects, xs, ys };
}

function mul(m1: number[], m2: number[]): number[] {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/**
 * Tables of every page with spans, or null when pdf-parse's internals are not
 * available (then use the public getTable()).
 */
export async function tablesWithSpans(parser: unknown, fromPage = 1): Promise<PageTable[] | null> {
  if (!hasInternals(parser)) return null;
  const doc = await parser.load();
  const out: PageTable[] = [];
  for (let n = fromPage; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    try {
      const store = await parser.getPageTables(page);
      if (typeof store?.normalize !== 'function' || typeof store.getTables !== 'function') return null;
      store.normalize();
      const built = store
        .getTables()
        .map(buildCells)
        .filter((b): b is NonNullable<typeof b> => b !== null && b.rects.flat().length > 1);
      if (built.length === 0) continue;
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
      for (const item of content.items) {
        if (typeof item.str !== 'string' || !item.transform) continue;
        const tx = mul(mul(viewport.transform, item.transform), [1, 0, 0, -1, 0, 0]);
        const x = tx[4];
        const y = tx[5];
        search: for (const b of built) {
          for (const row of b.rects) {
            for (const rect of row) {
              if (x >= rect.x0 - TOL && x <= rect.x1 + TOL && y >= rect.y0 - TOL && y <= rect.y1 + TOL) {
                rect.text.push(item.str);
                if (item.hasEOL) rect.text.push('\n');
                break search;
              }
            }
          }
        }
      }
      for (const b of built) {
        out.push({
          page: n,
          top: b.ys[0],
          rows: b.rects.map((row) =>
            row.map((rect) => ({ text: rect.text.join('').trim(), rowSpan: rect.rowSpan, colSpan: rect.colSpan })),
          ),
        });
      }
    } finally {
      page.cleanup();
    }
  }
  return out;
}
