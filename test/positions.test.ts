/**
 * Start–end positions and the file object, on real notices in fixtures/:
 * - a finding about a duration ("8小时") points at exactly the characters of that deadline;
 * - every deadline, reference, heading and meta item of a notice (TXT, PDF, DOCX) spans the
 *   text it was read from, so any stage can point back into the original;
 * - the engine places findings from the nodes alone: the library's checkNotice and checkFiles
 *   give the CLI's findings (rule, message, start and end) on the fixtures of every format
 *   (test/slow/positions-all.test.ts runs the same comparison over every file in fixtures/);
 * - SARIF regions, GitHub annotations, GitLab lines and the JSON report carry the end.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkNotice, formatReport, parseSourceFile, parseText } from '../src/index.js';
import { ingestFile } from '../src/ingest/index.js';
import { flattenSections } from '../src/structure/index.js';
import { squash } from '../src/text.js';
import type { Finding, NoticeFile, Position, SourceLine } from '../src/model.js';
import { compareWithCli } from './positions-compare.js';

/** The printed text a position covers (over several lines of one page too), spaces removed. */
function covered(lines: SourceLine[], p: Position): string | null {
  if (p.endLine === undefined || p.endColumn === undefined || p.endPage !== undefined) return null;
  const from = lines.findIndex((l) => l.page === p.page && l.line === p.line);
  const to = lines.findIndex((l) => l.page === p.page && l.line === p.endLine);
  if (from < 0 || to < from) return null;
  if (from === to) return squash(lines[from].text.slice(p.column - 1, p.endColumn - 1));
  const middle = lines.slice(from + 1, to).map((l) => l.text);
  return squash([lines[from].text.slice(p.column - 1), ...middle, lines[to].text.slice(0, p.endColumn - 1)].join(''));
}

const drafts = (parse(readFileSync('fixtures/review/drafts.yaml', 'utf8')) as { drafts: { id: string; text: string }[] }).drafts;

describe('a finding points at exactly the characters it is about', () => {
  it('crisis-response-time on "最迟在8小时内" (fixtures/review/drafts.yaml junan-crisis-8h): start and end of the deadline', () => {
    const text = drafts.find((d) => d.id === 'junan-crisis-8h')!.text;
    const notice = parseText(text, { path: 'junan.txt' });
    const f = checkNotice(notice).find((x) => x.ruleId === 'crisis-response-time' && x.messageId === 'exceeded');
    expect(f, 'the 8-hour limit is reported').toBeDefined();
    const p = f!.position!;
    const line = text.split('\n')[p.line - 1];
    expect(p.endLine).toBe(p.line);
    const printed = line.slice(p.column - 1, p.endColumn! - 1);
    expect(printed).toContain('8小时');
    // Exactly the deadline the parser read, not its sentence nor its line.
    const deadline = flattenSections(notice.sections).flatMap((s) => s.deadlines).find((d) => d.value === '8h')!;
    expect(printed).toBe(deadline.text);
    expect(line.length).toBeGreaterThan(p.endColumn!);
  });
});

describe('every node spans the text it was read from', () => {
  for (const path of ['fixtures/huating-2022.txt', 'fixtures/huating-2022.pdf', 'fixtures/qixia-2022.docx', 'fixtures/mudan-2022.pdf']) {
    it(path, async () => {
      const file: NoticeFile = parseSourceFile(await ingestFile(path));
      const lines = file.source!.lines;
      const { notice } = file;
      const sections = flattenSections(notice.sections);
      const deadlines = sections.flatMap((s) => [...s.deadlines, ...s.obligations.flatMap((o) => o.deadlines)]);
      expect(deadlines.length).toBeGreaterThan(3);
      let spans = 0;
      for (const d of deadlines) {
        const text = covered(lines, d.position!);
        if (text === null) continue; // runs onto the next PDF page
        spans++;
        expect(text, JSON.stringify(d)).toBe(d.text);
      }
      expect(spans).toBeGreaterThan(deadlines.length * 0.9);
      for (const r of sections.flatMap((s) => s.references)) {
        const text = covered(lines, r.position!);
        if (text !== null) expect(text).toBe(r.text);
      }
      // A heading spans its label and title.
      for (const s of sections) {
        expect(s.position.endLine, s.path).toBeDefined();
        const text = covered(lines, s.position);
        if (text !== null) expect(text, s.path).toBe(squash(s.label + s.title));
      }
      for (const u of sections.flatMap((s) => s.units)) expect(u.position?.endColumn, u.name).toBeDefined();
      for (const o of sections.flatMap((s) => s.obligations)) expect(o.position?.endColumn).toBeDefined();
      // Meta items: the 文号 and the dates are exactly what was printed.
      const m = notice.meta;
      if (m.docNumber) expect(covered(lines, notice.metaPositions.docNumber!)).toBe(m.docNumber);
      if (m.signedDateText) expect(covered(lines, notice.metaPositions.signedDate!)).toBe(m.signedDateText);
      if (m.printedDateText) expect(covered(lines, notice.metaPositions.printedDate!)).toBe(m.printedDateText);
      for (const field of ['title', 'issuer', 'recipients', 'cc', 'publicity'] as const) {
        if (m[field] === null || (Array.isArray(m[field]) && !m[field].length)) continue;
        expect(notice.metaPositions[field]?.endColumn, field).toBeDefined();
      }
    });
  }

  it('a task row printed as text spans its line; a row of a Word table keeps its table and row, without an end', async () => {
    const txt = parseSourceFile(await ingestFile('fixtures/huaiyin-2022.txt'));
    expect(txt.notice.tasks.length).toBeGreaterThan(5);
    for (const t of txt.notice.tasks) {
      const line = txt.source!.lines.find((l) => l.page === t.position!.page && l.line === t.position!.line)!;
      expect(t.position!.endColumn).toBe(line.text.trimEnd().length + 1);
    }
    const docx = parseSourceFile(await ingestFile('fixtures/huaiyin-2022.docx'));
    expect(docx.notice.tasks.length).toBeGreaterThan(5);
    for (const t of docx.notice.tasks) {
      expect(t.position!.table).toBeGreaterThan(0);
      expect(t.position!.endLine).toBeUndefined();
    }
  });
});

