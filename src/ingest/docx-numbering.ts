/**
 * Word automatic numbering: the label Word prints before a paragraph (一、 （一） 1. （1）),
 * computed from numbering.xml the way Word does, so that auto-numbered headings read like
 * typed ones.
 *
 *   numbering.xml: w:abstractNum/w:lvl (start, numFmt, lvlText "%1、", lvlRestart, suff,
 *   isLgl, pStyle), w:num → abstractNum with w:lvlOverride (startOverride, a whole w:lvl);
 *   w:numStyleLink → the abstractNum of a numbering style.
 *   styles.xml: paragraph styles carry w:numPr too, through w:basedOn.
 *
 * Counters are kept per abstractNum (lists sharing one definition continue each other, as
 * in Word); a num with a startOverride restarts its levels the first time it is used.
 */

/** The few DOM members used here (an @xmldom/xmldom Element). */
export interface XEl {
  localName: string | null;
  nodeType: number;
  childNodes: ArrayLike<XEl>;
  parentNode: XEl | null;
  getAttribute(name: string): string | null;
  getAttributeNS?(ns: string, name: string): string | null;
  attributes?: ArrayLike<{ localName: string | null; value: string }>;
}

export function children(el: XEl | null | undefined, name?: string): XEl[] {
  const out: XEl[] = [];
  if (!el) return out;
  for (let i = 0; i < el.childNodes.length; i++) {
    const c = el.childNodes[i];
    if (c.nodeType === 1 && (!name || c.localName === name)) out.push(c);
  }
  return out;
}
export const child = (el: XEl | null | undefined, name: string): XEl | null => children(el, name)[0] ?? null;

/** w:val (or another attribute) by local name, whatever the namespace prefix. */
export function attr(el: XEl | null | undefined, name = 'val'): string | null {
  if (!el?.attributes) return null;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i];
    if (a.localName === name) return a.value;
  }
  return null;
}
const intAttr = (el: XEl | null | undefined, name = 'val'): number | null => {
  const v = attr(el, name);
  if (v == null) return null;
  const n = parseInt(v, 10);
  return Number.isFinite(n) ? n : null;
};

export interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  /** 1-based level after which this one restarts; 0 = never; null = after any higher level. */
  restart: number | null;
  /** What follows the label: Word's default is a tab. */
  suffix: string;
  isLgl: boolean;
  pStyle: string | null;
}

function readLevel(el: XEl): Level {
  const suff = attr(child(el, 'suff')) ?? 'tab';
  return {
    start: intAttr(child(el, 'start')) ?? 0,
    numFmt: attr(child(el, 'numFmt')) ?? 'decimal',
    lvlText: attr(child(el, 'lvlText')) ?? '',
    restart: intAttr(child(el, 'lvlRestart')),
    suffix: suff === 'space' ? ' ' : suff === 'nothing' ? '' : '\t',
    isLgl: child(el, 'isLgl') !== null && attr(child(el, 'isLgl')) !== '0' && attr(child(el, 'isLgl')) !== 'false',
    pStyle: attr(child(el, 'pStyle')),
  };
}

interface AbstractNum {
  levels: Map<number, Level>;
  styleLink: string | null;
}
interface Num {
  abstractId: string;
  overrides: Map<number, { start: number | null; level: Level | null }>;
}
interface StyleInfo {
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
}

export interface NumberingDefs {
  abstracts: Map<string, AbstractNum>;
  nums: Map<string, Num>;
  styles: Map<string, StyleInfo>;
  /** Numbering styles (w:type="numbering") → their numId, for w:numStyleLink. */
  numberingStyles: Map<string, string>;
}

export function readNumberingDefs(numbering: XEl | null, styles: XEl | null): NumberingDefs {
  const abstracts = new Map<string, AbstractNum>();
  const nums = new Map<string, Num>();
  for (const a of children(numbering, 'abstractNum')) {
    const levels = new Map<number, Level>();
    for (const l of children(a, 'lvl')) levels.set(intAttr(l, 'ilvl') ?? 0, readLevel(l));
    abstracts.set(attr(a, 'abstractNumId') ?? '', { levels, styleLink: attr(child(a, 'numStyleLink')) });
  }
  for (const n of children(numbering, 'num')) {
    const overrides = new Map<number, { start: number | null; level: Level | null }>();
    for (const o of children(n, 'lvlOverride')) {
      const lvl = child(o, 'lvl');
      overrides.set(intAttr(o, 'ilvl') ?? 0, { start: intAttr(child(o, 'startOverride')), level: lvl ? readLevel(lvl) : null });
    }
    nums.set(attr(n, 'numId') ?? '', { abstractId: attr(child(n, 'abstractNumId')) ?? '', overrides });
  }
  const stylesMap = new Map<string, StyleInfo>();
  const numberingStyles = new Map<string, string>();
  for (const s of children(styles, 'style')) {
    const id = attr(s, 'styleId');
    if (!id) continue;
    const numPr = child(child(s, 'pPr'), 'numPr');
    const numId = attr(child(numPr, 'numId'));
    if (attr(s, 'type') === 'numbering') {
      if (numId) numberingStyles.set(id, numId);
      continue;
    }
    stylesMap.set(id, { basedOn: attr(child(s, 'basedOn')), numId, ilvl: intAttr(child(numPr, 'ilvl')) });
  }
  return { abstracts, nums, styles: stylesMap, numberingStyles };
}

