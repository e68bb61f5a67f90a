/**
 * The ledger as an Excel workbook (exceljs): one sheet per plan and, with `byUnit`, one
 * per unit. Every sheet has a bold header row that stays in view (frozen) and is repeated
 * on every printed page, an auto-filter on the header, columns as wide as their Chinese
 * text (a CJK character counts 2) up to a limit past which text wraps, and a real date in
 * 截止日期 when a row has exactly one, so Excel can sort and filter by it.
 */
import type { Worksheet } from 'exceljs';
import { columnsFor, displayWidth } from './columns.js';
import { dueDates, forUnit, unitsOf } from './index.js';
import { neutralizeFormula } from './csv.js';
import type { LedgerRow } from './types.js';

export interface XlsxOptions {
  /** Add one sheet per unit named by the rows (and one for rows naming none). */
  byUnit?: boolean;
  /** With byUnit: only the sheets of units whose name contains this. */
  unit?: string;
}

export const NO_UNIT_SHEET = '未明确单位';
/** Points per line of 11-point text, CJK fallback fonts included. */
const LINE_HEIGHT = 15;
const MAX_SHEET_NAME = 31;

export async function renderXlsx(rows: LedgerRow[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gkcheck';
  const names = new SheetNames();

  const plans = new Map<string, LedgerRow[]>();
  for (const r of rows) plans.set(r.file, [...(plans.get(r.file) ?? []), r]);
  if (!plans.size) fillSheet(wb.addWorksheet(names.take('工作台账')), []);
  for (const planRows of plans.values()) fillSheet(wb.addWorksheet(names.take(planRows[0].plan)), planRows);

  if (opts.byUnit) {
    const filter = opts.unit?.trim();
    for (const unit of unitsOf(rows)) {
      if (filter && !unit.includes(filter)) continue;
      // The unit's rows: those naming it and those given to a group that takes it in.
      const mine = forUnit(rows, unit).filter((r) => r.forUnit!.via.length || r.lead.includes(unit) || r.responsible.includes(unit));
      fillSheet(wb.addWorksheet(names.take(unit)), mine);
    }
    const none = rows.filter((r) => !r.lead.length && !r.responsible.length);
    if (none.length && !filter) fillSheet(wb.addWorksheet(names.take(NO_UNIT_SHEET)), none);
  }

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

function cellText(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v);
}

function fillSheet(ws: Worksheet, rows: LedgerRow[]): void {
  const COLUMNS = columnsFor(rows);
  const widths = COLUMNS.map((c) => displayWidth(c.header));
  const dueCol = COLUMNS.findIndex((c) => c.key === 'due') + 1;

  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });

  rows.forEach((r, i) => {
    const texts = COLUMNS.map((c) => c.text(r, i));
    texts.forEach((t, k) => {
      for (const line of t.split('\n')) widths[k] = Math.max(widths[k], displayWidth(line));
    });
    const values: (string | number | Date)[] = texts.map((t, k) => (COLUMNS[k].key === 'no' ? i + 1 : neutralizeFormula(t)));
    const due = dueDates(r);
    if (due.length === 1) values[dueCol - 1] = new Date(`${due[0]}T00:00:00Z`);
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    if (due.length === 1) row.getCell(dueCol).numFmt = 'yyyy-mm-dd';
  });

  const colWidths = COLUMNS.map((c, k) => Math.min(c.maxWidth, Math.max(6, widths[k] + 2)));
  colWidths.forEach((w, k) => {
    ws.getColumn(k + 1).width = w;
  });
  // Excel, WPS and LibreOffice keep a generated row one line high even when its text
  // wraps: give each row the height of its tallest wrapped cell.
  ws.eachRow((row, n) => {
    const lines = Math.max(
      1,
      ...COLUMNS.map((c, k) => (n === 1 ? c.header : cellText(row.getCell(k + 1).value)).split('\n').reduce((a, l) => a + Math.max(1, Math.ceil(displayWidth(l) / (colWidths[k] - 1))), 0)),
    );
    if (lines > 1) row.height = lines * LINE_HEIGHT + 2;
  });
  const border = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
  ws.eachRow((row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: border, left: border, bottom: border, right: border };
    }),
  );

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

/**
 * Excel's rules for sheet names: at most 31 characters, none of []:*?/\ , not starting
 * or ending with ', not "History", unique regardless of case.
 */
export class SheetNames {
  private used = new Set<string>();

  take(wanted: string): string {
    const base = sheetName(wanted);
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
      const suffix = `(${n})`;
      name = cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    this.used.add(name.toLowerCase());
    return name;
  }
}

const FULL_WIDTH: Record<string, string> = { '[': '［', ']': '］', ':': '：', '*': '＊', '?': '？', '/': '／', '\\': '＼' };

export function sheetName(s: string): string {
  const cleaned = s
    .replace(/[[\]:*?/\\]/g, (c) => FULL_WIDTH[c])
    .replace(/[\u0000-\u001F]/g, '')
    .replace(/^'+|'+$/g, '')
    .trim();
  return cut(cleaned, MAX_SHEET_NAME) || 'Sheet';
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function cut(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.replace(/'+$/, '');
}
