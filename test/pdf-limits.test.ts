/**
 * Hostile PDFs (issue 15), built at test time by scripts/make-hostile-pdfs.mjs: each ends in
 * seconds with a bilingual 'too-large' InputError naming the file (exit 2 in the CLI), and a
 * long but ordinary PDF still parses.
 */
import { describe, expect, it } from 'vitest';
import { ingestBuffer } from '../src/ingest/index.js';
import { InputError } from '../src/errors.js';
import { MAX_PAGES } from '../src/ingest/pdf.js';
import { scanStreams } from '../src/ingest/pdf-scan.js';
// @ts-expect-error: a plain .mjs script without types
import { hugeStream, manyPages, nestedForms } from '../scripts/make-hostile-pdfs.mjs';

async function refused(bytes: Buffer, name: string): Promise<{ err: InputError; ms: number }> {
  const t = performance.now();
  const err = await ingestBuffer(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - t;
  expect(err).toBeInstanceOf(InputError);
  const e = err as InputError;
  expect(e.code).toBe('too-large');
  expect(e.file).toBe(name);
  expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(e.en).toMatch(/limit/);
  return { err: e, ms };
}

describe('PDF caps: checked before the work, not after it', () => {
  it('a 600 KB file whose content stream inflates to 200 MB is refused before pdf.js reads it', async () => {
    const pdf = hugeStream({ mb: 200, kind: 'path' }) as Buffer;
    expect(pdf.length).toBeLessThan(1024 * 1024);
    expect(scanStreams(pdf, 64 << 20).over).toBe(true);
    const { err, ms } = await refused(pdf, 'huge-paths.pdf');
    expect(err.zh).toContain('MB');
    expect(ms).toBeLessThan(10_000);
  });

  it('the same bomb made of text operators', async () => {
    const { ms } = await refused(hugeStream({ mb: 200, kind: 'text' }) as Buffer, 'huge-text.pdf');
    expect(ms).toBeLessThan(10_000);
  });

  it('form XObjects nested 12 deep, each drawing the next 10 times: stopped on page 1', async () => {
    const pdf = nestedForms() as Buffer;
    expect(pdf.length).toBeLessThan(8 * 1024);
    const { err, ms } = await refused(pdf, 'nested.pdf');
    expect(err.zh).toContain('第 1 页');
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it(`more than ${MAX_PAGES} pages: refused when the document opens`, async () => {
    const { err } = await refused(manyPages(MAX_PAGES + 1) as Buffer, 'pages.pdf');
    expect(err.zh).toContain(String(MAX_PAGES + 1));
  }, 60_000);

  it('a long ordinary PDF (1,500 pages in one flat /Kids array) parses, page by page', async () => {
    const st = await ingestBuffer(manyPages(1500) as Buffer, 'long.pdf');
    expect(st.pages).toBe(1500);
    expect(st.lines.filter((l) => l.text.includes('政务公开')).length).toBe(1500);
    expect(st.lines[st.lines.length - 1].page).toBe(1500);
  }, 120_000);
});
