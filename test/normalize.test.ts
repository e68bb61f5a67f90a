/**
 * normalize on real extracted text: page furniture goes, Kangxi radicals fold, spaces inside
 * CJK text and numbers go, and every kept character maps back to where it was printed.
 */
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/index.js';
import { foldChar, isPageNumberLine, locate, normalize } from '../src/normalize/index.js';
import type { SourceText } from '../src/model.js';

const qixiaPdf = ingestFile('fixtures/qixia-2022.pdf');

describe('normalize', () => {
  it('removes the — N — page numbers of a real PDF and nothing else that looks like text', async () => {
    const src = await qixiaPdf;
    const n = normalize(src);
    const pageLines = src.lines.filter((l) => isPageNumberLine(l.text));
    expect(pageLines.length).toBeGreaterThanOrEqual((src.pages ?? 0) - 1);
    expect(n.removed).toEqual(pageLines);
    expect(n.text.split('\n').some((l) => /^[—-]\s*\d+\s*[—-]$/.test(l))).toBe(false);
    expect(n.text).toContain('栖政办发〔2022〕10号');
  });

  it('removes a running header repeated on every page, but not the same words in the body', async () => {
    const src = await qixiaPdf;
    const header = '栖霞市人民政府办公室';
    const lines = src.lines.flatMap((l, i) =>
      i > 0 && src.lines[i - 1].page !== l.page ? [{ text: header, page: l.page, line: 0 }, l] : [l],
    );
    const n = normalize({ ...src, lines } as SourceText);
    expect(n.removed.filter((l) => l.text === header).length).toBe((src.pages ?? 1) - 1);
    // The issuer line and the signature on page 1 are not page furniture.
    expect(n.text.split('\n').filter((l) => l === header).length).toBeGreaterThanOrEqual(2);
  });

  it('folds Kangxi radicals and compatibility ideographs, keeps full-width punctuation', () => {
    expect(foldChar('⽂')).toBe('文');
    expect(foldChar('⾏')).toBe('行');
    expect(foldChar('２')).toBe('2');
    expect(foldChar('（')).toBe('（');
    expect(foldChar('，')).toBe('，');
  });

  it('folds the CJK Radicals Supplement, which NFKC leaves alone (Chromium-printed PDFs)', () => {
    // NFKC alone would keep these: the fold is a table, not a normalisation form.
    expect('⺠⻔⻛'.normalize('NFKC')).toBe('⺠⻔⻛');
    expect(foldChar('⺠')).toBe('民');
    expect(foldChar('⻔')).toBe('门');
    expect(foldChar('⻛')).toBe('风');
    expect(foldChar('⻓')).toBe('长');
    expect(foldChar('⻋')).toBe('车');
    expect(foldChar('⺇')).toBe('𠘨'); // outside the BMP: two UTF-16 units
    expect(foldChar('⺀')).toBe('⺀'); // no equivalent ideograph
    const n = normalize({
      path: 'x', format: 'pdf', pages: 1, tables: [], messages: [],
      quality: { score: 1, chars: 1, cjk: 1, controlOrReplacement: 0 },
      lines: [{ text: '华亭市人⺠政府办公室 市直各部⻔ ⺇', page: 1, line: 1 }],
    });
    expect(n.text).toBe('华亭市人民政府办公室市直各部门𠘨');
    expect(locate(n, n.text.indexOf('门'))).toEqual({ page: 1, line: 1, column: 16 });
    // both units of the astral character map back to the radical's column
    expect(locate(n, n.text.length - 1)).toEqual({ page: 1, line: 1, column: 18 });
  });

  it('drops bidi controls and zero-width characters so they cannot hide a heading', () => {
    const n = normalize({
      path: 'x', format: 'txt', pages: null, tables: [], messages: [],
      quality: { score: 1, chars: 1, cjk: 1, controlOrReplacement: 0 },
      lines: [{ text: '\u202e一、\u200b加强\u2066组织\u2069领导\ufeff', page: null, line: 3 }],
    });
    expect(n.text).toBe('一、加强组织领导');
    expect(locate(n, 0)).toEqual({ page: null, line: 3, column: 2 });
  });

  it('drops spaces inside CJK text and numbers, keeps them between Latin words', () => {
    const n = normalize({
      path: 'x', format: 'txt', pages: null, tables: [], messages: [],
      quality: { score: 1, chars: 1, cjk: 1, controlOrReplacement: 0 },
      lines: [{ text: '2022 年 6 月 14 日  栖政办发〔2022〕10 号 ⽂件 Open Government', page: null, line: 1 }],
    });
    expect(n.text).toBe('2022年6月14日栖政办发〔2022〕10号文件Open Government');
  });

  it('maps every kept character back to the page, line and column it was printed at', async () => {
    const src = await qixiaPdf;
    const n = normalize(src);
    const byPageLine = new Map(src.lines.map((l) => [`${l.page}:${l.line}`, l.text]));
    for (let i = 0; i < n.text.length; i += 7) {
      if (n.text[i] === '\n') continue;
      const p = locate(n, i);
      const original = [...(byPageLine.get(`${p.page}:${p.line}`) ?? '').slice(p.column - 1)][0];
      expect(foldChar(original), `offset ${i} → ${p.page}:${p.line}:${p.column}`).toBe(n.text[i]);
    }
  });
});
