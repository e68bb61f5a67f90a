/**
 * A cheap look at a PDF's streams before pdf.js reads it: the largest a content stream
 * (or form, or any other non-image stream) inflates to.
 *
 * pdf.js decodes a page's content stream whole and parses every operator in it even when it
 * draws no text, so a 600 KB file whose one stream inflates to 200 MB of path operators
 * costs half a minute and half a gigabyte before any budget of ours sees an operator. Each
 * FlateDecode stream that is not an image is inflated here with zlib's output cap instead
 * (native, no copy kept), so such a file is refused up front. Streams that do not inflate
 * (encrypted PDFs, other filters, damage) are left to pdf.js.
 */
import { inflateSync } from 'node:zlib';

export interface StreamScan {
  /** Inflated size of the largest non-image stream checked (bytes; capped at limit + 1). */
  largest: number;
  /** True when some stream inflates to more than the limit. */
  over: boolean;
}

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

/** Scan `bytes` for FlateDecode non-image streams inflating past `limit` bytes. */
export function scanStreams(bytes: Uint8Array, limit: number): StreamScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let largest = 0;
  let from = 0;
  for (;;) {
    const at = buf.indexOf(STREAM, from);
    if (at < 0) break;
    from = at + STREAM.length;
    // "endstream" contains "stream": skip it.
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    // The stream's dictionary: the text since the last "obj" (at most 4 KB back).
    const headStart = Math.max(0, at - 4096);
    const head = buf.toString('latin1', headStart, at);
    const obj = head.lastIndexOf('obj');
    const dict = obj >= 0 ? head.slice(obj) : head;
    if (!/\/FlateDecode/.test(dict) || /\/Subtype\s*\/Image/.test(dict)) continue;
    let start = from;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const lengthMatch = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = lengthMatch ? start + Number(lengthMatch[1]) : -1;
    if (end < start || end > buf.length) end = buf.indexOf(ENDSTREAM, start);
    if (end < 0) break;
    try {
      const out = inflateSync(buf.subarray(start, end), { maxOutputLength: limit + 1, finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut stream */ });
      largest = Math.max(largest, out.length);
    } catch (err) {
      // ERR_BUFFER_TOO_LARGE: more than the cap; anything else: not ours to judge.
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { largest: limit + 1, over: true };
    }
    from = end;
  }
  return { largest, over: largest > limit };
}
