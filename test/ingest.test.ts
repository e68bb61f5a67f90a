/**
 * ingest on the fixtures: every format of the five notices, the encodings, the
 * font edge cases, the huaiyin Word table, and every bad file.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, type InputErrorCode } from '../src/errors.js';
import type { SourceText, TableCell } from '../src/model.js';
import { ingestBuffer, ingestFile } from '../src/ingest/index.js';
import { QUALITY_FAIL, QUALITY_WARN, measureQuality, qualityWarning } from '../src/ingest/quality.js';
import { sniff } from '../src/ingest/sniff.js';
import { cleanLine, splitLines } from '../src/ingest/lines.js';
import { findTables } from '../src/ingest/doc.js';

const NAMES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
const FX = 'fixtures';
const TABLE_TITLE = '2022年槐荫区政务公开重点工作任务分解表';

const cache = new Map<string, Promise<SourceText>>();
/** Ingest each fixture once per test run (PDFs take ~1 s). */
const ingest = (path: string): Promise<SourceText> => {
  let p = cache.get(path);
  if (!p) {
    p = ingestFile(path);
    cache.set(path, p);
  }
  return p;
};

const txt = (name: string) => readFileSync(`${FX}/${name}.txt`, 'utf8');
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');
const joined = (st: SourceText) => st.lines.map((l) => l.text).join('\n');

/** CJK ideographs of a text as a multiset. */
function cjkCounts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of text) if (/\p{Script=Han}/u.test(ch)) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}
/** Share of `expected`'s CJK characters (with multiplicity) found in `actual`. */
function cjkRecall(expected: string, actual: string): number {
  const e = cjkCounts(expected);
  const a = cjkCounts(actual.normalize('NFKC'));
  let total = 0;
  let hit = 0;
  for (const [ch, n] of e) {
    total += n;
    hit += Math.min(n, a.get(ch) ?? 0);
  }
  return hit / total;
}

/** The .txt paragraphs a Word fixture holds: non-empty lines, leading blanks stripped, huaiyin's table left out. */
function expectedParagraphs(name: string): string[] {
  let lines = txt(name).split('\n');
  if (name === 'huaiyin-2022') {
    const t = lines.indexOf(TABLE_TITLE);
    const after = lines.findIndex((l, i) => i > t && l.startsWith('抄送'));
    lines = [...lines.slice(0, t + 1), ...lines.slice(after)];
  }
  return lines.map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
}

async function expectInputError(p: Promise<unknown>, code: InputErrorCode, file: string): Promise<InputError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `${file} should throw ${code}`).toBeInstanceOf(InputError);
  const ie = err as InputError;
  expect(ie.code).toBe(code);
  expect(ie.file).toBe(file);
  // says what is wrong and what to do, in both languages
  expect(ie.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(ie.zh).toMatch(/请|再试/);
  expect(ie.en).toMatch(/[A-Za-z]/);
  expect(ie.en.length).toBeGreaterThan(30);
  return ie;
}

function expectCleanLines(st: SourceText) {
  for (const l of st.lines) {
    expect(l.text).not.toMatch(/[\u0000\f\r\n]/);
  }
}

