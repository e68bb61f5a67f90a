/**
 * Decide a file's format from its bytes (never from its name).
 *
 *   %PDF- at offset 0, or within the first 1 KB of a file that ends like a PDF
 *   (startxref / %%EOF in its last 2 KB)  → pdf  (a text that merely mentions %PDF- is text)
 *   PK\3\4 with word/document.xml inside  → docx; with xl/workbook.xml → xlsx (other zips: unsupported)
 *   D0 CF 11 E0 A1 B1 1A E1 + WordDocument → doc  (other OLE files: unsupported)
 *   known binary signatures (images, archives, executables, RTF)
 *                                          → unsupported, saying what the file is
 *   markup (doctype, <html>, a CMS comment, <?xml…<html, a doctype-less fragment)
 *                                          → html (./html-decode.ts)
 *   anything else                          → txt (text.ts decides whether it decodes)
 */
import type { Format } from '../model.js';
import { INPUT_FORMATS } from './formats.js';

export interface Kind {
  zh: string;
  en: string;
}

export type Sniffed =
  | { format: Format }
  /** Not a supported format; `kind` says what it is when known. */
  | { format: null; kind?: Kind; advice?: Kind; corrupt?: undefined }
  /** A zip/OLE container too damaged to read (e.g. cut off): `corrupt` names it, `detail` says why. */
  | { format: null; corrupt: Kind; detail: Kind; kind?: undefined; advice?: undefined };

const CUT_OFF: Kind = { zh: '文件比其内部目录记录的短，可能没有下载完整', en: 'the file is shorter than its own index says; it may be cut off' };

const PDF_SCAN_LIMIT = 1024;

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

function utf16le(s: string): number[] {
  const out: number[] = [];
  for (const c of s) out.push(c.charCodeAt(0), 0);
  return out;
}

