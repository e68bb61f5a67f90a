/**
 * XLSX via exceljs: many offices publish the 任务分解表 / 重点任务清单 as a spreadsheet.
 *
 * - Each worksheet with content becomes one SourceTable: rows of the cells that start in that
 *   row, merged ranges as rowSpan/colSpan with the covered cells omitted (as for DOCX tables).
 * - Rows above the table that hold a single value (a title merged across the sheet, such as
 *   "2022年槐荫区政务公开重点工作任务分解表") also become lines, so the plan title is found.
 * - Positions: `page` is the worksheet's number (1-based), `line` the row, `column` the column;
 *   every row's position is kept (rowPositions), so each task row points at its own row.
 */
import type { SourceLine, SourceTable, SourceText, TableCell } from '../model.js';
import { corrupt, emptyFile } from './errors.js';
import { measureQuality } from './quality.js';

const EXCEL = { zh: ' Excel 表格（.xlsx）', en: 'Excel (.xlsx)' };

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
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw corrupt(path, EXCEL, { zh: '无法读取表格内容', en: `cannot read the workbook (${(e as Error).message})` });
  }

  const tables: SourceTable[] = [];
  const lines: SourceLine[] = [];
  let allText = '';
  wb.worksheets.forEach((ws, si) => {
    const page = si + 1;
    const height = ws.rowCount;
    const width = ws.columnCount;
    if (!height || !width) return;
    const spans = new Map<string, [number, number]>(); // top-left → [rowSpan, colSpan]
    const covered = new Set<string>();
    for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
      const [t, l, b, r] = range(ref);
      spans.set(`${t},${l}`, [b - t + 1, r - l + 1]);
      for (let y = t; y <= b; y++) for (let x = l; x <= r; x++) if (y !== t || x !== l) covered.add(`${y},${x}`);
    }
    const rows: TableCell[][] = [];
    for (let y = 0; y < height; y++) {
      const row: TableCell[] = [];
      for (let x = 0; x < width; x++) {
        if (covered.has(`${y},${x}`)) continue;
        const [rowSpan, colSpan] = spans.get(`${y},${x}`) ?? [1, 1];
        row.push({ text: cellText(ws.getCell(y + 1, x + 1).value).trim(), rowSpan, colSpan });
      }
      const filled = row.filter((c) => c.text);
      // A lone value above the table body (a title row) is also a line of text.
      if (filled.length === 1 && rows.every((r) => r.filter((c) => c.text).length <= 1)) {
        lines.push({ text: filled[0].text, page, line: y + 1 });
      }
      allText += row.map((c) => c.text).join('\t') + '\n';
      rows.push(row);
    }
    while (rows.length && rows[rows.length - 1].every((c) => !c.text)) rows.pop();
    if (rows.length) tables.push({ rows, position: { page, line: 1, column: 1 }, rowPositions: rows.map((_, y) => ({ page, line: y + 1, column: 1 })) });
  });
  if (!allText.replace(/\s/g, '')) throw emptyFile(path, { zh: '表格中没有文字', en: 'The workbook has no text' });
  return { path, format: 'xlsx', pages: wb.worksheets.length, lines, tables, quality: measureQuality(allText), messages: [] };
}
