/**
 * pdf.js's parser (the "worker" half of pdfjs-dist), loaded once and driven in this thread.
 *
 * Only pdf.worker.mjs is loaded. pdf.mjs, the display half, would add ~1 MB of code to compile
 * and, in Node, loads @napi-rs/canvas (a native Skia binding) at import: ~0.3 s of CPU at every
 * start, for rendering gkcheck never does. In its place `Client` speaks the worker's message
 * protocol (src/shared/message_handler.js) for the four requests used: open a document, a page's
 * geometry, its text content and its operator list. The worker checks that the version sent
 * matches its own, so a pdfjs-dist upgrade that changed the protocol fails loudly in the tests.
 *
 * The two ends talk through DirectPort, which hands messages over as they are, asynchronously,
 * instead of pdf.js's LoopbackPort that structured-clones every message — a copy nobody needs
 * when both ends are in one heap. One exception: the worker reuses a stream chunk right after
 * posting it (OperatorList.flush() empties its arrays, the text-content sink reassigns
 * textContent.items), so stream chunks are copied one level deep.
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
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

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

let loaded: Promise<WorkerModule> | null = null;

/** Only pdf.js's worker half: the display half (pdf.mjs) is not needed (see the module comment). */
async function loadWorker(): Promise<WorkerModule> {
  const { root } = pdfjsAssets();
  const worker = (await import(pathToFileURL(join(root, 'legacy/build/pdf.worker.mjs')).href)) as WorkerModule;
  restoreNatives();
  if (isMainThread) dropStrayPdfjsRejections();
  return worker;
}

/** pdf.js's own exception classes (BaseException and its subclasses set `name` to the class name). */
const PDFJS_EXCEPTIONS = new Set([
  'PasswordException', 'UnknownErrorException', 'InvalidPDFException', 'ResponseException', 'FormatError', 'AbortException',
  'MissingDataException', 'ParserEOFException', 'XRefEntryException', 'XRefParseException', 'JpegError', 'DNLMarkerError',
  'EOIMarkerError', 'JpxError', 'Jbig2Error',
]);
const isPdfjsException = (r: unknown): boolean => r instanceof Error && PDFJS_EXCEPTIONS.has(r.constructor?.name) && r.name === r.constructor.name;

let strayHandler = false;
/**
 * On a damaged PDF, pdf.js's worker half leaves promises rejected with its own exceptions
 * ("XRefEntryException: Bad (uncompressed) XRef entry") that nobody awaits, after the file's
 * outcome (an InputError, or a text) is already decided. In the CLI and the workers a handler
 * drops them; a program using the library in its own thread would be killed by Node's default
 * ("throw" on an unhandled rejection). So those — and only those — are dropped here; any other
 * unhandled rejection keeps Node's behaviour: thrown when this is the only handler and the mode
 * is the default, a warning in --unhandled-rejections=warn modes, left to the program's own
 * handlers when it has some.
 */
function dropStrayPdfjsRejections(): void {
  if (strayHandler) return;
  strayHandler = true;
  const flag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].find((a) => a.startsWith('--unhandled-rejections='));
  const mode = flag?.split('=')[1] ?? 'throw';
  process.on('unhandledRejection', (reason) => {
    if (isPdfjsException(reason)) return;
    if (process.listenerCount('unhandledRejection') > 1 || mode === 'none') return;
    if (mode === 'warn' || mode === 'warn-with-error-code') {
      process.emitWarning(`Unhandled promise rejection: ${String((reason as Error)?.stack ?? reason)}`, 'UnhandledPromiseRejectionWarning');
      if (mode === 'warn-with-error-code') process.exitCode = 1;
      return;
    }
    throw reason;
  });
}

let workerVersion: string | null = null;
/** The installed pdf.js version: the worker refuses a document request naming another one. */
function pdfjsVersion(): string {
  workerVersion ??= (JSON.parse(readFileSync(join(pdfjsAssets().root, 'package.json'), 'utf8')) as { version: string }).version;
  return workerVersion;
}

/** Files the worker asks for (CMaps, standard fonts, wasm decoders), read once per process. */
const assetFiles = new Map<string, Promise<Uint8Array>>();
function assetFile(path: string): Promise<Uint8Array> {
  let p = assetFiles.get(path);
  if (!p) {
    p = readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    p.catch(() => assetFiles.delete(path));
    assetFiles.set(path, p);
  }
  return p;
}

type Listener = (event: { data: unknown }) => void;

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

