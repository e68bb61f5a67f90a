import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Deadline, SourceLine, SourceTable, TableCell, TaskRow } from '../src/model.js';
import { tasksFromLines, tasksFromTables, type CellDeadlineParser } from '../src/extract/tasks.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const fixture = (name: string): string => resolve(root, 'fixtures', name);

const toLines = (text: string): SourceLine[] =>
  text.split('\n').map((t, i) => ({ text: t.replace(/\r$/, ''), page: null, line: i + 1 }));

/** The trivial parser: the cell as one entry, so filling down of the deadline cell is visible. */
const stub: CellDeadlineParser = (cell) => [{ text: cell, kind: 'period', value: cell }];

/** The real deadline grammar when the deadlines module is there (it is wired in by another helper). */
async function realParser(planYear: number): Promise<CellDeadlineParser | null> {
  const path = resolve(root, 'src/extract/deadlines.ts');
  if (!existsSync(path)) return null;
  try {
    const mod = (await import(/* @vite-ignore */ path)) as {
      parseDeadlineCell?: (text: string, ctx: { planYear: number | null; issued?: string | null }) => Deadline[];
    };
    if (typeof mod.parseDeadlineCell !== 'function') return null;
    const parse = mod.parseDeadlineCell;
    return (cell) => parse(cell, { planYear, issued: null }).map((d) => ({ text: d.text, kind: d.kind, value: d.value }));
  } catch {
    return null;
  }
}

interface GoldTask {
  seq: number;
  chapter: string;
  task: string;
  requirement_head: string;
  lead?: string[];
  responsible?: string[];
  deadlines: { text: string; kind: string; value: string }[];
}

const gold = (
  YAML.parse(readFileSync(resolve(root, 'test/gold/huaiyin-2022.yaml'), 'utf8')) as {
    tasks: GoldTask[];
  }
).tasks;

const huaiyinLines = toLines(readFileSync(fixture('huaiyin-2022.txt'), 'utf8'));

function unitKeys(tasks: { seq: number; lead?: string[]; responsible?: string[] }[]): string[] {
  return tasks.flatMap((t) => [
    ...(t.lead ?? []).map((u) => `${t.seq}|lead|${u}`),
    ...(t.responsible ?? []).map((u) => `${t.seq}|responsible|${u}`),
  ]);
}

function prf(goldKeys: string[], predKeys: string[]): { p: number; r: number; missed: string[]; extra: string[] } {
  const g = new Set(goldKeys);
  const p = new Set(predKeys);
  const tp = predKeys.filter((k) => g.has(k)).length;
  return {
    p: predKeys.length ? tp / predKeys.length : 1,
    r: goldKeys.length ? tp / goldKeys.length : 1,
    missed: goldKeys.filter((k) => !p.has(k)),
    extra: predKeys.filter((k) => !g.has(k)),
  };
}

/** Rows match the gold tasks in seq, chapter, task, requirement head, lead and responsible. */
function expectGold(rows: TaskRow[], label: string): void {
  expect(rows.map((r) => r.seq)).toEqual(gold.map((g) => g.seq));
  for (const [i, g] of gold.entries()) {
    const r = rows[i];
    expect({ seq: r.seq, chapter: r.chapter, task: r.task, lead: r.lead, responsible: r.responsible }).toEqual({
      seq: g.seq,
      chapter: g.chapter,
      task: g.task,
      lead: g.lead ?? [],
      responsible: g.responsible ?? [],
    });
    expect(r.requirement.startsWith(g.requirement_head)).toBe(true);
    expect(r.sectionPath).toBeNull();
  }
  const s = prf(unitKeys(gold), unitKeys(rows));
  console.log(`${label}: task units P=${s.p.toFixed(3)} R=${s.r.toFixed(3)}`);
  expect(s.missed).toEqual([]);
  expect(s.extra).toEqual([]);
}

