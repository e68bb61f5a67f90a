/**
 * Front and back matter of a notice (GB/T 9704 elements), read from the normalised text:
 *   版头: 发文机关标志 (…文件), 发文字号;  主体: 标题 (关于印发…的通知), 主送机关, 正文,
 *   署名 and 成文日期, 附注 （此件公开发布）;  the plan's own title, then the plan body;
 *   版记: 附件, 抄送, 印发机关 and 印发日期, 公开属性.
 * Real notices run these together (PDF text without line breaks), so each element is
 * found by its own shape, not by its line number.
 */
import type { NoticeMeta, PageMeta } from '../model.js';
import type { NormalText } from '../normalize/index.js';
import { isoDate } from './numerals.js';
import { squash } from '../text.js';
import { splitUnitList } from '../extract/units.js';

/** The meta items that are printed in the document (planYear is read from the title). */
export type MetaField = 'docNumber' | 'signedDate' | 'printedDate' | 'title' | 'noticeTitle' | 'issuer' | 'recipients' | 'cc' | 'publicity' | 'attachments';

export interface Layout {
  meta: NoticeMeta;
  /** Offsets in the normalised text. */
  bodyStart: number;
  bodyEnd: number;
  /** Where each meta item is printed: [start, end) offsets, for positions. */
  at: Partial<Record<MetaField, [number, number]>>;
}

/** 机关代字〔年份〕序号号; other brackets are accepted (and flagged by the format rules). */
const DOC_NUMBER = /([\u4e00-\u9fa5A-Za-z]{1,20})[〔\[【(（]\d{4}[〕\]】)）]第?\d{1,4}号/;
// 关于印发…的通知, and the form without 关于: 中共X委办公室X市人民政府办公室印发《…》的通知.
const NOTICE_TITLE = /(?:关于|印\s*发)[\s\S]{1,120}?的\s*通\s*知/g;
/**
 * The notice's own title. A 关于…的通知 in 《》 that the sentence goes on after is a document
 * the text cites ("根据国务院办公厅《关于印发2020年政务公开工作要点的通知》〔国办发…〕和…"); in
 * 《》 that close its line (a web page prints its title so: "京政办发〔2016〕26号《…的通知》") it
 * is this notice's. Nor is a stretch of prose that runs from some 关于 into a citation a title
 * (a title holds no 。 and its 《》 pair up).
 */
function noticeTitleMatch(head: string): { own: RegExpExecArray | null; cited: string | null } {
  NOTICE_TITLE.lastIndex = 0;
  let cited: string | null = null;
  for (let m = NOTICE_TITLE.exec(head); m; m = NOTICE_TITLE.exec(head)) {
    if (citedAt(head, m.index)) cited ??= m[0];
    else if (!m[0].includes('。') && balancedTitleMarks(m[0])) return { own: m, cited };
    NOTICE_TITLE.lastIndex = m.index + 1;
  }
  return { own: null, cited };
}

/**
 * The year of the plan a text carries out, when it names no title of its own: "根据《国务院办公厅
 * 关于印发2022年政务公开工作要点的通知》…结合我市实际" is a 2022 plan. Only a cited plan of the
 * same kind counts (工作要点, 工作安排, 任务分工 …), never any document the text mentions.
 */
function citedPlanYear(cited: string | null): number | null {
  // Line breaks and a highlighter's @@ may sit anywhere in it.
  const t = cited?.replace(/[\s@]+/g, '') ?? '';
  if (!/(?:工作要点|工作安排|重点工作|任务分工|任务分解|实施方案)/.test(t)) return null;
  const m = /(20\d{2})年/.exec(t);
  return m ? Number(m[1]) : null;
}