/**
 * pdf.js's operator codes (src/shared/util.js OPS; stable since pdf.js 2, the numbering is part
 * of the operator-list format): the display half that exports them is not loaded.
 */
export const OPS: Readonly<Record<string, number>> = Object.freeze({
  save: 10, restore: 11, transform: 12, moveTo: 13, lineTo: 14, curveTo: 15, curveTo2: 16, curveTo3: 17, closePath: 18, rectangle: 19,
  stroke: 20, closeStroke: 21, fill: 22, eoFill: 23, fillStroke: 24, eoFillStroke: 25, closeFillStroke: 26, closeEOFillStroke: 27, endPath: 28,
  paintXObject: 66, paintFormXObjectBegin: 74, paintFormXObjectEnd: 75,
  paintImageMaskXObject: 83, paintImageMaskXObjectGroup: 84, paintImageXObject: 85, paintInlineImageXObject: 86,
  paintInlineImageXObjectGroup: 87, paintImageXObjectRepeat: 88, paintImageMaskXObjectRepeat: 89, paintSolidColorImageMask: 90,
  constructPath: 91,
});

/** pdf.js's message protocol (src/shared/message_handler.js): callback and stream kinds. */
const CALLBACK_DATA = 1;
const CALLBACK_ERROR = 2;
const STREAM_CLOSE = 3;
const STREAM_ENQUEUE = 4;
const STREAM_ERROR = 5;
const STREAM_START_COMPLETE = 8;
/** getOperatorList() of pdf.mjs: RenderingIntentFlag.DISPLAY | OPLIST, annotations enabled. */
const INTENT_DISPLAY_OPLIST = 0x02 + 0x100;

interface Message {
  sourceName: string;
  targetName: string;
  action?: string;
  data?: unknown;
  callbackId?: number;
  callback?: number;
  reason?: unknown;
  stream?: number;
  streamId?: number;
  chunk?: unknown;
  success?: boolean;
}

/** An error that crossed the port: pdf.js sends its own exception objects (name + message). */
function asError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  const r = reason as { name?: string; message?: string } | null;
  const e = new Error(r?.message ?? String(reason));
  if (r?.name) e.name = r.name;
  return e;
}

/**
 * The main-thread end of pdf.js's message protocol, reduced to what gkcheck asks: a document,
 * its pages' geometry, text content and operator lists. It replaces pdf.mjs (the display half,
 * which also loads @napi-rs/canvas at start: together ~0.3 s of CPU per process).
 */
class Client {
  private nextCallback = 1;
  private nextStream = 1;
  private callbacks = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private streams = new Map<number, { chunks: unknown[]; resolve(v: unknown[]): void; reject(e: Error): void }>();
  private actions = new Map<string, (data: unknown) => unknown>();
  private dead: Error | null = null;

  constructor(
    private readonly port: DirectPort,
    private readonly name: string,
    private target: string,
  ) {
    port.addEventListener('message', ({ data }) => this.onMessage(data as Message));
  }

  retarget(target: string): void {
    this.target = target;
  }
  on(action: string, fn: (data: unknown) => unknown): void {
    this.actions.set(action, fn);
  }
  send(action: string, data: unknown): void {
    this.port.postMessage({ sourceName: this.name, targetName: this.target, action, data });
  }
  request<T>(action: string, data: unknown, evenIfDead = false): Promise<T> {
    if (this.dead && !evenIfDead) return Promise.reject(this.dead);
    const callbackId = this.nextCallback++;
    return new Promise<T>((resolve, reject) => {
      this.callbacks.set(callbackId, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ sourceName: this.name, targetName: this.target, action, callbackId, data });
    });
  }
  /** A streamed request, collected whole; no back-pressure (desiredSize Infinity: never waits). */
  stream(action: string, data: unknown): Promise<unknown[]> {
    if (this.dead) return Promise.reject(this.dead);
    const streamId = this.nextStream++;
    return new Promise<unknown[]>((resolve, reject) => {
      this.streams.set(streamId, { chunks: [], resolve, reject });
      this.port.postMessage({ sourceName: this.name, targetName: this.target, action, streamId, data, desiredSize: Infinity });
    });
  }
  /** Fail everything pending (and all later requests) with `err`. */
  kill(err: Error): void {
    this.dead ??= err;
    for (const c of this.callbacks.values()) c.reject(err);
    for (const s of this.streams.values()) s.reject(err);
    this.callbacks.clear();
    this.streams.clear();
  }

  private onMessage(m: Message): void {
    if (m.targetName !== this.name) return;
    if (m.stream !== undefined) {
      const s = this.streams.get(m.streamId!);
      if (!s) return;
      if (m.stream === STREAM_ENQUEUE) s.chunks.push(m.chunk);
      else if (m.stream === STREAM_CLOSE) {
        this.streams.delete(m.streamId!);
        s.resolve(s.chunks);
      } else if (m.stream === STREAM_ERROR || (m.stream === STREAM_START_COMPLETE && !m.success)) {
        this.streams.delete(m.streamId!);
        s.reject(asError(m.reason));
      }
      return;
    }
    if (m.callback !== undefined) {
      const c = this.callbacks.get(m.callbackId!);
      if (!c) return;
      this.callbacks.delete(m.callbackId!);
      if (m.callback === CALLBACK_DATA) c.resolve(m.data);
      else c.reject(asError(m.reason));
      return;
    }
    const fn = this.actions.get(m.action ?? '');
    if (m.callbackId === undefined) {
      fn?.(m.data); // one-way messages gkcheck has no use for (fonts, images, progress) are dropped
      return;
    }
    const reply = (extra: Partial<Message>) => this.port.postMessage({ sourceName: this.name, targetName: m.sourceName, callbackId: m.callbackId, ...extra });
    Promise.resolve()
      .then(() => {
        if (!fn) throw new Error(`${m.action} is not supported`);
        return fn(m.data);
      })
      .then(
        (data) => reply({ callback: CALLBACK_DATA, data }),
        (err: unknown) => reply({ callback: CALLBACK_ERROR, reason: { name: errorName(err), message: err instanceof Error ? err.message : String(err) } }),
      );
  }
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'Error';
}

