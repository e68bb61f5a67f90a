/**
 * HTML: a plan published as an article on a government website, or that page saved.
 *
 * parse5 builds the tree as a browser would (old CMS markup with unclosed cells and <p>
 * inside tables included). Then:
 *   1. the page's own box — 索引号 / 发布机构 / 发文字号 / 成文日期 / 发布日期 — and its
 *      附件 links are read from the whole page into `page` (a fallback for the metadata
 *      the document itself prints);
 *   2. the page chrome is dropped: scripts, navigation, breadcrumbs, search forms, share
 *      bars, 相关链接, footers, the 全真版/文字版 tabs (by tag, by class/id words, and by
 *      the words such blocks start with);
 *   3. the article body is the smallest element that still holds most of the page's
 *      non-link Chinese text (link text is navigation, not content); the page's <h1>
 *      (or title) is put first when the body does not repeat it;
 *   4. the body becomes lines (block elements and <br> break lines, inline elements such
 *      as the <span>s a unit name is split over run on) and tables (rows of the cells that
 *      start in that row, rowspan/colspan kept, a cell's <p>/<br> as "\n", &nbsp;-only
 *      cells empty) — the model the Word readers produce. A table that only lays out the
 *      page (one filled cell per row, or holding another table) is read as text.
 * Lines count from 1 in reading order (page = null), as for Word.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Message, PageMeta, SourceLine, SourceTable, SourceText, TableCell } from '../model.js';
import { decodeHtml } from './html-decode.js';
import { cleanLine } from './lines.js';
import { toTextQuality } from './quality.js';
import { emptyFile, lowQuality } from './errors.js';
import { QUALITY_FAIL, qualityDetail, qualityWarning } from './quality.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

const isElement = (n: Node): n is Element => 'tagName' in n;
const kids = (n: Node): Node[] => (n as ParentNode).childNodes ?? [];
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value ?? null;

/** Never content. */
const DROP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'form', 'select', 'option', 'button', 'input', 'textarea', 'iframe', 'object', 'embed', 'svg', 'canvas', 'aside', 'map', 'link', 'meta', 'head', 'title', 'audio', 'video']);
/** class/id words of page chrome in the usual CMS templates (TRS, 大汉, 拓尔思, 政府网站集约化平台). */
const CHROME_WORDS = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|header|search|share|bdshare|related|xglj|xgwz|xgxx|dqwz|position|location|sidebar|toolbar|print|tabs?|banner|logo|copyright|bottom|topbar|fenxiang|erweima|qrcode|pagination)(?:$|[\s_-]|\d)/i;
/** How chrome blocks begin, when their markup says nothing. */
const CHROME_TEXT = /^(?:当前位置|您当前的位置|您现在的位置|您的位置|首页[>＞»]|【?打印|关闭窗口|【?字体|字号[：:]|分享到|扫一扫|相关链接|相关文章|相关文件|相关阅读|相关新闻|上一篇|下一篇|全真版|文字版|视力保护色|收藏本页|网站地图|主办单位|版权所有)/;
/** Block-level elements: each starts and ends a line. */
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'center', 'blockquote', 'pre', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'hr', 'address', 'figure', 'figcaption', 'body', 'html']);
const FILE_LINK = /\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z)(?:$|[?#])/i;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');
const cjkCount = (s: string) => s.match(CJK)?.length ?? 0;

/** All text under a node (no layout), for matching. */
function textOf(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  if (isElement(n) && (n.tagName === 'script' || n.tagName === 'style')) return '';
  return kids(n).map(textOf).join('');
}

function* walkElements(n: Node): Generator<Element> {
  for (const k of kids(n)) {
    if (!isElement(k)) continue;
    yield k;
    yield* walkElements(k);
  }
}

// ---- 1. the page's own metadata box and attachment links ----------------------------------

const BOX_LABELS: Array<[RegExp, keyof Omit<PageMeta, 'attachments'>]> = [
  [/^索引号$/, 'indexNumber'],
  [/^(?:发布机构|发文机关|发文单位|制发机关|来源)$/, 'publisher'],
  [/^(?:发文字号|文号)$/, 'docNumber'],
  [/^(?:成文日期|发文日期|印发日期)$/, 'signedDate'],
  [/^(?:发布日期|公开日期|发布时间)$/, 'publishedDate'],
  [/^(?:标题|名称)$/, 'title'],
];

/** Labels that may follow a value in the same row of the box. */
const NEXT_LABEL = /(?:索引号|发布机构|发文机关|发文单位|制发机关|发文字号|文号|成文日期|发文日期|印发日期|发布日期|公开日期|发布时间|标题|名称|主题分类|主题词|体裁分类|组配分类|服务对象|有效性|公开方式|公开范围|来源)[：:].*$/;

function boxKey(label: string): keyof Omit<PageMeta, 'attachments'> | null {
  for (const [re, key] of BOX_LABELS) if (re.test(label)) return key;
  return null;
}

function resolveUrl(href: string, base: string | undefined): string {
  try {
    return base ? new URL(href, base).href : href;
  } catch {
    return href;
  }
}

export function readPageMeta(doc: Node, baseUrl?: string): PageMeta {
  const meta: PageMeta = { attachments: [] };
  for (const el of walkElements(doc)) {
    const own = squash(textOf(el));
    if (!own || own.length > 80) continue;
    const m = /^([\u4e00-\u9fff]{2,4})[：:](.*)$/.exec(own) ?? /^([\u4e00-\u9fff]{2,4})$/.exec(own);
    if (!m) continue;
    const key = boxKey(m[1]);
    if (!key || meta[key]) continue;
    // A whole row's text runs on into the next label ("…54号成文日期：…"): cut there.
    let value = (m[2] ?? '').replace(NEXT_LABEL, '');
    if (!value) {
      // <td>索引号：</td><td>value</td> or <span>索引号：</span><span>value</span>
      const sibs = kids(el.parentNode as Node).filter(isElement);
      const next = sibs[sibs.indexOf(el) + 1];
      value = next ? squash(textOf(next)) : '';
      if (next && boxKey(value.replace(/[：:].*$/, ''))) value = '';
    }
    if (value && value.length <= 60) meta[key] = value;
  }
  const seen = new Set<string>();
  for (const el of walkElements(doc)) {
    if (el.tagName !== 'a') continue;
    const href = attr(el, 'href');
    const name = squash(textOf(el));
    if (!href || /^(?:javascript|mailto):/i.test(href)) continue;
    if (!FILE_LINK.test(href) && !/^附件/.test(name)) continue;
    const url = resolveUrl(href, baseUrl);
    if (seen.has(url)) continue;
    seen.add(url);
    meta.attachments.push({ name: name || url.replace(/^.*\//, ''), url });
  }
  return meta;
}

// ---- 2. chrome ---------------------------------------------------------------------------

function isChrome(el: Element): boolean {
  if (DROP_TAGS.has(el.tagName)) return true;
  const style = attr(el, 'style') ?? '';
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  if (attr(el, 'hidden') !== null) return true;
  const words = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  if (words.trim() && CHROME_WORDS.test(words)) return true;
  const text = squash(textOf(el));
  if (CHROME_TEXT.test(text)) {
    // A chrome heading over a block of links (相关链接 + list), or a short bar.
    const linkText = linkCjk(el);
    if (text.length <= 60 || linkText >= cjkCount(text) * 0.5) return true;
  }
  return false;
}

function linkCjk(n: Node): number {
  if (isElement(n) && n.tagName === 'a') return cjkCount(textOf(n));
  return kids(n).reduce((s, k) => s + linkCjk(k), 0);
}

/** Remove chrome in place. */
function stripChrome(n: Node): void {
  const list = (n as ParentNode).childNodes;
  if (!list) return;
  for (let i = list.length - 1; i >= 0; i--) {
    const k = list[i];
    if (k.nodeName === '#comment') list.splice(i, 1);
    else if (isElement(k)) {
      if (isChrome(k)) list.splice(i, 1);
      else stripChrome(k);
    }
  }
}

// ---- 3. the article body ----------------------------------------------------------------------

/** Non-link Chinese characters under a node. */
function contentWeight(n: Node, memo: Map<Node, number>): number {
  const hit = memo.get(n);
  if (hit !== undefined) return hit;
  let w: number;
  if (n.nodeName === '#text') w = cjkCount((n as DefaultTreeAdapterMap['textNode']).value);
  else if (isElement(n) && n.tagName === 'a') w = 0;
  else w = kids(n).reduce((s, k) => s + contentWeight(k, memo), 0);
  memo.set(n, w);
  return w;
}

/** The smallest element that still holds most (70%) of the page's content. */
export function findArticle(body: Node): Node {
  const memo = new Map<Node, number>();
  let cur = body;
  for (;;) {
    const total = contentWeight(cur, memo);
    const best = kids(cur)
      .filter(isElement)
      .map((k) => ({ k, w: contentWeight(k, memo) }))
      .sort((a, b) => b.w - a.w)[0];
    if (!best || total === 0 || best.w < total * 0.7 || best.k.tagName === 'p') return cur;
    // Descending into one table cell of a data table would lose the others.
    if (['tr', 'td', 'th', 'tbody', 'thead'].includes(best.k.tagName) && isDataTable(closestTable(best.k))) return cur;
    cur = best.k;
  }
}

function closestTable(el: Element): Element | null {
  for (let n: Node | null = el; n; n = (n as Element).parentNode as Node | null) if (isElement(n) && n.tagName === 'table') return n;
  return null;
}

/** The page's heading: the first <h1> with Chinese text, else a title-like element, else <title>. */
function pageTitle(doc: Node): string | null {
  let fromClass: string | null = null;
  for (const el of walkElements(doc)) {
    const t = squash(textOf(el));
    if (!cjkCount(t) || t.length > 120) continue;
    if (el.tagName === 'h1') return t;
    if (!fromClass && /(?:^|[\s_-])(?:title|bt|biaoti|tit|article-title|wztit)(?:$|[\s_-]|\d)/i.test(`${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`) && !kids(el).some((k) => isElement(k) && BLOCK.has(k.tagName))) fromClass = t;
  }
  if (fromClass) return fromClass;
  for (const el of walkElements(doc)) if (el.tagName === 'title') return squash(textOf(el)).split(/[-_|｜—]/)[0] || null;
  return null;
}

// ---- 4. lines and tables -------------------------------------------------------------------------

/** Rows of a table element (not of tables nested in it). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const k of kids(table)) {
    if (!isElement(k)) continue;
    if (k.tagName === 'tr') rows.push(k);
    else if (['thead', 'tbody', 'tfoot'].includes(k.tagName)) for (const r of kids(k)) if (isElement(r) && r.tagName === 'tr') rows.push(r);
  }
  return rows;
}
const rowCells = (tr: Element) => kids(tr).filter((k): k is Element => isElement(k) && (k.tagName === 'td' || k.tagName === 'th'));

/** A table of data (2+ rows with 2+ filled cells, no table inside), not one that lays out the page. */
export function isDataTable(table: Element | null): boolean {
  if (!table) return false;
  let filledRows = 0;
  for (const tr of tableRows(table)) {
    const cells = rowCells(tr);
    if (cells.some((c) => [...walkElements(c)].some((e) => e.tagName === 'table'))) return false;
    if (cells.filter((c) => squash(textOf(c))).length >= 2) filledRows++;
  }
  return filledRows >= 2;
}

const span = (v: string | null, max: number) => {
  const n = parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

class LineWriter {
  lines: string[] = [];
  private cur = '';
  private pre = 0;
  text(s: string) {
    this.cur += this.pre ? s : s.replace(/[ \t\r\n\f]+/g, ' ');
  }
  preText(s: string) {
    const parts = s.split(/\r\n|\n|\r/);
    parts.forEach((p, i) => {
      if (i > 0) this.flush(true);
      this.cur += p;
    });
  }
  get inPre(): boolean {
    return this.pre > 0;
  }
  enterPre() {
    this.pre++;
  }
  leavePre() {
    this.pre--;
  }
  flush(keepEmpty = false) {
    const t = this.cur.replace(/^[ \u00a0]+|[ \u00a0]+$/g, '');
    if (t || keepEmpty) this.lines.push(t);
    this.cur = '';
  }
}

/** Text of a table cell: its blocks and <br>s as "\n", blank lines dropped. */
function cellText(cell: Element): string {
  const w = new LineWriter();
  renderInto(cell, w, null);
  w.flush();
  return w.lines.map((l) => l.trim()).filter((l) => squash(l)).join('\n');
}

function toTable(table: Element, line: number): SourceTable {
  const trs = tableRows(table);
  const rows: TableCell[][] = trs.map((tr, y) =>
    rowCells(tr).map((c) => ({
      text: cleanLine(cellText(c)),
      rowSpan: span(attr(c, 'rowspan'), Math.max(1, trs.length - y)),
      colSpan: span(attr(c, 'colspan'), 1000),
    })),
  );
  return { rows, position: { page: null, line, column: 1 } };
}

/** Render a subtree into lines; data tables go to `tables` (when given) instead. */
function renderInto(n: Node, w: LineWriter, out: { tables: SourceTable[]; lineCount: () => number } | null): void {
  if (n.nodeName === '#text') {
    const v = (n as DefaultTreeAdapterMap['textNode']).value;
    if (w.inPre) w.preText(v);
    else w.text(v);
    return;
  }
  if (!isElement(n)) {
    for (const k of kids(n)) renderInto(k, w, out);
    return;
  }
  const tag = n.tagName;
  if (tag === 'br') {
    w.flush();
    return;
  }
  if (tag === 'img') return;
  if (tag === 'table' && out && isDataTable(n)) {
    w.flush();
    out.tables.push(toTable(n, w.lines.length + 1));
    return;
  }
  const block = BLOCK.has(tag);
  if (block) w.flush();
  if (tag === 'pre') w.enterPre();
  for (const k of kids(n)) renderInto(k, w, out);
  if (tag === 'pre') w.leavePre();
  if (block) w.flush();
}

// ---- the reader ----------------------------------------------------------------------------------------

export interface HtmlOptions {
  /** The page's address (URL input): attachment links are resolved against it. */
  url?: string;
}

/** Only the page's box and attachment links (for a page without article text). */
export function parseHtmlMeta(bytes: Uint8Array, url?: string): PageMeta {
  return readPageMeta(parse(decodeHtml(bytes).text), url);
}

export function ingestHtml(bytes: Uint8Array, path: string, opts: HtmlOptions = {}): SourceText {
  const decoded = decodeHtml(bytes);
  const doc = parse(decoded.text);
  const page = readPageMeta(doc, opts.url);
  const heading = pageTitle(doc);
  const html = kids(doc).find((k) => isElement(k) && k.tagName === 'html') ?? doc;
  const body = kids(html).find((k) => isElement(k) && k.tagName === 'body') ?? html;
  stripChrome(body);
  const article = findArticle(body);

  const w = new LineWriter();
  const tables: SourceTable[] = [];
  renderInto(article, w, { tables, lineCount: () => w.lines.length });
  w.flush();
  let texts = w.lines;
  if (heading && !squash(texts.slice(0, 8).join('')).includes(heading)) {
    texts = [heading, ...texts];
    for (const t of tables) t.position.line++;
  }
  const lines: SourceLine[] = texts.map((t, i) => ({ text: cleanLine(t), page: null, line: i + 1 }));

  const allText = [...lines.map((l) => l.text), ...tables.flatMap((t) => t.rows.flat().map((c) => c.text))].join('\n');
  const quality = qualityDetail(allText);
  if (quality.visible === 0) {
    throw emptyFile(path, { zh: '该网页没有正文文字（可能只有图片或附件链接）', en: 'The web page has no body text (perhaps only images or attachment links)' });
  }
  if (quality.score < QUALITY_FAIL || quality.usable === 0) throw lowQuality(path, quality.score, { zh: '该网页', en: 'the web page' });
  const messages: Message[] = [];
  const warn = qualityWarning(quality);
  if (warn) messages.push(warn);
  if (decoded.mismatch) {
    messages.push({
      ruleId: 'html-charset-mismatch',
      severity: 'info',
      message: {
        zh: `网页声明的编码为 ${decoded.mismatch}，但内容实为 ${decoded.encoding.toUpperCase()}，已按后者读取`,
        en: `The page declares ${decoded.mismatch} but its bytes are ${decoded.encoding.toUpperCase()}; read as the latter`,
      },
    });
  }
  return {
    path,
    format: 'html',
    encoding: decoded.encoding,
    pages: null,
    lines,
    tables,
    quality: toTextQuality(quality),
    messages,
    page,
  };
}
