/**
 * PDF via pdf.js (pdfjs-dist, as brought by pdf-parse 2), page by page.
 *
 * - Caps before work: no non-image stream may inflate past MAX_STREAM_BYTES (checked with
 *   zlib before pdf.js starts, ./pdf-scan.ts); the page count is checked as soon as the
 *   document opens (MAX_PAGES); drawing operators and text items pdf.js produces count
 *   against budgets for the document and for each page, and each page has a time budget
 *   (./pdf-engine.ts), so nested form XObjects or a huge content stream end in a clear
 *   message instead of a hang. All are exit 2 (InputError 'too-large').
 * - Lines: one pass over the text layer, page by page (page.cleanup() after each, so memory
 *   stays flat). Lines are read in visual order where the content stream disagrees
 *   (./pdf-layout.ts); `page` = page number, `line` = line within the page (1-based).
 * - Tables: the operator list (the expensive call: it loads every font the page uses) is
 *   asked for only on pages that may hold a ruled table — a page with an aligned header row
 *   (two or more column names such as 序号 / 责任单位 / 完成时限 set apart on one line), and
 *   the pages after a page where a table was found, until one has none. Rules drawn as
 *   lines or as thin filled rectangles both count (./pdf-tables.ts).
 * - CMaps and standard fonts are passed explicitly: without them a PDF whose Chinese font is
 *   not embedded (STSong-Light + UniGB-UCS2-H) gives empty text and no error.
 */
import type { Message, Position, SourceLine, SourceTable } from '../model.js';
import type { SourceText } from '../model.js';
import { InputError } from '../errors.js';
import { corrupt, emptyFile, encryptedPdf, lowQuality, scannedPdf } from './errors.js';
import { cleanLine } from './lines.js';
import { openPdf, OperatorBudgetError, type OpenDocument, type PdfPage } from './pdf-engine.js';
import { pageLines, type TextItem } from './pdf-layout.js';
import { scanStreams } from './pdf-scan.js';
import { rulingsFromOperators, tablesOnPage } from './pdf-tables.js';
import { QUALITY_FAIL, qualityDetail, qualityWarning, toTextQuality } from './quality.js';

export { pdfjsAssets } from './pdf-engine.js';

const PDF = { zh: ' PDF ', en: 'PDF' };

/** Pages read at most: a plan is tens of pages; 5,000 covers any real bundle (and keeps pdf.js's
 * page lookup, which walks a flat /Kids array from the start for every page, out of its slow range). */
export const MAX_PAGES = 5_000;
/**
 * Drawing operators + text items pdf.js may produce: for the whole document, and for one page
 * (a real page has at most a few thousand: one per glyph in a browser-printed table page).
 */
export const MAX_OPERATORS = 5_000_000;
export const MAX_PAGE_OPERATORS = 200_000;
/** Wall time for one page's text or operators (real pages: milliseconds; a slow machine: < 1 s). */
export const MAX_PAGE_MS = 5_000;
/** Largest a content stream (or any non-image stream) may inflate to; real pages: < 1 MB. */
export const MAX_STREAM_BYTES = 64 * 1024 * 1024;

const COLUMN_WORD = /序号|编号|责任单位|牵头单位|责任部门|牵头部门|配合单位|协办单位|完成时限|完成时间|时间节点|时限要求|具体要求|工作任务|重点任务|工作内容|任务内容|主要内容|工作措施|备注/g;

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : '';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isBlank(text: string): boolean {
  return /^[\s\u3000\u0000]*$/.test(text);
}

export function tooLarge(path: string, what: { zh: string; en: string }): InputError {
  return new InputError(
    'too-large',
    path,
    `该 PDF ${what.zh}，超过 gkcheck 的处理上限，可能是构造的恶意文件；如确为正常文件，请拆分后再检查`,
    `The PDF ${what.en}, over gkcheck's limit — possibly a crafted file; if it is a genuine document, split it and check the parts`,
  );
}

