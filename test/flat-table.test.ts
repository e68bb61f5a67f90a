/**
 * A task table flattened into one line of text (issue 11 item 1): the saved page's <table> as
 * its textContent (cells glued) and with cells and rows joined by single spaces
 * (fixtures/web-flat, scripts/fixtures/make-web-flat.mjs). The rows must be those the page's
 * real table gives; prose with numbers must never be read as such a table.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import type { TaskRow } from '../src/model.js';
import { parseFile } from '../src/parse.js';
import { ingestFile } from '../src/ingest/index.js';
import { findTextTables, readFlatTableAt } from '../src/extract/text-tables.js';

const who = (t: TaskRow) => `${t.seq} | ${t.lead.join('、')} | ${t.responsible.join('、')} | ${t.deadlines.map((d) => `${d.kind}:${d.value}`).join(',')}`;

describe('a task table flattened into one line', () => {
  it.each(['glued', 'spaced'])('web-flat/%s: every row of the page table, with its units and time limits', async (form) => {
    const [page, flat] = await Promise.all([parseFile('fixtures/web/huaiyin-2022.html'), parseFile(`fixtures/web-flat/${form}/huaiyin-2022.txt`)]);
    expect(page.tasks.length).toBe(67);
    expect(flat.tasks.map(who)).toEqual(page.tasks.map(who));
    // Each row points into the one line, at its 序号.
    const line = flat.tasks[0]?.position?.line;
    expect(flat.tasks.every((t) => t.position?.line === line)).toBe(true);
    expect(new Set(flat.tasks.map((t) => t.position?.column)).size).toBe(67);
  });

  it('spaced cells keep the task titles; glued ones cannot be cut, and every such row says so', async () => {
    const [page, spaced, glued] = await Promise.all([
      parseFile('fixtures/web/huaiyin-2022.html'),
      parseFile('fixtures/web-flat/spaced/huaiyin-2022.txt'),
      parseFile('fixtures/web-flat/glued/huaiyin-2022.txt'),
    ]);
    expect(spaced.tasks.map((t) => `${t.chapter}/${t.task}`)).toEqual(page.tasks.map((t) => `${t.chapter}/${t.task}`));
    const notes = glued.messages.filter((m) => m.ruleId === 'table-cells-ambiguous');
    expect(notes.length).toBe(67);
    expect(glued.tasks.every((t) => t.requirement.length > 0)).toBe(true);
  });

  it('prose with numbers, dates and column words is not a flattened table', () => {
    const lines = [
      '各单位要明确牵头单位、责任单位和完成时限，1月底前报送2份材料，3个工作日内反馈。',
      '序号为1的事项由区财政局负责，2022年6月底前完成，2项任务长期坚持。',
      '责任单位完成时限备注：1.区财政局2.各街道办事处3.2022年年底前',
      '序号 工作任务 责任单位 完成时限', // a header alone, no rows
    ].map((text, i) => ({ text, page: null, line: i + 1 }));
    expect(lines.map((_, i) => readFlatTableAt(lines, i))).toEqual([null, null, null, null]);
  });

  it('no line of the seed notices or the realworld notices reads as a flattened table', async () => {
    const files = [
      ...readdirSync('fixtures').filter((f) => f.endsWith('.txt')).map((f) => `fixtures/${f}`),
      ...readdirSync('fixtures/realworld').filter((f) => f.endsWith('.txt')).map((f) => `fixtures/realworld/${f}`),
    ];
    expect(files.length).toBeGreaterThan(70);
    for (const f of files) {
      const src = await ingestFile(f);
      const hits = src.lines.map((_, i) => readFlatTableAt(src.lines, i)).filter(Boolean);
      expect(hits, f).toEqual([]);
    }
  });

  it('the flattened table is found among the text tables, on its one line', async () => {
    const src = await ingestFile('fixtures/web-flat/glued/huaiyin-2022.txt');
    const tables = findTextTables(src.lines);
    expect(tables.length).toBe(1);
    expect(tables[0].first).toBe(tables[0].last);
    expect(tables[0].table.rows.length).toBe(68);
  });
});