describe('TXT', () => {
  it.each(NAMES)('%s.txt: UTF-8, one SourceLine per line, text kept as is', async (name) => {
    const st = await ingest(`${FX}/${name}.txt`);
    const raw = txt(name);
    expect(st.format).toBe('txt');
    expect(st.encoding).toBe('utf-8');
    expect(st.pages).toBeNull();
    expect(st.tables).toEqual([]);
    const expected = raw.split('\n');
    if (expected.at(-1) === '') expected.pop();
    expect(st.lines.map((l) => l.text)).toEqual(expected);
    expect(st.lines.every((l, i) => l.page === null && l.line === i + 1)).toBe(true);
    expect(st.quality.score).toBeGreaterThanOrEqual(0.99);
    expect(st.messages).toEqual([]);
  });

  it.each([
    ['qixia-2022.gb18030.txt', 'qixia-2022', 'gb18030'],
    ['zhaoyuan-2021.utf16le.txt', 'zhaoyuan-2021', 'utf-16le'],
    ['huating-2022.utf16be.txt', 'huating-2022', 'utf-16be'],
    ['mudan-2022.utf8bom.txt', 'mudan-2022', 'utf-8-bom'],
  ])('encodings/%s decodes equal to the UTF-8 original', async (file, name, encoding) => {
    const st = await ingest(`${FX}/encodings/${file}`);
    const original = await ingest(`${FX}/${name}.txt`);
    expect(st.encoding).toBe(encoding);
    expect(st.lines).toEqual(original.lines);
    expect(st.lines[0].text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('encodings/short.gbk.txt: a 17-byte GBK line is read as GB18030, not Big5/Shift_JIS', async () => {
    const st = await ingest(`${FX}/encodings/short.gbk.txt`);
    expect(st.encoding).toBe('gb18030');
    expect(st.lines.map((l) => l.text)).toEqual(['政务公开工作要点']);
  });

  it('splits on \\r\\n, \\n and \\r, keeps spaces, strips only NUL and form feed', async () => {
    const bytes = new TextEncoder().encode('  一、总体要求\r\n第二行\t\r第三\f行\u0000\n\n末行  \n');
    const st = await ingestBuffer(bytes, 'mixed.txt');
    expect(st.lines).toEqual([
      { text: '  一、总体要求', page: null, line: 1 },
      { text: '第二行\t', page: null, line: 2 },
      { text: '第三行', page: null, line: 3 },
      { text: '', page: null, line: 4 },
      { text: '末行  ', page: null, line: 5 },
    ]);
    expect(splitLines('a\r\n\r\nb')).toEqual(['a', '', 'b']);
    expect(cleanLine('\f\u0000x')).toBe('x');
  });

  it('a UTF-8 file with a cut-off last character stays UTF-8', async () => {
    const bytes = Buffer.from(txt('huating-2022'), 'utf8');
    const cut = bytes.subarray(0, bytes.length - 2); // ends inside a 3-byte character
    const st = await ingestBuffer(cut, 'cut.txt');
    expect(st.encoding).toBe('utf-8');
    expect(st.lines.length).toBeGreaterThan(100);
    expect(st.messages.map((m) => m.ruleId)).toContain('guessed-encoding');
  });

  it('reads BOM-less UTF-16 and says the encoding was guessed', async () => {
    const text = txt('zhaoyuan-2021');
    const st = await ingestBuffer(Buffer.from(text, 'utf16le'), 'nobom.txt');
    expect(st.encoding).toBe('utf-16le');
    expect(joined(st)).toBe(text.replace(/\n$/, ''));
    expect(st.messages.map((m) => m.ruleId)).toContain('guessed-encoding');
  });
});

describe('PDF', () => {
  it('qixia-2022.pdf: text page by page, page numbers 1..N, lines numbered per page, no pdf-parse markers', async () => {
    const st = await ingest(`${FX}/qixia-2022.pdf`);
    expect(st.format).toBe('pdf');
    expect(st.encoding).toBeUndefined();
    const text = squash(joined(st));
    expect(text).toContain('栖政办发〔2022〕10号');
    expect(text).toContain('2022年栖霞市政务公开工作要点');
    expect(st.pages).toBeGreaterThan(1);
    const pages = [...new Set(st.lines.map((l) => l.page))];
    expect(pages).toEqual(Array.from({ length: st.pages! }, (_, i) => i + 1));
    for (const p of pages) {
      const nums = st.lines.filter((l) => l.page === p).map((l) => l.line);
      expect(nums).toEqual(nums.map((_, i) => i + 1));
    }
    expect(st.lines[0]).toMatchObject({ page: 1, line: 1 });
    expect(joined(st)).not.toMatch(/-- \d+ of \d+ --/);
    expectCleanLines(st);
    expect(st.quality.score).toBeGreaterThanOrEqual(0.99);
    expect(st.messages).toEqual([]);
  });

  it.each(NAMES)('%s.pdf: keeps at least 99 percent of the CJK characters of the .txt', async (name) => {
    const st = await ingest(`${FX}/${name}.pdf`);
    expect(cjkRecall(txt(name), joined(st))).toBeGreaterThanOrEqual(0.99);
    expect(st.quality.score).toBeGreaterThanOrEqual(QUALITY_WARN);
  });

  it('fonts/zhaoyuan-2021.stsong.pdf (non-embedded STSong-Light): > 95% of the CJK characters come back', async () => {
    const st = await ingest(`${FX}/fonts/zhaoyuan-2021.stsong.pdf`);
    expect(cjkRecall(txt('zhaoyuan-2021'), joined(st))).toBeGreaterThan(0.95);
    expect(squash(joined(st))).toContain('招政办发〔2021〕5号');
  });

  it('fonts/mudan-2022.pdfkit.pdf (embedded subset CID font): > 95% of the CJK characters come back', async () => {
    const st = await ingest(`${FX}/fonts/mudan-2022.pdfkit.pdf`);
    expect(cjkRecall(txt('mudan-2022'), joined(st))).toBeGreaterThan(0.95);
    expect(st.pages).toBe(8);
  });

  it('huaiyin-2022.pdf: the ruled table comes back with real spans', async () => {
    const st = await ingest(`${FX}/huaiyin-2022.pdf`);
    expect(st.tables.length).toBeGreaterThan(1); // one per page the table runs over
    const first = st.tables[0];
    expect(first.position.page).toBeGreaterThan(1);
    expect(first.rows[0].map((c) => c.text)).toEqual(['序号', '工作任务', '具体要求', '责任单位', '完成时限']);
    expect(first.rows[0][1].colSpan).toBe(2);
    expect(first.rows[1][0].text).toBe('1');
    // a chapter cell spans several rows
    expect(first.rows.flat().some((c) => c.rowSpan > 1)).toBe(true);
    // every fragment is a consistent grid: each row covers the same number of columns
    for (const t of st.tables) expect(gridWidths(t.rows).size).toBe(1);
    // the table's cells hold the text of its 要求 column
    const cells = squash(st.tables.flatMap((t) => t.rows.flat().map((c) => c.text)).join(''));
    expect(cells).toContain(squash('抓好新旧动能转换领域信息公开'));
  });

  it('an owner-password-only PDF still opens', async () => {
    const st = await ingest(`${FX}/bad/encrypted-owner-only.pdf`);
    expect(squash(joined(st))).toContain('栖政办发〔2022〕10号');
  });

  it('the format comes from the bytes: a PDF named .txt, and a PDF after 500 bytes of junk', async () => {
    const pdf = readFileSync(`${FX}/fonts/zhaoyuan-2021.stsong.pdf`);
    const named = await ingestBuffer(pdf, 'notice.txt');
    expect(named.format).toBe('pdf');
    const junk = Buffer.concat([Buffer.alloc(500, 0x20), pdf]);
    const shifted = await ingestBuffer(junk, 'junk.pdf');
    expect(shifted.format).toBe('pdf');
    expect(squash(joined(shifted))).toContain('招政办发〔2021〕5号');
  });
});

/** Columns covered by each row of a table (rows × colSpan, counting cells spanning down from above). */
function gridWidths(rows: TableCell[][]): Set<number> {
  const carry: number[] = []; // rows still covered, per column
  const widths = new Set<number>();
  for (const row of rows) {
    let col = 0;
    let width = 0;
    const next: number[] = [];
    let i = 0;
    while (i < row.length || (carry[col] ?? 0) > 0) {
      if ((carry[col] ?? 0) > 0) {
        next[col] = carry[col] - 1;
        col++;
        width++;
        continue;
      }
      const cell = row[i++];
      for (let k = 0; k < cell.colSpan; k++) next[col + k] = cell.rowSpan - 1;
      col += cell.colSpan;
      width += cell.colSpan;
    }
    for (let c = col; c < carry.length; c++) if ((carry[c] ?? 0) > 0) {
      next[c] = carry[c] - 1;
      width++;
    }
    carry.length = 0;
    carry.push(...next.map((v) => v ?? 0));
    widths.add(width);
  }
  return widths;
}

describe('DOCX', () => {
  // equality with the .txt paragraphs also shows the footer "— PAGE —" is not read as body text
  it.each(NAMES)('%s.docx: one line per paragraph, table text not repeated', async (name) => {
    const st = await ingest(`${FX}/${name}.docx`);
    expect(st.format).toBe('docx');
    expect(st.pages).toBeNull();
    expect(st.lines.map((l) => l.text).filter((t) => t !== '')).toEqual(expectedParagraphs(name));
    expect(st.lines.every((l, i) => l.page === null && l.line === i + 1)).toBe(true);
    expectCleanLines(st);
    expect(st.quality.score).toBeGreaterThanOrEqual(0.99);
  });

  it('huaiyin-2022.docx: the Word table matches huaiyin-2022.table.json in rows, cells and spans', async () => {
    const st = await ingest(`${FX}/huaiyin-2022.docx`);
    const expected = JSON.parse(readFileSync(`${FX}/huaiyin-2022.table.json`, 'utf8')) as TableCell[][];
    expect(st.tables).toHaveLength(1);
    const table = st.tables[0];
    expect(table.rows.length).toBe(expected.length);
    expect(table.rows).toEqual(expected);
    expect(table.rows[0][1]).toEqual({ text: '工作任务', rowSpan: 1, colSpan: 2 });
    expect(gridWidths(table.rows)).toEqual(new Set([6]));
    // the table sits after the line with its title, and its text is not in the lines
    const titleLine = st.lines.find((l) => l.text === TABLE_TITLE)!;
    expect(table.position).toEqual({ page: null, line: titleLine.line + 1, column: 1 });
    expect(joined(st)).not.toContain('区投资促进局');
  });
});

describe('DOC', () => {
  it.each(NAMES)('%s.doc: the same paragraphs as the .docx', async (name) => {
    const st = await ingest(`${FX}/${name}.doc`);
    const docx = await ingest(`${FX}/${name}.docx`);
    expect(st.format).toBe('doc');
    expect(st.lines.map((l) => l.text).filter((t) => t !== '')).toEqual(docx.lines.map((l) => l.text).filter((t) => t !== ''));
    expect(st.lines.every((l, i) => l.page === null && l.line === i + 1)).toBe(true);
    expectCleanLines(st);
    // filterUnicode: false keeps Chinese quotes and dashes
    if (txt(name).includes('“')) expect(joined(st)).toContain('“');
  });

  it('huaiyin-2022.doc: 68 table rows whose texts match the DOCX table (spans are not recoverable)', async () => {
    const st = await ingest(`${FX}/huaiyin-2022.doc`);
    const expected = JSON.parse(readFileSync(`${FX}/huaiyin-2022.table.json`, 'utf8')) as TableCell[][];
    expect(st.tables).toHaveLength(1);
    const rows = st.tables[0].rows;
    expect(rows.length).toBe(68);
    const texts = (r: TableCell[]) => r.map((c) => c.text).filter((t) => t !== '');
    expect(rows.map(texts)).toEqual(expected.map(texts));
    expect(rows.flat().every((c) => c.rowSpan === 1 && c.colSpan === 1)).toBe(true);
    expect(st.messages.map((m) => m.ruleId)).toContain('doc-table-spans');
    expect(joined(st)).not.toContain('区投资促进局');
  });

  it('findTables: rows end "\\t", a cell may hold line breaks, body text around is left alone', () => {
    const raw = ['附件：任务表', '序号\t任务\t单位\t', '1\t公开\t区政府办公室', '区司法局\t', '2\t\t各部门\t', '合计\t全年\t', '表后段落\t说明'];
    const found = findTables(raw);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: 1, end: 6 });
    expect(found[0].rows).toEqual([
      ['序号', '任务', '单位'],
      ['1', '公开', '区政府办公室\n区司法局'],
      ['2', '', '各部门'],
      ['合计', '全年'],
    ]);
    expect(findTables(['正文\t有制表符', '只有一行\t表格\t'])).toEqual([]);
  });
});

describe('bad input', () => {
  it('bad/damaged-middle.pdf opens garbled: one low-text-quality warning with the figure', async () => {
    const src = await ingestFile(`${FX}/bad/damaged-middle.pdf`);
    expect(src.quality.score).toBeLessThan(0.95);
    const warnings = src.messages.filter((m) => m.ruleId === 'low-text-quality');
    expect(warnings.length).toBe(1);
    expect(warnings[0].message.zh).toMatch(/\d+(\.\d)?%/);
  });

  it.each<[string, InputErrorCode]>([
    ['bad/encrypted.pdf', 'encrypted-pdf'],
    ['bad/scanned.pdf', 'scanned-pdf'],
    ['bad/truncated.pdf', 'corrupt-file'],
    ['bad/empty.txt', 'empty-file'],
    ['bad/empty.pdf', 'empty-file'],
    ['bad/random.bin', 'unsupported-format'],
    ['bad/not-a-docx.docx', 'unsupported-format'],
    ['bad/no-body.docx', 'empty-file'],
    ['bad/garbage.txt', 'low-text-quality'],
    ['bad/image.png', 'unsupported-format'],
  ])('%s → %s', async (file, code) => {
    await expectInputError(ingestFile(`${FX}/${file}`), code, `${FX}/${file}`);
  });

  it('the encrypted PDF says to remove the open password', async () => {
    const e = await expectInputError(ingestFile(`${FX}/bad/encrypted.pdf`), 'encrypted-pdf', `${FX}/bad/encrypted.pdf`);
    expect(e.zh).toContain('去除打开密码');
    expect(e.en).toContain('remove the open password');
  });

  it('the scanned PDF asks for the Word/text version or an OCR’d PDF', async () => {
    const e = await expectInputError(ingestFile(`${FX}/bad/scanned.pdf`), 'scanned-pdf', `${FX}/bad/scanned.pdf`);
    expect(e.zh).toMatch(/Word.*OCR/);
    expect(e.en).toMatch(/Word.*OCR/);
  });

  it('a missing file and a directory', async () => {
    await expectInputError(ingestFile(`${FX}/no-such-file.pdf`), 'not-found', `${FX}/no-such-file.pdf`);
    await expectInputError(ingestFile(FX), 'unreadable', FX);
  });

  it('cut-off Word files are corrupt-file, not "unsupported"', async () => {
    const docx = readFileSync(`${FX}/qixia-2022.docx`);
    await expectInputError(ingestBuffer(docx.subarray(0, 3000), 'cut.docx'), 'corrupt-file', 'cut.docx');
    const doc = readFileSync(`${FX}/qixia-2022.doc`);
    await expectInputError(ingestBuffer(doc.subarray(0, doc.length - 400), 'cut.doc'), 'corrupt-file', 'cut.doc');
  });

  it('whitespace-only text, other zips and OLE files', async () => {
    await expectInputError(ingestBuffer(new TextEncoder().encode(' \n\u3000\r\n'), 'blank.txt'), 'empty-file', 'blank.txt');
    const dir = mkdtempSync(join(tmpdir(), 'gkcheck-ingest-'));
    // an OLE file that is not a Word document (no WordDocument stream)
    const ole = Buffer.alloc(1536);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    ole.writeUInt16LE(9, 0x1e); // 512-byte sectors
    ole.writeUInt32LE(1, 0x2c); // one FAT sector …
    ole.writeUInt32LE(0, 0x4c); // … at sector 0 (offset 512)
    ole.fill(0xff, 512, 1024);
    ole.writeUInt32LE(0xfffffffd, 512); // sector 0: FAT; sector 1: directory
    ole.writeUInt32LE(0xfffffffe, 516);
    Buffer.from('Workbook', 'utf16le').copy(ole, 1024);
    writeFileSync(join(dir, 'book.doc'), ole);
    const e = await expectInputError(ingestFile(join(dir, 'book.doc')), 'unsupported-format', join(dir, 'book.doc'));
    expect(e.zh).toContain('Excel');
  });
});

describe('format detection and quality', () => {
  it('sniff decides from the bytes', () => {
    const b = (s: string) => new TextEncoder().encode(s);
    expect(sniff(b('%PDF-1.7\n'))).toEqual({ format: 'pdf' });
    // junk before the header is accepted only from a file that ends like a PDF
    expect(sniff(b('x'.repeat(1000) + '%PDF-1.4\n1 0 obj\nstartxref\n9\n%%EOF\n'))).toEqual({ format: 'pdf' });
    // a text that quotes the header near its top is text (issue 15)
    expect(sniff(b('关于文件格式的说明：PDF 文件以 %PDF-1.7 开头。\n政务公开工作要点\n')).format).toBe('txt');
    expect(sniff(b('x'.repeat(1100) + '%PDF-1.4')).format).toBe('txt');
    expect(sniff(readFileSync(`${FX}/qixia-2022.docx`))).toEqual({ format: 'docx' });
    expect(sniff(readFileSync(`${FX}/qixia-2022.doc`))).toEqual({ format: 'doc' });
    expect(sniff(readFileSync(`${FX}/bad/not-a-docx.docx`)).format).toBeNull();
    expect(sniff(readFileSync(`${FX}/bad/image.png`)).format).toBeNull();
    expect(sniff(b('<!DOCTYPE html><html>')).format).toBe('html');
    expect(sniff(b('政务公开')).format).toBe('txt');
  });

  it('real notices score ~1; wrong decodings score below QUALITY_FAIL', () => {
    for (const name of NAMES) expect(measureQuality(txt(name)).score).toBeGreaterThanOrEqual(0.99);
    const utf8 = readFileSync(`${FX}/qixia-2022.txt`);
    for (const label of ['gb18030', 'big5', 'windows-1252', 'utf-16le']) {
      expect(measureQuality(new TextDecoder(label).decode(utf8)).score).toBeLessThan(QUALITY_FAIL);
    }
    expect(measureQuality(readFileSync(`${FX}/bad/garbage.txt`, 'utf8')).score).toBeLessThan(QUALITY_FAIL);
  });

  it('a partly garbled text gets a low-text-quality warning in Chinese and English', async () => {
    const good = txt('qixia-2022');
    const junk = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x80 + (i % 32)) + '\uE000').join('');
    const st = await ingestBuffer(new TextEncoder().encode(good + junk), 'partly.txt');
    expect(st.quality.score).toBeLessThan(QUALITY_WARN);
    expect(st.quality.score).toBeGreaterThanOrEqual(QUALITY_FAIL);
    expect(st.quality.controlOrReplacement).toBe(800);
    const w = st.messages.find((m) => m.ruleId === 'low-text-quality')!;
    expect(w.severity).toBe('warning');
    expect(w.message.zh).toContain('质量');
    expect(w.message.en).toContain('quality');
    expect(qualityWarning({ score: 1, chars: 10, cjk: 10, controlOrReplacement: 0 })).toBeNull();
  });

  it('importing src/ingest/index.ts pulls in no PDF/Word library statically', () => {
    const heavy = /from\s+['"](pdf-parse|pdfjs-dist[^'"]*|mammoth|word-extractor)['"]/;
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      expect(src, file).not.toMatch(heavy);
      for (const m of src.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)';/gms)) {
        if (/^import\s+type\s/.test(m[0])) continue;
        visit(join(file, '..', m[1].replace(/\.js$/, '.ts')));
      }
    };
    visit('src/ingest/index.ts');
    expect(seen.has('src/ingest/pdf.ts')).toBe(false);
    expect(seen.has('src/ingest/docx.ts')).toBe(false);
    expect(seen.has('src/ingest/doc.ts')).toBe(false);
  });
});