describe('the library gives the CLI’s findings, start and end included', () => {
  // A file of each format (the slow suite runs every file in fixtures/).
  const FILES = ['txt', 'pdf', 'docx', 'doc'].map((e) => `fixtures/huating-2022.${e}`).concat('fixtures/huaiyin-2022.docx', 'fixtures/huaiyin-2022.tasks.xlsx', 'fixtures/web/qixia-2022.html');
  it(`checkNotice and checkFiles = gkcheck check --format json (${FILES.length} files)`, async () => {
    const { compared, findings } = await compareWithCli(FILES);
    expect(compared).toBe(FILES.length);
    expect(findings).toBeGreaterThan(20);
  });
});

describe('reports carry the end', () => {
  const f: Finding = {
    ruleId: 'crisis-response-time',
    severity: 'error',
    message: { zh: '此处为8小时，超过5小时', en: 'says 8 hours, more than 5 hours' },
    file: 'junan.txt',
    path: '1.2',
    position: { page: null, line: 12, column: 29, endLine: 12, endColumn: 36 },
    pack: 'national',
    source: '国办发〔2016〕80号',
  };
  const twoLines: Finding = { ...f, ruleId: 'heading-label-form', position: { page: null, line: 3, column: 2, endLine: 4, endColumn: 5 } };
  const nextPage: Finding = { ...f, ruleId: 'date-format', position: { page: 3, line: 40, column: 2, endLine: 2, endColumn: 5, endPage: 4 } };
  const input = { tool: { name: 'gkcheck', version: '0' }, rules: [], findings: [f, twoLines, nextPage], files: ['junan.txt'] };

  it('SARIF: region endLine/endColumn (not when the end is on a later PDF page)', () => {
    const regions = JSON.parse(formatReport('sarif', input)).runs[0].results.map((r: { locations: { physicalLocation: { region: object } }[] }) => r.locations[0].physicalLocation.region);
    expect(regions).toContainEqual({ startLine: 12, startColumn: 29, endLine: 12, endColumn: 36 });
    expect(regions).toContainEqual({ startLine: 3, startColumn: 2, endLine: 4, endColumn: 5 });
    expect(regions).toContainEqual({ startLine: 40, startColumn: 2 });
  });

  it('GitHub: endLine/endColumn on one line, lines only over several', () => {
    const out = formatReport('github', input);
    expect(out).toContain('line=12,endLine=12,col=29,endColumn=36,');
    expect(out).toContain('line=3,endLine=4,title=');
    expect(out).toContain('line=40,col=2,title=');
  });

  it('GitLab: lines.end; JSON: endLine/endColumn (and endPage)', () => {
    const issues = JSON.parse(formatReport('gitlab', input));
    expect(issues.map((i: { location: { lines: object } }) => i.location.lines)).toContainEqual({ begin: 12, end: 12 });
    const json = JSON.parse(formatReport('json', input));
    expect(json.findings).toContainEqual(expect.objectContaining({ line: 12, column: 29, endLine: 12, endColumn: 36 }));
    expect(json.findings).toContainEqual(expect.objectContaining({ page: 3, endPage: 4, endLine: 2 }));
  });
});
