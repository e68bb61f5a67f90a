/**
 * Before mammoth reads a DOCX: open it within the ZIP caps (./zip.ts) and rewrite the
 * body so that what Word prints is what mammoth sees.
 *
 * - Automatic numbering (./docx-numbering.ts): each numbered paragraph gets its printed
 *   label (一、 （一） 1.) as a typed run, and its w:numPr is removed.
 * - Text boxes drawn only as DrawingML (mc:Choice without a VML mc:Fallback, as WPS and
 *   newer Word write them): mammoth reads only the fallback, so one is made from the
 *   text box's own content.
 * - w:gridSpan is bounded by the table's own grid, so a crafted span cannot make any
 *   later stage build a huge grid.
 * - Page headers and footers (not read by mammoth) are returned as text lines, without
 *   field results such as the page number.
 *
 * The parts are re-packed uncompressed for mammoth (media as empty files: images are
 * never read).
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { corrupt } from './errors.js';
import { attr, child, children, createNumberer, readNumberingDefs, type XEl } from './docx-numbering.js';
import { openZip, storedZip } from './zip.js';

const WORD = { zh: ' Word（.docx）', en: 'Word (.docx)' };
const WORD_FILE = { zh: '该 Word 文件', en: 'the Word file' };
/** Widest span kept when a table has no grid of its own. */
const MAX_SPAN = 64;

export interface PreparedDocx {
  /** The package for mammoth. */
  zip: Uint8Array;
  /** Paragraphs that received a computed numbering label. */
  labelled: number;
  headerLines: string[];
  footerLines: string[];
  /** Spans that were cut back to the table's grid. */
  clampedSpans: number;
}

type XDoc = XEl & {
  documentElement: XEl;
  createElementNS(ns: string | null, name: string): XEl & XMut;
  createTextNode(t: string): XEl;
};
type XMut = XEl & {
  appendChild(c: XEl): XEl;
  insertBefore(c: XEl, ref: XEl | null): XEl;
  removeChild(c: XEl): XEl;
  setAttribute(n: string, v: string): void;
  setAttributeNS(ns: string, n: string, v: string): void;
  cloneNode(deep: boolean): XEl;
  namespaceURI: string | null;
  prefix: string | null;
  firstChild: XEl | null;
  nextSibling: XEl | null;
  ownerDocument: XDoc;
};

function parseXml(bytes: Uint8Array, path: string, part: string): XDoc {
  let fatal: string | null = null;
  const parser = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: () => undefined,
      fatalError: (m: string) => {
        fatal = m;
      },
    },
  });
  const doc = parser.parseFromString(new TextDecoder('utf-8').decode(bytes), 'text/xml') as unknown as XDoc;
  if (fatal || !doc?.documentElement) throw corrupt(path, WORD, { zh: `${part} 无法解析`, en: `${part} cannot be parsed` });
  return doc;
}

