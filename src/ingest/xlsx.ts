/**
 * XLSX via exceljs: many offices publish the 任务分解表 / 重点任务清单 as a spreadsheet.
 *
 * - Each worksheet with content becomes one SourceTable: rows of the cells that start in that
 *   row, merged ranges as rowSpan/colSpan with the covered cells omitted (as for DOCX tables).
 * - Rows above the table that hold a single value (a title merged across the sheet, such as
 *   "2022年槐荫区政务公开重点工作任务分解表") also become lines, so the plan title is found.
 * - Positions: `page` is the worksheet's number (1-based), `line` the row, `column` the column;
 *   every row's position is kept (rowPositions), so each task row points at its own row.
 * - Hostile sheets (issue 15): the package is opened within the ZIP caps (./zip.ts); the
 *   range a sheet uses is taken from its filled cells, not from its declared <dimension>;
 *   merged ranges are cut to that range before exceljs sees them (it creates every cell of
 *   a merge), and the table is built from the rows and columns that hold something, so one
 *   cell at XFD1048576 costs one cell, not 17 billion.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { SourceLine, SourceTable, SourceText, TableCell } from '../model.js';
import { corrupt, emptyFile, tooLarge } from './errors.js';
import { attr, children, type XEl } from './docx-numbering.js';
import { openZip, storedZip } from './zip.js';
import { measureQuality } from './quality.js';

const EXCEL = { zh: ' Excel 表格（.xlsx）', en: 'Excel (.xlsx)' };
const EXCEL_FILE = { zh: '该 Excel 文件', en: 'the Excel file' };
/** Filled cells of one workbook, and cells covered by merges after cutting them to the used range. */
export const XLSX_LIMITS = { cells: 500_000, mergedCells: 200_000 };

