/**
 * Word automatic numbering (issue 12 item 3) and the Office readers' caps (issue 15).
 * fixtures/numbered/*.docx: the five notices with their heading labels produced by
 * numbering.xml (scripts/fixtures/make-docx-numbered.mjs); fixtures/bad/*: hostile
 * packages (scripts/fixtures/make-bad-office.mjs).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InputError } from '../src/errors.js';
import type { Section } from '../src/model.js';
import { parseFile } from '../src/parse.js';
import { ingestBuffer, ingestFile } from '../src/ingest/index.js';
import { formatNumber } from '../src/ingest/docx-numbering.js';
import { storedZip } from '../src/ingest/zip.js';

const NAMES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
const flat = (ss: Section[]): Section[] => ss.flatMap((s) => [s, ...flat(s.children)]);
const norm = (l: string) => l.replace(/\(/g, '（').replace(/\)/g, '）').replace(/．$/, '.');

describe('Word automatic numbering', () => {
  it.each(NAMES)('numbered/%s.docx has the same section tree as the typed text', async (name) => {
    const [typed, numbered] = await Promise.all([parseFile(`fixtures/${name}.txt`), parseFile(`fixtures/numbered/${name}.docx`)]);
    const key = (s: Section) => `${s.path} ${norm(s.label)} ${s.title}`;
    expect(flat(numbered.sections).map(key)).toEqual(flat(typed.sections).map(key));
    expect(flat(numbered.sections).length).toBeGreaterThan(2);
  });

  it('style-linked level 1, continuing （N） (lvlRestart 0) and a startOverride are all printed', async () => {
    const q = await ingestFile('fixtures/numbered/qixia-2022.docx');
    const text = q.lines.map((l) => l.text);
    expect(text).toContain('一、进一步推进重要决策部署信息公开');
    // （四） follows 二、 because level 2 never restarts in this notice
    expect(text.some((t) => t.startsWith('（四）规范政务公开工作流程'))).toBe(true);
    expect(q.messages.find((m) => m.ruleId === 'docx-auto-numbering')?.message.en).toMatch(/^22 paragraph/);
    const m = await ingestFile('fixtures/numbered/mudan-2022.docx');
    // mudan's only paragraph-start labels are 二、 and 三、: the first needs a startOverride of 2
    expect(m.lines.map((l) => l.text).filter((t) => /^[一二三]、/.test(t)).map((t) => t.slice(0, 2))).toEqual(['二、', '三、']);
  });

  it('a 文号 in the page header, the date in a layout table, 附注 in a DrawingML-only text box reach the metadata', async () => {
    const file = 'fixtures/numbered/qixia-2022.furniture.docx';
    // what a reader of the body alone (mammoth's raw text) gets: none of the three
    const mammoth = (await import('mammoth')).default;
    const raw = (await mammoth.extractRawText({ path: file })).value.replace(/\s+/g, '');
    expect(raw).not.toContain('栖政办发');
    expect(raw).not.toContain('此件公开发布');
    const n = await parseFile(file);
    expect(n.meta).toMatchObject({ docNumber: '栖政办发〔2022〕10号', signedDate: '2022-06-14', issuer: '栖霞市人民政府办公室', publicity: '此件公开发布' });
    expect(n.sections).toHaveLength(5);
    const src = await ingestFile(file);
    expect(src.lines[0].text).toBe('栖政办发〔2022〕10 号'); // the header, first
    expect(src.tables).toHaveLength(0); // the layout table was read as lines
  });

  it('formats Word number formats as printed', () => {
    expect([1, 10, 11, 20, 21, 105].map((n) => formatNumber(n, 'chineseCounting'))).toEqual(['一', '十', '十一', '二十', '二十一', '一百零五']);
    expect(formatNumber(12, 'chineseCountingThousand')).toBe('十二');
    expect(formatNumber(3, 'ideographTraditional')).toBe('丙');
    expect(formatNumber(3, 'decimalEnclosedParen')).toBe('⑶');
    expect(formatNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatNumber(4, 'lowerRoman')).toBe('iv');
    expect(formatNumber(28, 'upperLetter')).toBe('BB');
    expect(formatNumber(2022, 'ideographDigital')).toBe('二〇二二');
    expect(formatNumber(15, 'chineseLegalSimplified')).toBe('壹拾伍');
  });
});

describe('Office packages within limits (issue 15)', () => {
  const timed = async <T>(f: () => Promise<T>) => {
    const t0 = Date.now();
    const r = await f().catch((e) => e);
    return { r, ms: Date.now() - t0 };
  };

  it('a cell with w:gridSpan 2147483647 is cut back to the table grid, with a warning', async () => {
    const { r, ms } = await timed(() => ingestFile('fixtures/bad/gridspan-huge.docx'));
    expect(ms).toBeLessThan(10_000);
    expect(r.tables[0].rows[1].map((c: { colSpan: number }) => c.colSpan)).toEqual([1, 3]);
    expect(r.messages.some((m: { ruleId: string }) => m.ruleId === 'docx-table-span')).toBe(true);
  });

  it('a DOCX whose body inflates to 80 MB is refused before it fills memory', async () => {
    const { r, ms } = await timed(() => ingestFile('fixtures/bad/zip-bomb.docx'));
    expect(ms).toBeLessThan(10_000);
    expect(r).toBeInstanceOf(InputError);
    expect(r.code).toBe('too-large');
    expect(r.zh).toContain('压缩炸弹');
    expect(r.file).toBe('fixtures/bad/zip-bomb.docx');
  });

  it('a package with more than 10,000 parts is refused from its directory alone', async () => {
    const parts = Array.from({ length: 10_001 }, (_, i) => ({ name: `word/p${i}.xml`, data: new Uint8Array(0) }));
    parts.unshift({ name: 'word/document.xml', data: new TextEncoder().encode('<w:document/>') });
    const r = await ingestBuffer(storedZip(parts), 'many.docx').catch((e) => e);
    expect(r).toBeInstanceOf(InputError);
    expect(r.code).toBe('too-large');
  });

  it('an XLSX with one cell at XFD1048576 reads its used cells only', async () => {
    const { r, ms } = await timed(() => ingestFile('fixtures/bad/xlsx-far-cell.xlsx'));
    expect(ms).toBeLessThan(10_000);
    // the columns A–D and XFD, the rows 1–3 and 1048576: nothing in between is visited
    expect(r.tables[0].rows.map((row: Array<{ text: string }>) => row.length)).toEqual([5, 5, 5, 5]);
    expect(r.tables[0].rowPositions.map((p: { line: number }) => p.line)).toEqual([1, 2, 3, 1048576]);
    expect(r.tables[0].rows[3][4].text).toBe('备注');
    const n = await parseFile('fixtures/bad/xlsx-far-cell.xlsx');
    expect(n.tasks[0]).toMatchObject({ requirement: '做好政策解读', deadlineText: '2022年12月底前' });
  });

  it('an XLSX merged range A1:XFD1048576 is cut to the used range (Excel then shows only its first cell)', async () => {
    const { r, ms } = await timed(() => ingestFile('fixtures/bad/xlsx-huge-merge.xlsx'));
    expect(ms).toBeLessThan(10_000);
    expect(r.tables[0].rows).toEqual([[{ text: '2022年政务公开重点工作任务分解表', rowSpan: 1, colSpan: 1 }]]);
  });
});
