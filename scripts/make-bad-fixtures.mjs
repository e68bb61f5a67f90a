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
// Not made here: fuzz-stray-rejection.pdf is input #9411 of `node scripts/fuzz.mjs --dump 9411 9412 DIR`
// (seed 20220601): zhaoyuan-2021.pdf with one 4 KB overwrite; pdf.js leaves unhandled rejections.
//
// Exported: makePdf(pages) for tests and the bench, which build their own PDFs in a temp dir.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'fixtures/bad'));
  mkdirSync(out, { recursive: true });
  const pdf = make2000Pages();
  writeFileSync(join(out, 'pages-2000.pdf'), pdf);
  console.log(`pages-2000.pdf  ${(pdf.length / 1024 / 1024).toFixed(2)} MB`);
  for (const [name, text] of Object.entries(RULE_FILES)) writeFileSync(join(out, name), text);
  writeFileSync(join(out, 'catastrophic.txt'), catastrophicText());
  console.log(Object.keys(RULE_FILES).concat('catastrophic.txt').join('\n'));
}
