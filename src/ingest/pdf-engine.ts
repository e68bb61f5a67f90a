/**
 * pdf.js, loaded once and run in this thread without its structured-clone round trip.
 *
 * pdf.js in Node runs its "worker" in the same thread behind a LoopbackPort that
 * structured-clones every message (each text chunk, each operator-list chunk, each font):
 * a copy nobody needs when both ends are in one heap. DirectPort hands messages over as
 * they are, asynchronously like LoopbackPort. One exception: the worker reuses a stream
 * chunk right after posting it (OperatorList.flush() empties its arrays, the text-content
 * sink reassigns textContent.items), so stream chunks are copied one level deep.
 *
 * The port also counts operators per document: past `maxOperators` it stops the document
 * (a PDF whose form XObjects draw each other ten times over expands to billions of
 * operators from a few KB).
 *
 * pdfjs-dist comes with pdf-parse (the chosen PDF dependency) and is resolved from there,
 * so there is one pdf.js in the tree. Its legacy build bundles core-js, which replaces
 * Array.prototype.push and JSON.parse for the whole process with slower JS versions;
 * neither side relies on what they change, so the native ones are put back after loading
 * (restoreNatives) and after every document.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/* Minimal shapes of the pdf.js API used here (pdfjs-dist is not a direct dependency). */
export interface PdfTextContent {
  items: Array<{ str?: string; transform?: number[]; width?: number; height?: number; hasEOL?: boolean }>;
}
export interface PdfOperatorList {
  fnArray: number[];
  argsArray: unknown[][];
}
export interface PdfPage {
  getTextContent(o?: object): Promise<PdfTextContent>;
  getOperatorList(o?: object): Promise<PdfOperatorList>;
  getViewport(o: { scale: number }): { transform: number[]; width: number; height: number };
  cleanup(): boolean;
}
export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfJs {
  getDocument(params: object): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  PDFWorker: new (o: { port: unknown; verbosity?: number }) => { destroy(): void };
  OPS: Record<string, number>;
}
interface WorkerModule {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
}

const NATIVE_PUSH = Array.prototype.push;
const NATIVE_JSON_PARSE = JSON.parse;
export function restoreNatives(): void {
  if (Array.prototype.push !== NATIVE_PUSH) Array.prototype.push = NATIVE_PUSH;
  if (JSON.parse !== NATIVE_JSON_PARSE) JSON.parse = NATIVE_JSON_PARSE;
}

let assetDirs: { root: string; cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } | null = null;

/** pdfjs-dist's folder and its cmaps/, standard_fonts/ and wasm/ folders (with trailing slash). */
export function pdfjsAssets(): { root: string; cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } {
  if (assetDirs) return assetDirs;
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    // pdf-parse's own pdfjs-dist first: that is the version it was built and tested with.
    pkg = createRequire(require.resolve('pdf-parse')).resolve('pdfjs-dist/package.json');
  } catch {
    pkg = require.resolve('pdfjs-dist/package.json');
  }
  const root = dirname(pkg);
  assetDirs = {
    root,
    cMapUrl: join(root, 'cmaps') + '/',
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    wasmUrl: join(root, 'wasm') + '/',
  };
  return assetDirs;
}

let loaded: Promise<{ pdfjs: PdfJs; worker: WorkerModule }> | null = null;

async function loadPdfjs(): Promise<{ pdfjs: PdfJs; worker: WorkerModule }> {
  const { root } = pdfjsAssets();
  const pdfjs = (await import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href)) as PdfJs;
  const worker = (await import(pathToFileURL(join(root, 'legacy/build/pdf.worker.mjs')).href)) as WorkerModule;
  restoreNatives();
  return { pdfjs, worker };
}

type Listener = (event: { data: unknown }) => void;