/** Where a table starts: the first line of its page holding the first non-empty cell's text. */
function tablePosition(rows: string[][], page: number, lines: readonly SourceLine[]): Position {
  const probe = rows.flat().find((t) => t.trim() !== '')?.split('\n')[0] ?? '';
  const key = probe.replace(/\s+/g, '').slice(0, 12);
  let line = 1;
  if (key) {
    const hit = lines.find((l) => l.page === page && l.text.replace(/\s+/g, '').includes(key));
    if (hit) line = hit.line;
  }
  return { page, line, column: 1 };
}

/**
 * An aligned header row: one line holding two or more distinct column names with a gap
 * (a tab, from a wide space between text items) between them. Prose that mentions 责任单位
 * and 完成时限 in one sentence has no such gap.
 */
export function hasHeaderRow(lineTexts: readonly string[]): boolean {
  return lineTexts.some((t) => {
    if (!t.includes('\t') && !/\S {2,}\S/.test(t)) return false;
    const fields = t.split(/\t| {2,}/).map((f) => f.replace(/\s+/g, '')).filter(Boolean);
    const named = new Set<string>();
    for (const f of fields) for (const m of f.matchAll(COLUMN_WORD)) named.add(m[0]);
    return named.size >= 2;
  });
}

/**
 * Where each row of a table starts: the first line at or after the previous row's that holds
 * the start of the row's longest cell (the 序号 cell alone, "3", would match anywhere).
 */
function rowPositions(rows: string[][], at: Position, lines: readonly SourceLine[]): Position[] {
  const page = lines.filter((l) => l.page === at.page && l.line >= at.line);
  let from = 0;
  return rows.map((row) => {
    const probe = row.map((t) => t.split('\n')[0].replace(/\s+/g, '')).reduce((a, b) => (b.length > a.length ? b : a), '');
    const key = probe.slice(0, 12);
    const k = key.length >= 2 ? page.findIndex((l, i) => i >= from && l.text.replace(/\s+/g, '').includes(key)) : -1;
    if (k >= 0) from = k;
    return { page: at.page, line: page[from]?.line ?? at.line, column: 1 };
  });
}

interface ReadPage {
  num: number;
  lines: string[];
}

async function textItems(page: PdfPage): Promise<TextItem[]> {
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  const out: TextItem[] = [];
  for (const it of content.items) {
    if (typeof it.str !== 'string' || !Array.isArray(it.transform)) continue;
    out.push({ str: it.str, transform: it.transform, width: it.width ?? 0, height: it.height ?? 0, hasEOL: it.hasEOL });
  }
  return out;
}

/** Race a pdf.js call against the document's operator budget. */
function budgeted<T>(open: OpenDocument, p: Promise<T>): Promise<T> {
  return Promise.race([p, open.overBudget]);
}

