/** The ledger as JSON: the rows as built, for scripts (jq) and other tools. */
import type { LedgerRow } from './types.js';

export function renderJson(rows: LedgerRow[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}