/** Every descendant element named `name` in document order, not entering elements named in `skip`. */
function descendants(root: XEl, name: string, skip: ReadonlySet<string> = new Set()): XEl[] {
  const out: XEl[] = [];
  const stack: XEl[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el !== root && el.localName === name) out.push(el);
    if (el !== root && skip.has(el.localName ?? '')) continue;
    const kids = children(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** Give every DrawingML-only text box a fallback mammoth can read. */
function addTextBoxFallbacks(doc: XDoc): void {
  for (const alt of descendants(doc.documentElement, 'AlternateContent') as XMut[]) {
    let fallback = child(alt, 'Fallback') as XMut | null;
    if (fallback && descendants(fallback, 'txbxContent').length > 0) continue;
    const boxes = children(alt, 'Choice').flatMap((c) => descendants(c, 'txbxContent', new Set(['txbxContent'])));
    if (boxes.length === 0) continue;
    if (!fallback) {
      fallback = doc.createElementNS(alt.namespaceURI, `${alt.prefix ? alt.prefix + ':' : ''}Fallback`);
      alt.appendChild(fallback);
    }
    for (const b of boxes) fallback.appendChild((b as XMut).cloneNode(true));
  }
}

/** Text of a header/footer paragraph without field results (PAGE, NUMPAGES…). */
function paragraphTextWithoutFields(p: XEl): string {
  let out = '';
  let inResult = 0;
  const walk = (el: XEl) => {
    for (const c of children(el)) {
      switch (c.localName) {
        case 'fldSimple':
          continue;
        case 'fldChar': {
          const t = attr(c, 'fldCharType');
          if (t === 'separate') inResult++;
          else if (t === 'end' && inResult > 0) inResult--;
          continue;
        }
        case 't':
          if (!inResult) out += textOf(c);
          continue;
        case 'tab':
          out += '\t';
          continue;
        case 'instrText':
        case 'delText':
        case 'pPr':
        case 'rPr':
          continue;
        default:
          walk(c);
      }
    }
  };
  walk(p);
  return out;
}
function textOf(el: XEl): string {
  let s = '';
  for (let i = 0; i < el.childNodes.length; i++) {
    const c = el.childNodes[i] as XEl & { nodeValue?: string };
    if (c.nodeType === 3 || c.nodeType === 4) s += c.nodeValue ?? '';
  }
  return s;
}

/** Lines of the headers or footers, each once; page-number furniture ("— 1 —") left out. */
function runningText(parts: Array<XDoc>): string[] {
  const out: string[] = [];
  for (const d of parts) {
    for (const p of descendants(d.documentElement, 'p')) {
      const t = paragraphTextWithoutFields(p).trim();
      if (!t || !/[\p{L}]/u.test(t.replace(/第|页|共/g, '')) || out.includes(t)) continue;
      out.push(t);
    }
  }
  return out;
}

export function prepareDocx(bytes: Uint8Array, path: string): PreparedDocx {
  const zip = openZip(bytes, path, WORD_FILE);
  const mainName = zip.names.find((n) => n === 'word/document.xml') ?? zip.names.find((n) => /^word\/document\d*\.xml$/.test(n));
  const mainBytes = mainName ? zip.read(mainName) : null;
  // Nothing we can improve: hand the original to mammoth, which reports what is wrong.
  if (!mainName || !mainBytes) return { zip: bytes, labelled: 0, headerLines: [], footerLines: [], clampedSpans: 0 };

  const doc = parseXml(mainBytes, path, mainName);
  const stylesBytes = zip.read('word/styles.xml');
  const numberingBytes = zip.read('word/numbering.xml');
  const styles = stylesBytes ? parseXml(stylesBytes, path, 'word/styles.xml') : null;
  const numbering = numberingBytes ? parseXml(numberingBytes, path, 'word/numbering.xml') : null;

  addTextBoxFallbacks(doc);

  // Numbering, in document order; mc:Choice is skipped (its text is read from the fallback).
  let labelled = 0;
  if (numbering || styles) {
    const numberer = createNumberer(readNumberingDefs(numbering?.documentElement ?? null, styles?.documentElement ?? null));
    for (const p of descendants(doc.documentElement, 'p', new Set(['Choice'])) as XMut[]) {
      const pPr = child(p, 'pPr') as XMut | null;
      const numPr = child(pPr, 'numPr') as XMut | null;
      const label = numberer.next({
        numId: attr(child(numPr, 'numId')),
        ilvl: (() => {
          const v = attr(child(numPr, 'ilvl'));
          return v == null ? null : parseInt(v, 10) || 0;
        })(),
        styleId: attr(child(pPr, 'pStyle')),
      });
      if (numPr && pPr) pPr.removeChild(numPr);
      if (!label) continue;
      const w = p.namespaceURI;
      const pre = p.prefix ? p.prefix + ':' : '';
      const r = doc.createElementNS(w, `${pre}r`);
      const t = doc.createElementNS(w, `${pre}t`);
      t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
      t.appendChild(doc.createTextNode(label.text + label.suffix));
      r.appendChild(t);
      p.insertBefore(r, pPr ? pPr.nextSibling : p.firstChild);
      labelled++;
    }
  }

  // Spans no wider than the table's grid.
  let clampedSpans = 0;
  for (const tbl of descendants(doc.documentElement, 'tbl')) {
    const cols = children(child(tbl, 'tblGrid'), 'gridCol').length || MAX_SPAN;
    for (const span of descendants(tbl, 'gridSpan', new Set(['tbl'])) as XMut[]) {
      const v = parseInt(attr(span) ?? '1', 10);
      const ok = Number.isFinite(v) && v >= 1 ? Math.min(v, cols, MAX_SPAN) : 1;
      if (ok !== v) {
        const a = [...Array.from(span.attributes ?? [])].find((x) => x.localName === 'val') as { name?: string } | undefined;
        span.setAttribute(a?.name ?? 'w:val', String(ok));
        clampedSpans++;
      }
    }
  }

  const partDocs = (re: RegExp) =>
    zip.names
      .filter((n) => re.test(n))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((n) => zip.read(n))
      .filter((b): b is Uint8Array => b !== null)
      .map((b, i) => parseXml(b, path, `header/footer ${i + 1}`));
  const headerLines = runningText(partDocs(/^word\/header\d*\.xml$/));
  const footerLines = runningText(partDocs(/^word\/footer\d*\.xml$/));

  const enc = new TextEncoder();
  const parts: Array<{ name: string; data: Uint8Array }> = [];
  for (const name of zip.names) {
    if (name.endsWith('/')) continue;
    let data: Uint8Array | null;
    if (name === mainName) data = enc.encode(new XMLSerializer().serializeToString(doc as never));
    else if (/\.(xml|rels)$/i.test(name)) data = zip.read(name);
    else data = new Uint8Array(0); // media: never read
    if (data) parts.push({ name, data });
  }
  return { zip: storedZip(parts), labelled, headerLines, footerLines, clampedSpans };
}
