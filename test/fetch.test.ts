/**
 * URL input (issue 12 item 2) against a local HTTP server on 127.0.0.1 serving the saved
 * pages of fixtures/web — never the internet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { InputError } from '../src/errors.js';
import { ingestFile } from '../src/ingest/index.js';
import { parseSource } from '../src/parse.js';
import { saveName } from '../src/ingest/fetch.js';

let server: Server;
let base = '';
let closedPort = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    if (p === '/moved') {
      res.writeHead(302, { location: '/art/2022/qixia-2022.html' }).end();
    } else if (p === '/loop') {
      res.writeHead(301, { location: '/loop' }).end();
    } else if (p === '/slow') {
      setTimeout(() => res.end('<html><body><p>迟到的页面</p></body></html>'), 3000);
    } else if (p === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>' + '<p>政务公开</p>'.repeat(200_000) + '</body></html>');
    } else if (p === '/art/2022/qixia-2022.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync('fixtures/web/qixia-2022.html'));
    } else if (p === '/art/2022/gbk.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync('fixtures/web-gbk/mudan-2022.html'));
    } else if (p === '/art/2022/only-attachment.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync('fixtures/web/qixia-2022.attachment-only.html'));
    } else if (p === '/art/2022/qixia-2022.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(readFileSync('fixtures/qixia-2022.pdf'));
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // a port nobody listens on: open and close a server there
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(() => new Promise((r) => server.close(r)));

const failure = (p: Promise<unknown>) => p.then(() => null, (e) => e as InputError);

describe('gkcheck parse https://…', () => {
  it('reads a published page, after a redirect, and resolves its links against the final address', async () => {
    const src = await ingestFile(`${base}/moved`);
    expect(src.format).toBe('html');
    expect(src.path).toBe(`${base}/moved`);
    expect(src.page?.url).toBe(`${base}/art/2022/qixia-2022.html`);
    expect(src.page?.attachments[0].url).toBe(`${base}/attach/2022/qixia-2022.pdf`);
    const n = parseSource(src);
    expect(n.sections.map((s) => s.label)).toEqual(['一、', '二、', '三、', '四、', '五、']);
  });

  it('a GBK page over HTTP without a charset header', async () => {
    const src = await ingestFile(`${base}/art/2022/gbk.html`);
    expect(src.encoding).toBe('gb18030');
    expect(parseSource(src).meta.docNumber).toBe('菏区政办发〔2022〕15号');
  });

  it('"详见附件": the linked PDF is fetched and read, and a message says so', async () => {
    const src = await ingestFile(`${base}/art/2022/only-attachment.html`);
    expect(src.format).toBe('pdf');
    expect(src.page?.readFrom).toBe(`${base}/art/2022/qixia-2022.pdf`);
    expect(src.messages[0].ruleId).toBe('read-attachment');
    expect(src.messages[0].message.zh).toContain('详见附件');
    expect(parseSource(src).sections).toHaveLength(5);
  });

  it('every network failure is a bilingual InputError naming the address', async () => {
    const cases: Array<[string, object, RegExp, RegExp]> = [
      [`${base}/missing.html`, {}, /HTTP 404/, /does not exist/],
      [`${base}/loop`, {}, /重定向次数过多/, /Too many redirects/],
      [`${base}/slow`, { timeoutMs: 300 }, /超时/, /timed out/],
      [`http://127.0.0.1:${closedPort}/x.html`, {}, /拒绝连接/, /refused/],
    ];
    for (const [url, opts, zh, en] of cases) {
      const e = await failure(ingestFile(url, opts));
      expect(e, url).toBeInstanceOf(InputError);
      expect(e!.code, url).toBe('network');
      expect(e!.file).toBe(url);
      expect(e!.zh, url).toMatch(zh);
      expect(e!.en, url).toMatch(en);
    }
    const big = await failure(ingestFile(`${base}/huge`, { maxBytes: 1024 * 1024 }));
    expect(big?.code).toBe('too-large');
  });

  it('--save keeps what was fetched (page and attachment)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-save-'));
    const src = await ingestFile(`${base}/art/2022/only-attachment.html`, { saveDir: dir });
    expect(readdirSync(dir).sort()).toEqual(['only-attachment.html', 'qixia-2022.pdf']);
    expect(readFileSync(join(dir, 'qixia-2022.pdf')).equals(readFileSync('fixtures/qixia-2022.pdf'))).toBe(true);
    expect(src.messages.some((m) => m.ruleId === 'saved-download')).toBe(true);
    expect(saveName('http://x/a/../%E9%80%9A%E7%9F%A5', true)).toBe('通知.html');
    expect(saveName('http://x/', true)).toBe('index.html');
  });

  // async: the server answers from this process's event loop
  const run = (args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/gkcheck.js', ...args], { encoding: 'utf8' }, (err, stdout, stderr) => resolve({ status: err ? Number(err.code) : 0, stdout, stderr }));
    });

  it('the CLI: parse a URL with --save (exit 0); a network failure is exit 2 with both languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-cli-'));
    const ok = await run(['parse', `${base}/art/2022/qixia-2022.html`, '--format', 'json', '--save', dir]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).meta.docNumber).toBe('栖政办发〔2022〕10号');
    expect(readdirSync(dir)).toEqual(['qixia-2022.html']);
    const bad = await run(['check', `http://127.0.0.1:${closedPort}/plan.html`]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('网站拒绝连接');
    expect(bad.stderr).toContain('refused the connection');
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
