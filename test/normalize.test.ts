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
