/**
 * A web page's character set (whether it is one is decided in ./sniff.ts).
 *
 * Charset, as browsers decide it: BOM; else <meta charset> / <meta http-equiv
 * content="…charset=…"> found by parsing the first 4 KB with parse5; else sniffing
 * (strict UTF-8, else GB18030). GBK and GB2312 are read as GB18030, their superset.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function attr(el: Element, name: string): string | null {
  return el.attrs.find((a) => a.name === name)?.value ?? null;
}

function* elements(node: Node): Generator<Element> {
  const kids = (node as { childNodes?: Node[] }).childNodes ?? [];
  for (const k of kids) {
    if ('tagName' in k) yield k;
    yield* elements(k);
  }
  if (node.nodeName === 'template') return;
}

/** The charset the page declares in a <meta>, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const doc = parse(head);
  for (const el of elements(doc)) {
    if (el.tagName !== 'meta') continue;
    const cs = attr(el, 'charset');
    if (cs) return cs.trim().toLowerCase();
    const content = attr(el, 'content');
    if (content && /content-type/i.test(attr(el, 'http-equiv') ?? '')) {
      const m = /charset\s*=\s*["']?([\w-]+)/i.exec(content);
      if (m) return m[1].toLowerCase();
    }
  }
  return null;
}

export interface DecodedHtml {
  text: string;
  /** utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 (for gbk/gb2312 too), or another label TextDecoder knows. */
  encoding: string;
  /** What the page said, when that differed from what its bytes are. */
  mismatch?: string;
}

function tryDecode(label: string, bytes: Uint8Array, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const GB = new Set(['gbk', 'gb2312', 'gb_2312-80', 'x-gbk', 'gb18030', 'cp936', 'euc-cn', 'chinese', 'csgb2312']);

export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: tryDecode('utf-8', bytes.subarray(3), false) ?? '', encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: tryDecode('utf-16le', bytes.subarray(2), false) ?? '', encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: tryDecode('utf-16be', bytes.subarray(2), false) ?? '', encoding: 'utf-16be' };
  const declared = declaredCharset(bytes);
  const label = declared && GB.has(declared) ? 'gb18030' : declared === 'utf8' ? 'utf-8' : declared;
  if (label) {
    const strict = tryDecode(label, bytes, true);
    if (strict !== null) return { text: strict, encoding: label };
  }
  // Undeclared, or the declaration is wrong (a GBK page saved as UTF-8 keeps its old meta).
  const utf8 = tryDecode('utf-8', bytes, true);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', ...(label && label !== 'utf-8' ? { mismatch: declared! } : {}) };
  const gb = tryDecode('gb18030', bytes, true);
  if (gb !== null) return { text: gb, encoding: 'gb18030', ...(label && label !== 'gb18030' ? { mismatch: declared! } : {}) };
  if (label) {
    const lenient = tryDecode(label, bytes, false);
    if (lenient !== null) return { text: lenient, encoding: label };
  }
  return { text: tryDecode('utf-8', bytes, false) ?? '', encoding: 'utf-8' };
}
