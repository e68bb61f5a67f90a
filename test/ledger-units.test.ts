/**
 * A unit's ledger (gkcheck ledger --unit X) on the real notices: the rows that name X, and
 * the rows given to a group that takes X in — 各街道办事处 for a street office, 区政府各部门
 * for a district bureau, 各乡镇人民政府 / 市直有关部门 in huating — each marked as such.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../src/parse.js';
import type { Notice } from '../src/model.js';
import { buildLedger, unitsOf, type LedgerRow } from '../src/ledger/index.js';
import { groupCovers, readGroup, unitClass } from '../src/ledger/groups.js';
import { renderCsv } from '../src/ledger/csv.js';

const has = (r: LedgerRow, name: string) => [...r.lead, ...r.responsible].includes(name);

describe('ledger --unit takes in group assignments (huaiyin-2022.docx)', () => {
  let notice: Notice;
  let all: LedgerRow[];
  beforeAll(async () => {
    notice = await parseFile('fixtures/huaiyin-2022.docx');
    all = buildLedger([notice]);
  });

  it('西市场街道办事处 gets every row of 各街道办事处, marked "经各街道办事处"', () => {
    const streets = all.filter((r) => has(r, '各街道办事处'));
    expect(streets.length).toBe(66);
    const rows = buildLedger([notice], { unit: '西市场街道办事处' });
    expect(rows.map((r) => r.id)).toEqual(streets.map((r) => r.id));
    for (const r of rows) expect(r.forUnit).toEqual({ unit: '西市场街道办事处', via: ['各街道办事处'] });
    // A street office is no department: rows only for 区政府各部门 are not its own.
    expect(rows.some((r) => has(r, '区政府各部门') && !has(r, '各街道办事处'))).toBe(false);
    const csv = renderCsv(rows);
    expect(csv.split('\r\n')[0]).toContain('责任单位,涉及本单位,');
    expect(csv).toContain(',经各街道办事处,');
  });

  it('区教育和体育局 gets its own rows and the 38 of 区政府各部门, each saying which', () => {
    const rows = buildLedger([notice], { unit: '区教育和体育局' });
    const named = rows.filter((r) => r.forUnit!.via.length === 0);
    expect(named.map((r) => r.id)).toEqual(all.filter((r) => has(r, '区教育和体育局')).map((r) => r.id));
    expect(named.length).toBe(6);
    const viaAll = rows.filter((r) => r.forUnit!.via.includes('区政府各部门'));
    expect(viaAll.length + named.filter((r) => has(r, '区政府各部门')).length).toBe(all.filter((r) => has(r, '区政府各部门')).length);
    expect(all.filter((r) => has(r, '区政府各部门')).length).toBe(38);
    // A bureau is no street office.
    expect(rows.some((r) => r.forUnit!.via.includes('各街道办事处'))).toBe(false);
    // Another level is not taken in: 区政府各部门 are the district's, not a county's.
    expect(buildLedger([notice], { unit: '县教育局' }).some((r) => r.forUnit!.via.includes('区政府各部门'))).toBe(false);
  });

  it('without --unit, rows carry no forUnit and the table has no 涉及本单位 column', () => {
    expect(all.some((r) => r.forUnit)).toBe(false);
    expect(renderCsv(all).split('\r\n')[0]).not.toContain('涉及本单位');
  });
});

describe('ledger --unit: huating-2022.txt (各乡镇人民政府, 市直有关部门)', () => {
  it('a town gets the rows of 各乡镇人民政府, a city bureau those of 市直有关部门', async () => {
    const n = await parseFile('fixtures/huating-2022.txt');
    const all = buildLedger([n]);
    const towns = buildLedger([n], { unit: '西华镇人民政府' });
    expect(towns.length).toBe(all.filter((r) => has(r, '各乡镇人民政府')).length);
    expect(towns.length).toBeGreaterThan(50);
    for (const r of towns) expect(r.forUnit!.via).toEqual(['各乡镇人民政府']);
    const edu = buildLedger([n], { unit: '市教育局' });
    expect(edu.filter((r) => r.forUnit!.via.length === 0).length).toBe(all.filter((r) => has(r, '市教育局')).length);
    expect(edu.filter((r) => r.forUnit!.via.includes('市直有关部门')).length).toBeGreaterThan(50);
    expect(edu.some((r) => r.forUnit!.via.includes('各乡镇人民政府'))).toBe(false);
  });
});

describe('groups: what a collective name takes in', () => {
  it('reads the group names of the five notices, and no single unit as a group', async () => {
    const names = new Set<string>();
    for (const p of ['huaiyin-2022.docx', 'huating-2022.txt', 'qixia-2022.txt', 'mudan-2022.txt', 'zhaoyuan-2021.txt']) {
      for (const u of unitsOf(buildLedger([await parseFile(`fixtures/${p}`)]))) names.add(u);
    }
    const groups = [...names].filter((u) => readGroup(u));
    expect(groups.sort()).toEqual(
      ['各乡镇人民政府', '各主管部门', '各街道办事处', '各镇街', '各级各部门和有关单位', '区政府各部门', '区政府各部门（单位）', '区政府有关部门', '市政府各部门', '市政府及市政府各部门', '市直有关部门', '有关部门', '相关职能部门'].sort(),
    );
    // A body of the departments is no department; a named unit is no group.
    expect(names.has('区政府各部门（单位）政务公开领导小组')).toBe(true);
    expect(readGroup('区政府各部门（单位）政务公开领导小组')).toBeNull();
    expect(readGroup('区财政局')).toBeNull();
  });

  it('classes single units and matches levels', () => {
    expect(unitClass('西市场街道办事处')).toBe('street');
    expect(unitClass('西华镇人民政府')).toBe('town');
    expect(unitClass('区教育和体育局')).toBe('department');
    expect(unitClass('市政府政务公开办')).toBe('department');
    expect(groupCovers('各镇街', '西市场街道办事处')).toBe(true);
    expect(groupCovers('各镇街', '西华镇人民政府')).toBe(true);
    expect(groupCovers('各镇街', '区财政局')).toBe(false);
    expect(groupCovers('市直各部门', '区财政局')).toBe(false);
    expect(groupCovers('市直各部门', '市财政局')).toBe(true);
    expect(groupCovers('市直各部门', '市场监管局')).toBe(true); // 市场 is no level word
    expect(groupCovers('区政府各部门', '区民政局')).toBe(true);
  });
});
