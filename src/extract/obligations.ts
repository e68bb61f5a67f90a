/**
 * Obligations and references: pure functions over a section's text.
 * An obligation is one requirement sentence (split on 。；！), with its modality read from
 * the modal words it uses and the actors named as its subject ("各镇街、区政府各部门要…").
 */
import type { Modality } from '../model.js';
import { looksLikeUnit, splitUnitList } from './units.js';

export interface SentenceHit {
  text: string;
  start: number;
  end: number;
}

/** Sentences of a text, split after 。；！？ (offsets into the input). */
export function sentences(text: string): SentenceHit[] {
  const out: SentenceHit[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    // 。；！？ (codes, not text[i]: a CJK character read as a string is a new string each time)
    if (i === text.length || c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f) {
      const end = i === text.length ? i : i + 1;
      const raw = text.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      if (raw.replace(/\s/g, '').length > 1) out.push({ text: raw.replace(/\s+/g, ''), start: start + lead, end });
      start = end;
    }
  }
  return out;
}

// Ordered strongest first: a sentence with 严禁 and 要 is mandatory. The characters are
// also parts of ordinary words (重要, 主要, 需求, 应用, 许可), which the look-arounds keep out.
const MODALS: [Modality, RegExp][] = [
  ['mandatory', /必须|严禁|不得|禁止|严格|一律|务必/],
  ['required', /(?<![重主需纪概提摘只首简])要(?![求点素件闻案])|应当|(?<![适响对反供效相回])应(?=[该按在及对予当由将])|确保|(?<![必])须(?![知])|需要/],
  ['encouraged', /鼓励|探索|可以|(?<![许认不宁])可(?=[根按结视适在由采通对])|有条件的|有条件地|力争|争取/],
];

export function modalityOf(sentence: string): Modality {
  for (const [m, re] of MODALS) if (re.test(sentence)) return m;
  return 'plain';
}

/** The subject before 要/应当/必须/…, when it is a list of units. */
export function actorsOf(sentence: string): string[] {
  const m = /^(.{2,60}?)(?:要|应当|应|必须|须|需|负责|牵头)/.exec(sentence);
  if (!m || /[，。：]$/.test(m[1]) || /[“《]/.test(m[1])) return [];
  const items = splitUnitList(m[1]);
  return items.length && items.every(looksLikeUnit) ? items : [];
}

/** 文号 such as 国办发〔2019〕54号 and 《…》 titles cited in a text. */
export function findReferences(text: string): { kind: 'doc-number' | 'title'; text: string; start: number; end: number }[] {
  const out: { kind: 'doc-number' | 'title'; text: string; start: number; end: number }[] = [];
  // The 文号 pattern tries up to 12 characters at every Chinese character: only where a bracket is.
  const numbers = /[〔[【]/.test(text) ? text.matchAll(/[\u4e00-\u9fa5]{1,12}[〔\[【]\s*\d{4}\s*[〕\]】]\s*\d{1,4}\s*号/g) : [];
  for (const m of numbers) {
    out.push({ kind: 'doc-number', text: m[0].replace(/\s+/g, ''), start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(/《([^《》]{2,80})》/g)) {
    out.push({ kind: 'title', text: m[0].replace(/\s+/g, ''), start: m.index!, end: m.index! + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}