export async function ingestPdf(bytes: Uint8Array, path: string): Promise<SourceText> {
  if (scanStreams(bytes, MAX_STREAM_BYTES).over) {
    const mb = MAX_STREAM_BYTES / 1024 / 1024;
    throw tooLarge(path, { zh: `有内容流解压后超过 ${mb} MB（压缩炸弹）`, en: `has a content stream that inflates to over ${mb} MB (a compression bomb)` });
  }
  let open: OpenDocument;
  try {
    // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy.
    open = await openPdf(new Uint8Array(bytes), { maxOperators: MAX_OPERATORS, maxPageOperators: MAX_PAGE_OPERATORS, maxPageMs: MAX_PAGE_MS });
  } catch (err) {
    throw mapPdfError(err, path);
  }
  const { doc } = open;
  try {
    const total = doc.numPages;
    if (total === 0) throw emptyFile(path, { zh: '该 PDF 没有任何页面', en: 'The PDF has no pages' });
    if (total > MAX_PAGES) {
      throw tooLarge(path, { zh: `有 ${total} 页（上限 ${MAX_PAGES} 页）`, en: `has ${total} pages (the limit is ${MAX_PAGES})` });
    }

    const lines: SourceLine[] = [];
    const messages: Message[] = [];
    const blankPages: number[] = [];
    const pages: ReadPage[] = [];
    const tables: SourceTable[] = [];
    let tableFailed: unknown = null;

    for (let n = 1; n <= total; n++) {
      let page: PdfPage;
      try {
        page = await budgeted(open, doc.getPage(n));
      } catch (err) {
        throw mapPdfError(err, path);
      }
      let items: TextItem[];
      try {
        open.startPage(n);
        items = await budgeted(open, textItems(page));
      } catch (err) {
        throw mapPdfError(err, path);
      } finally {
        page.cleanup();
      }
      const texts = pageLines(items).map((l) => cleanLine(l.text));
      const pageSource = texts.map((t, i) => ({ text: t, page: n, line: i + 1 }));
      if (pageSource.every((l) => isBlank(l.text))) blankPages.push(n);
      lines.push(...pageSource);
      pages.push({ num: n, lines: texts });
      // A table candidate: a header row here, or a table found on the page before (a table
      // runs on until a page has none).
      const continuing = tables.length > 0 && tables[tables.length - 1].position.page === n - 1;
      if (tableFailed === null && (continuing || hasHeaderRow(texts))) {
        try {
          await tablesOf(open, n, items, pageSource, tables);
        } catch (err) {
          if (err instanceof OperatorBudgetError) throw err;
          tableFailed = err;
        }
      }
    }

    if (blankPages.length === total) {
      const withImages = await pagesWithImages(open, blankPages.slice(0, 3));
      if (withImages.length > 0) throw scannedPdf(path, total);
      throw emptyFile(path, {
        zh: `该 PDF 的 ${total} 页都没有文字（可能是空白页，或文字已转为曲线/图形）`,
        en: `None of the PDF's ${total} pages has text (blank pages, or text converted to outlines)`,
      });
    }
    if (blankPages.length > 0) {
      const withImages = new Set(await pagesWithImages(open, blankPages));
      for (const p of blankPages) {
        if (!withImages.has(p)) continue;
        messages.push({
          ruleId: 'scanned-page',
          severity: 'warning',
          message: {
            zh: `第 ${p} 页是图片，没有文字层（扫描页），该页内容无法检查；如需检查，请提供原始 Word/文本版本或 OCR 后的 PDF`,
            en: `Page ${p} is an image without a text layer (a scanned page) and cannot be checked; provide the original Word/text version or an OCR'd PDF`,
          },
          position: { page: p, line: 1, column: 1 },
        });
      }
    }

    const quality = qualityDetail(lines.map((l) => l.text).join('\n'));
    if (quality.score < QUALITY_FAIL || quality.usable === 0) {
      throw lowQuality(path, quality.score, { zh: '该 PDF ', en: 'the PDF' });
    }
    // A few bad pages are named one by one; a file garbled throughout gets one warning with
    // the figure for the whole file and the pages it affects.
    const lowPages: Message[] = [];
    for (const rp of pages) {
      const warn = qualityWarning(qualityDetail(rp.lines.join('\n')), { zh: `第 ${rp.num} 页`, en: `Page ${rp.num}` }, { page: rp.num, line: 1, column: 1 });
      if (warn) lowPages.push(warn);
    }
    if (lowPages.length > 3) {
      const n = lowPages.length;
      const whole = qualityWarning(quality, { zh: `全文（${n}/${total} 页偏低）`, en: `The whole file (${n} of ${total} pages low)` }, { page: 1, line: 1, column: 1 });
      if (whole) messages.push(whole);
      else messages.push(...lowPages);
    } else messages.push(...lowPages);

    if (tableFailed !== null) {
      messages.push({
        ruleId: 'pdf-table-failed',
        severity: 'info',
        message: {
          zh: `无法识别 PDF 中的表格（${errorMessage(tableFailed)}），表格内容只按文字行读取`,
          en: `Could not detect the PDF's tables (${errorMessage(tableFailed)}); table content is read as text lines only`,
        },
      });
    }

    return {
      path,
      format: 'pdf',
      pages: total,
      lines,
      tables,
      quality: toTextQuality(quality),
      messages,
    };
  } catch (err) {
    if (err instanceof OperatorBudgetError) throw budgetError(path, err);
    throw err;
  } finally {
    await open.close();
  }
}