/** PageViewport's transform (pdf.mjs src/display/display_utils.js) for scale 1, no offset. */
export function viewportTransform(view: number[], rotate: number, userUnit: number): { transform: number[]; width: number; height: number } {
  const scale = userUnit || 1;
  const cx = (view[2] + view[0]) / 2;
  const cy = (view[3] + view[1]) / 2;
  let rotation = rotate % 360;
  if (rotation < 0) rotation += 360;
  const [a, b, c, d] = rotation === 180 ? [-1, 0, 0, 1] : rotation === 90 ? [0, 1, 1, 0] : rotation === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  let ox: number, oy: number, width: number, height: number;
  if (a === 0) {
    ox = Math.abs(cy - view[1]) * scale;
    oy = Math.abs(cx - view[0]) * scale;
    width = (view[3] - view[1]) * scale;
    height = (view[2] - view[0]) * scale;
  } else {
    ox = Math.abs(cx - view[0]) * scale;
    oy = Math.abs(cy - view[1]) * scale;
    width = (view[2] - view[0]) * scale;
    height = (view[3] - view[1]) * scale;
  }
  const transform = [a * scale, b * scale, c * scale, d * scale, ox - a * scale * cx - c * scale * cy, oy - b * scale * cx - d * scale * cy];
  return { transform, width, height };
}

let docCounter = 0;

