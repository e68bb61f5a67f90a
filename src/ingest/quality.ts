/**
 * Text quality: how much of a decoded text looks like real Chinese/ASCII prose.
 *
 * Whitespace (space, tab, line breaks, form feed, U+3000, NBSP) is not scored.
 * Every other character gets a weight and the score is the mean weight (0..1):
 *   1    CJK ideographs in GB2312 (the 6763 everyday characters), Kangxi/CJK
 *        radicals and compatibility ideographs (PDF extraction artefacts NFKC
 *        maps back), ASCII letters/digits/punctuation, CJK/full-width/general
 *        punctuation and the symbols notices use (①、Ⅰ、℃、■、㎡ …);
 *   0.5  ASCII symbols a notice hardly uses (# $ & * @ \ ^ _ ` { | } ~);
 *   0.25 CJK ideographs outside GB2312 (rare characters: some names, traditional
 *        forms — and most of what a wrong decoding produces) and any other
 *        letter or symbol (Latin-1 letters, ¤ ¦ …: typical mojibake);
 *   0    control characters (C0 except \t\n\r\f, C1, DEL), U+FFFD, private use,
 *        surrogates, non-characters and unassigned code points.
 *
 * The five corpus notices score 1.0 (as TXT and as PDF); wrong decodings and
 * PDFs with a damaged font score 0.20–0.65. See QUALITY_WARN / QUALITY_FAIL.
 */
import type { Message, Position, SourceLine, SourceTable, TextQuality } from '../model.js';
import { emptyFile, lowQuality } from './errors.js';

/** Below this score a 'low-text-quality' warning is attached. */
export const QUALITY_WARN = 0.95;
/**
 * Below this score the text is treated as unusable and ingest throws. Measured: a wrong
 * decoding scores 0.20–0.55 and junk text 0.07 (refused); a PDF damaged mid-file 0.66–0.68 —
 * it still parses, with a warning that gives the figure, so the readable part can be used.
 */
export const QUALITY_FAIL = 0.6;

let gb2312: Set<number> | null = null;

/**
 * The GB2312 hanzi (rows 0xB0–0xF7), built lazily by decoding every code. All 6,768 codes are
 * decoded in one call (a decode per code cost ~0.1 s at the start of every process and batch
 * worker): each is a complete two-byte GB18030 sequence, so each gives exactly one character.
 */
function commonHanzi(): Set<number> {
  if (gb2312) return gb2312;
  const set = new Set<number>();
  const decoder = new TextDecoder('gb18030');
  const bytes: number[] = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  const text = decoder.decode(new Uint8Array(bytes));
  if (text.length === bytes.length / 2) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 0xfffd) set.add(text.charCodeAt(i));
  } else {
    // Not one character per code (a different decoder): decode them one by one.
    for (let i = 0; i < bytes.length; i += 2) {
      const cp = decoder.decode(new Uint8Array([bytes[i], bytes[i + 1]])).codePointAt(0);
      if (cp !== undefined && cp !== 0xfffd) set.add(cp);
    }
  }
  gb2312 = set;
  return set;
}

const UNASSIGNED = /\p{Cn}/u;

function isIdeograph(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

/** Radicals and compatibility ideographs: what PDFs emit for common characters. */
function isIdeographVariant(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x2fdf) || // CJK radicals supplement, Kangxi radicals
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function isGoodSymbol(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x303f) || // CJK symbols and punctuation (、。〔〕《》〇)
    (cp >= 0xff01 && cp <= 0xff65) || // full-width ASCII and half-width punctuation
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x2010 && cp <= 0x205e) || // general punctuation (‘’“”—…※)
    (cp >= 0x2070 && cp <= 0x209f) || // super/subscripts
    (cp >= 0x2100 && cp <= 0x21ff) || // letterlike (℃ №), number forms (Ⅰ Ⅱ), arrows
    (cp >= 0x2200 && cp <= 0x22ff) || // math operators (≤ ≥)
    (cp >= 0x2460 && cp <= 0x24ff) || // enclosed alphanumerics (① ⑴ ⒈)
    (cp >= 0x2500 && cp <= 0x27bf) || // box drawing, shapes (■ ● ◆), misc symbols (★), dingbats (✓ ❶)
    (cp >= 0x3200 && cp <= 0x33ff) || // enclosed CJK (㈠), CJK compatibility (㎡)
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) || // CJK compatibility forms, small forms
    cp === 0xa0 ||
    cp === 0xa7 ||
    cp === 0xa9 ||
    cp === 0xae ||
    cp === 0xb0 ||
    cp === 0xb1 ||
    cp === 0xb7 ||
    cp === 0xd7 ||
    cp === 0xf7 ||
    cp === 0xb2 ||
    cp === 0xb3 ||
    cp === 0xb9
  );
}

export type CharClass = 'space' | 'good' | 'rare' | 'partial' | 'bad';

/** ASCII symbols a notice hardly ever uses; frequent in text read through a broken font. */
const ODD_ASCII = '#$&*@\\^_`{|}~';