/** First index of `needle` in `hay` (from `from`, before `to`), or -1. */
export function indexOfBytes(hay: Uint8Array, needle: readonly number[], from = 0, to = hay.length): number {
  const first = needle[0];
  const end = Math.min(to, hay.length) - needle.length;
  outer: for (let i = from; i <= end; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const PDF_MAGIC = ascii('%PDF-');
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Entry names of a zip, read from its central directory (or, failing that, its
 * local headers); `complete` is false when there is no central directory.
 */
export function zipEntries(bytes: Uint8Array): { names: string[]; complete: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  const dec = new TextDecoder('utf-8');
  // End of central directory: within the last 22 + 65535 bytes.
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const count = view.getUint16(i + 10, true);
    let p = view.getUint32(i + 16, true);
    for (let n = 0; n < count && p + 46 <= bytes.length; n++) {
      if (view.getUint32(p, true) !== 0x02014b50) break;
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      names.push(dec.decode(bytes.subarray(p + 46, p + 46 + nameLen)));
      p += 46 + nameLen + extraLen + commentLen;
    }
    if (names.length > 0) return { names, complete: true };
    break;
  }
  // Truncated or odd zip: walk the local file headers.
  let p = 0;
  while (p + 30 <= bytes.length && view.getUint32(p, true) === 0x04034b50) {
    const flags = view.getUint16(p + 6, true);
    const size = view.getUint32(p + 18, true);
    const nameLen = view.getUint16(p + 26, true);
    const extraLen = view.getUint16(p + 28, true);
    names.push(dec.decode(bytes.subarray(p + 30, p + 30 + nameLen)));
    if (flags & 0x08 && size === 0) break; // size only in a data descriptor: cannot skip reliably
    p += 30 + nameLen + extraLen + size;
  }
  return { names, complete: false };
}

function sniffZip(bytes: Uint8Array): Sniffed {
  const { names, complete } = zipEntries(bytes);
  const has = (n: string) => names.includes(n);
  if (has('word/document.xml') || names.some((n) => /^word\/document\d*\.xml$/.test(n))) return { format: 'docx' };
  if (!complete && indexOfBytes(bytes, ascii('word/')) >= 0) return { format: 'docx' }; // mammoth reports the damage
  if (!complete) {
    return { format: null, corrupt: { zh: ' ZIP/Word（.docx）', en: 'ZIP/Word (.docx)' }, detail: { zh: '找不到 ZIP 目录，文件可能没有下载完整', en: 'no ZIP directory; the file may be cut off' } };
  }
  // A spreadsheet: offices publish the 任务分解表 this way.
  if (names.some((n) => n === 'xl/workbook.xml')) return { format: 'xlsx' };
  if (names.some((n) => n.startsWith('ppt/'))) return { format: null, kind: { zh: ' PowerPoint 演示文稿（.pptx）', en: 'a PowerPoint presentation (.pptx)' } };
  if (has('OFD.xml')) {
    return {
      format: null,
      kind: { zh: ' OFD 版式文件', en: 'an OFD document' },
      advice: { zh: '暂不支持 OFD，请用数科/福昕 OFD 阅读器导出为 PDF，或提供 Word 版本后再试', en: 'OFD is not supported: export it to PDF (e.g. in an OFD reader) or provide the Word version' },
    };
  }
  if (has('content.xml') && has('mimetype')) {
    return {
      format: null,
      kind: { zh: ' OpenDocument 文档（.odt）', en: 'an OpenDocument file (.odt)' },
      advice: { zh: '请用 WPS/LibreOffice 另存为 .docx 后再试', en: 'save it as .docx (e.g. in WPS or LibreOffice) and try again' },
    };
  }
  if (has('[Content_Types].xml')) {
    return {
      format: null,
      kind: { zh: '不含正文（缺少 word/document.xml）的 Office 压缩包', en: 'an Office package without a Word body (no word/document.xml)' },
      advice: { zh: '它不是有效的 Word 文档，请在 Word/WPS 中重新另存为 .docx 后再试', en: 'it is not a valid Word document: save it again as .docx in Word or WPS and try again' },
    };
  }
  return { format: null, kind: { zh: ' ZIP 压缩包，不是 Word 文档', en: 'a ZIP archive, not a Word document' }, advice: { zh: '请先解压，再选择其中的 PDF、Word 或 TXT 文件', en: 'unpack it and pick the PDF, Word or TXT file inside' } };
}

/**
 * True when an OLE compound file is shorter than its own allocation table says
 * (a cut-off download): the FAT sectors or the last used sector lie past the end.
 */
export function oleTruncated(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return true;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return false; // not a header we understand: let the reader decide
  const size = 1 << shift;
  const fatSectors = Math.min(view.getUint32(0x2c, true), 109);
  const perSector = size / 4;
  let maxUsed = -1;
  for (let i = 0; i < fatSectors; i++) {
    const sect = view.getUint32(0x4c + 4 * i, true);
    if (sect >= 0xfffffffa) continue;
    const off = (sect + 1) * size;
    if (off + size > bytes.length) return true;
    for (let j = 0; j < perSector; j++) {
      if (view.getUint32(off + 4 * j, true) !== 0xffffffff) maxUsed = Math.max(maxUsed, i * perSector + j);
    }
  }
  return (maxUsed + 2) * size > bytes.length;
}

function sniffOle(bytes: Uint8Array): Sniffed {
  if (oleTruncated(bytes)) return { format: null, corrupt: { zh: ' Office（.doc）', en: 'Office (.doc)' }, detail: CUT_OFF };
  const has = (name: string) => indexOfBytes(bytes, utf16le(name)) >= 0;
  if (has('EncryptedPackage')) {
    return {
      format: null,
      kind: { zh: '加密的 Office 文档', en: 'a password-protected Office document' },
      advice: { zh: '请先在 Word/WPS 中去除打开密码并另存为 .docx 后再试', en: 'remove the open password in Word or WPS, save it as .docx and try again' },
    };
  }
  if (has('WordDocument')) return { format: 'doc' };
  if (has('Workbook') || has('Book')) return { format: null, kind: { zh: ' Excel 表格（.xls）', en: 'an Excel workbook (.xls)' } };
  if (has('PowerPoint Document')) return { format: null, kind: { zh: ' PowerPoint 演示文稿（.ppt）', en: 'a PowerPoint presentation (.ppt)' } };
  return { format: null, kind: { zh: '不含 Word 正文的 OLE 复合文档', en: 'an OLE compound file without a Word body' } };
}

const SIGNATURES: Array<{ sig: number[]; at?: number; kind: Kind; advice?: Kind }> = [
  { sig: [0x89, 0x50, 0x4e, 0x47], kind: { zh: ' PNG 图片', en: 'a PNG image' } },
  { sig: [0xff, 0xd8, 0xff], kind: { zh: ' JPEG 图片', en: 'a JPEG image' } },
  { sig: ascii('GIF8'), kind: { zh: ' GIF 图片', en: 'a GIF image' } },
  { sig: ascii('BM'), kind: { zh: ' BMP 图片', en: 'a BMP image' } },
  { sig: [0x49, 0x49, 0x2a, 0x00], kind: { zh: ' TIFF 图片', en: 'a TIFF image' } },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], kind: { zh: ' TIFF 图片', en: 'a TIFF image' } },
  { sig: ascii('WEBP'), at: 8, kind: { zh: ' WebP 图片', en: 'a WebP image' } },
  { sig: ascii('Rar!'), kind: { zh: ' RAR 压缩包', en: 'a RAR archive' } },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: { zh: ' 7z 压缩包', en: 'a 7z archive' } },
  { sig: [0x1f, 0x8b], kind: { zh: ' gzip 压缩文件', en: 'a gzip file' } },
  { sig: [0x7f, 0x45, 0x4c, 0x46], kind: { zh: '可执行程序', en: 'an executable' } },
  { sig: ascii('MZ'), kind: { zh: '可执行程序', en: 'an executable' } },
  {
    sig: ascii('{\\rtf'),
    kind: { zh: ' RTF 文档', en: 'an RTF document' },
    advice: { zh: '请用 Word/WPS 另存为 .docx 后再试', en: 'save it as .docx in Word or WPS and try again' },
  },
];

