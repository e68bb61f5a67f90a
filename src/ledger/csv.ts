/**
 * The ledger as CSV for Excel and WPS: UTF-8 with a byte-order mark (without it both
 * read the file as GBK and the Chinese comes out garbled), RFC 4180 quoting, CRLF.
 */
import { columnsFor } from './columns.js';
import type { LedgerRow } from './types.js';

const BOM = '\uFEFF';

/** One RFC 4180 field: quoted when it holds a quote, comma, CR or LF; quotes doubled. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV/formula injection (OWASP "CSV Injection"): a cell from a document that starts with
 * = + - @ (or a tab or CR, which Excel skips before them) is a live formula in Excel and WPS
 * — `=HYPERLINK(…)` sends data away on a click. Such a cell gets a leading apostrophe, which
 * both show as text. Used for the CSV and the XLSX ledger.
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function renderCsv(rows: LedgerRow[]): string {
  const columns = columnsFor(rows);
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  rows.forEach((r, i) => lines.push(columns.map((c) => csvField(neutralizeFormula(c.text(r, i)))).join(',')));
  return BOM + lines.map((l) => l + '\r\n').join('');
}