// ---- number formats ------------------------------------------------------------------

const CN_DIGITS = '零一二三四五六七八九';
const CN_LEGAL = '零壹贰叁肆伍陆柒捌玖';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const DIZHI = '子丑寅卯辰巳午未申酉戌亥';

/** 1..99999 in Chinese counting form: 十一, 二十, 一百零五, 一千二百. */
function chineseCounting(n: number, digits = CN_DIGITS, units = ['', '十', '百', '千', '万']): string {
  if (n <= 0) return digits[0];
  if (n >= 100000) return String(n);
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const u = units[s.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    out += digits[d] + u;
  }
  // 一十 → 十 for 10..19, as Word prints them
  if (digits === CN_DIGITS && n >= 10 && n < 20) out = out.slice(1);
  return out;
}

function alpha(n: number, upper: boolean): string {
  if (n <= 0) return '';
  const letter = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

const enclosed = (n: number, first: number, count: number) => (n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : String(n));

/** A counter value in one of Word's number formats (ST_NumberFormat). */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return alpha(n, true);
    case 'lowerLetter':
      return alpha(n, false);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return [...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCounting(n, CN_LEGAL, ['', '拾', '佰', '仟', '万']);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? TIANGAN[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? DIZHI[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'ideographEnclosedCircle':
      return enclosed(n, 0x3220, 10);
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n);
  }
}

// ---- the counter state ----------------------------------------------------------------

export interface ParagraphNumbering {
  numId: string | null;
  ilvl: number | null;
  styleId: string | null;
}

export interface Label {
  text: string;
  suffix: string;
}

/** A numberer over one document: call `next` for every paragraph in document order. */
export function createNumberer(defs: NumberingDefs) {
  const counters = new Map<string, number[]>(); // abstractNum id → counter per level (NaN: not started)
  const usedNums = new Set<string>();

  /** numId and level of a paragraph: its own numPr, else its style chain's. */
  function resolve(p: ParagraphNumbering): { numId: string; ilvl: number } | null {
    let numId = p.numId;
    let ilvl = p.ilvl;
    const seen = new Set<string>();
    for (let s = p.styleId; s && !seen.has(s) && (numId == null || ilvl == null); ) {
      seen.add(s);
      const st = defs.styles.get(s);
      if (!st) break;
      if (numId == null && st.numId != null) numId = st.numId;
      if (ilvl == null && st.ilvl != null) ilvl = st.ilvl;
      s = st.basedOn;
    }
    if (numId == null || numId === '0') return null;
    if (ilvl == null) {
      // A level bound to the paragraph's style (w:lvl/w:pStyle) says which level it is.
      const a = abstractOf(numId);
      const bound = a && p.styleId ? [...a.levels.entries()].find(([, l]) => l.pStyle === p.styleId) : undefined;
      ilvl = bound ? bound[0] : 0;
    }
    return { numId, ilvl: Math.max(0, Math.min(8, ilvl)) };
  }

  function abstractIdOf(numId: string): string | null {
    const seen = new Set<string>();
    let id: string | null = numId;
    while (id != null && !seen.has(id)) {
      seen.add(id);
      const num = defs.nums.get(id);
      if (!num) return null;
      const a = defs.abstracts.get(num.abstractId);
      if (!a) return null;
      if (!a.styleLink) return num.abstractId;
      id = defs.numberingStyles.get(a.styleLink) ?? null;
    }
    return null;
  }
  const abstractOf = (numId: string) => {
    const id = abstractIdOf(numId);
    return id == null ? null : defs.abstracts.get(id) ?? null;
  };

  function levelOf(numId: string, ilvl: number): Level | null {
    const o = defs.nums.get(numId)?.overrides.get(ilvl);
    if (o?.level) return o.level;
    return abstractOf(numId)?.levels.get(ilvl) ?? null;
  }

  function next(p: ParagraphNumbering): Label | null {
    const r = resolve(p);
    if (!r) return null;
    const aid = abstractIdOf(r.numId);
    const lvl = levelOf(r.numId, r.ilvl);
    if (aid == null || !lvl) return null;
    let c = counters.get(aid);
    if (!c) counters.set(aid, (c = new Array(9).fill(NaN)));
    if (!usedNums.has(r.numId)) {
      usedNums.add(r.numId);
      for (const [i, o] of defs.nums.get(r.numId)?.overrides ?? []) {
        const start = o.start ?? o.level?.start;
        if (start != null && i < 9) c[i] = start - 1;
      }
    }
    c[r.ilvl] = Number.isNaN(c[r.ilvl]) ? lvl.start : c[r.ilvl] + 1;
    // Deeper levels restart after this one unless their lvlRestart says otherwise.
    for (let k = r.ilvl + 1; k < 9; k++) {
      const restartAfter = levelOf(r.numId, k)?.restart ?? k;
      if (restartAfter !== 0 && r.ilvl < restartAfter) c[k] = NaN;
    }
    if (lvl.numFmt === 'bullet' || lvl.numFmt === 'none') return null;
    const text = lvl.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const kl = levelOf(r.numId, k);
      const value = Number.isNaN(c![k]) ? kl?.start ?? 1 : c![k];
      return formatNumber(value, lvl.isLgl && k !== r.ilvl ? 'decimal' : kl?.numFmt ?? 'decimal');
    });
    return text ? { text, suffix: lvl.suffix } : null;
  }

  return { next };
}
