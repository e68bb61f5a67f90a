/**
 * The one clause splitter: the clauses of a requirement sentence and the subject each one
 * belongs to — what a limit is bound to. The deadline grammar (./deadlines.ts: a period
 * statement is a clause of its own, a cell's clause holds one deadline) and the rules
 * (../rules/kinds.ts: a limit binds to its clause's subject) read the same clauses. Pure
 * functions over one sentence (an Obligation's text, spaces removed, NFKC-folded or not).
 *
 *   "各部门于每年1月31日前公布…，县政府办公室于3月31日前公布全县年度报告"
 *     → clause 1 (subject 各部门), clause 2 (subject 县政府办公室): each date has its own subject.
 *   "对特别重大、重大突发事件的政务舆情…5小时内…；对其他政务舆情在48小时内予以回应"
 *     → the 48小时 clause is governed by "其他政务舆情", not by 重大突发事件.
 *
 * A clause ends at ，；：。！？ (and their ASCII forms). 、 joins list items ("特别重大、重大突发
 * 事件"), so it does not end a clause, and neither does an aside in brackets (…最长不得超过20个
 * 工作日（连同原期限不超过40个工作日）: the aside belongs to its clause). Where a time statement
 * is looked for, an aside is one of its own ("…完成（长期坚持）"): ASIDE_BREAK; in a table cell
 * (a 完成时限 cell) 、 separates statements too: CELL_CLAUSE_BREAK.
 */

export interface Clause {
  text: string;
  /** Offsets in the sentence: [start, end). */
  start: number;
  end: number;
  /** The unit that opens the clause ("县政府办公室于…"), or null. */
  subject: string | null;
}

export const CLAUSE_BREAK = /[，,；;：:。！!？?]/;
export const ASIDE_BREAK = /[，,；;：:。！!？?（）()［］\[\]【】\t]/;
export const CELL_CLAUSE_BREAK = /[，,；;：:。！!？?、（）()［］\[\]【】\t]/;

/** [start, end) of each clause of `s`, in order (empty clauses left out). */
export function clauseSpans(s: string, breaks: RegExp = CLAUSE_BREAK): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || breaks.test(s[i])) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  return out;
}

/**
 * The unit that opens a clause: a name ending in an organ word, followed by a verb-ish word
 * (要/应/于/在/负责…). Lazy, so "市政府各部门于" gives 市政府各部门, not 市政府.
 */
const SUBJECT =
  /^(?:由|请|对)?((?:各|全|本|县|市|区|镇|乡)?[\u4e00-\u9fff（）()]{0,16}?(?:部门|单位|机关|办公室|政府办|公开办|政府|办事处|街道|乡镇|镇|局|委员会|委))(?=要|应|须|必须|需|于|在|每|负责|按|将|统一|及时|依法|要在)/;

export function clauseSubject(clause: string): string | null {
  const m = SUBJECT.exec(clause);
  return m ? m[1] : null;
}

/** The clauses of one sentence, in order, each with its own subject when it names one. */
export function splitClauses(sentence: string): Clause[] {
  return clauseSpans(sentence).map(([start, end]) => {
    const text = sentence.slice(start, end);
    return { text, start, end, subject: clauseSubject(text) };
  });
}

/** The subject governing the clause at `index`: its own, else the nearest one before it. */
export function governingSubject(clauses: Clause[], index: number): string | null {
  for (let i = index; i >= 0; i--) if (clauses[i].subject) return clauses[i].subject;
  return null;
}

/** Index of the clause holding sentence offset `at` (the last clause when past the end). */
export function clauseAt(clauses: Clause[], at: number): number {
  const i = clauses.findIndex((c) => at >= c.start && at < c.end);
  return i >= 0 ? i : clauses.length - 1;
}