/** The little of a DOM document pdf.js's FontLoader touches when fonts are not disabled. */
const NULL_DOCUMENT = {
  createElement: () => ({ sheet: { cssRules: [] as unknown[], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/** Thrown (as the document's failure) when a document or a page goes over its budget. */
export class OperatorBudgetError extends Error {
  constructor(
    /** 'document'/'page': operators + text items; 'time': one page's wall time in ms. */
    readonly kind: 'document' | 'page' | 'time',
    readonly limit: number,
    readonly page: number | null,
  ) {
    super(kind === 'time' ? `page ${page} took over ${limit} ms` : `more than ${limit} drawing operators${page ? ` on page ${page}` : ''}`);
    this.name = 'OperatorBudgetError';
  }
}

/** One end of an in-thread message channel that does not clone (see the module comment). */
class DirectPort {
  peer!: DirectPort;
  private listeners = new Set<Listener>();
  private closed = false;
  constructor(private readonly onChunk?: (ops: number) => void) {}

  static pair(onChunk: (ops: number) => void): [main: DirectPort, worker: DirectPort] {
    const main = new DirectPort();
    const worker = new DirectPort(onChunk);
    main.peer = worker;
    worker.peer = main;
    return [main, worker];
  }

  postMessage(data: unknown): void {
    if (this.closed) return;
    const msg = data as { chunk?: { fnArray?: unknown; argsArray?: unknown; items?: unknown } } | null;
    let out = data;
    const chunk = msg?.chunk;
    if (chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray)) {
      this.onChunk?.(chunk.fnArray.length);
      out = { ...msg, chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() } };
    } else if (chunk && typeof chunk === 'object') {
      // Text chunks: the worker sets textContent.items = [] right after posting the object.
      if (Array.isArray(chunk.items)) this.onChunk?.(chunk.items.length); // same budget
      out = { ...msg, chunk: { ...chunk } };
    }
    const target = this.peer;
    queueMicrotask(() => {
      if (target.closed) return;
      for (const l of target.listeners) l.call(target, { data: out });
    });
  }
  addEventListener(_name: string, listener: Listener): void {
    this.listeners.add(listener);
  }
  removeEventListener(_name: string, listener: Listener): void {
    this.listeners.delete(listener);
  }
  terminate(): void {}
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}

export interface OpenOptions {
  /** Most drawing operators + text items pdf.js may produce for the whole document. */
  maxOperators: number;
  /** The same for one page (see OpenDocument.startPage). */
  maxPageOperators: number;
  /** Wall time one page may take, checked whenever pdf.js hands over a chunk. */
  maxPageMs: number;
}

export interface OpenDocument {
  doc: PdfDocument;
  OPS: Record<string, number>;
  /** Rejects with OperatorBudgetError when the budget is gone; never resolves otherwise. */
  overBudget: Promise<never>;
  /** Start counting the per-page budget for page `n` (text pass or operator list). */
  startPage(n: number): void;
  close(): Promise<void>;
}

/** Open a PDF (bytes are handed to pdf.js, which may detach them: pass a copy). */
export async function openPdf(data: Uint8Array, options: OpenOptions): Promise<OpenDocument> {
  loaded ??= loadPdfjs();
  const { pdfjs, worker } = await loaded;
  const assets = pdfjsAssets();
  let ops = 0;
  let pageOps = 0;
  let pageNo = 0;
  let pageStart = performance.now();
  let rejectBudget!: (e: Error) => void;
  const overBudget = new Promise<never>((_, reject) => (rejectBudget = reject));
  overBudget.catch(() => undefined); // observed by whoever races it; never an unhandled rejection
  let stop: (() => void) | null = null;
  // Called synchronously from inside pdf.js's work (which runs as one long chain of
  // microtasks, so no timer could fire): the only place a budget can be enforced.
  const [mainPort, workerPort] = DirectPort.pair((n) => {
    ops += n;
    pageOps += n;
    let over: OperatorBudgetError | null = null;
    if (ops > options.maxOperators) over = new OperatorBudgetError('document', options.maxOperators, null);
    else if (pageOps > options.maxPageOperators) over = new OperatorBudgetError('page', options.maxPageOperators, pageNo);
    else if (performance.now() - pageStart > options.maxPageMs) over = new OperatorBudgetError('time', options.maxPageMs, pageNo);
    if (over && stop) {
      const s = stop;
      stop = null;
      rejectBudget(over);
      s();
    }
  });
  worker.WorkerMessageHandler.initializeFromPort(workerPort);
  const pdfWorker = new pdfjs.PDFWorker({ port: mainPort, verbosity: 0 });
  const task = pdfjs.getDocument({
    data,
    worker: pdfWorker,
    cMapUrl: assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFontDataUrl,
    wasmUrl: assets.wasmUrl,
    verbosity: 0, // errors only: no "Warning: …" lines from pdf.js on the terminal
    isEvalSupported: false, // untrusted input: never compile PDF functions with eval
    // With disableFontFace (pdf.js's Node default) every getOperatorList compiles the outline
    // of every glyph drawn and posts it to this side — work only a canvas renderer needs.
    // Off, fonts are "installed" as @font-face rules into a document that keeps nothing.
    disableFontFace: false,
    ownerDocument: NULL_DOCUMENT,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  const close = async () => {
    await task.destroy().catch(() => undefined);
    pdfWorker.destroy();
    mainPort.close();
    workerPort.close();
    restoreNatives();
  };
  // Past the budget: terminate the document (the worker's tasks stop at their next
  // check) and fail whatever the caller is waiting for.
  stop = () => void close();
  try {
    const doc = await task.promise;
    restoreNatives();
    const startPage = (n: number) => {
      pageNo = n;
      pageOps = 0;
      pageStart = performance.now();
    };
    return { doc, OPS: pdfjs.OPS, overBudget, startPage, close };
  } catch (err) {
    await close();
    throw err;
  }
}