const PDF_TAIL = [ascii('startxref'), ascii('%%EOF')];

/**
 * A PDF header: at the very start, or after some junk (readers accept up to 1 KB of it,
 * e.g. a mail or HTTP header) when the file also ends like a PDF — so a text file that
 * quotes "%PDF-1.7" near its top stays a text file.
 */
function isPdf(bytes: Uint8Array): boolean {
  if (startsWith(bytes, PDF_MAGIC)) return true;
  if (indexOfBytes(bytes, PDF_MAGIC, 0, PDF_SCAN_LIMIT + PDF_MAGIC.length) < 0) return false;
  const tail = Math.max(0, bytes.length - 2048);
  return PDF_TAIL.some((sig) => indexOfBytes(bytes, sig, tail) >= 0);
}

/** Classify bytes. Empty input is the caller's concern. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (isPdf(bytes)) return { format: 'pdf' };
  if (startsWith(bytes, ZIP_LOCAL)) return sniffZip(bytes);
  if (startsWith(bytes, ZIP_EMPTY)) return { format: null, kind: { zh: '空的 ZIP 压缩包', en: 'an empty ZIP archive' } };
  if (startsWith(bytes, OLE_MAGIC)) return sniffOle(bytes);
  for (const s of SIGNATURES) {
    if (startsWith(bytes, s.sig, s.at ?? 0)) {
      if (s.sig.length === 2 && !looksBinary(bytes)) continue; // "BM…"/"MZ…" may begin a text file
      return { format: null, kind: s.kind, advice: s.advice };
    }
  }
  // Text-like formats that declare their own test (./formats.ts), before plain text.
  const declared = INPUT_FORMATS.find((f) => f.sniff?.(bytes));
  if (declared) return { format: declared.format };
  return { format: 'txt' };
}

/**
 * True when the bytes cannot be text in any supported encoding: many C0 control
 * bytes that are not line/tab/page breaks, and no UTF-16 pattern of zero bytes.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  if (n === 0) return false;
  let ctrl = 0;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) ctrl++;
  }
  const pairs = n / 2;
  // UTF-16 text (ASCII-heavy) has zero bytes almost only on one side.
  if ((zeroOdd > pairs * 0.2 && zeroEven < pairs * 0.02) || (zeroEven > pairs * 0.2 && zeroOdd < pairs * 0.02)) return false;
  return ctrl > n * 0.05;
}
