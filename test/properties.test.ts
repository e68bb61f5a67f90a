/**
 * Properties of the pipeline on arbitrary text (fast-check):
 *   - parseText (normalize → structure → extract) never throws, on any Unicode, including
 *     lone surrogates, controls, and notice-like fragments shuffled at random;
 *   - ingest of arbitrary text bytes either reads them or refuses them with an InputError;
 *   - parsing is deterministic;
 *   - normalize's map sends every normalised character back to a source character it came
 *     from: the same character, or its documented folding (Kangxi radicals and CJK
 *     compatibility ideographs → NFKC, full-width digits/letters → ASCII, U+3000/NBSP → space),
 *     and an inserted '\n' maps to no character; locate() agrees with the map;
 *   - heading trees are consistent: top-level paths are 1..n, a child's path is its parent's
 *     plus ".k" with k = 1..n in order, a child's level is deeper than its parent's, and
 *     headings appear in the order of their positions.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { ingestBuffer } from '../src/ingest/index.js';
import type { Section, SourceLine, SourceText } from '../src/model.js';
import { foldChar, locate, normalize } from '../src/normalize/index.js';
import { parseSource, parseText } from '../src/parse.js';
import { measureQuality } from '../src/ingest/quality.js';

const RUNS = Number(process.env.FC_RUNS ?? 200);

/** Pieces of real notices, so random text reaches headings, dates, units and tables. */
const FRAGMENTS = [
  '一、', '二、', '三、', '十一、', '（一）', '（二）', '(三)', '（十五）', '1.', '2．', '3、', '（1）', '(2)', '（3）',
  '总体要求', '重点任务', '保障措施', '政务公开', '牵头单位：', '责任单位：', '县政府办公室', '各镇人民政府',
  '2022年6月30日前', '２０２２年', '每季度', '长期坚持', '全年', '5个工作日内', '二〇二二年三月十日',
  '栖政办发〔2022〕10号', '关于印发《2022年政务公开工作要点》的通知', '此件公开发布', '抄送：', '附件：',
  '。', '；', '：', '，', '“', '”', '《', '》', '\n', '\n\n', '\t', ' ', '\u3000', '\u00a0', '— 8 —', '第 3 页',
  '⽂', '⼀', '⾏', '\uf900', '\uFA10', 'Ａ', 'ｚ', '０', '９', '\ufeff', '\u200b', '\r\n', '\r',
  '\ud800', '\udfff', '\u0000', '\u0085', '\u2028', '😀', '𠀀',
];

const noticeish = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }), { maxLength: 80 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), noticeish);

/** Lines on pages, as a PDF gives them (page numbers and running lines get removed). */
function pdfLike(text: string, perPage: number): SourceText {
  const lines: SourceLine[] = text.split(/\r\n|\n|\r/).map((t, i) => ({ text: t, page: Math.floor(i / perPage) + 1, line: (i % perPage) + 1 }));
  return { path: '<pdf>', format: 'pdf', pages: lines.length ? lines[lines.length - 1].page : 0, lines, tables: [], quality: measureQuality(text), messages: [] };
}

function txtLike(text: string): SourceText {
  const lines: SourceLine[] = text.split(/\r\n|\n|\r/).map((t, i) => ({ text: t, page: null, line: i + 1 }));
  return { path: '<text>', format: 'txt', pages: null, lines, tables: [], quality: measureQuality(text), messages: [] };
}

const SPACE = /[\s\u3000\u00a0\ufeff\u200b]/;

/** The code point of `s` that covers UTF-16 index `i`. */
function codePointCovering(s: string, i: number): string {
  const lo = s.charCodeAt(i);
  if (lo >= 0xdc00 && lo <= 0xdfff && i > 0) {
    const hi = s.charCodeAt(i - 1);
    if (hi >= 0xd800 && hi <= 0xdbff) return s.slice(i - 1, i + 1);
  }
  const cp = s.codePointAt(i)!;
  return String.fromCodePoint(cp).length === 2 && cp > 0xffff ? s.slice(i, i + 2) : s[i];
}

/** The first place where normalize's map does not point at the character it came from, or null. */
function mapProblem(src: SourceText): string | null {
  const n = normalize(src);
  if (n.lineOf.length !== n.text.length || n.colOf.length !== n.text.length) return 'map length differs from text length';
  if (n.lineStarts.length !== n.lines.length) return 'one line start per kept line expected';
  for (let i = 0; i < n.text.length; i++) {
    const ch = n.text[i];
    const li = n.lineOf[i];
    const at = `offset ${i} (${JSON.stringify(ch)})`;
    if (li < 0) {
      // The only inserted character: a line break between kept lines.
      if (ch !== '\n') return `${at}: maps to no source line but is not an inserted line break`;
      continue;
    }
    const line = n.lines[li].text;
    const col = n.colOf[i];
    if (!(col >= 0 && col < line.length)) return `${at}: column ${col} is outside its source line (length ${line.length})`;
    const source = codePointCovering(line, col);
    // A kept space stands for a dropped run of spaces (U+3000, NBSP … fold to ' ');
    // anything else is the same character or one unit of its folding.
    const ok = ch === ' ' ? SPACE.test(source) : foldChar(source).includes(ch) || source.includes(ch);
    if (!ok) return `${at}: maps to ${JSON.stringify(source)} at line ${li}, column ${col}`;
    const pos = locate(n, i);
    if (pos.line !== n.lines[li].line || pos.page !== n.lines[li].page || pos.column !== col + 1) return `${at}: locate() gives ${JSON.stringify(pos)}`;
  }
  for (let li = 0; li < n.lineStarts.length; li++) {
    const start = n.lineStarts[li];
    if (start < n.text.length && n.text[start] !== '\n' && n.lineOf[start] !== li) return `line ${li} starts at ${start}, which maps to line ${n.lineOf[start]}`;
  }
  return null;
}

