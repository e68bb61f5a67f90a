/**
 * URL input: `gkcheck parse https://…` (and check, diff, ledger) read a published notice
 * from the web.
 *
 *   input:  an http(s) URL, and limits (time, size, redirects) and an optional folder to
 *           keep what was fetched (--save DIR, or GKCHECK_SAVE_DIR for worker threads)
 *   output: SourceText, as for a file (path = the URL as given)
 *   throws: InputError 'network' (bilingual, naming the URL and what to do) or 'too-large'
 *
 * A page whose article is only "详见附件" (or holds almost no text) while it links the plan as
 * a PDF/Word/Excel file: that file is fetched and read instead, and a message says so. Redirects
 * are followed by hand (at most `maxRedirects`), so the final address is known for resolving
 * the page's relative links. Bodies are read as a stream and cut off at `maxBytes`.
 */
import { mkdirSync, lstatSync, writeFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SourceText } from '../model.js';
import { InputError } from '../errors.js';
import { tooLarge } from './errors.js';

export interface FetchOptions {
  /** Per request, ms (default 30 000). */
  timeoutMs?: number;
  /** Per response body (default 50 MB). */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Keep every fetched body in this folder. */
  saveDir?: string;
}

export const FETCH_DEFAULTS = { timeoutMs: 30_000, maxBytes: 50 * 1024 * 1024, maxRedirects: 5 };

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

function networkError(url: string, zh: string, en: string): InputError {
  return new InputError('network', url, `${zh}，请检查网址和网络连接后重试，或先在浏览器中把网页/附件保存到本地再检查`, `${en}: check the address and the network and try again, or save the page/attachment in a browser and check the saved file`);
}

/** What went wrong below HTTP, in words (undici hides the errno in `cause`). */
function describeFailure(err: unknown, timeoutMs: number): { zh: string; en: string } {
  const e = err as { name?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { zh: `连接超时（${timeoutMs / 1000} 秒内未完成）`, en: `timed out (not done within ${timeoutMs / 1000} s)` };
  const code = e?.cause?.code ?? e?.code ?? '';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { zh: '找不到该网站（域名无法解析）', en: 'the site was not found (the host name does not resolve)' };
    case 'ECONNREFUSED':
      return { zh: '网站拒绝连接', en: 'the site refused the connection' };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return { zh: '连接被网站中断', en: 'the site closed the connection' };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { zh: `连接超时（${timeoutMs / 1000} 秒内未完成）`, en: `timed out (not done within ${timeoutMs / 1000} s)` };
    default:
      if (/CERT|SSL|TLS/i.test(code)) return { zh: `网站的安全证书无效（${code}）`, en: `the site's TLS certificate is not valid (${code})` };
      return { zh: `网络错误（${code || e?.cause?.message || String(err)}）`, en: `network error (${code || e?.cause?.message || String(err)})` };
  }
}

export interface Fetched {
  bytes: Uint8Array;
  /** After redirects. */
  finalUrl: string;
  contentType: string | null;
}

/** GET with a time limit, a size cap and counted redirects. */
export async function fetchBytes(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  let current = url;
  for (let hop = 0; ; hop++) {
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await fetch(current, { redirect: 'manual', signal, headers: { 'user-agent': 'gkcheck (+https://www.npmjs.com/package/gkcheck)', accept: 'text/html,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.*,*/*;q=0.5' } });
    } catch (err) {
      const d = describeFailure(err, timeoutMs);
      throw networkError(url, `无法获取该网址：${d.zh}`, `Cannot fetch the address: ${d.en}`);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await res.body?.cancel();
      if (hop >= maxRedirects) throw networkError(url, `重定向次数过多（超过 ${maxRedirects} 次）`, `Too many redirects (more than ${maxRedirects})`);
      current = new URL(res.headers.get('location')!, current).href;
      if (!isUrl(current)) throw networkError(url, `网站重定向到了不支持的地址 ${current}`, `The site redirects to an unsupported address ${current}`);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      const what = res.status === 404 ? { zh: '页面不存在（HTTP 404）', en: 'the page does not exist (HTTP 404)' } : res.status === 403 ? { zh: '网站拒绝访问（HTTP 403）', en: 'the site refuses access (HTTP 403)' } : { zh: `网站返回错误（HTTP ${res.status}）`, en: `the site answered with an error (HTTP ${res.status})` };
      throw networkError(url, `无法获取该网址：${what.zh}`, `Cannot fetch the address: ${what.en}`);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    const over = () => tooLarge(url, { zh: '该网址的内容过大', en: 'the content at this address is too large' }, { zh: `${maxBytes / 1024 / 1024} MB`, en: `${maxBytes / 1024 / 1024} MB` });
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel();
      throw over();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body ?? []) {
        size += chunk.length;
        if (size > maxBytes) throw over();
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof InputError) throw err;
      const d = describeFailure(err, timeoutMs);
      throw networkError(url, `下载未完成：${d.zh}`, `The download did not complete: ${d.en}`);
    }
    const bytes = new Uint8Array(size);
    let p = 0;
    for (const c of chunks) {
      bytes.set(c, p);
      p += c.length;
    }
    return { bytes, finalUrl: current, contentType: res.headers.get('content-type') };
  }
}

