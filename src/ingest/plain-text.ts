/**
 * TXT: decode the bytes and split them into lines (page = null, line = 1-based).
 *
 * Encoding, in this order:
 *   1. a BOM: EF BB BF → utf-8-bom, FF FE → utf-16le, FE FF → utf-16be;
 *   2. strict UTF-8 → utf-8 (unless it is full of NULs, i.e. BOM-less UTF-16);
 *   3. strict GB18030 (a superset of GBK/GB2312) → gb18030;
 *   4. otherwise the best-scoring of lenient UTF-8, lenient GB18030 and BOM-less
 *      UTF-16LE/BE (an info message says the encoding was guessed).
 * A guess that still reads as garbage throws 'unknown-encoding' (or
 * 'unsupported-format' when the bytes look binary).
 */
import type { SourceText } from '../model.js';
import { emptyFile, lowQuality, unknownEncoding, unsupported } from './errors.js';
import { allBlank, toSourceLines } from './lines.js';
import { QUALITY_FAIL, qualityDetail, qualityWarning, toTextQuality, type QualityDetail } from './quality.js';
import { looksBinary } from './sniff.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: TextEncoding;
  /** True when the encoding was declared (BOM) or unambiguous (strict UTF-8 / GB18030). */
  certain: boolean;
}

function tryDecode(label: string, bytes: Uint8Array, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function nulShare(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0) n++;
  return n / text.length;
}

/**
 * Decode text bytes. Returns null when nothing decodes acceptably; callers turn
 * that into an InputError (see ingestText).
 */
export function decodeText(bytes: Uint8Array): { decoded: Decoded | null; best: { text: string; encoding: TextEncoding; quality: QualityDetail } | null } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3), false) ?? '';
    return { decoded: { text, encoding: 'utf-8-bom', certain: true }, best: null };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode('utf-16le', bytes.subarray(2), false) ?? '';
    return { decoded: { text, encoding: 'utf-16le', certain: true }, best: null };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode('utf-16be', bytes.subarray(2), false) ?? '';
    return { decoded: { text, encoding: 'utf-16be', certain: true }, best: null };
  }

  const utf8 = tryDecode('utf-8', bytes, true);
  if (utf8 !== null && nulShare(utf8) < 0.05) return { decoded: { text: utf8, encoding: 'utf-8', certain: true }, best: null };

  const gb = tryDecode('gb18030', bytes, true);
  if (gb !== null && nulShare(gb) < 0.05 && qualityDetail(gb).score >= QUALITY_FAIL) {
    return { decoded: { text: gb, encoding: 'gb18030', certain: true }, best: null };
  }

  // No clean decoding: score the candidates and keep the best one.
  const candidates: Array<{ text: string; encoding: TextEncoding }> = [];
  // lenient UTF-8 first: a UTF-8 file with a few bad bytes (a cut-off last character) stays UTF-8
  candidates.push({ text: utf8 ?? tryDecode('utf-8', bytes, false) ?? '', encoding: 'utf-8' });
  candidates.push({ text: tryDecode('gb18030', bytes, false) ?? '', encoding: 'gb18030' });
  if (bytes.length % 2 === 0) {
    candidates.push({ text: tryDecode('utf-16le', bytes, false) ?? '', encoding: 'utf-16le' });
    candidates.push({ text: tryDecode('utf-16be', bytes, false) ?? '', encoding: 'utf-16be' });
  }
  let best: { text: string; encoding: TextEncoding; quality: QualityDetail } | null = null;
  for (const c of candidates) {
    const quality = qualityDetail(c.text);
    if (!best || quality.score > best.quality.score) best = { ...c, quality };
  }
  if (best && best.quality.score >= QUALITY_FAIL) {
    return { decoded: { text: best.text, encoding: best.encoding, certain: false }, best };
  }
  return { decoded: null, best };
}

export function ingestText(bytes: Uint8Array, path: string): SourceText {
  const { decoded, best } = decodeText(bytes);
  if (!decoded) {
    if (looksBinary(bytes)) throw unsupported(path);
    throw unknownEncoding(path, best?.quality.score ?? 0);
  }
  const lines = toSourceLines(decoded.text, null);
  if (allBlank(lines)) throw emptyFile(path, { zh: '文本文件只有空白字符', en: 'The text file holds only whitespace' });

  const quality = qualityDetail(lines.map((l) => l.text).join('\n'));
  if (quality.score < QUALITY_FAIL || quality.usable === 0) {
    if (!decoded.certain) throw unknownEncoding(path, quality.score);
    throw lowQuality(path, quality.score, { zh: '该文本文件', en: 'the text file' });
  }
  const messages = [];
  const warn = qualityWarning(quality);
  if (warn) messages.push(warn);
  if (!decoded.certain) {
    messages.push({
      ruleId: 'guessed-encoding',
      severity: 'info' as const,
      message: {
        zh: `无法确定文本编码，已按 ${decoded.encoding.toUpperCase()} 读取；如有乱码，请另存为 UTF-8 后再试`,
        en: `The text encoding is uncertain; read as ${decoded.encoding.toUpperCase()} — if the text looks garbled, save the file as UTF-8 and try again`,
      },
    });
  }
  return {
    path,
    format: 'txt',
    encoding: decoded.encoding,
    pages: null,
    lines,
    tables: [],
    quality: toTextQuality(quality),
    messages,
  };
}