/** 'XFD1048576' → [row, col], 1-based; null when it is not a cell reference. */
function a1(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  return [Number(m[2]), [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)];
}
function colName(c: number): string {
  let s = '';
  for (; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * Rewrite one worksheet's XML: <dimension> becomes the range of its filled cells and each
 * merged range is cut to it (dropped when nothing is left). Returns the new XML and counts.
 */
function boundSheet(xml: Uint8Array, path: string): { xml: Uint8Array; cells: number; merged: number } {
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(
    new TextDecoder('utf-8').decode(xml),
    'text/xml',
  ) as unknown as { documentElement: XEl | null };
  const root = doc.documentElement;
  if (!root) return { xml, cells: 0, merged: 0 };
  let top = Infinity, left = Infinity, bottom = 0, right = 0, cells = 0;
  const sheetData = children(root, 'sheetData')[0];
  let r = 0;
  for (const row of children(sheetData, 'row')) {
    r = Number(attr(row, 'r')) || r + 1;
    let c = 0;
    for (const cell of children(row, 'c')) {
      const at = a1(attr(cell, 'r') ?? '');
      c = at ? at[1] : c + 1;
      const rr = at ? at[0] : r;
      if (!children(cell).some((k) => k.localName === 'v' || k.localName === 'is' || k.localName === 'f')) continue;
      cells++;
      top = Math.min(top, rr);
      bottom = Math.max(bottom, rr);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  if (cells === 0) return { xml, cells: 0, merged: 0 };
  const dim = children(root, 'dimension')[0] as (XEl & { setAttribute(n: string, v: string): void }) | undefined;
  dim?.setAttribute('ref', `${colName(left)}${top}:${colName(right)}${bottom}`);
  let merged = 0;
  for (const holder of children(root, 'mergeCells')) {
    for (const m of children(holder, 'mergeCell') as Array<XEl & { setAttribute(n: string, v: string): void }>) {
      const [a, b] = (attr(m, 'ref') ?? '').split(':');
      const p = a1(a ?? '');
      const q = a1(b ?? a ?? '');
      const t = p && q ? Math.max(Math.min(p[0], q[0]), top) : 0;
      const l = p && q ? Math.max(Math.min(p[1], q[1]), left) : 0;
      const bt = p && q ? Math.min(Math.max(p[0], q[0]), bottom) : -1;
      const rt = p && q ? Math.min(Math.max(p[1], q[1]), right) : -1;
      if (bt < t || rt < l || (bt === t && rt === l)) {
        (holder as unknown as { removeChild(c: XEl): void }).removeChild(m);
        continue;
      }
      merged += (bt - t + 1) * (rt - l + 1);
      if (merged > XLSX_LIMITS.mergedCells) {
        throw tooLarge(path, { zh: '该 Excel 文件的合并单元格覆盖范围过大', en: 'the merged ranges of the Excel file cover too many cells' }, { zh: `${XLSX_LIMITS.mergedCells} 个单元格`, en: `${XLSX_LIMITS.mergedCells} cells` });
      }
      m.setAttribute('ref', `${colName(l)}${t}:${colName(rt)}${bt}`);
    }
  }
  return { xml: new TextEncoder().encode(new XMLSerializer().serializeToString(doc as never)), cells, merged };
}

/** The workbook package with every sheet bounded (see boundSheet), re-packed for exceljs. */
function prepareXlsx(bytes: Uint8Array, path: string): Uint8Array {
  const zip = openZip(bytes, path, EXCEL_FILE);
  if (zip.names.length === 0) return bytes; // no directory: exceljs reports the damage
  let cells = 0;
  const parts: Array<{ name: string; data: Uint8Array }> = [];
  for (const name of zip.names) {
    if (name.endsWith('/')) continue;
    let data = /\.(xml|rels)$/i.test(name) ? zip.read(name) : new Uint8Array(0);
    if (!data) continue;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      const b = boundSheet(data, path);
      cells += b.cells;
      if (cells > XLSX_LIMITS.cells) {
        throw tooLarge(path, { zh: '该 Excel 文件的单元格过多', en: 'the Excel file has too many filled cells' }, { zh: `${XLSX_LIMITS.cells} 个`, en: `${XLSX_LIMITS.cells}` });
      }
      data = b.xml;
    }
    parts.push({ name, data });
  }
  return storedZip(parts);
}

/** Text of a cell value of any exceljs kind (string, number, rich text, formula, date). */
function cellText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { richText?: { text: string }[]; text?: string; result?: unknown; hyperlink?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return String(v.text);
  if (v.result !== undefined) return cellText(v.result);
  return '';
}

/** 'B3:C8' → zero-based [top, left, bottom, right]. */
function range(ref: string): [number, number, number, number] {
  const at = (a1: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return [Number(m[2]) - 1, col - 1];
  };
  const [a, b] = ref.split(':');
  const [t, l] = at(a);
  const [bt, r] = at(b ?? a);
  return [t, l, bt, r];
}

export async function ingestXlsx(bytes: Uint8Array, path: string): Promise<SourceText> {
  const { default: ExcelJS } = await import('exceljs');
  const pkg = prepareXlsx(bytes, path);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(pkg) as unknown as ArrayBuffer);
  } catch (e) {
    throw corrupt(path, EXCEL, { zh: '无法读取表格内容', en: `cannot read the workbook (${(e as Error).message})` });
  }

  const tables: SourceTable[] = [];
  const lines: SourceLine[] = [];
  let allText = '';
  wb.worksheets.forEach((ws, si) => {
    const page = si + 1;
    // Only rows and columns that hold something (or anchor a merge) make the table.
    const texts = new Map<string, string>();
    const usedRows = new Set<number>();
    const usedCols = new Set<number>();
    ws.eachRow({ includeEmpty: false }, (row, y) => {
      row.eachCell({ includeEmpty: false }, (cell, x) => {
        if (cell.isMerged && cell.master !== cell) return;
        const t = cellText(cell.value).trim();
        if (!t) return;
        texts.set(`${y - 1},${x - 1}`, t);
        usedRows.add(y - 1);
        usedCols.add(x - 1);
      });
    });
    if (texts.size === 0) return;
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(range);
    for (const [t, l] of merges) {
      usedRows.add(t);
      usedCols.add(l);
    }
    const ys = [...usedRows].sort((a, b) => a - b);
    const xs = [...usedCols].sort((a, b) => a - b);
    const spans = new Map<string, [number, number]>(); // top-left → [rowSpan, colSpan] in kept rows/columns
    const covered = new Set<string>();
    const keptIn = (list: number[], lo: number, hi: number) => list.filter((v) => v >= lo && v <= hi);
    for (const [t, l, b, r] of merges) {
      const ry = keptIn(ys, t, b);
      const rx = keptIn(xs, l, r);
      spans.set(`${t},${l}`, [ry.length, rx.length]);
      for (const y of ry) for (const x of rx) if (y !== t || x !== l) covered.add(`${y},${x}`);
    }
    const rows: TableCell[][] = [];
    const rowNumbers: number[] = [];
    for (const y of ys) {
      const row: TableCell[] = [];
      for (const x of xs) {
        if (covered.has(`${y},${x}`)) continue;
        const [rowSpan, colSpan] = spans.get(`${y},${x}`) ?? [1, 1];
        row.push({ text: texts.get(`${y},${x}`) ?? '', rowSpan, colSpan });
      }
      const filled = row.filter((c) => c.text);
      // A lone value above the table body (a title row) is also a line of text.
      if (filled.length === 1 && rows.every((r) => r.filter((c) => c.text).length <= 1)) {
        lines.push({ text: filled[0].text, page, line: y + 1 });
      }
      allText += row.map((c) => c.text).join('\t') + '\n';
      rows.push(row);
      rowNumbers.push(y + 1);
    }
    while (rows.length && rows[rows.length - 1].every((c) => !c.text)) rows.pop();
    if (rows.length) tables.push({ rows, position: { page, line: 1, column: 1 }, rowPositions: rows.map((_, i) => ({ page, line: rowNumbers[i], column: 1 })) });
  });
  if (!allText.replace(/\s/g, '')) throw emptyFile(path, { zh: '表格中没有文字', en: 'The workbook has no text' });
  return { path, format: 'xlsx', pages: wb.worksheets.length, lines, tables, quality: measureQuality(allText), messages: [] };
}