/** Open a PDF (bytes are handed to pdf.js, which may keep them: pass a copy). */
export async function openPdf(data: Uint8Array, options: OpenOptions): Promise<OpenDocument> {
  loaded ??= loadWorker();
  const worker = await loaded;
  const assets = pdfjsAssets();
  let ops = 0;
  let pageOps = 0;
  let pageNo = 0;
  let pageStart = performance.now();
  let rejectBudget!: (e: Error) => void;
  const overBudget = new Promise<never>((_, reject) => (rejectBudget = reject));
  overBudget.catch(() => undefined); // observed by whoever races it; never an unhandled rejection
  let stop: ((err: Error) => void) | null = null;
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
      s(over);
    }
  });
  worker.WorkerMessageHandler.initializeFromPort(workerPort);
  const docId = `g${docCounter++}`;
  const top = new Client(mainPort, 'main', 'worker');
  top.send('configure', { verbosity: 0 }); // errors only: no "Warning: …" lines on the terminal
  const client = new Client(mainPort, docId, `${docId}_worker`);
  const binary: Record<string, (d: { name?: string; filename?: string }) => Promise<unknown>> = {
    cMapReaderFactory: async (d) => ({ cMapData: await assetFile(`${assets.cMapUrl}${d.name}.bcmap`), isCompressed: true }),
    standardFontDataFactory: (d) => assetFile(`${assets.standardFontDataUrl}${d.filename}`),
    wasmFactory: (d) => assetFile(`${assets.wasmUrl}${d.filename}`),
  };
  client.on('FetchBinaryData', (d) => {
    const req = d as { type: string; name?: string; filename?: string };
    const fetch = binary[req.type];
    if (!fetch) throw new Error(`unknown binary data ${req.type}`);
    return fetch(req);
  });
  // CopyLocalImage (a request) asks the main side for an image it kept: nothing is kept here.
  client.on('commonobj', () => null);
  let rejectDoc!: (e: Error) => void;
  const docInfo = new Promise<{ numPages: number }>((resolve, reject) => {
    rejectDoc = reject;
    client.on('GetDoc', (d) => resolve((d as { pdfInfo: { numPages: number } }).pdfInfo));
    client.on('DocException', (e) => reject(asError(e)));
    // No password is ever given: refusing makes the worker send DocException(PasswordException).
    client.on('PasswordRequest', () => Promise.reject(new Error('no password')));
  });
  docInfo.catch(() => undefined);

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Sent even after a budget stop (which failed the client's requests): it is what stops
    // the worker's tasks.
    const terminated = client.request('Terminate', null, true).catch(() => undefined);
    rejectDoc(new Error('Worker was terminated'));
    await Promise.race([terminated, new Promise((r) => setTimeout(r, 1000).unref())]);
    client.kill(new Error('Worker was terminated'));
    mainPort.close();
    workerPort.close();
    restoreNatives();
  };
  // Past the budget: fail whatever the caller is waiting for and terminate the document (the
  // worker's tasks stop at their next check).
  stop = (err) => {
    client.kill(err);
    void close();
  };
  try {
    const evaluatorOptions = {
      maxImageSize: -1,
      // Off: with it on, every getOperatorList compiles the outline of every glyph drawn
      // (work only a canvas renderer needs); the fonts it sends instead are dropped here.
      disableFontFace: false,
      ignoreErrors: true, // stopAtErrors: false
      isEvalSupported: false, // untrusted input: never compile PDF functions with eval
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      canvasMaxAreaInBytes: -1,
      fontExtraProperties: false,
      useSystemFonts: false,
      useWasm: true,
      useWorkerFetch: false, // CMaps, standard fonts and wasm come through FetchBinaryData
      cMapUrl: assets.cMapUrl,
      iccUrl: null,
      standardFontDataUrl: assets.standardFontDataUrl,
      wasmUrl: assets.wasmUrl,
    };
    const workerId = await top.request<string>('GetDocRequest', {
      docId,
      apiVersion: pdfjsVersion(),
      data,
      password: null,
      disableAutoFetch: false,
      rangeChunkSize: 65536,
      length: data.length,
      docBaseUrl: null,
      enableXfa: false,
      evaluatorOptions,
    });
    client.retarget(workerId);
    client.send('Ready', null);
    const info = await docInfo;
    restoreNatives();
    const getPage = async (n: number): Promise<PdfPage> => {
      const pageIndex = n - 1;
      const p = await client.request<{ view: number[]; rotate: number; userUnit: number }>('GetPage', { pageIndex });
      const vp = viewportTransform(p.view, p.rotate, p.userUnit);
      return {
        getTextContent: async (o: { includeMarkedContent?: boolean; disableNormalization?: boolean } = {}) => {
          const chunks = (await client.stream('GetTextContent', {
            pageIndex,
            includeMarkedContent: o.includeMarkedContent === true,
            disableNormalization: o.disableNormalization === true,
          })) as Array<{ items: PdfTextContent['items'] }>;
          return { items: chunks.flatMap((c) => c.items) };
        },
        getOperatorList: async () => {
          const chunks = (await client.stream('GetOperatorList', {
            pageIndex,
            intent: INTENT_DISPLAY_OPLIST,
            cacheKey: `${INTENT_DISPLAY_OPLIST}__`,
            annotationStorage: null,
            modifiedIds: new Set(),
          })) as PdfOperatorList[];
          const fnArray: number[] = [];
          const argsArray: unknown[][] = [];
          for (const c of chunks) {
            for (let i = 0; i < c.fnArray.length; i++) {
              fnArray.push(c.fnArray[i]);
              argsArray.push(c.argsArray[i]);
            }
          }
          return { fnArray, argsArray };
        },
        getViewport: () => vp,
        cleanup: () => true, // nothing is kept on this side
      };
    };
    const doc: PdfDocument = { numPages: info.numPages, getPage, destroy: close };
    const startPage = (n: number) => {
      pageNo = n;
      pageOps = 0;
      pageStart = performance.now();
    };
    return { doc, OPS, overBudget, startPage, close };
  } catch (err) {
    await close();
    throw err;
  }
}
