/**
 * The columns of the ledger as a table (XLSX and CSV): what the clerk acts on first
 * (requirement, units, time limit, due date), where it comes from last.
 */
import type { LedgerRow } from './types.js';
import { dueDates, formatPosition, normalizedDeadlines, originLabel, viaLabel } from './index.js';

export interface LedgerColumn {
  key: string;
  header: string;
  /** The cell as text (XLSX may store the due date as a real date instead). */
  text(r: LedgerRow, index: number): string;
  /** Widest the XLSX column gets (in character widths); longer text wraps. */
  maxWidth: number;
}

const join = (xs: string[]): string => xs.join('、');

export const COLUMNS: LedgerColumn[] = [
  { key: 'no', header: '序号', text: (_r, i) => String(i + 1), maxWidth: 8 },
  { key: 'plan', header: '工作要点', text: (r) => r.plan, maxWidth: 30 },
  { key: 'section', header: '章节', text: (r) => r.sectionPath, maxWidth: 8 },
  { key: 'sectionTitle', header: '章节标题', text: (r) => r.sectionTitle, maxWidth: 30 },
  { key: 'requirement', header: '工作要求', text: (r) => r.requirement, maxWidth: 60 },
  { key: 'lead', header: '牵头单位', text: (r) => join(r.lead), maxWidth: 30 },
  { key: 'responsible', header: '责任单位', text: (r) => join(r.responsible), maxWidth: 40 },
  { key: 'deadlineText', header: '完成时限（原文）', text: (r) => r.deadlineText, maxWidth: 24 },
  { key: 'deadline', header: '时限（规范化）', text: (r) => normalizedDeadlines(r), maxWidth: 30 },
  { key: 'due', header: '截止日期', text: (r) => dueDates(r).join('；'), maxWidth: 24 },
  { key: 'origin', header: '来源', text: (r) => originLabel(r), maxWidth: 14 },
  { key: 'position', header: '原文位置', text: (r) => formatPosition(r.position), maxWidth: 16 },
  { key: 'file', header: '来源文件', text: (r) => r.file, maxWidth: 40 },
];

/** A unit's ledger (--unit) says, after the units, whether a row names the unit or reaches it through a group. */
export const UNIT_COLUMN: LedgerColumn = { key: 'via', header: '涉及本单位', text: (r) => viaLabel(r), maxWidth: 24 };

/** The columns for these rows: UNIT_COLUMN only when the rows are a unit's ledger. */
export function columnsFor(rows: LedgerRow[]): LedgerColumn[] {
  if (!rows.some((r) => r.forUnit)) return COLUMNS;
  const at = COLUMNS.findIndex((c) => c.key === 'responsible') + 1;
  return [...COLUMNS.slice(0, at), UNIT_COLUMN, ...COLUMNS.slice(at)];
}

/** Display width: CJK and full-width characters count 2, others 1. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u201C\u201D\u2018\u2019\u2014\u2026\u{20000}-\u{3FFFD}]/u;