/** Classify one code point (exported for tests). */
export function classify(cp: number): { cls: CharClass; cjk: boolean; control: boolean } {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x0c || cp === 0x20) return { cls: 'space', cjk: false, control: false };
  if (cp >= 0x21 && cp <= 0x7e) {
    return { cls: ODD_ASCII.includes(String.fromCharCode(cp)) ? 'partial' : 'good', cjk: false, control: false };
  }
  if (cp === 0x3000 || cp === 0xa0) return { cls: 'space', cjk: false, control: false };
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return { cls: 'bad', cjk: false, control: true };
  if (isIdeograph(cp)) {
    return { cls: commonHanzi().has(cp) ? 'good' : 'rare', cjk: true, control: false };
  }
  if (isIdeographVariant(cp)) return { cls: 'good', cjk: true, control: false };
  if (isGoodSymbol(cp)) return { cls: 'good', cjk: false, control: false };
  if (
    cp === 0xfffd ||
    (cp >= 0xe000 && cp <= 0xf8ff) || // private use
    cp >= 0xf0000 || // supplementary private use planes
    (cp >= 0xd800 && cp <= 0xdfff) || // lone surrogates
    (cp >= 0xfdd0 && cp <= 0xfdef) ||
    (cp & 0xfffe) === 0xfffe
  ) {
    return { cls: 'bad', cjk: false, control: true };
  }
  const ch = String.fromCodePoint(cp);
  if (UNASSIGNED.test(ch)) return { cls: 'bad', cjk: false, control: false };
  // other assigned letters, marks and symbols (Latin-1 letters, ¤ ¦ ¨ … typical of mojibake)
  return { cls: 'rare', cjk: false, control: false };
}

export interface QualityDetail extends TextQuality {
  /** Characters that carry content: CJK ideographs and ASCII letters/digits. */
  usable: number;
  /** Non-whitespace characters. */
  visible: number;
}

/** The quality of a text, as the model's TextQuality. An empty text scores 1 (emptiness is reported separately). */
export function measureQuality(text: string): TextQuality {
  return toTextQuality(qualityDetail(text));
}

/**
 * classify() of each BMP code unit, memoised as bits (class index, cjk, control): a notice has
 * a few hundred distinct characters, and an object per character read was ~3% of a TXT parse.
 * 0 = not yet classified.
 */
const CLASSES: CharClass[] = ['space', 'good', 'rare', 'partial', 'bad'];
const CLASS_BITS = new Uint8Array(0x10000);
const CJK_BIT = 8;
const CONTROL_BIT = 16;
const KNOWN_BIT = 32;

function classBits(cp: number): number {
  if (cp < 0x10000) {
    const memo = CLASS_BITS[cp];
    if (memo !== 0) return memo;
  }
  const c = classify(cp);
  const bits = CLASSES.indexOf(c.cls) | (c.cjk ? CJK_BIT : 0) | (c.control ? CONTROL_BIT : 0) | KNOWN_BIT;
  if (cp < 0x10000) CLASS_BITS[cp] = bits;
  return bits;
}

/** Weight of each class index in the score (space is not counted). */
const WEIGHT = [0, 1, 0.25, 0.5, 0];

/** measureQuality plus the counts ingest uses to decide whether a text is usable. */
export function qualityDetail(text: string): QualityDetail {
  let chars = 0;
  let cjk = 0;
  let bad = 0;
  let weight = 0;
  let usable = 0;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    // A surrogate pair is one character (as for…of reads it); a lone surrogate is its own.
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    chars++;
    const b = classBits(cp);
    const cls = b & 7;
    if (cls === 0) continue; // space
    visible++;
    weight += WEIGHT[cls];
    if (b & CJK_BIT) cjk++;
    if (b & CONTROL_BIT) bad++;
    if (b & CJK_BIT || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) usable++;
  }
  const score = visible === 0 ? 1 : Math.round((weight / visible) * 10000) / 10000;
  return { score, chars, cjk, controlOrReplacement: bad, usable, visible };
}

/** Strip the extra fields to the model's TextQuality. */
export function toTextQuality(q: QualityDetail): TextQuality {
  return { score: q.score, chars: q.chars, cjk: q.cjk, controlOrReplacement: q.controlOrReplacement };
}

/**
 * A 'low-text-quality' warning, or none when the score is at or above QUALITY_WARN.
 * `where` names the part, e.g. { zh: '第 3 页', en: 'Page 3' }; omit it for the whole file.
 */
export function qualityWarning(q: TextQuality, where?: { zh: string; en: string }, position?: Position): Message | null {
  if (q.score >= QUALITY_WARN || q.chars === 0) return null;
  const pct = (q.score * 100).toFixed(1);
  const msg: Message = {
    ruleId: 'low-text-quality',
    severity: 'warning',
    message: {
      zh: `${where ? where.zh : '该文件'}的文字质量偏低（${pct}%，${q.controlOrReplacement} 个控制符/乱码字符），提取结果可能不完整或有乱码，请对照原文件核对`,
      en: `${where ? where.en + ': t' : 'T'}ext quality is low (${pct}%, ${q.controlOrReplacement} control/replacement characters); the extracted text may be incomplete or garbled — check it against the original file`,
    },
  };
  if (position) msg.position = position;
  return msg;
}

/**
 * The quality gate both Word readers (DOCX, DOC) apply to what they extracted: no visible text
 * → empty-file, mostly garbage → low-text-quality, a little garbage → a warning message.
 */
export function wordTextQuality(
  lines: readonly SourceLine[],
  tables: readonly SourceTable[],
  path: string,
): { quality: QualityDetail; messages: Message[] } {
  const allText = [...lines.map((l) => l.text), ...tables.flatMap((t) => t.rows.flat().map((c) => c.text))].join('\n');
  const quality = qualityDetail(allText);
  if (quality.visible === 0) {
    throw emptyFile(path, { zh: '该 Word 文档没有正文文字（可能只有图片、文本框或页眉页脚）', en: 'The Word document has no body text (perhaps only images, text boxes or headers/footers)' });
  }
  if (quality.score < QUALITY_FAIL || quality.usable === 0) throw lowQuality(path, quality.score, { zh: '该 Word 文档', en: 'the Word document' });
  const messages: Message[] = [];
  const warn = qualityWarning(quality);
  if (warn) messages.push(warn);
  return { quality, messages };
}