/** A file name for what was fetched: the URL's last segment, or index.html; never a path. */
export function saveName(url: string, isHtml: boolean): string {
  let name = '';
  try {
    name = decodeURIComponent(basename(new URL(url).pathname));
  } catch {
    name = '';
  }
  name = name.replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').replace(/^\.+/, '');
  if (!name) name = 'index';
  if (isHtml && !/\.s?html?$/i.test(name)) name += '.html';
  return name.slice(0, 200);
}

/** Keep a fetched body in `dir` (created if needed); never over anything but a regular file. */
function save(dir: string, name: string, bytes: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, name);
  try {
    if (!lstatSync(target).isFile()) throw new InputError('unreadable', target, '保存位置已存在且不是普通文件，未保存', 'The place to save to exists and is not a regular file; not saved');
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, target);
  return target;
}

/** Article text this short, with a linked file, means the plan is the attachment. */
const ATTACHMENT_ONLY_CJK = 200;
const READABLE_ATTACHMENT = /\.(?:docx?|pdf|xlsx|wps)(?:$|[?#])/i;
const ATTACHMENT_PREFERENCE = ['.docx', '.doc', '.wps', '.pdf', '.xlsx'];

function attachmentOnly(src: SourceText): boolean {
  const text = src.lines.map((l) => l.text).join('') + src.tables.flatMap((t) => t.rows.flat().map((c) => c.text)).join('');
  const cjk = text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return cjk < ATTACHMENT_ONLY_CJK || /^[\s\S]{0,60}(?:详见附件|见附件|请见附件|附件下载)/.test(text.replace(/\s+/g, ''));
}

/** Read a notice from a URL (see the module comment). */
export async function ingestUrl(url: string, opts: FetchOptions = {}): Promise<SourceText> {
  const saveDir = opts.saveDir ?? process.env.GKCHECK_SAVE_DIR ?? undefined;
  const { ingestBuffer } = await import('./index.js');
  const { sniff } = await import('./sniff.js');
  const page = await fetchBytes(url, opts);
  const isHtml = sniff(page.bytes).format === 'html';
  const saved: string[] = [];
  if (saveDir) saved.push(save(saveDir, saveName(page.finalUrl, isHtml), page.bytes));
  if (!isHtml) {
    const src = await ingestBuffer(page.bytes, url);
    return withSaved(src, saved);
  }
  const { ingestHtml } = await import('./html.js');
  let src: SourceText | null = null;
  let emptyPage: InputError | null = null;
  try {
    src = ingestHtml(page.bytes, url, { url: page.finalUrl });
  } catch (e) {
    if (!(e instanceof InputError) || e.code !== 'empty-file') throw e;
    emptyPage = e;
  }
  const { parseHtmlMeta } = await import('./html.js');
  const meta = src?.page ?? parseHtmlMeta(page.bytes, page.finalUrl);
  meta.url = page.finalUrl;
  if (src && !attachmentOnly(src)) {
    src.page = meta;
    return withSaved(src, saved);
  }
  const candidates = meta.attachments.filter((a) => READABLE_ATTACHMENT.test(a.url) && isUrl(a.url));
  const rank = (u: string) => {
    const i = ATTACHMENT_PREFERENCE.findIndex((e) => new URL(u).pathname.toLowerCase().endsWith(e));
    return i < 0 ? ATTACHMENT_PREFERENCE.length : i;
  };
  candidates.sort((a, b) => rank(a.url) - rank(b.url));
  const att = candidates[0];
  if (!att) {
    if (src) return withSaved({ ...src, page: meta }, saved);
    throw emptyPage!;
  }
  let file: Fetched;
  try {
    file = await fetchBytes(att.url, opts);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // Reported under the page's address: say it was the attachment that failed.
    throw new InputError(e.code, url, `网页正文只是“详见附件”，但附件 ${att.url} 无法获取：${e.zh}`, `The page only points to its attachment, and the attachment ${att.url} could not be fetched: ${e.en}`);
  }
  if (saveDir) saved.push(save(saveDir, saveName(file.finalUrl, false), file.bytes));
  const out = await ingestBuffer(file.bytes, att.url);
  out.path = url;
  out.page = { ...meta, readFrom: att.url };
  out.messages.unshift({
    ruleId: 'read-attachment',
    severity: 'info',
    message: {
      zh: `网页正文只是“详见附件”，已改为读取附件“${att.name}”（${att.url}）`,
      en: `The page's article only points to its attachment; read the attachment "${att.name}" (${att.url}) instead`,
    },
  });
  return withSaved(out, saved);
}

function withSaved(src: SourceText, saved: string[]): SourceText {
  if (saved.length) {
    src.messages.push({
      ruleId: 'saved-download',
      severity: 'info',
      message: { zh: `已保存下载的内容：${saved.join('、')}`, en: `Saved what was fetched: ${saved.join(', ')}` },
    });
  }
  return src;
}