describe('tasksFromLines on huaiyin-2022 (one cell per line, tab-led, blank line between rows)', () => {
  const { rows, startLine } = tasksFromLines(huaiyinLines, stub);

  it('reads 67 rows that match the gold tasks', () => {
    expect(rows).toHaveLength(67);
    expectGold(rows, 'huaiyin-2022 lines');
  });

  it('fills merged (empty) cells down, also across task boundaries', () => {
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    // task 2: chapter, task and deadline merged with task 1
    expect(bySeq.get(2)).toMatchObject({ chapter: '聚焦重点领域，深化信息公开', task: '紧扣高质量发展加强信息公开', deadlineText: '全年' });
    // task 50: a new task whose 责任单位 cell is merged with task 49's
    expect(bySeq.get(50)).toMatchObject({ task: '加强政务信息管理，实施规范引领', responsible: ['区政府各部门', '各街道办事处'] });
    // the deadline cell is parsed (after filling down) by the injected parser
    expect(bySeq.get(2)?.deadlines).toEqual([{ text: '全年', kind: 'period', value: '全年' }]);
    expect(bySeq.get(3)?.deadlineText).toBe('2022年年底前完成，长期坚持');
  });

  it('keeps the full 具体要求 cell and the position of the row', () => {
    const r13 = rows.find((r) => r.seq === 13)!;
    expect(r13.requirement).toMatch(/^深入推进“放管服”改革，.*积极推进建设无证明城市等工作进展情况公开。$/);
    const line = huaiyinLines.findIndex((l) => l.text === '\t13') + 1;
    expect(r13.position).toEqual({ page: null, line, column: 2 });
  });

  it('starts at the table title so the caller can end the body there', () => {
    expect(startLine).not.toBeNull();
    expect(huaiyinLines[startLine!].text).toBe('附件：2022年槐荫区政务公开重点工作任务分解表');
  });

  it('matches the gold deadlines with the real deadline grammar (when it is there)', async () => {
    const parse = await realParser(2022);
    if (!parse) return;
    const real = tasksFromLines(huaiyinLines, parse).rows;
    const key = (ts: { seq: number; deadlines: { kind: string; value: string }[] }[]) =>
      ts.flatMap((t) => t.deadlines.map((d) => `${t.seq}|${d.kind}|${d.value}`));
    const s = prf(key(gold), key(real));
    console.log(`huaiyin-2022 task deadlines (real grammar): P=${s.p.toFixed(3)} R=${s.r.toFixed(3)}`);
    expect(real).toHaveLength(67);
  });
});

/** A SourceTable built from the huaiyin rows: empty cells merged into the cell above (rowSpan). */
function huaiyinTable(): SourceTable {
  const { rows } = tasksFromLines(huaiyinLines, stub);
  // The raw cells as printed (before filling): read them back from the text blocks.
  const start = huaiyinLines.findIndex((l) => l.text === '\t1');
  const blocks: string[][] = [];
  let cur: string[] = [];
  for (const l of huaiyinLines.slice(start)) {
    if (l.text.startsWith('\t')) cur.push(l.text.slice(1).trim());
    else if (!l.text.trim()) {
      if (cur.length) blocks.push(cur);
      cur = [];
    } else break;
  }
  if (cur.length) blocks.push(cur);
  expect(blocks).toHaveLength(rows.length);
  const width = 6;
  const out: TableCell[][] = [
    [
      { text: '序号', rowSpan: 1, colSpan: 1 },
      { text: '工作任务', rowSpan: 1, colSpan: 2 },
      { text: '具体要求', rowSpan: 1, colSpan: 1 },
      { text: '责任单位', rowSpan: 1, colSpan: 1 },
      { text: '完成时限', rowSpan: 1, colSpan: 1 },
    ],
  ];
  blocks.forEach((b, r) => {
    const row: TableCell[] = [];
    for (let c = 0; c < width; c++) {
      if (!b[c] && r > 0) continue; // covered by the cell above
      let span = 1;
      while (r + span < blocks.length && !blocks[r + span][c]) span++;
      row.push({ text: b[c], rowSpan: span, colSpan: 1 });
    }
    out.push(row);
  });
  return { rows: out, position: { page: null, line: 41, column: 1 } };
}

