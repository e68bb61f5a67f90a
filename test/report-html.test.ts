/**
 * The HTML check report (src/report/html.ts) without a browser: one part per file, every finding
 * as a comment beside its section, document text escaped, nothing loaded from elsewhere.
 * The browser test is test/e2e/check-report.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFile, parseText } from '../src/parse.js';
import { checkNotice } from '../src/index.js';
import { formatReport, REPORT_FORMATS } from '../src/report/index.js';
import { codeRules } from '../src/rules/index.js';

const tool = { name: 'gkcheck', version: '0' };

describe('check --format html', () => {
  it('is a registered report format', () => {
    expect(REPORT_FORMATS).toContain('html');
  });

  it('puts each finding of a real plan beside its section, by severity, with its source', async () => {
    const n = await parseFile('fixtures/huaiyin-2022.docx');
    const findings = checkNotice(n);
    expect(findings.length).toBeGreaterThan(0);
    const html = formatReport('html', { findings, files: [n.source.path], rules: [...codeRules.values()].map((r) => r.meta), tool, notices: [n] });
    expect(html.match(/<aside class="note /g)).toHaveLength(findings.length);
    for (const f of findings) {
      const row = new RegExp(`<div class="row sec[^"]*"[^>]*data-path="${f.path ?? ''}"[\\s\\S]*?data-rule="${f.ruleId}"`);
      expect(html, f.ruleId).toMatch(row);
      expect(html).toContain(`依据 <span class="en">source</span>：<b>${f.source}</b>`);
    }
    expect(html.indexOf('data-severity="warning"><summary>')).toBeLessThan(html.indexOf('data-severity="info"><summary>'));
    expect(html).toContain('表1第40行'); // a task-table finding says where in the table
    expect(html).not.toMatch(/<(?:link|script|img|iframe)[^>]+(?:src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('escapes the text of the document', () => {
    const text = readFileSync('fixtures/qixia-2022.txt', 'utf8').replace('进一步推进重要决策部署信息公开', '进一步推进重要决策部署信息公开<b onclick="x()">&amp;</b>');
    const n = parseText(text, { path: 'fixtures/qixia-2022.txt' });
    const html = formatReport('html', { findings: checkNotice(n), files: [n.source.path], rules: [], tool, notices: [n] });
    expect(html).toContain('&lt;b onclick=&quot;x()&quot;&gt;&amp;amp;&lt;/b&gt;');
    expect(html).not.toContain('<b onclick');
  });

  it('still names a file that could not be read, and lists findings without a notice', () => {
    const html = formatReport('html', {
      findings: [],
      files: [],
      rules: [],
      tool,
      failures: [{ file: 'a<b>.pdf', error: { code: 'not-found', zh: '找不到该文件', en: 'File not found' } }],
    });
    expect(html).toContain('data-status="failed"');
    expect(html).toContain('a&lt;b&gt;.pdf');
    expect(html).toContain('找不到该文件');
  });
});