function budgetError(path: string, err: OperatorBudgetError): InputError {
  const n = err.limit.toLocaleString('en');
  const why = { zh: '（可能是层层嵌套、反复绘制的表单对象或超大内容流）', en: ' (form XObjects nested and drawn over and over, or a huge content stream)' };
  if (err.kind === 'time') {
    return tooLarge(path, { zh: `第 ${err.page} 页的内容处理超过 ${err.limit / 1000} 秒${why.zh}`, en: `takes over ${err.limit / 1000} s to read on page ${err.page}${why.en}` });
  }
  if (err.kind === 'page') {
    return tooLarge(path, { zh: `第 ${err.page} 页的绘图指令和文字块超过 ${n} 个${why.zh}`, en: `draws more than ${n} operators and text pieces on page ${err.page}${why.en}` });
  }
  return tooLarge(path, { zh: `的绘图指令和文字块超过 ${n} 个${why.zh}`, en: `draws more than ${n} operators and text pieces${why.en}` });
}

/** Ruled tables of one page into `out`; returns how many were found. */
async function tablesOf(open: OpenDocument, num: number, items: TextItem[], lines: readonly SourceLine[], out: SourceTable[]): Promise<number> {
  const page = await budgeted(open, open.doc.getPage(num));
  try {
    open.startPage(num);
    const ops = await budgeted(open, page.getOperatorList());
    const viewport = page.getViewport({ scale: 1 }).transform;
    const rulings = rulingsFromOperators(ops, open.OPS, viewport);
    let found = 0;
    for (const t of tablesOnPage(num, rulings, items, viewport)) {
      if (t.rows.every((row) => row.every((c) => c.text === ''))) continue;
      const texts = t.rows.map((r) => r.map((c) => c.text));
      const position = tablePosition(texts, t.page, lines);
      out.push({ rows: t.rows, position, rowPositions: rowPositions(texts, position, lines) });
      found++;
    }
    return found;
  } finally {
    page.cleanup();
  }
}

/** Page numbers (of `pages`) that paint at least one image. */
async function pagesWithImages(open: OpenDocument, pages: number[]): Promise<number[]> {
  const out: number[] = [];
  const { OPS } = open;
  const paints = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup]);
  for (const n of pages.slice(0, 50)) {
    try {
      const page = await budgeted(open, open.doc.getPage(n));
      try {
        open.startPage(n);
        const ops = await budgeted(open, page.getOperatorList());
        for (let i = 0; i < ops.fnArray.length; i++) {
          if (paints.has(ops.fnArray[i])) {
            out.push(n);
            break;
          }
        }
      } finally {
        page.cleanup();
      }
    } catch (err) {
      if (err instanceof OperatorBudgetError) throw err;
    }
  }
  return out;
}

function mapPdfError(err: unknown, path: string): Error {
  if (err instanceof InputError || err instanceof OperatorBudgetError) return err;
  const name = errorName(err);
  const msg = errorMessage(err);
  if (name === 'PasswordException' || /password/i.test(msg)) return encryptedPdf(path);
  if (name === 'InvalidPDFException') return corrupt(path, PDF, { zh: '不是有效的 PDF 结构', en: 'invalid PDF structure' });
  return corrupt(path, PDF, { zh: msg, en: msg });
}