function checkMap(src: SourceText): void {
  expect(mapProblem(src)).toBeNull();
}

function checkTree(sections: Section[], parentPath: string | null, parentLevel: number, order: { line: number; page: number; column: number }[]): void {
  sections.forEach((s, k) => {
    expect(s.path).toBe(parentPath === null ? String(k + 1) : `${parentPath}.${k + 1}`);
    expect(s.level).toBeGreaterThan(parentLevel);
    expect([1, 2, 3, 4]).toContain(s.level);
    expect(s.label.length).toBeGreaterThan(0);
    order.push({ page: s.position.page ?? 0, line: s.position.line, column: s.position.column });
    checkTree(s.children, s.path, s.level, order);
  });
}

function checkHeadings(sections: Section[]): void {
  const order: { line: number; page: number; column: number }[] = [];
  checkTree(sections, null, 0, order);
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1];
    const b = order[i];
    const cmp = a.page - b.page || a.line - b.line || a.column - b.column;
    expect(cmp).toBeLessThanOrEqual(0);
  }
}

const FIXTURES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'].map((n) => readFileSync(`fixtures/${n}.txt`, 'utf8'));

describe('parseText never throws', () => {
  it('on arbitrary Unicode and notice-like fragments', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const notice = parseText(text);
        expect(notice.source.format).toBe('txt');
        expect(Array.isArray(notice.sections)).toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('on real notices cut, spliced and shuffled', () => {
    const piece = fc.tuple(fc.nat(FIXTURES.length - 1), fc.nat(), fc.nat(2000)).map(([f, a, len]) => {
      const t = FIXTURES[f];
      const start = a % t.length;
      return t.slice(start, start + len);
    });
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        parseText(text);
        parseSource(pdfLike(text, 30));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('ingest of arbitrary text bytes', () => {
  it('reads them or refuses them with an InputError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText.map((s) => new TextEncoder().encode(s)), fc.uint8Array({ maxLength: 400 })), async (bytes) => {
        try {
          const src = await ingestBuffer(bytes, 'x.txt');
          parseSource(src);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('parse is deterministic', () => {
  it('the same text gives the same notice', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(JSON.stringify(parseText(text))).toBe(JSON.stringify(parseText(text)));
      }),
      { numRuns: RUNS },
    );
  });

  it('on every fixture notice, as text and as paged lines', () => {
    for (const text of FIXTURES) {
      expect(JSON.stringify(parseText(text))).toBe(JSON.stringify(parseText(text)));
      expect(JSON.stringify(parseSource(pdfLike(text, 28)))).toBe(JSON.stringify(parseSource(pdfLike(text, 28))));
    }
  });
});

/*
 * The seven BMP compatibility ideographs whose NFKC form lies outside the BMP (U+FA6C,
 * U+FACF–U+FAD1, U+FAD5–U+FAD7) become two UTF-16 units; both must map to the source character.
 * The arbitrary-text properties include them (the map is checked unit by unit).
 */

describe("normalize's map points back at the source", () => {
  it('for arbitrary text (no pages)', () => {
    fc.assert(
      fc.property(anyText, (text) => checkMap(txtLike(text))),
      { numRuns: RUNS },
    );
  });

  it('for arbitrary text on pages (page furniture removed)', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 6 }), (text, perPage) => checkMap(pdfLike(text, perPage))),
      { numRuns: RUNS },
    );
  });

  it('a BMP compatibility ideograph folded outside the BMP (U+FA6C → U+242EE) maps both units to the source character', () => {
    checkMap(txtLike('\uFA6C政务'));
  });

  it('for every fixture notice', () => {
    for (const text of FIXTURES) {
      checkMap(txtLike(text));
      checkMap(pdfLike(text, 30));
    }
  });
});

describe('heading trees are consistent', () => {
  it('on every fixture notice', () => {
    for (const text of FIXTURES) {
      const notice = parseText(text);
      expect(notice.sections.length).toBeGreaterThan(0);
      checkHeadings(notice.sections);
      checkHeadings(parseSource(pdfLike(text, 30)).sections);
    }
  });

  it('on arbitrary notice-like text', () => {
    fc.assert(
      fc.property(noticeish, (text) => {
        checkHeadings(parseText(text).sections);
        checkHeadings(parseSource(pdfLike(text, 5)).sections);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
