/**
 * PDF via pdf-parse 2 (pdf.js 5).
 *
 * - Lines: each page's text split into lines; `page` = page number, `line` =
 *   line within the page (1-based). pdf-parse's "-- N of M --" markers are not
 *   kept. pdf-parse joins items on one line with "\t" where it sees a wide gap
 *   (cellSeparator); that tab is kept. Table text stays in the lines too (it is
 *   part of the page text).
 * - Per-item positions: pdf-parse's public API returns strings only (the x/y of
 *   each text item lives in pdf.js's getTextContent behind a private field), so
 *   positions are page + line.
 * - Tables: ruled tables with real rowSpan/colSpan, built from pdf-parse's own
 *   ruling-line detection (./pdf-tables.ts). If pdf-parse's internals change,
 *   the public getTable() is used instead: merged cells then come back as ""
 *   (or missing) cells, kept with rowSpan = colSpan = 1 (toSourceTable).
 * - CMaps and standard fonts are passed explicitly: without them a PDF whose
 *   Chinese font is not embedded (STSong-Light + UniGB-UCS2-H) gives empty text
 *   and no error.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Message, Position, SourceLine, SourceTable, SourceText, TableCell } from '../model.js';
import { corrupt, emptyFile, encryptedPdf, lowQuality, scannedPdf } from './errors.js';
import { cleanLine, splitLines } from './lines.js';
import { tablesWithSpans } from './pdf-tables.js';
import { QUALITY_FAIL, qualityDetail, qualityWarning, toTextQuality } from './quality.js';

const PDF = { zh: ' PDF ', en: 'PDF' };

let assetDirs: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } | null = null;

/** pdfjs-dist's cmaps/, standard_fonts/ and wasm/ folders (with trailing slash). */
export function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } {
  if (assetDirs) return assetDirs;
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('pdfjs-dist/package.json');
  } catch {
    // pdfjs-dist not hoisted: resolve it from pdf-parse's own location.
    pkg = createRequire(require.resolve('pdf-parse')).resolve('pdfjs-dist/package.json');
  }
  const root = dirname(pkg);
  assetDirs = {
    cMapUrl: join(root, 'cmaps') + '/',
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    wasmUrl: join(root, 'wasm') + '/',
  };
  return assetDirs;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : '';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isBlank(text: string): boolean {
  return /^[\s\u3000\u0000]*$/.test(text);
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

/** Fallback: pdf-parse's public getTable() output; merged cells stay as "" cells with span 1. */
export function toSourceTable(rows: string[][], page: number, lines: readonly SourceLine[]): SourceTable {
  const cells: TableCell[][] = rows.map((row) => row.map((text) => ({ text, rowSpan: 1, colSpan: 1 })));
  const position = tablePosition(rows, page, lines);
  return { rows: cells, position, rowPositions: rowPositions(rows, position, lines) };
}

/*
 * pdfjs-dist's legacy build (what pdf-parse loads) bundles core-js, which replaces
 * Array.prototype.push and JSON.parse for the whole process with JS versions; every push in
 * pdf.js and in gkcheck then runs slowly (~16% of a PDF parse's profile). Neither relies on
 * what they change, so the native ones are put back after pdf.js has loaded and run.
 */
const TABLE_HEADER_WORD = /序号|责任单位|牵头单位|责任部门|牵头部门|配合单位|完成时限|完成时间|时间节点|时限要求|具体要求|工作任务|重点任务/;
const NATIVE_PUSH = Array.prototype.push;
const NATIVE_JSON_PARSE = JSON.parse;
function restoreNatives(): void {
  if (Array.prototype.push !== NATIVE_PUSH) Array.prototype.push = NATIVE_PUSH;
  if (JSON.parse !== NATIVE_JSON_PARSE) JSON.parse = NATIVE_JSON_PARSE;
}

export async function ingestPdf(bytes: Uint8Array, path: string): Promise<SourceText> {
  const { PDFParse } = await import('pdf-parse');
  restoreNatives();
  const assets = pdfjsAssets();
  // pdf.js may take ownership of (detach) the buffer it is given: hand it a copy.
  const parser = new PDFParse({
    data: new Uint8Array(bytes),
    cMapUrl: assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFontDataUrl,
    wasmUrl: assets.wasmUrl,
    verbosity: 0, // errors only: no "Warning: …" lines from pdf.js on the terminal
    isEvalSupported: false, // untrusted input: never compile PDF functions with eval
  });
  try {
    let textResult;
    try {
      textResult = await parser.getText({ pageJoiner: '' });
    } catch (err) {
      throw mapPdfError(err, path);
    }
    const total = textResult.total;
    if (total === 0) throw emptyFile(path, { zh: '该 PDF 没有任何页面', en: 'The PDF has no pages' });

    const lines: SourceLine[] = [];
    const messages: Message[] = [];
    const blankPages: number[] = [];
    for (const page of textResult.pages) {
      const pageLines = splitLines(page.text).map((t, i) => ({ text: cleanLine(t), page: page.num, line: i + 1 }));
      if (pageLines.every((l) => isBlank(l.text))) blankPages.push(page.num);
      lines.push(...pageLines);
    }

    if (blankPages.length === total) {
      const withImages = await pagesWithImages(parser, blankPages.slice(0, 3));
      if (withImages.length > 0) throw scannedPdf(path, total);
      throw emptyFile(path, {
        zh: `该 PDF 的 ${total} 页都没有文字（可能是空白页，或文字已转为曲线/图形）`,
        en: `None of the PDF's ${total} pages has text (blank pages, or text converted to outlines)`,
      });
    }
    if (blankPages.length > 0) {
      const withImages = new Set(await pagesWithImages(parser, blankPages));
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
    const byPage = new Map<number, string[]>();
    for (const l of lines) {
      const list = byPage.get(l.page ?? 0);
      if (list) list.push(l.text);
      else byPage.set(l.page ?? 0, [l.text]);
    }
    // A few bad pages are named one by one; a file garbled throughout gets one warning with
    // the figure for the whole file and the pages it affects.
    const lowPages: Message[] = [];
    for (let p = 1; p <= total; p++) {
      const pageText = (byPage.get(p) ?? []).join('\n');
      const warn = qualityWarning(qualityDetail(pageText), { zh: `第 ${p} 页`, en: `Page ${p}` }, { page: p, line: 1, column: 1 });
      if (warn) lowPages.push(warn);
    }
    if (lowPages.length > 3) {
      const n = lowPages.length;
      const whole = qualityWarning(quality, { zh: `全文（${n}/${total} 页偏低）`, en: `The whole file (${n} of ${total} pages low)` }, { page: 1, line: 1, column: 1 });
      if (whole) messages.push(whole);
      else messages.push(...lowPages);
    } else messages.push(...lowPages);

    // Ruling-line detection re-reads every page's drawing operators (~40% of a PDF's ingest
    // time), so it starts at the first page whose text names a table column (序号, 责任单位,
    // 完成时限…): a 任务分解表 follows its header row, and a plan without one skips it.
    const firstTablePage = lines.find((l) => TABLE_HEADER_WORD.test(l.text.replace(/\s+/g, '')))?.page ?? null;
    const tables: SourceTable[] = [];
    if (firstTablePage !== null) try {
      const withSpans = await tablesWithSpans(parser, firstTablePage);
      if (withSpans) {
        for (const t of withSpans) {
          if (t.rows.every((row) => row.every((c) => c.text === ''))) continue;
          const texts = t.rows.map((r) => r.map((c) => c.text));
          const position = tablePosition(texts, t.page, lines);
          tables.push({ rows: t.rows, position, rowPositions: rowPositions(texts, position, lines) });
        }
      } else {
        const tableResult = await parser.getTable();
        for (const page of tableResult.pages) {
          for (const table of page.tables) {
            if (table.length === 0 || table.every((row) => row.every((c) => c.trim() === ''))) continue;
            tables.push(toSourceTable(table, page.num, lines));
          }
        }
      }
    } catch (err) {
      messages.push({
        ruleId: 'pdf-table-failed',
        severity: 'info',
        message: {
          zh: `无法识别 PDF 中的表格（${errorMessage(err)}），表格内容只按文字行读取`,
          en: `Could not detect the PDF's tables (${errorMessage(err)}); table content is read as text lines only`,
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
  } finally {
    await parser.destroy().catch(() => undefined);
    restoreNatives();
  }
}

/** Page numbers (of `pages`) that paint at least one image. */
async function pagesWithImages(parser: import('pdf-parse').PDFParse, pages: number[]): Promise<number[]> {
  if (pages.length === 0) return [];
  try {
    const res = await parser.getImage({ partial: pages, imageThreshold: 0, imageBuffer: false, imageDataUrl: false });
    return res.pages.filter((p) => p.images.length > 0).map((p) => p.pageNumber);
  } catch {
    return [];
  }
}

function mapPdfError(err: unknown, path: string): Error {
  const name = errorName(err);
  const msg = errorMessage(err);
  if (name === 'PasswordException' || /password/i.test(msg)) return encryptedPdf(path);
  if (name === 'InvalidPDFException') return corrupt(path, PDF, { zh: '不是有效的 PDF 结构', en: 'invalid PDF structure' });
  return corrupt(path, PDF, { zh: msg, en: msg });
}