/** Is `at` inside 《》 (or 〈〉) whose text goes on, on the same line, after they close? */
function citedAt(head: string, at: number): boolean {
  const open = Math.max(head.lastIndexOf('《', at - 1), head.lastIndexOf('〈', at - 1));
  if (open <= Math.max(head.lastIndexOf('》', at - 1), head.lastIndexOf('〉', at - 1))) return false;
  const close = head.indexOf(head[open] === '《' ? '》' : '〉', at);
  if (close < 0) return true;
  const lineEnd = head.indexOf('\n', close);
  const rest = head.slice(close + 1, lineEnd < 0 ? head.length : lineEnd);
  // Only a 文号 in brackets may follow the title on its line.
  return !/^[\s@]*(?:[（(〔[][^）)〕\]\n]{0,30}[）)〕\]])?[\s@]*$/.test(rest);
}

function balancedTitleMarks(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '《' || c === '〈') depth++;
    else if ((c === '》' || c === '〉') && --depth < 0) return false;
  }
  return depth === 0;
}
const PLAN_WORDS = '(?:工作要点|工作计划|工作安排|实施方案|工作方案|要点)';
const PLAN_TITLE_LINE = new RegExp(`^[^。；：，,]{0,40}?${PLAN_WORDS}$`);
const ORG_END = /(?:人民政府|政府|办公室|办公厅|委员会|局|委|厅|办|部|院|中心|管委会|领导小组)$/;
const PUBLICITY = /[（(]此件([^（）()\n]{2,10})[）)]/;
const PUBLICITY_LINE = /^[\s\u3000]*[（(]此件([^（）()\n]{2,10})[）)][\s\u3000]*$/m;
const PUBLICITY_LABEL = /公开属性[：:]\s*([^\n。，,]{2,10})/;

/** The line-start offsets of the text between from and to. */
function lineStartsIn(text: string, from: number, to: number): number[] {
  const out = [from];
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}
const lineAt = (text: string, start: number) => {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
};

/** Where the plan body ends: the first line that opens the back matter or an attachment. */
const BACK_LINE = /^(?:附件(?:\d{1,2})?(?:[：:]|$)|抄送[：:]|公开属性[：:]|.{0,40}\d{4}年\d{1,2}月\d{1,2}日印发$)/;
/**
 * A line that is only the 附注 in brackets — （此件公开发布）, （公开属性：主动公开）. Many plans
 * print it after their last section; it ends the body when no chapter heading follows it
 * (printed after the signature, it is followed by the plan).
 */
const NOTE_LINE = /^\s*[（(](?:此件|公开属性[：:])[^（）()\n]{2,10}[）)]\s*$/;
const CHAPTER_LINE = /\n\s*[一二三四五六七八九十]{1,3}、/;

