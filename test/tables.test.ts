/**
 * Tables printed as text, read into the one table model and the plan they are
 * (fixtures/realworld: real pages saved as found).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFile } from '../src/parse.js';
import { flattenSections } from '../src/structure/index.js';
import { findTextTables } from '../src/extract/text-tables.js';
import type { SourceLine } from '../src/model.js';

const RW = 'fixtures/realworld';
const linesOf = (file: string): SourceLine[] =>
  readFileSync(`${RW}/${file}`, 'utf8').split('\n').map((text, i) => ({ text, page: null, line: i + 1 }));
const byLabel = async (file: string) => {
  const n = await parseFile(`${RW}/${file}`);
  return { n, all: flattenSections(n.sections) };
};

describe('pipe rows', () => {
  it('places rows whose merged chapter cell was left out (cells shifted left) under their headings', async () => {
    const { all } = await byLabel('26-jiangmen-tdcb-dept-pipe.txt');
    expect(all.map((s) => s.label)).toEqual(['一、', '1.', '二、', '2.', '3.', '4.', '三、', '5.', '6.', '四、', '7.', '8.', '9.', '五、', '10.', '11.']);
    const s4 = all.find((s) => s.label === '4.')!;
    // "办公室牵头,各科室配合" in the 责任部门 column
    expect([s4.lead, s4.responsible]).toEqual([['办公室'], ['各科室']]);
    expect(all.find((s) => s.label === '3.')!.responsible).toEqual(['各科室']);
    // the last row is cut off after its requirement: nothing is filled into its empty cells
    expect(all.find((s) => s.label === '11.')!.responsible).toEqual([]);
  });

  it('reads headings in the first cells, the 序号 column the header does not name, and keeps units once per row', async () => {
    const { n, all } = await byLabel('11-jingzhou-2022-pipe-table.txt');
    expect(all.map((s) => `${s.path}${s.label}`)).toEqual(['1一、', '1.1(一)']);
    const s = all[1];
    expect(s.responsible.filter((u) => u === '市政府各有关部门')).toHaveLength(2); // rows 1 and 2
    expect(s.lead).toEqual(['市发展改革委']);
    expect(s.deadlines.map((d) => d.value)).toEqual(['ongoing', 'ongoing']);
    expect(n.tasks).toEqual([]);
  });
});

describe('one cell per line', () => {
  it('cells ending in " |", rows ended by "||": a chapter row, headings in the task cell, time limits in 备注', async () => {
    const { all } = await byLabel('13-xuancheng-2022-tasklist-table.txt');
    expect(all.map((s) => s.label)).toEqual(['一、', '1.', '2.']); // 1./2./3. inside 具体要求 are a list
    expect(all[0].deadlines.map((d) => d.value)).toEqual(['2022-12-31']); // 一、年底前专项工作任务
    expect(all[1].deadlines.map((d) => d.value)).toEqual(['2022-11-30']); // 备注: 11月底前完成
    expect(all[1].responsible).toEqual(['市政府各部门', '各直属机构', '各县市区政府']);
  });

  it('cells separated by "|" lines with no row ends: rows from the 序号 sequence, a left-out task cell filled down', async () => {
    const { n } = await byLabel('25-chizhou-xfj-dept-cells.txt');
    expect(n.sections).toEqual([]);
    expect(n.tasks.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(n.tasks[3].task).toBe('做好主动公开基础工作'); // row 4 shares row 3's merged cell
    expect(n.tasks.map((t) => t.responsible[0])).toEqual(['办公室', '各科室', '各科室', '办公室', '各科室', '办公室', '各科室', '办公室']);
    expect(n.tasks[1].deadlines.map((d) => d.value)).toEqual(['ongoing']);
  });

  it('cells separated by blank lines: N个工作日内 in the 公开时限 column', async () => {
    const tables = findTextTables(linesOf('30-yongzhou-xfj-list-durations.txt'));
    expect(tables).toHaveLength(1);
    expect(tables[0].table.rows[0].map((c) => c.text)).toEqual(['序号', '具体职责', '业务事项', '信息类别', '内容标准', '公开时限', '公开形式']);
    const { n } = await byLabel('30-yongzhou-xfj-list-durations.txt');
    expect(n.tasks.slice(0, 4).map((t) => t.deadlines.map((d) => d.value).join())).toEqual(['7wd', '7wd', '7wd', '15wd']);
  });
});

describe('more pipe shapes', () => {
  it('a header row that wraps ("工作任务 | 具体要求" / "| 责任单位 |"), ；-groups, 参照落实, a merged unit cell over a closed row', async () => {
    const { all } = await byLabel('42-taishan-2021-pipe-semicolon-groups.txt');
    const s = (l: string) => all.find((x) => x.label === l)!;
    expect([s('2.').lead, s('2.').responsible]).toEqual([['市政府办公室', '市发展和改革局'], ['市直有关部门', '各镇(街)']]);
    // row 8 ends with "|" and prints no unit cell: it shares row 7's merged cell
    expect([s('8.').lead, s('8.').responsible]).toEqual([['市财政局'], ['市直各部门', '各镇(街)']]);
  });

  it('a row that leaves out a middle cell keeps its other cells in their columns', async () => {
    const { n } = await byLabel('51-guangdong-wjw-2021-task-ledger.txt');
    const row2 = n.tasks.find((t) => t.seq === 2)!;
    expect(row2.responsible).toEqual(['疾控处']);
    expect(row2.deadlines.map((d) => d.value)).toEqual(['ongoing']);
    expect(n.tasks.find((t) => t.seq === 6)!.deadlines.map((d) => d.value)).toEqual(['2021-02-28', '2021-08-31']);
  });
});
