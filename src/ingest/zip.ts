/**
 * A ZIP reader that cannot be bombed, for the Office packages (DOCX, XLSX).
 *
 * mammoth and exceljs inflate whatever a package declares; a 300 KB file can unpack to
 * gigabytes. Here the entry count is checked from the central directory before anything
 * is inflated, and each entry is inflated with zlib's `maxOutputLength`, so a part that
 * lies about its size stops at the cap instead of filling memory. The checked parts are
 * then re-packed uncompressed (`storedZip`) for the library, which can no longer be
 * surprised by them.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { tooLarge } from './errors.js';

/** Limits a real notice package stays far below (the largest seed DOCX has 15 entries, 1 MB of XML). */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** Inflated size of one part that is read (XML). */
  partBytes: 64 * 1024 * 1024,
  /** Inflated size of all parts read together. */
  totalBytes: 160 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The central directory's entries (empty when there is none: the caller's library reports the damage). */
export function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder('utf-8');
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const count = view.getUint16(i + 10, true);
    let p = view.getUint32(i + 16, true);
    const out: ZipEntry[] = [];
    for (let n = 0; n < count && p + 46 <= bytes.length; n++) {
      if (view.getUint32(p, true) !== 0x02014b50) break;
      const nameLen = view.getUint16(p + 28, true);
      out.push({
        name: dec.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
        method: view.getUint16(p + 10, true),
        compressedSize: view.getUint32(p + 20, true),
        size: view.getUint32(p + 24, true),
        localOffset: view.getUint32(p + 42, true),
      });
      p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return out;
  }
  return [];
}

/**
 * Open a package: checks the entry count at once; `read(name)` inflates one entry within
 * the caps (throwing a bilingual 'too-large' InputError naming the file), `names` lists them.
 */
export function openZip(bytes: Uint8Array, path: string, what: { zh: string; en: string }) {
  const entries = centralDirectory(bytes);
  if (entries.length > ZIP_LIMITS.entries) {
    throw tooLarge(path, { zh: `${what.zh}包含 ${entries.length} 个内部文件`, en: `${what.en} holds ${entries.length} parts` }, { zh: `${ZIP_LIMITS.entries} 个`, en: `${ZIP_LIMITS.entries}` });
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  let total = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const overCap = (name: string, limit: number) =>
    tooLarge(path, { zh: `${what.zh}的内部文件 ${name} 解压后过大（可能是“压缩炸弹”）`, en: `${what.en} part ${name} unpacks to too much data (a zip bomb?)` }, { zh: `${limit / 1024 / 1024} MB`, en: `${limit / 1024 / 1024} MB` });
  const cache = new Map<string, Uint8Array | null>();
  function read(name: string): Uint8Array | null {
    if (!cache.has(name)) cache.set(name, inflate(name));
    return cache.get(name)!;
  }
  function inflate(name: string): Uint8Array | null {
    const e = byName.get(name);
    if (!e) return null;
    const p = e.localOffset;
    if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) return null;
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.length, start + e.compressedSize));
    const limit = Math.min(ZIP_LIMITS.partBytes, ZIP_LIMITS.totalBytes - total);
    if (e.size > limit) throw overCap(name, e.size > ZIP_LIMITS.partBytes ? ZIP_LIMITS.partBytes : ZIP_LIMITS.totalBytes);
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        // One byte over the limit tells a part that lied about its size from one that fits.
        out = inflateRawSync(data, { maxOutputLength: limit + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overCap(name, limit);
        return null; // damaged data: the library reports it
      }
      if (out.length > limit) throw overCap(name, limit);
    } else return null;
    total += out.length;
    return out;
  }
  return { names: entries.map((e) => e.name), read };
}

/** A ZIP of the given parts, stored (not compressed): what the Office libraries then open. */
export function storedZip(parts: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const nameBytes = enc.encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const cen = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    cen.set(nameBytes, 46);
    chunks.push(local, data);
    central.push(cen);
    offset += local.length + data.length;
  }
  const cenSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, cenSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cenSize + 22);
  let p = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
