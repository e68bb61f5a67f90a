/**
 * End to end: `gkcheck check --format html` on real notices (huaiyin-2022.docx with its task
 * table, qixia-2022.pdf, a copy of qixia-2022.txt with markup written into its text, and a file
 * that does not exist), opened from file:// in headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core). Checks that every finding sits beside the section it concerns,
 * grouped by severity with its rule's source, that document text is escaped, that the page
 * loads nothing from the network, that Chinese is set in a CJK font, and saves screenshots
 * (with GKCHECK_UPDATE_DOCS=1 to docs/check-report.png and the page to docs/check-example.html).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { runCheck } from '../../src/cli/check.js';
import { parseFile } from '../../src/parse.js';
import type { Section } from '../../src/model.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const REASON = HAS_CHROMIUM ? '' : ` — SKIPPED: ${CHROMIUM} is not installed (run scripts/install-browser.sh)`;
if (!HAS_CHROMIUM) console.warn(`test/e2e/check-report.test.ts${REASON}`);

const TMP = mkdtempSync(join(tmpdir(), 'gk-check-html-'));
const OUT = process.env.GKCHECK_UPDATE_DOCS ? resolve('docs') : TMP;
const REPORT = join(OUT, 'check-example.html');
const SHOTS = { top: join(OUT, 'check-report.png'), notes: join(TMP, 'check-report-notes.png') };

// Markup in a plan's text must come out as text: written into a real notice's first section.
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
const HOSTILE_FILE = join(TMP, 'qixia-2022-markup.txt');
const MISSING = 'fixtures/nothing-here.txt';
const FILES = ['fixtures/huaiyin-2022.docx', 'fixtures/qixia-2022.pdf', HOSTILE_FILE, MISSING];

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  path: string | null;
  source: string;
}

const flatten = (ss: Section[]): Section[] => ss.flatMap((s) => [s, ...flatten(s.children)]);

describe.skipIf(!HAS_CHROMIUM)(`HTML check report in headless Chromium${REASON}`, () => {
  let browser: Browser;
  let page: Page;
  let findings: JsonFinding[];
  let code: number;
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    const qixia = readFileSync('fixtures/qixia-2022.txt', 'utf8');
    writeFileSync(HOSTILE_FILE, qixia.replace('进一步推进重要决策部署信息公开', `进一步推进重要决策部署信息公开${HOSTILE}`));
    const w = { out: () => {}, err: () => {} };
    code = await runCheck(FILES, { format: 'html', output: REPORT }, w);
    let json = '';
    await runCheck(FILES, { format: 'json' }, { out: (s) => (json += s), err: () => {} });
    findings = (JSON.parse(json) as { findings: JsonFinding[] }).findings;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(REPORT).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('has one part per file, the unreadable one saying why in Chinese, and a contents list', async () => {
    expect(code).toBe(2); // the missing file
    expect(await page.title()).toBe('政务公开工作要点检查报告 — gkcheck');
    const parts = page.locator('section.file');
    expect(await parts.count()).toBe(4);
    expect(await parts.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(['findings', 'findings', 'findings', 'failed']);
    await expect(page.locator(`section.file[data-file="${MISSING}"] .failed`).innerText()).resolves.toMatch(/找不到该文件[\s\S]*File not found/);
    await expect(page.locator('section.file').first().locator('h2').innerText()).resolves.toBe('2022年槐荫区政务公开工作要点');
    expect(await page.locator('nav.toc li').count()).toBe(4);
    await expect(page.locator('p.totals').innerText()).resolves.toContain('共检查 4 个文件');
  });

  it('shows the section tree and every finding beside the section it concerns', async () => {
    const notice = await parseFile('fixtures/huaiyin-2022.docx');
    const part = page.locator('section.file').first();
    const sections = flatten(notice.sections);
    expect(await part.locator('.row.sec[data-path]:not([data-path=""])').count()).toBe(sections.length);
    const mine = findings.filter((f) => f.file === 'fixtures/huaiyin-2022.docx');
    expect(mine.length).toBeGreaterThan(0);
    expect(await part.locator('aside.note').count()).toBe(mine.length);
    for (const f of mine.filter((x) => x.path)) {
      const note = part.locator(`aside.note[data-rule="${f.ruleId}"][data-path="${f.path}"]`).first();
      const row = part.locator(`.row.sec[data-path="${f.path}"]`);
      expect(await row.locator(`aside.note[data-rule="${f.ruleId}"]`).count()).toBeGreaterThan(0);
      const text = (await row.locator('.doc').boundingBox())!;
      const box = (await note.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(text.x + text.width - 1); // in the margin, to the right
      expect(box.y).toBeGreaterThanOrEqual(text.y - 1); // level with its section
      expect(box.y).toBeLessThan(text.y + Math.max(text.height, box.height) + 1);
    }
    // The heading is the section's own: 3.1 深化基层政务公开标准化规范化建设 carries the title mismatch.
    await expect(part.locator('.row.sec[data-path="3.1"] .doc b.heading').innerText()).resolves.toContain('深化基层政务公开标准化规范化建设');
    await expect(part.locator('.row.sec[data-path="3.1"] aside.note').first().innerText()).resolves.toContain('任务分解表');
    // Notice-level findings sit beside the notice's particulars.
    const general = mine.filter((f) => !f.path).length;
    expect(await part.locator('.meta-row aside.note').count()).toBe(general);
    await expect(part.locator('.meta-row tr[data-meta="publicity"]').innerText()).resolves.toContain('此件公开发布');
  });

  it('lists the findings by severity, errors first, each with its rule and source', async () => {
    for (const [k, file] of FILES.slice(0, 3).entries()) {
      const part = page.locator('section.file').nth(k);
      const mine = findings.filter((f) => f.file === file);
      const order = await part.locator('.bysev details').evaluateAll((els) => els.map((el) => el.getAttribute('data-severity')));
      const rank = { error: 0, warning: 1, info: 2 };
      expect(order).toEqual([...new Set(mine.map((f) => f.severity))].sort((a, b) => rank[a] - rank[b]));
      for (const s of order) expect(await part.locator(`.bysev details[data-severity="${s}"] li`).count()).toBe(mine.filter((f) => f.severity === s).length);
      for (const f of mine) {
        const note = part.locator(`aside.note[data-rule="${f.ruleId}"]`).first();
        await expect(note.locator('.src').last().innerText()).resolves.toContain(`依据 source：${f.source}`);
      }
    }
    // A link of the list goes to its comment.
    const link = page.locator('section.file').first().locator('.bysev li a').first();
    const target = (await link.getAttribute('href'))!;
    await link.click();
    expect(await page.locator(target).evaluate((el) => el.matches(':target'))).toBe(true);
  });

  it('marks the quoted words in the text; a click lights their comment', async () => {
    const mark = page.locator('mark.quote').first();
    expect(await mark.count()).toBe(1);
    const id = (await mark.getAttribute('data-note'))!;
    const quote = await mark.innerText();
    await expect(page.locator(`#${id} .quote`).innerText()).resolves.toContain(quote);
    await mark.click();
    expect(await page.locator(`#${id}`).getAttribute('class')).toContain('lit');
  });

  it('hides a severity when its box is unticked', async () => {
    const infos = page.locator('aside.note[data-severity="info"]');
    const n = await infos.count();
    expect(n).toBeGreaterThan(0);
    await page.locator('.filters input[data-severity="info"]').uncheck();
    expect(await page.locator('aside.note[data-severity="info"]:not(.hidden)').count()).toBe(0);
    expect(await page.locator('aside.note[data-severity="warning"]:not(.hidden)').count()).toBe(await page.locator('aside.note[data-severity="warning"]').count());
    await page.locator('.filters input[data-severity="info"]').check();
    expect(await page.locator('aside.note[data-severity="info"]:not(.hidden)').count()).toBe(n);
  });

  it('shows markup in a plan as text, never runs it', async () => {
    const part = page.locator('section.file').nth(2);
    await expect(part.locator('.row.sec[data-path="1"] .doc').innerText()).resolves.toContain(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1); // the report's own
    expect(await page.title()).not.toContain('pwned');
    expect(dialogs).toEqual([]);
    const raw = readFileSync(REPORT, 'utf8');
    expect(raw).not.toContain('<img');
    expect(raw).toContain('&lt;img src=x onerror=&quot;');
  });

  it('is self-contained, sets Chinese in a CJK font, runs without errors; saves screenshots', async () => {
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(errors).toEqual([]);
    // The text is set in a CJK face that is there (no boxes): the font is found and a Chinese character is full-width.
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Serif CJK SC"', '政务公开'))).toBe(true);
    const widths = await page.evaluate(() => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = '16px "Noto Serif CJK SC"';
      return [c.measureText('政').width, c.measureText('务').width];
    });
    expect(widths[0]).toBeCloseTo(16, 0);
    expect(widths[1]).toBeCloseTo(16, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SHOTS.top });
    await page.locator('section.file').first().locator('.row.sec[data-path="3.1"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SHOTS.notes });
    expect(existsSync(SHOTS.top) && existsSync(SHOTS.notes)).toBe(true);
  });
});