describe('tasksFromTables', () => {
  it('reads the huaiyin table built with rowSpans like the text', () => {
    const rows = tasksFromTables([huaiyinTable()], stub);
    expect(rows).toHaveLength(67);
    expectGold(rows, 'huaiyin-2022 table (built)');
    expect(rows.every((r) => r.position?.line === 41)).toBe(true);
    // Each row its own place in the table (a Word row has no line of its own): table 1, row 2 on.
    expect(new Set(rows.map((r) => r.position?.row)).size).toBe(67);
    expect(rows[0].position).toEqual({ page: null, line: 41, column: 1, table: 1, row: 2 });
    expect(rows).toEqual(tasksFromLines(huaiyinLines, stub).rows.map((r, i) => ({ ...r, position: { page: null, line: 41, column: 1, table: 1, row: rows[i].position!.row } })));
  });

  const json = resolve(root, 'fixtures/huaiyin-2022.table.json');
  it.skipIf(!existsSync(json))('reads fixtures/huaiyin-2022.table.json (from the DOCX)', () => {
    const table: SourceTable = { rows: JSON.parse(readFileSync(json, 'utf8')) as TableCell[][], position: { page: null, line: 1, column: 1 } };
    const rows = tasksFromTables([table], stub);
    expect(rows).toHaveLength(67);
    expectGold(rows, 'huaiyin-2022 table.json');
  });

  const cell = (text: string, rowSpan = 1, colSpan = 1): TableCell => ({ text, rowSpan, colSpan });
  const pos = { page: 1, line: 1, column: 1 };

  it('two header rows, 牵头单位 and 配合单位 columns, a chapter row spanning the table', () => {
    const table: SourceTable = {
      position: pos,
      rows: [
        [cell('2022年政务公开重点任务分工表', 1, 7)],
        [cell('序号', 2), cell('工作任务', 1, 2), cell('具体要求', 2), cell('牵头单位', 2), cell('配合单位', 2), cell('时间节点', 2)],
        [cell('一级任务'), cell('二级任务')],
        [cell('一、深化重点领域公开', 1, 7)],
        [cell('1'), cell('推进决策公开', 2), cell('决策预公开'), cell('推进决策预公开，扩大公众参与。'), cell('市司法局'), cell('市直各部门'), cell('2022年6月底前')],
        [cell('2'), cell('规范目录管理'), cell('编制年度重大行政决策事项目录。'), cell('市政府办公室'), cell('/'), cell('')],
      ],
    };
    const rows = tasksFromTables([table], stub);
    expect(rows.map((r) => [r.seq, r.chapter, r.task, r.lead, r.responsible, r.deadlineText])).toEqual([
      [1, '推进决策公开', '决策预公开', ['市司法局'], ['市直各部门'], '2022年6月底前'],
      [2, '推进决策公开', '规范目录管理', ['市政府办公室'], [], '2022年6月底前'],
    ]);
  });

  it('a table continued on the next page with a repeated header, the cut row joined', () => {
    const header = [cell('序号'), cell('重点任务'), cell('具体措施'), cell('责任单位'), cell('完成时限')];
    const page1: SourceTable = {
      position: { page: 3, line: 1, column: 1 },
      rows: [header, [cell('1'), cell('加强政策解读', 2), cell('做好政策解读，'), cell('市政府办公室、市发展\n改革委'), cell('全年', 2)], [cell('2'), cell('推进解读回应，'), cell('市直各')]],
    };
    const page2: SourceTable = {
      position: { page: 4, line: 1, column: 1 },
      rows: [header, [cell(''), cell(''), cell('及时回应关切。'), cell('部门')], [cell('3'), cell('强化平台建设'), cell('加强网站建设。'), cell('市政务服务中心'), cell('年底前')]],
    };
    const rows = tasksFromTables([page1, page2], stub);
    expect(rows.map((r) => [r.seq, r.task, r.requirement, r.responsible, r.deadlineText, r.position?.page])).toEqual([
      [1, '加强政策解读', '做好政策解读，', ['市政府办公室', '市发展改革委'], '全年', 3],
      [2, '加强政策解读', '推进解读回应，及时回应关切。', ['市直各部门'], '全年', 3],
      [3, '强化平台建设', '加强网站建设。', ['市政务服务中心'], '年底前', 4],
    ]);
  });

  it('a task table without a header row (header lost by the extraction): columns by content', () => {
    const rows = tasksFromTables(
      [
        {
          position: pos,
          rows: [
            [cell('1'), cell('聚焦重点领域'), cell('紧扣高质量发展'), cell('抓好新旧动能转换领域信息公开，加大政策支持力度。'), cell('区发展改革局，各街道办事处'), cell('全年')],
            [cell('2'), cell(''), cell(''), cell('主动公开实施传统消费升级行动相关政策。'), cell('区商务局'), cell('')],
          ],
        },
      ],
      stub,
    );
    expect(rows.map((r) => [r.seq, r.chapter, r.task, r.responsible, r.deadlineText])).toEqual([
      [1, '聚焦重点领域', '紧扣高质量发展', ['区发展改革局', '各街道办事处'], '全年'],
      [2, '聚焦重点领域', '紧扣高质量发展', ['区商务局'], '全年'],
    ]);
  });

  it('tables that are not task tables give nothing', () => {
    const tables: SourceTable[] = [
      { position: pos, rows: [[cell('姓名'), cell('职务'), cell('电话')], [cell('张三'), cell('科长'), cell('12345')]] },
      { position: pos, rows: [[cell('项目'), cell('2021年'), cell('2022年')], [cell('主动公开'), cell('120'), cell('130')]] },
      { position: pos, rows: [] },
    ];
    expect(tasksFromTables(tables, stub)).toEqual([]);
  });
});

