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

export function renderCsv(rows: LedgerRow[]): string {
  const columns = columnsFor(rows);
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  rows.forEach((r, i) => lines.push(columns.map((c) => csvField(c.text(r, i))).join(',')));
  return BOM + lines.map((l) => l + '\r\n').join('');
}
