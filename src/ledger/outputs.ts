/**
 * The outputs of `ledger`, declared once: name, what it is, extension, whether it is binary
 * (then it needs -o) and its writer (loaded lazily). The CLI's --format choices, the format
 * picked from the -o extension and the help text come from this table.
 */
import type { Text } from '../i18n/index.js';
import type { LedgerRow } from './types.js';

export interface LedgerRenderOptions {
  /** XLSX: one more sheet per unit. */
  byUnit?: boolean;
  /** The unit the rows were kept for (--unit). */
  unit?: string;
}

export interface LedgerOutput {
  name: string;
  label: Text;
  extension: string;
  /** Binary outputs are never written to a terminal or stdout. */
  binary: boolean;
  render(rows: LedgerRow[], opts: LedgerRenderOptions): Promise<string | Uint8Array>;
}

export const LEDGER_OUTPUTS: readonly LedgerOutput[] = [
  {
    name: 'xlsx',
    label: { zh: 'Excel 工作簿', en: 'Excel workbook' },
    extension: '.xlsx',
    binary: true,
    render: async (rows, o) => (await import('./xlsx.js')).renderXlsx(rows, { byUnit: o.byUnit, unit: o.unit }),
  },
  {
    name: 'csv',
    label: { zh: 'CSV 表格', en: 'CSV table' },
    extension: '.csv',
    binary: false,
    render: async (rows) => (await import('./csv.js')).renderCsv(rows),
  },
  {
    name: 'ics',
    label: { zh: '日历（有截止日期的行）', en: 'calendar (rows with a due date)' },
    extension: '.ics',
    binary: false,
    render: async (rows, o) => (await import('./ics.js')).renderIcs(rows, { calName: o.unit ? `${o.unit} 工作台账` : undefined, unit: o.unit }),
  },
  {
    name: 'json',
    label: { zh: 'JSON（schema/ledger.schema.json）', en: 'JSON (schema/ledger.schema.json)' },
    extension: '.json',
    binary: false,
    render: async (rows) => (await import('./json.js')).renderJson(rows),
  },
];

export const LEDGER_FORMATS: readonly string[] = LEDGER_OUTPUTS.map((o) => o.name);

export function ledgerOutput(name: string): LedgerOutput | undefined {
  return LEDGER_OUTPUTS.find((o) => o.name === name);
}

/** -o 台账.csv → csv */
export function ledgerFormatFromName(file: string | undefined): string | undefined {
  const lower = file?.toLowerCase();
  return lower ? LEDGER_OUTPUTS.find((o) => lower.endsWith(o.extension))?.name : undefined;
}