describe('tasksFromLines: other text shapes', () => {
  it('tab-separated rows as word-extractor gives them (row ends "\\t", a cell with two paragraphs)', () => {
    const text = [
      '附件',
      '2022年政务公开重点任务分解表',
      '序号\t工作任务\t\t具体要求\t责任单位\t完成时限\t',
      '1\t深化公开\t加强解读\t做好政策解读。\t市政府办公室牵头，市直各部门配合\t全年\t',
      '2\t\t\t强化回应关切。',
      '建立台账。\t\t2022年底前\t',
      '抄送：市委办。',
    ].join('\n');
    const { rows, startLine } = tasksFromLines(toLines(text), stub);
    expect(startLine).toBe(0);
    expect(rows.map((r) => [r.seq, r.chapter, r.task, r.requirement, r.lead, r.responsible, r.deadlineText])).toEqual([
      [1, '深化公开', '加强解读', '做好政策解读。', ['市政府办公室'], ['市政府办公室', '市直各部门'], '全年'],
      [2, '深化公开', '加强解读', '强化回应关切。建立台账。', ['市政府办公室'], ['市政府办公室', '市直各部门'], '2022年底前'],
    ]);
  });

  it('`|`-separated rows', () => {
    const text = [
      '| 序号 | 重点任务 | 具体要求 | 牵头单位 | 责任单位 | 完成时限 |',
      '|---|---|---|---|---|---|',
      '| 1 | 规范发布 | 规范主动公开信息发布。 | 市政府办 | 各乡镇人民政府、市直有关部门 | 长期坚持 |',
      '| 2 |  | 开展规范性文件集中公开。 | 市政务公开办 |  | 年底前 |',
      '',
      '抄送：市委办。',
    ].join('\n');
    const { rows, startLine } = tasksFromLines(toLines(text), stub);
    expect(startLine).toBe(0);
    expect(rows.map((r) => [r.seq, r.task, r.lead, r.responsible, r.deadlineText])).toEqual([
      [1, '规范发布', ['市政府办'], ['各乡镇人民政府', '市直有关部门'], '长期坚持'],
      [2, '规范发布', ['市政务公开办'], ['各乡镇人民政府', '市直有关部门'], '年底前'],
    ]);
  });

  it('no 序号 column: chapter rows, numbers taken from the requirement, merged cells left empty', () => {
    const text = [
      '\t工作任务',
      '\t具体要求',
      '\t责任部门',
      '',
      '\t一、做好财政信息公开',
      '',
      '\t推进预决算公开',
      '\t1.积极推进本中心预算、决算及相关报表公开。',
      '\t财务科',
      '',
      '\t',
      '\t2.及时更新网站频道的各类型概况信息。',
      '\t办公室牵头，各科室配合',
      '',
      '\t',
      '\t3.及时反馈网民对调查征集信息的意见。',
      '\t',
      '',
      '抄送：各科室。',
    ].join('\n');
    const { rows } = tasksFromLines(toLines(text), stub);
    expect(rows.map((r) => [r.seq, r.chapter, r.task, r.lead, r.responsible])).toEqual([
      [1, '一、做好财政信息公开', '推进预决算公开', [], ['财务科']],
      [2, '一、做好财政信息公开', '推进预决算公开', ['办公室'], ['办公室', '各科室']],
      [3, '一、做好财政信息公开', '推进预决算公开', ['办公室'], ['办公室', '各科室']],
    ]);
  });

  it('cells one per line without tabs (empty cells lost): rows from number to number, cells by content', () => {
    const text = [
      '附件：重点任务分解表',
      '序号', '工作任务', '具体要求', '责任单位', '完成时限',
      '一、深化重点领域公开',
      '1', '加强解读', '做好政策解读，扩大影响。', '市政府办公室', '全年',
      '2', '强化回应关切，建立台账机制。', '市直各部门', '2022年底前',
      '— 9 —',
      '二、加强平台建设',
      '3', '优化网站', '推进网站集约化建设，', '整合栏目。', '市政务服务中心、市网信办', '年底前',
      '抄送：市委办。',
    ].join('\n');
    const { rows, startLine } = tasksFromLines(toLines(text), stub);
    expect(startLine).toBe(0);
    expect(rows.map((r) => [r.seq, r.chapter, r.task, r.requirement, r.responsible, r.deadlineText])).toEqual([
      [1, '一、深化重点领域公开', '加强解读', '做好政策解读，扩大影响。', ['市政府办公室'], '全年'],
      [2, '一、深化重点领域公开', '加强解读', '强化回应关切，建立台账机制。', ['市直各部门'], '2022年底前'],
      [3, '二、加强平台建设', '优化网站', '推进网站集约化建设，整合栏目。', ['市政务服务中心', '市网信办'], '年底前'],
    ]);
  });

  it('no task table: no rows and no start line', () => {
    for (const name of ['qixia-2022.txt', 'huating-2022.txt', 'zhaoyuan-2021.txt', 'mudan-2022.txt']) {
      const lines = toLines(readFileSync(fixture(name), 'utf8'));
      expect(tasksFromLines(lines, stub)).toEqual({ rows: [], startLine: null });
    }
  });
});