export function readLayout(n: NormalText): Layout {
  const text = n.text;
  const at: Layout['at'] = {};

  // 1. Notice title and the plan name inside it.
  const { own: noticeM, cited: citedTitle } = noticeTitleMatch(text.slice(0, 3000));
  const noticeTitle = noticeM ? squash(noticeM[0]) : null;
  let innerName: string | null = null;
  if (noticeTitle) {
    const inner = /《([^》]+)》/.exec(noticeTitle) ?? /印发(.+)的通知$/.exec(noticeTitle);
    innerName = inner ? inner[1] : null;
  }
  const noticeEnd = noticeM ? noticeM.index + noticeM[0].length : 0;
  if (noticeM) at.noticeTitle = [noticeM.index, noticeEnd];

  // 2. The plan's own title: the plan name again, outside 《》, after the notice title;
  //    or (no covering notice) a short line that names a plan.
  let titleStart = -1;
  let titleEnd = -1;
  if (innerName) {
    const pattern = new RegExp([...innerName].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\n?'), 'g');
    pattern.lastIndex = noticeEnd;
    // The plan's title stands on a line of its own; "附件：<name>" only lists it. Prefer a
    // whole line; else the first mention outside 《》 (text without line breaks).
    let loose: RegExpExecArray | null = null;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (text[m.index - 1] === '《' || text[m.index + m[0].length] === '》') continue;
      const ls = text.lastIndexOf('\n', m.index - 1) + 1;
      const le = text.indexOf('\n', m.index + m[0].length);
      const own = /^[\s@]*$/.test(text.slice(ls, m.index)) && /^[\s@]*$/.test(text.slice(m.index + m[0].length, le < 0 ? text.length : le));
      if (own) {
        loose = m;
        break;
      }
      if (/附件[\d]*[：:]?[\s@]*$/.test(text.slice(ls, m.index))) continue;
      loose ??= m;
    }
    if (loose) {
      titleStart = loose.index;
      titleEnd = loose.index + loose[0].length;
    }
  }
  if (titleStart < 0) {
    for (const s of lineStartsIn(text, noticeEnd, Math.min(text.length, noticeEnd + 6000))) {
      const line = lineAt(text, s);
      // "五、2016年工作安排" is a heading of the body, not the plan's title.
      if (PLAN_TITLE_LINE.test(line) && !/关于|通知/.test(line) && !/^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])/.test(line)) {
        titleStart = s;
        titleEnd = s + line.length;
        break;
      }
    }
  }
  // A task table on its own (a spreadsheet) has only its table title: take it as the title,
  // for the plan year, without letting it move the body.
  let tableTitle: string | null = null;
  if (titleStart < 0 && !innerName) {
    const m = /^[^。；：，,\n]{0,40}?(?:任务分解表|任务清单|责任分工表?|台账)$/m.exec(text.slice(0, 2000));
    if (m) tableTitle = m[0];
  }
  const title = titleStart >= 0 ? squash(text.slice(titleStart, titleEnd)) : innerName ?? tableTitle;
  if (titleStart >= 0) at.title = [titleStart, titleEnd];
  else if (innerName && noticeM) {
    // The plan is named only inside the notice's title: that is where its title is printed.
    const inner = new RegExp([...innerName].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')).exec(text.slice(noticeM.index, noticeEnd));
    at.title = inner ? [noticeM.index + inner.index, noticeM.index + inner.index + inner[0].length] : at.noticeTitle;
  } else if (tableTitle) {
    const at0 = text.indexOf(tableTitle);
    if (at0 >= 0) at.title = [at0, at0 + tableTitle.length];
  }
  const frontEnd = titleStart >= 0 ? titleStart : 0;
  const front = text.slice(0, frontEnd);

  // 3. 发文字号. A run-on line glues the code to the words before it ("…的通知菏区政办发"):
  //    the code starts after the last 通知/文件/》/。.
  let docNumber: string | null = null;
  let docEnd = 0;
  const dm = DOC_NUMBER.exec(front);
  if (dm) {
    const code = dm[1].replace(/^.*(?:通知|文件|》|。|：)/, '');
    docNumber = squash(code + dm[0].slice(dm[1].length));
    docEnd = dm.index + dm[0].length;
    at.docNumber = [dm.index + dm[1].length - code.length, docEnd];
  }

  // 4. 主送机关: from the end of the title/文号 to the first ：.
  let recipients: string[] = [];
  let recipEnd = Math.max(noticeEnd, docEnd);
  if (noticeM) {
    const colon = front.indexOf('：', recipEnd);
    const seg = colon > 0 ? front.slice(recipEnd, colon) : '';
    if (seg && seg.length < 200 && !/[。《]/.test(seg)) {
      recipients = splitUnitList(seg.replace(/\n/g, ''));
      at.recipients = [recipEnd + (seg.length - seg.trimStart().length), recipEnd + seg.trimEnd().length];
      recipEnd = colon + 1;
    }
  }

  // 5. 署名 and 成文日期: the first full date after 主送 that is not an 印发 date.
  let signedDate: string | null = null;
  let signedDateText: string | null = null;
  let issuer: string | null = null;
  for (let m = nextDate(front, recipEnd); m; m = nextDate(front, m.end)) {
    if (/^\n?印\n?发/.test(front.slice(m.end, m.end + 4))) continue;
    signedDate = isoDate(m.text);
    signedDateText = m.text;
    at.signedDate = [m.start, m.end];
    // The signature is what stands just before the date, back to the previous 。 or line.
    // The signature may itself be wrapped ("…人民\n政府办公室"), so cut at sentence ends first.
    const base = Math.max(0, m.start - 60);
    const before = front.slice(base, m.start).replace(/\n+$/, '');
    let cut = Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf('：')) + 1;
    if (squash(before.slice(cut)).length > 30) cut = before.lastIndexOf('\n') + 1;
    const sig = squash(before.slice(cut));
    if (ORG_END.test(sig)) {
      issuer = sig;
      const lead = before.slice(cut).length - before.slice(cut).replace(/^\s+/, '').length;
      at.issuer = [base + cut + lead, base + before.length];
    }
    break;
  }
  if (!issuer) {
    // 发文机关标志 "…文件", or the issuer named before 关于 in the notice title.
    const mark = /([^\n]{2,30}?)文件\n/.exec(front);
    const prefix = noticeM ? /([^\n。]{2,30})\n?$/.exec(text.slice(Math.max(0, noticeM.index - 40), noticeM.index)) : null;
    const cand = mark ? squash(mark[1]) : prefix ? squash(prefix[1]) : null;
    if (cand && ORG_END.test(cand)) issuer = cand;
  }

  // 6. Body bounds: after the plan title (and the line it ends) to the first back-matter line.
  const bodyStart = titleEnd >= 0 ? titleEnd : 0;
  let bodyEnd = text.length;
  for (const s of lineStartsIn(text, bodyStart, text.length)) {
    if (s === bodyStart) continue;
    const line = lineAt(text, s);
    if (BACK_LINE.test(line) || (NOTE_LINE.test(line) && !CHAPTER_LINE.test(text.slice(s)))) {
      bodyEnd = s;
      break;
    }
  }
  const back = text.slice(bodyEnd);

  // 7. 附件, 抄送, 印发日期 in the back matter; 附注/公开属性 anywhere outside the body.
  const attachments: string[] = [];
  for (const m of back.matchAll(/(?:^|\n)附件\d{0,2}[：:]?\s*([^\n]*)/g)) {
    const name = squash(m[1]).replace(/^\d+[.．、]/, '');
    if (name && !attachments.includes(name)) attachments.push(name);
    const from = bodyEnd + m.index + (m[0].startsWith('\n') ? 1 : 0);
    at.attachments ??= [from, bodyEnd + m.index + m[0].length];
  }
  let cc: string[] = [];
  // A cc list may wrap onto a second line, unless the first ends its sentence or the next is
  // another back-matter item (a web page lists its 附件 links after it).
  const ccM = /抄送[：:]([^\n]*[^。.\n\s](?:\n(?!.*(?:印发|公开属性)|附件)[^\n]*)?|[^\n]*)/.exec(back);
  if (ccM) {
    cc = splitUnitList(ccM[1].replace(/\n/g, '').replace(/[。.]$/, ''));
    const from = bodyEnd + ccM.index + (ccM[0].startsWith('\n') ? 1 : 0);
    at.cc = [from, bodyEnd + ccM.index + ccM[0].length];
  }
  let printedDate: string | null = null;
  let printedDateText: string | null = null;
  for (let m = nextDate(back, 0); m; m = nextDate(back, m.end)) {
    if (/^\n?印\n?发/.test(back.slice(m.end, m.end + 4))) {
      printedDate = isoDate(m.text);
      printedDateText = m.text;
      at.printedDate = [bodyEnd + m.start, bodyEnd + m.end];
    }
  }

  let publicity: string | null = null;
  // 附注 is printed before the body (after the signature) or in the 版记 after it.
  const head = text.slice(0, bodyStart);
  // A web page prints its heading before the document's own title, so the （此件…） line under
  // it falls after the title: a line that is only the 附注 is one wherever it stands.
  const pm = PUBLICITY.exec(squash(head)) ?? PUBLICITY.exec(squash(back)) ?? PUBLICITY_LINE.exec(text);
  if (pm) publicity = '此件' + pm[1];
  else {
    const lm = PUBLICITY_LABEL.exec(head + '\n' + back);
    if (lm) publicity = squash(lm[1]);
  }
  // Where it is printed: outside the body (the body's prose may say 公开属性 too).
  const inHead = head.search(/[（(]?(?:此件|公开属性)/);
  const inBack = back.search(/[（(]?(?:此件|公开属性)/);
  const inLine = PUBLICITY_LINE.exec(text);
  const pubIdx = inHead >= 0 ? inHead : inBack >= 0 ? bodyEnd + inBack : inLine ? inLine.index + inLine[0].search(/\S/) : -1;
  if (publicity && pubIdx >= 0) at.publicity = [pubIdx, pubIdx + lineAt(text, pubIdx).trimEnd().length];

  const yearOf = (s: string | null) => {
    const m = s ? /(\d{4})\s*年/.exec(s) : null;
    return m ? Number(m[1]) : null;
  };
  // The signing year stands for the plan year of an annual plan only: an 实施意见 or a 办法
  // signed in 2017 may run to 2020 (its 到2020年 is no overrun).
  const multiYear = /(?:意见|办法|规定|细则|制度|规划|(?:三|五|两|\d)年行动)/.test(title ?? innerName ?? '') && !/(?:工作要点|年度|工作安排|重点工作)/.test(title ?? innerName ?? '');
  const planYear = yearOf(title) ?? yearOf(innerName) ?? (signedDate && !multiYear ? Number(signedDate.slice(0, 4)) : null) ?? citedPlanYear(citedTitle);

  return {
    meta: {
      title: title ? squash(title) : null,
      noticeTitle,
      issuer,
      docNumber,
      signedDate,
      signedDateText,
      printedDate,
      printedDateText,
      planYear,
      recipients,
      cc,
      publicity,
      attachments,
    },
    bodyStart,
    bodyEnd,
    at,
  };
}

/** The next full date at or after `from`, matched across line breaks. */
function nextDate(text: string, from: number): { start: number; end: number; text: string } | null {
  const re = /[0-9〇零一二三四五六七八九]\n?[0-9〇零一二三四五六七八九]\n?[0-9〇零一二三四五六七八九]\n?[0-9〇零一二三四五六七八九]\n?年\n?[0-9一二三四五六七八九十]{1,3}\n?月\n?[0-9一二三四五六七八九十]{1,3}\n?日/g;
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m) return null;
  return { start: m.index, end: m.index + m[0].length, text: m[0].replace(/\n/g, '') };
}

/**
 * A web page's own box (索引号, 发布机构, 发文字号, 成文日期) fills what the document itself
 * does not print; what the document prints always wins. The box is kept as `meta.page`.
 */
export function withPageMeta(meta: NoticeMeta, page: PageMeta): NoticeMeta {
  const out: NoticeMeta = { ...meta, page };
  const docNumber = page.docNumber && DOC_NUMBER.test(page.docNumber) ? squash(page.docNumber) : null;
  out.docNumber ??= docNumber;
  if (!out.issuer && page.publisher && ORG_END.test(page.publisher)) out.issuer = page.publisher;
  if (!out.signedDate && page.signedDate) {
    const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(page.signedDate);
    out.signedDate = iso ? `${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}` : isoDate(page.signedDate);
    if (out.signedDate) out.signedDateText = page.signedDate;
  }
  out.planYear ??= out.signedDate ? Number(out.signedDate.slice(0, 4)) : null;
  return out;
}
