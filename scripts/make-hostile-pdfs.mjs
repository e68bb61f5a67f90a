#!/usr/bin/env node
// Hostile PDFs (issue 15), small on disk, built at test time or written with:
//
//   node scripts/make-hostile-pdfs.mjs [OUT_DIR]        (default: a temp dir, printed)
//
//   nested-forms.pdf     a few KB: form XObject F1 draws F2 ten times, F2 draws F3 ten times …
//                        down to F12, whose one glyph and one rule are then drawn 10¹¹ times;
//                        the page also has a table header row, so a reader that looks for
//                        ruled tables asks for its operator list
//   huge-stream.pdf      one page whose content stream inflates to `mb` MB (default 200) of
//                        text-showing operators, ~0.1% of that on disk (FlateDecode)
//   huge-paths.pdf       the same with path operators only (no text at all)
//   pages-N.pdf          N pages in one flat /Kids array (the shape that made page lookup
//                        quadratic), each with a line of text
//
// Same bytes on every run. Exported for the tests: nestedForms, hugeStream, manyPages.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/** A PDF from object bodies (index = object number - 1); object 1 must be the catalog. */
function writePdf(objs) {
  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  objs.forEach((body, i) => {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
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

function stream(dict, data) {
  const z = deflateSync(Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'), { level: 9 });
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${z.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), z, Buffer.from('\nendstream', 'latin1')]);
}

/** UTF-16BE hex of a string, for text in the standard-14-free CID font below. */
const ucs2 = (s) => [...s].map((c) => c.codePointAt(0).toString(16).padStart(4, '0')).join('');

// Objects 2–4: a non-embedded Chinese CID font (pdf.js maps it with its CMaps).
const FONT = [
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [3 0 R] >>',
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 4 0 R /DW 1000 >>',
  '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 752 /Descent -271 /CapHeight 737 /StemV 58 >>',
];
const RESOURCES = '/Font << /F1 2 0 R >>';
const header = (y) => `BT /F1 12 Tf 72 ${y} Td <${ucs2('序号')}> Tj 60 0 Td <${ucs2('工作任务')}> Tj 80 0 Td <${ucs2('责任单位')}> Tj 80 0 Td <${ucs2('完成时限')}> Tj ET`;

/** Form XObjects nested `depth` deep, each drawing the next `fanout` times. */
export function nestedForms({ depth = 12, fanout = 10 } = {}) {
  const objs = ['<< /Type /Catalog /Pages 5 0 R >>', ...FONT, '<< /Type /Pages /Count 1 /Kids [6 0 R] >>'];
  const firstForm = 8;
  objs.push(`<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Resources << ${RESOURCES} /XObject << /X ${firstForm} 0 R >> >> /Contents 7 0 R >>`);
  objs.push(stream('', `${header(780)}\n0.5 w 72 770 m 520 770 l S\nq /X Do Q\n`));
  for (let k = 0; k < depth; k++) {
    const last = k === depth - 1;
    const body = last
      ? `BT /F1 10 Tf 100 400 Td <${ucs2('一')}> Tj ET 100 390 m 110 390 l S`
      : Array.from({ length: fanout }, () => '/X Do').join(' ');
    const res = last ? `<< ${RESOURCES} >>` : `<< /XObject << /X ${firstForm + k + 1} 0 R >> >>`;
    objs.push(stream(`/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources ${res}`, body));
  }
  return writePdf(objs);
}

/** One page whose content stream inflates to `mb` MB: text operators, or paths only. */
export function hugeStream({ mb = 200, kind = 'text' } = {}) {
  const unit =
    kind === 'text'
      ? Buffer.from(`BT /F1 10 Tf 72 700 Td <${ucs2('政务公开')}> Tj ET\n`, 'latin1')
      : Buffer.from('72 700 m 80 700 l S\n', 'latin1');
  // 1 MB of whole operators, deflated once without a final block (a sync flush), repeated
  // `mb` times, then a final empty block: a valid stream that inflates to `mb` MB. pdf.js,
  // like most readers, does not check the Adler-32 trailer, which is left zero.
  const block = Buffer.alloc(Math.floor((1024 * 1024) / unit.length) * unit.length);
  for (let i = 0; i < block.length; i++) block[i] = unit[i % unit.length];
  const piece = deflateRawSync(block, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const data = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array(mb).fill(piece), Buffer.from([0x03, 0x00]), Buffer.alloc(4)]);
  const objs = ['<< /Type /Catalog /Pages 5 0 R >>', ...FONT, '<< /Type /Pages /Count 1 /Kids [6 0 R] >>'];
  objs.push(`<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Resources << ${RESOURCES} >> /Contents 7 0 R >>`);
  objs.push(Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
  return writePdf(objs);
}

/** `n` pages in one flat /Kids array, a line of text on each. */
export function manyPages(n) {
  const objs = ['<< /Type /Catalog /Pages 5 0 R >>', ...FONT, ''];
  const content = 7;
  objs.push(''); // 6: placeholder to keep numbering simple
  objs.push(stream('', `BT /F1 14 Tf 72 760 Td <${ucs2('各单位要按照要求做好政务公开工作。')}> Tj ET`));
  const kids = [];
  for (let p = 0; p < n; p++) {
    objs.push(`<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Resources << ${RESOURCES} >> /Contents ${content} 0 R >>`);
    kids.push(`${objs.length} 0 R`);
  }
  objs[4] = `<< /Type /Pages /Count ${n} /Kids [${kids.join(' ')}] >>`;
  objs[5] = '<< >>';
  return writePdf(objs);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'gkcheck-hostile-'));
  mkdirSync(out, { recursive: true });
  const files = {
    'nested-forms.pdf': nestedForms(),
    'huge-stream.pdf': hugeStream({ mb: 200, kind: 'text' }),
    'huge-paths.pdf': hugeStream({ mb: 200, kind: 'path' }),
    'pages-20000.pdf': manyPages(20000),
  };
  for (const [name, buf] of Object.entries(files)) {
    writeFileSync(join(out, name), buf);
    console.log(`${join(out, name)}  ${(buf.length / 1024).toFixed(0)} KB`);
  }
}
