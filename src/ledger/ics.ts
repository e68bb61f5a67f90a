/**
 * The ledger's due dates as an iCalendar file (the `ics` library), so a department can
 * subscribe to its own deadlines: one all-day VEVENT per row deadline that has a concrete
 * date. Summary "<unit>：<first clause of the requirement>", description with plan,
 * section, requirement, units, time limit and where it is printed. The UID depends only
 * on the plan title, the row's stable id and the deadline, so re-exporting a plan (from
 * its PDF or its Word file alike) updates events instead of duplicating them.
 */
import { createHash } from 'node:crypto';
import type { EventAttributes } from 'ics';
import { deadlineZh } from '../extract/deadline-display.js';
import { formatPosition, originLabel } from './index.js';
import type { LedgerDeadline, LedgerRow } from './types.js';

export interface IcsOptions {
  /** Calendar name shown by calendar apps. */
  calName?: string;
  /** The unit the calendar is for (--unit): summaries name it rather than the row's first units. */
  unit?: string;
}

/** The row deadlines that become events: those with a due date, one per distinct date. */
export function datedDeadlines(r: LedgerRow): (LedgerDeadline & { due: string })[] {
  const seen = new Set<string>();
  const out: (LedgerDeadline & { due: string })[] = [];
  for (const d of r.deadlines) {
    if (d.due === null || seen.has(d.due)) continue;
    seen.add(d.due);
    out.push(d as LedgerDeadline & { due: string });
  }
  return out;
}

/** How many events renderIcs writes for these rows (one per distinct due date of a row). */
export function icsEventCount(rows: LedgerRow[]): number {
  return rows.reduce((n, r) => n + datedDeadlines(r).length, 0);
}

export function eventUid(r: LedgerRow, d: LedgerDeadline & { due: string }): string {
  const h = createHash('sha256').update([r.plan, r.id, d.kind, d.value, d.due].join('\u0000')).digest('hex');
  return `${h.slice(0, 32)}@gkcheck`;
}

/**
 * "区财政局、各街道办事处" — at most two names, then 等N个单位; with `unit`, the names matching
 * it, else the groups through which the row reaches it (各街道办事处).
 */
export function unitLabel(r: LedgerRow, unit?: string): string {
  const named = unit ? [...new Set([...r.lead, ...r.responsible])].filter((u) => u.includes(unit)) : [];
  const mine = named.length ? named : unit && r.forUnit ? r.forUnit.via : [];
  const units = mine.length ? mine : r.lead.length ? r.lead : r.responsible;
  if (units.length <= 2) return units.join('、');
  return `${units.slice(0, 2).join('、')}等${units.length}个单位`;
}

/** The requirement's first clause, at most 30 characters. */
export function requirementHead(text: string, max = 30): string {
  const clause = text.split(/[，。；：,;]/)[0] || text;
  const chars = [...clause];
  return chars.length > max ? chars.slice(0, max).join('') + '…' : clause;
}

export async function renderIcs(rows: LedgerRow[], opts: IcsOptions = {}): Promise<string> {
  const ics = await import('ics');
  const events: EventAttributes[] = [];
  for (const r of rows) {
    for (const d of datedDeadlines(r)) {
      const [y, m, day] = d.due.split('-').map(Number);
      const next = new Date(Date.UTC(y, m - 1, day + 1));
      const unit = unitLabel(r, opts.unit);
      const head = requirementHead(r.requirement);
      const description = [
        `工作要点：${r.plan}`,
        `章节：${[r.sectionPath, r.sectionTitle].filter(Boolean).join(' ')}`,
        `工作要求：${r.requirement}`,
        r.lead.length ? `牵头单位：${r.lead.join('、')}` : '',
        r.responsible.length ? `责任单位：${r.responsible.join('、')}` : '',
        r.forUnit?.via.length ? `涉及本单位：${r.forUnit.unit}（经${r.forUnit.via.join('、')}）` : '',
        `完成时限：${d.text}（${deadlineZh(d)}，截止 ${d.due}）`,
        `来源：${r.file} ${formatPosition(r.position)}（${originLabel(r)}）`,
      ]
        .filter(Boolean)
        .join('\n');
      events.push({
        uid: eventUid(r, d),
        title: unit ? `${unit}：${head}` : head,
        description,
        start: [y, m, day],
        end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()],
        categories: ['政务公开工作台账'],
        transp: 'TRANSPARENT',
        productId: 'gkcheck',
      });
    }
  }
  const header = { productId: 'gkcheck', calName: opts.calName ?? 'gkcheck 工作台账' };
  if (!events.length) return emptyCalendar(header.productId, header.calName);
  const { error, value } = ics.createEvents(events, header);
  if (error || !value) throw error ?? new Error('ics: no output');
  return foldLines(value);
}

/**
 * RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets. `ics` folds at 75
 * characters, which for Chinese text is up to 225 octets: unfold, then fold again at
 * 75 octets without splitting a character.
 */
export function foldLines(text: string): string {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[] = [];
  for (const line of lines) {
    let cur = '';
    let octets = 0;
    for (const ch of line) {
      const n = Buffer.byteLength(ch);
      if (octets + n > 75) {
        out.push(cur);
        cur = ' ';
        octets = 1;
      }
      cur += ch;
      octets += n;
    }
    out.push(cur);
  }
  return out.join('\r\n');
}

/** Why a calendar is empty, in the file itself (calendar apps show X-WR-CALDESC) and on stderr. */
export const EMPTY_CALENDAR_NOTE = {
  zh: '日历中没有日程：没有一行的时限有具体日期（全年、持续推进、每年至少1次之类没有日期；印发后N日内的截止日期可用 --issued 指定印发日期算出）',
  en: 'The calendar has no events: no row has a time limit with a concrete date (full-year, ongoing or yearly limits have none; give --issued to date "within N days of issue")',
};

/** `ics` refuses an empty event list; an empty calendar is still a valid subscription. */
function emptyCalendar(productId: string, calName: string): string {
  const desc = `X-WR-CALDESC:${EMPTY_CALENDAR_NOTE.zh.replace(/[,;\\]/g, (c) => `\\${c}`)}`;
  return foldLines(['BEGIN:VCALENDAR', 'VERSION:2.0', 'CALSCALE:GREGORIAN', `PRODID:${productId}`, 'METHOD:PUBLISH', `X-WR-CALNAME:${calName}`, desc, 'END:VCALENDAR', ''].join('\r\n'));
}
