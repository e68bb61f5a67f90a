/**
 * End to end: the HTML report of qixia-2022 vs mudan-2022, opened in headless Chromium
 * (Debian's /usr/bin/chromium, driven by playwright-core; scripts/install-browser.sh installs it).
 * Checks the elements and counts a reader relies on, that the filters work, that the page loads
 * nothing from the network, and saves a screenshot (with GKCHECK_UPDATE_DOCS=1, to
 * docs/diff-report.png, shown in the README, and the report to docs/diff-example.html).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { parseFile } from '../../src/parse.js';
import { diffNotices, type NoticeDiff } from '../../src/diff/index.js';
import { renderHtml } from '../../src/diff/render-html.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const REASON = HAS_CHROMIUM ? '' : ` — SKIPPED: ${CHROMIUM} is not installed (run scripts/install-browser.sh)`;
if (!HAS_CHROMIUM) console.warn(`test/e2e/diff-report.test.ts${REASON}`);

// The committed copies in docs/ are refreshed only on request (GKCHECK_UPDATE_DOCS=1), so a
// test run leaves the work tree clean; otherwise the report and screenshot go to a temp folder.
const OUT = process.env.GKCHECK_UPDATE_DOCS ? resolve('docs') : mkdtempSync(join(tmpdir(), 'gk-e2e-'));
const REPORT = join(OUT, 'diff-example.html');
const SCREENSHOT = join(OUT, 'diff-report.png');

describe.skipIf(!HAS_CHROMIUM)(`HTML diff report in headless Chromium${REASON}`, () => {
  let browser: Browser;
  let page: Page;
  let d: NoticeDiff;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    d = diffNotices(await parseFile('fixtures/qixia-2022.txt'), await parseFile('fixtures/mudan-2022.txt'));
    mkdirSync('docs', { recursive: true });
    writeFileSync(REPORT, renderHtml(d));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, deviceScaleFactor: 1 });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(REPORT).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows both plans and the summary counts', async () => {
    expect(await page.title()).toContain('栖霞市 2022 ⇄ 牡丹区 2022');
    await expect(page.locator('header.top .plans').innerText()).resolves.toMatch(/A\s*栖霞市 2022[\s\S]*B\s*牡丹区 2022/);
    const count = (k: string) => page.locator(`ul.summary [data-count="${k}"] b`).innerText();
    expect(await count('pairs')).toBe(String(d.pairs.length));
    expect(await count('moved')).toBe('4');
    expect(await count('only-a')).toBe('1');
    expect(await count('only-b')).toBe('1');
    expect(await count('deadline-changes')).toBe('1');
  });

  it('lists every section in the navigation with its marker', async () => {
    const nav = page.locator('nav.sections li.nav-item');
    expect(await nav.count()).toBe(d.pairs.length + 2);
    expect(await page.locator('nav.sections li .marker.moved').count()).toBe(4);
    expect(await page.locator('nav.sections li .marker.only-a').count()).toBe(1);
    expect(await page.locator('nav.sections li .marker.only-b').count()).toBe(1);
    expect(await page.locator('nav.sections li .marker.pair').count()).toBe(d.pairs.length - 4);
    await expect(page.locator('nav.sections li[data-kind="only-a"]').innerText()).resolves.toContain('优化完善依申请办理工作');
    await expect(page.locator('nav.sections li[data-kind="only-b"]').innerText()).resolves.toContain('加大宣传力度');
  });

  it('puts the two plans side by side with the differences highlighted', async () => {
    expect(await page.locator('article.entry[data-kind="pair"]').count()).toBe(d.pairs.length);
    expect(await page.locator('article.entry[data-kind="only-a"]').count()).toBe(1);
    expect(await page.locator('article.entry[data-kind="only-b"]').count()).toBe(1);
    expect(await page.locator('article.entry[data-moved="true"]').count()).toBe(4);
    const base = page.locator('article.entry[data-a="2.4"]');
    expect(await base.getAttribute('data-b')).toBe('4.3');
    await expect(base.locator('.col.a del').allInnerTexts()).resolves.toContain('各镇政府、街道办事处要');
    const a = (await base.locator('.col.a').boundingBox())!;
    const b = (await base.locator('.col.b').boundingBox())!;
    expect(b.x).toBeGreaterThan(a.x + a.width - 2); // B is to the right of A
    expect(Math.abs(b.y - a.y)).toBeLessThan(2);
    const colours = await base.locator('.col.a del').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colours).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('has the deadline and unit changes in their own table', async () => {
    const rows = page.locator('table.changes tbody tr');
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-change')).toBe('deadline');
    await expect(row.innerText()).resolves.toMatch(/4\.2 ⇄ 3\.2[\s\S]*—[\s\S]*2022年底前（2022年12月31日）/);
    // The row links to its pair.
    await row.locator('a').click();
    expect(await page.locator('article.entry[data-a="4.2"]').evaluate((el) => el.matches(':target'))).toBe(true);
  });

  it('filters the navigation and the sections by marker; the sidebar counts agree with the header', async () => {
    // 配对 in the sidebar counts every pair, as the header does; 其中移动 is a part of them.
    expect(await page.locator('.filters [data-count="pair"]').innerText()).toBe(await page.locator('ul.summary [data-count="pairs"] b').innerText());
    expect(await page.locator('.filters [data-count="moved"]').innerText()).toBe(await page.locator('ul.summary [data-count="moved"] b').innerText());
    const visible = () => page.locator('article.entry:not(.hidden)').count();
    expect(await visible()).toBe(d.pairs.length + 2);
    await page.locator('.filters input[value="moved"]').uncheck();
    expect(await visible()).toBe(d.pairs.length - 4 + 2); // the moved pairs hidden
    await page.locator('.filters input[value="pair"]').uncheck();
    expect(await visible()).toBe(2); // only the unmatched sections remain
    expect(await page.locator('nav.sections li.nav-item:not(.hidden)').count()).toBe(2);
    await page.locator('.filters input[value="pair"]').check();
    await page.locator('.filters input[value="moved"]').check();
    expect(await visible()).toBe(d.pairs.length + 2);
  });

  it('shows a section of one plan only as readable text, not struck through', async () => {
    const onlyA = page.locator('article.entry[data-kind="only-a"] .col.a');
    expect(await onlyA.locator('del, ins').count()).toBe(0);
    await expect(onlyA.locator('.only-label').innerText()).resolves.toContain('仅见于A');
    const text = onlyA.locator('p.only-text');
    await expect(text.innerText()).resolves.toContain('优化完善依申请办理工作');
    expect(await text.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('none');
    expect(await page.locator('article.entry[data-kind="only-b"] .col.b').locator('del, ins').count()).toBe(0);
  });

  it('is self-contained and runs without errors; saves the screenshot', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('nav.sections li.nav-item[data-kind="only-a"] a').click();
    expect(await page.locator('nav.sections li.nav-item[data-kind="only-a"]').getAttribute('class')).toContain('current');
    expect(await page.locator('article.entry[data-kind="only-a"]').evaluate((el) => el.matches(':target'))).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
