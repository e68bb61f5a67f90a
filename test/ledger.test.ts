/**
 * The 工作台账 export (`gkcheck ledger`) on the real notices: huaiyin-2022 (a 67-row task
 * table) as DOCX and PDF, huating-2022 as TXT (牵头单位/责任单位 lines per section).
 * Every output is read back with a real reader: XLSX with exceljs, ICS with ical.js,
 * CSV with an RFC 4180 parser written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { parseFile } from '../src/parse.js';
import { ingestFile } from '../src/ingest/index.js';
import type { Notice, Section } from '../src/model.js';
import { dueDate } from '../src/extract/deadlines.js';
import { buildLedger, namesUnit, type LedgerRow } from '../src/ledger/index.js';
import { COLUMNS, displayWidth, UNIT_COLUMN } from '../src/ledger/columns.js';
import { renderCsv } from '../src/ledger/csv.js';
import { datedDeadlines, renderIcs } from '../src/ledger/ics.js';
import { sheetName, SheetNames } from '../src/ledger/xlsx.js';
import { Command } from 'commander';
import { addLedgerCommand, formatFromName, runLedger, type LedgerCliOptions } from '../src/cli/ledger.js';

const HUAIYIN_DOCX = 'fixtures/huaiyin-2022.docx';
const HUAIYIN_PDF = 'fixtures/huaiyin-2022.pdf';
const HUATING_TXT = 'fixtures/huating-2022.txt';
const TASK1_UNITS = '区发展改革局、区投资促进局、区科技局、各街道办事处';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gkcheck-ledger-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ledger(files: string[], opts: LedgerCliOptions): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runLedger(files, opts, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const headerIndex = (key: string): number => COLUMNS.findIndex((c) => c.key === key) + 1;

/** The cell as text; a date cell as its ISO date. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The rows of a sheet keyed by column (read from its header row: a unit's sheet has one more column). */
function sheetRows(ws: ExcelJS.Worksheet): Record<string, string>[] {
  const keyOf = new Map([...COLUMNS, UNIT_COLUMN].map((c) => [c.header, c.key]));
  const head = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => keyOf.get(cellText(v)) ?? cellText(v));
  const out: Record<string, string>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Object.fromEntries(head.map((key, k) => [key, cellText(row.getCell(k + 1).value)])));
  }
  return out;
}

function obligationCount(n: Notice): number {
  const walk = (ss: Section[]): number => ss.reduce((a, s) => a + s.obligations.length + walk(s.children), 0);
  return walk(n.sections);
}

/** RFC 4180: fields separated by commas, records by CRLF, "…" quoting with "" for a quote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (c === '\n' || c === '\r' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length) throw new Error('last record not ended by CRLF');
  return records;
}

interface IcsEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
}

function parseIcs(text: string): IcsEvent[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  expect(cal.name).toBe('vcalendar');
  return cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return { uid: e.uid, summary: e.summary, description: e.description, start: e.startDate.toString(), end: e.endDate.toString(), allDay: e.startDate.isDate };
  });
}

describe('ledger: huaiyin-2022.docx (67-row task table) as XLSX', () => {
  let notice: Notice;
  let rows: LedgerRow[];
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let data: Record<string, string>[];
  let err: string;

  beforeAll(async () => {
    notice = await parseFile(HUAIYIN_DOCX);
    rows = buildLedger([notice]);
    const file = join(dir, '槐荫 工作台账.xlsx');
    const r = await ledger([HUAIYIN_DOCX], { format: 'xlsx', output: file });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    err = r.err;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    ws = wb.worksheets[0];
    data = sheetRows(ws);
  });

  it('has one sheet for the plan, named after it', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['2022年槐荫区政务公开工作要点']);
  });

  it('has the header row, frozen, with an auto-filter over all columns', () => {
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.header));
    expect(COLUMNS.map((c) => c.header)).toEqual(
      expect.arrayContaining(['工作要点', '章节', '章节标题', '工作要求', '牵头单位', '责任单位', '完成时限（原文）', '时限（规范化）', '截止日期', '原文位置', '来源文件']),
    );
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const last = ws.getColumn(COLUMNS.length).letter;
    expect(ws.autoFilter).toBe(`A1:${last}1`);
  });

  it('gives the 67 task rows plus the body requirements the table does not restate', () => {
    const tasks = data.filter((d) => d.origin.startsWith('任务表'));
    const body = data.filter((d) => d.origin === '正文');
    expect(tasks).toHaveLength(67);
    expect(tasks.map((d) => d.origin)).toEqual(Array.from({ length: 67 }, (_, i) => `任务表第${i + 1}项`));
    expect(body.length).toBeGreaterThan(0);
    expect(data).toHaveLength(rows.length);
    expect(data.length).toBe(67 + body.length);
    // Every body row is one of the notice's requirement sentences, and with keepRestated all of them are listed.
    const all = buildLedger([notice], { keepRestated: true });
    expect(all.filter((r) => r.origin === 'obligation')).toHaveLength(obligationCount(notice));
    const texts = new Set(all.filter((r) => r.origin === 'obligation').map((r) => r.requirement));
    for (const d of body) expect(texts.has(d.requirement)).toBe(true);
    // A sentence the table does not carry is kept …
    expect(body.some((d) => d.requirement.startsWith('充分利用政府网站等平台主动公开2022年我区重点任务'))).toBe(true);
    // … one it restates word for word is not.
    expect(body.some((d) => d.requirement.startsWith('抓好新旧动能转换领域信息公开'))).toBe(false);
    // A body sentence with a time limit its table row lacks stays (5小时/24小时 are not in the table).
    expect(body.find((d) => d.deadline.includes('5小时内'))).toBeDefined();
  });

  it('has the units, requirement and section of task 1', () => {
    const t1 = data.find((d) => d.origin === '任务表第1项')!;
    expect(t1.responsible).toBe(TASK1_UNITS);
    expect(t1.lead).toBe('');
    expect(t1.requirement).toMatch(/^抓好新旧动能转换领域信息公开/);
    expect(t1.section).toBe('1.1');
    expect(t1.sectionTitle).toBe('紧扣高质量发展加强信息公开');
    expect(t1.deadlineText).toBe('全年');
    expect(t1.deadline).toBe('全年');
    expect(t1.due).toBe('');
    expect(t1.plan).toBe('2022年槐荫区政务公开工作要点');
    expect(t1.file).toBe(HUAIYIN_DOCX);
    // A Word table row has no line of its own: its place is the table and its row (the header is row 1).
    expect(t1.position).toBe('表1第2行');
    const tasks = data.filter((d) => d.origin.startsWith('任务表'));
    expect(new Set(tasks.map((d) => d.position)).size).toBe(67);
    expect(data.find((d) => d.origin === '任务表第39项')!.position).toBe('表1第40行');
    const t13 = data.find((d) => d.origin === '任务表第13项')!;
    expect(t13.lead).toBe('区政府办公室、区行政审批服务局');
  });

  it('keeps 本文件印发后30日内 as printed, normalised, without a due date (the notice prints no date)', () => {
    const r = data.find((d) => d.deadlineText === '本文件印发后30日内')!;
    expect(r).toBeDefined();
    expect(r.origin).toBe('任务表第65项');
    expect(r.deadline).toBe('印发后30日内');
    expect(r.due).toBe('');
    expect(err).toMatch(/^提示：.*--issued/m);
    expect(err).toMatch(/已写入 .*：76 行（任务表 67，正文 9）/);
  });

  it('turns 2022年6月底前 into the date 2022-06-30 (a real Excel date)', () => {
    const june = data.filter((d) => d.deadlineText === '2022年6月底前');
    expect(june.map((d) => d.origin)).toEqual(['任务表第39项', '任务表第66项']);
    for (const d of june) {
      expect(d.deadline).toBe('2022年6月30日');
      expect(d.due).toBe('2022-06-30');
    }
    const rowNo = data.indexOf(june[0]) + 2;
    const cell = ws.getRow(rowNo).getCell(headerIndex('due'));
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    // Two time limits in one cell: both normalised, one date.
    const t3 = data.find((d) => d.origin === '任务表第3项')!;
    expect(t3.deadline).toBe('2022年12月31日；持续推进');
    // Codes are for JSON: no Chinese cell of the sheet holds one.
    for (const d of data) expect(d.deadline).not.toMatch(/[a-z]|\d{4}-\d\d/);
    expect(t3.due).toBe('2022-12-31');
  });

  it('sizes columns to their Chinese text (CJK counts 2) and wraps the requirement', () => {
    const req = ws.getColumn(headerIndex('requirement'));
    expect(req.width).toBe(60);
    expect(ws.getRow(2).getCell(headerIndex('requirement')).alignment?.wrapText).toBe(true);
    const units = ws.getColumn(headerIndex('responsible'));
    const widest = Math.max(...data.map((d) => displayWidth(d.responsible)));
    expect(units.width).toBe(Math.min(40, widest + 2));
    // 章节 holds "1.1": as wide as its two-character header, which counts 4.
    expect(ws.getColumn(headerIndex('section')).width).toBe(displayWidth('章节') + 2);
    // Wrapped rows get the height of their tallest cell (apps keep generated rows one line high).
    const longRow = data.findIndex((d) => displayWidth(d.requirement) > 2 * 59) + 2;
    expect(longRow).toBeGreaterThan(1);
    expect(ws.getRow(longRow).height).toBeGreaterThanOrEqual(3 * 15);
    expect(displayWidth('区财政局')).toBe(8);
    expect(displayWidth('2022年6月底前')).toBe(13);
  });

  it('computes the due date of 印发后30日内 with --issued, by the working-day calendar', async () => {
    const withDate = buildLedger([notice], { issued: '2022-03-15' });
    const r = withDate.find((x) => x.deadlineText === '本文件印发后30日内')!;
    const expected = dueDate({ text: '本文件印发后30日内', kind: 'duration', value: '30d', anchor: 'issuance' }, '2022-03-15');
    expect(expected).toMatch(/^2022-04-1\d$/);
    expect(r.deadlines[0].due).toBe(expected);
    const bad = await ledger([HUAIYIN_DOCX], { format: 'json', issued: '2022-02-30' });
    expect(bad.code).toBe(2);
  });

  it('with byUnit adds one sheet per unit, with legal unique names', async () => {
    const file = join(dir, 'by-unit.xlsx');
    expect((await ledger([HUAIYIN_DOCX], { format: 'xlsx', output: file, byUnit: true })).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    expect(names[0]).toBe('2022年槐荫区政务公开工作要点');
    expect(names).toContain('区财政局');
    expect(names).toContain('各街道办事处');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    // A unit's sheet: the rows naming it, and those given to 区政府各部门, marked as such.
    const fin = sheetRows(book.getWorksheet('区财政局')!);
    const named = fin.filter((d) => d.via === '列名');
    expect(named.length).toBe(notice.tasks.filter((t) => [...t.lead, ...t.responsible].includes('区财政局')).length);
    for (const d of named) expect(`${d.lead}、${d.responsible}`).toContain('区财政局');
    const viaGroup = fin.filter((d) => d.via !== '列名');
    const all = buildLedger([notice]);
    const groups = ['区政府各部门', '区政府有关部门', '有关部门'];
    expect(viaGroup.length).toBe(all.filter((r) => !namesUnit(r, '区财政局') && [...r.lead, ...r.responsible].some((u) => groups.includes(u))).length);
    expect(viaGroup.length).toBeGreaterThanOrEqual(38);
    for (const d of viaGroup) expect(d.via).toMatch(/^经(?:区政府各部门|区政府有关部门|有关部门)(?:、|$)/);
    for (const s of book.worksheets) {
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.autoFilter).toBeTruthy();
    }
  });

  it('refuses to write XLSX without -o (binary), in Chinese first, exit 2', async () => {
    const r = await ledger([HUAIYIN_DOCX], { format: 'xlsx' });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^错误：XLSX 是二进制文件.*-o.*\nError: XLSX is a binary file/);
  });

  it('never writes over an input', async () => {
    const copy = join(dir, 'input.txt');
    writeFileSync(copy, readFileSync(HUATING_TXT));
    const r = await ledger([copy], { format: 'csv', output: copy });
    expect(r.code).toBe(2);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(HUATING_TXT, 'utf8'));
  });
});

describe('ledger: CSV', () => {
  it('is UTF-8 with a BOM, CRLF, and round-trips through an RFC 4180 reader', async () => {
    const file = join(dir, 'huaiyin.csv');
    expect((await ledger([HUAIYIN_DOCX], { format: 'csv', output: file })).code).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parseCsv(text);
    const rows = buildLedger([await parseFile(HUAIYIN_DOCX)]);
    expect(records[0]).toEqual(COLUMNS.map((c) => c.header));
    expect(records.slice(1)).toEqual(rows.map((r, i) => COLUMNS.map((c) => c.text(r, i))));
    const t1 = records.find((r) => r[headerIndex('origin') - 1] === '任务表第1项')!;
    expect(t1[headerIndex('responsible') - 1]).toBe(TASK1_UNITS);
  });

  it('quotes commas, quotes and line breaks', () => {
    const row: LedgerRow = {
      origin: 'obligation',
      id: '1-1',
      seq: 1,
      plan: '测试,要点',
      file: 'a "b".txt',
      sectionPath: '1',
      sectionTitle: '两行\r\n标题',
      requirement: '第一行\n第二行',
      lead: [],
      responsible: ['区财政局'],
      unitsFrom: 'sentence',
      deadlineText: '',
      deadlines: [],
      position: { page: 2, line: 7, column: 1 },
    };
    const csv = renderCsv([row]);
    expect(csv).toContain('"测试,要点"');
    expect(csv).toContain('"a ""b"".txt"');
    const records = parseCsv(csv.slice(1));
    expect(records[1]).toEqual(COLUMNS.map((c) => c.text(row, 0)));
    expect(records[1][headerIndex('position') - 1]).toBe('第2页第7行');
  });
});

describe('ledger: ICS', () => {
  let notice: Notice;
  beforeAll(async () => {
    notice = await parseFile(HUAIYIN_DOCX);
  });

  it('parses back with one all-day event per dated deadline, stable unique UIDs', async () => {
    const r = await ledger([HUAIYIN_DOCX], { format: 'ics' });
    expect(r.code).toBe(0);
    const events = parseIcs(r.out);
    const rows = buildLedger([notice]);
    const dated = rows.flatMap((x) => datedDeadlines(x).map((d) => ({ row: x, d })));
    expect(events).toHaveLength(dated.length);
    // The table's dated cells: 14 (年底前, 9月底前, 6月底前 …); 30日内 has no date here.
    expect(dated.filter((x) => x.row.origin === 'task')).toHaveLength(notice.tasks.reduce((a, t) => a + t.deadlines.filter((d) => d.kind === 'date').length, 0));
    expect(events.length).toBe(14);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    for (const e of events) {
      expect(e.allDay).toBe(true);
      const next = new Date(`${e.start}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(e.end).toBe(next.toISOString().slice(0, 10));
      expect(e.description).toContain('工作要点：2022年槐荫区政务公开工作要点');
      expect(e.description).toMatch(/章节：\d/);
      expect(e.description).toMatch(/来源：fixtures\/huaiyin-2022\.docx (?:第\d+行|表1第\d+行)/);
    }
    const june = events.filter((e) => e.start === '2022-06-30');
    expect(june).toHaveLength(2);
    expect(june[0].summary).toMatch(/^区政府各部门、各街道办事处：/);
    // Content lines are folded at 75 octets (RFC 5545 §3.1), never inside a character.
    for (const line of r.out.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(r.out).not.toContain('\uFFFD');
    // Same plan from its PDF: the same events (UIDs do not depend on the file or the run).
    const again = parseIcs(await renderIcs(buildLedger([await parseFile(HUAIYIN_PDF)])));
    expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
  });

  it('--unit keeps the rows and events naming that unit', async () => {
    const r = await ledger([HUAIYIN_DOCX], { format: 'ics', unit: '区财政局' });
    expect(r.code).toBe(0);
    const events = parseIcs(r.out);
    const mine = notice.tasks.filter((t) => [...t.lead, ...t.responsible].includes('区财政局'));
    expect(mine.length).toBeGreaterThan(0);
    const all = buildLedger([notice]);
    const viaDepts = all.filter((x) => !namesUnit(x, '区财政局') && [...x.lead, ...x.responsible].some((u) => /^(?:区政府各部门|区政府有关部门|有关部门)$/.test(u)));
    expect(viaDepts.length).toBeGreaterThan(0);
    const dated = (rs: LedgerRow[]) => rs.reduce((a, x) => a + datedDeadlines(x).length, 0);
    expect(events).toHaveLength(dated(all.filter((x) => namesUnit(x, '区财政局'))) + dated(viaDepts));
    for (const e of events) {
      expect(e.description).toContain('区财政局');
      expect(e.summary).toMatch(/^(?:区财政局|区政府各部门|区政府有关部门|有关部门)/);
    }
    expect(events.filter((e) => e.summary.startsWith('区财政局：'))).toHaveLength(dated(all.filter((x) => namesUnit(x, '区财政局'))));
    for (const e of events.filter((x) => !x.summary.startsWith('区财政局：'))) expect(e.description).toMatch(/涉及本单位：区财政局（经.*部门）/);
    expect(r.out).toContain('X-WR-CALNAME:区财政局 工作台账');

    const json = await ledger([HUAIYIN_DOCX], { format: 'json', unit: '区财政局' });
    const rows = JSON.parse(json.out) as LedgerRow[];
    const direct = rows.filter((x) => x.forUnit!.via.length === 0);
    expect(direct.map((x) => x.id)).toEqual(mine.map((t) => `task-${t.seq}`));
    for (const x of direct) expect([...x.lead, ...x.responsible]).toContain('区财政局');
    for (const x of rows.filter((y) => !direct.includes(y))) {
      expect(x.forUnit!.unit).toBe('区财政局');
      expect(x.forUnit!.via.length).toBeGreaterThan(0);
      for (const g of x.forUnit!.via) expect([...x.lead, ...x.responsible]).toContain(g);
    }
    expect(rows.filter((x) => x.forUnit!.via.includes('区政府各部门')).length).toBeGreaterThanOrEqual(38);
    // A part of the name works too (财政局 ⊂ 区财政局); an unknown unit gives an empty, valid calendar.
    expect(buildLedger([notice], { unit: '财政局' }).map((x) => x.id)).toEqual(rows.map((x) => x.id));
    const none = await ledger([HUAIYIN_DOCX], { format: 'ics', unit: '不存在的单位' });
    expect(none.code).toBe(0);
    expect(parseIcs(none.out)).toHaveLength(0);
    expect(none.err).toContain('不存在的单位');
    expect(none.err).toContain('日历中没有日程');
  });

  it('says how many events it wrote (not rows), and why a calendar is empty', async () => {
    const file = join(dir, '台账.ics');
    const r = await ledger([HUAIYIN_DOCX], { format: 'ics', output: file });
    expect(r.code).toBe(0);
    const events = parseIcs(readFileSync(file, 'utf8'));
    expect(events).toHaveLength(14);
    expect(r.err).toMatch(/已写入 .*台账\.ics：14 个日程（76 行中有具体日期的时限）/);
    expect(r.err).not.toContain('日历中没有日程');
    // A unit with no dated row gets an empty calendar that says why, in the file and on stderr.
    const empty = join(dir, '空.ics');
    const e = await ledger([HUAIYIN_DOCX], { format: 'ics', output: empty, unit: '不存在的单位' });
    expect(e.code).toBe(0);
    const text = readFileSync(empty, 'utf8');
    expect(parseIcs(text)).toHaveLength(0);
    expect(e.err).toMatch(/已写入 .*：0 个日程/);
    expect(e.err).toMatch(/^提示：日历中没有日程/m);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('x-wr-caldesc')).toContain('日历中没有日程');
  });
});

describe('ledger: other formats', () => {
  it('huating-2022.txt: body rows take their section’s 牵头单位/责任单位, dates from the text', async () => {
    const notice = await parseFile(HUATING_TXT);
    const file = join(dir, 'huating.xlsx');
    const r = await ledger([HUATING_TXT], { format: 'xlsx', output: file });
    expect(r.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(book.worksheets[0].name).toBe('华亭市2022年政务公开工作要点');
    const data = sheetRows(book.worksheets[0]);
    expect(notice.tasks).toHaveLength(0);
    expect(data).toHaveLength(obligationCount(notice));
    const s11 = data.filter((d) => d.section === '1.1');
    expect(s11.length).toBeGreaterThan(0);
    for (const d of s11) {
      expect(d.lead).toBe('市政府办、市政府政务公开办');
      expect(d.responsible).toMatch(/^各乡镇人民政府、/);
    }
    const dated = data.filter((d) => d.due);
    expect(dated.map((d) => d.due)).toEqual(['2022-12-31', '2022-12-31', '2022-12-31']);
    const ics = parseIcs((await ledger([HUATING_TXT], { format: 'ics' })).out);
    expect(ics).toHaveLength(3);
    expect(ics[0].summary.startsWith('市政府政务公开办：')).toBe(true);
  });

  it('huaiyin-2022.pdf: the same 67 task rows, with page numbers in 原文位置', async () => {
    const file = join(dir, 'huaiyin-pdf.csv');
    const r = await ledger([HUAIYIN_PDF], { format: 'csv', output: file });
    expect(r.code).toBe(0);
    const records = parseCsv(readFileSync(file, 'utf8').slice(1)).slice(1);
    const col = (k: string) => headerIndex(k) - 1;
    const tasks = records.filter((x) => x[col('origin')].startsWith('任务表'));
    expect(tasks).toHaveLength(67);
    expect(tasks[0][col('responsible')]).toBe(TASK1_UNITS);
    expect(records.filter((x) => x[col('deadlineText')] === '2022年6月底前').map((x) => x[col('due')])).toEqual(['2022-06-30', '2022-06-30']);
    expect(records.some((x) => x[col('deadlineText')] === '本文件印发后30日内')).toBe(true);
    for (const x of records) expect(x[col('position')]).toMatch(/^第\d+页第\d+行$/);
    // Each task row its own place: the page line where its requirement starts, in reading order.
    expect(new Set(tasks.map((x) => x[col('position')])).size).toBe(67);
    const source = await ingestFile(HUAIYIN_PDF);
    const key = (x: string[]) => x.map(Number);
    let last = [0, 0];
    for (const x of tasks) {
      const [page, line] = key(/^第(\d+)页第(\d+)行$/.exec(x[col('position')])!.slice(1));
      expect(page * 1000 + line).toBeGreaterThan(last[0] * 1000 + last[1]);
      last = [page, line];
      const printed = source.lines.find((l) => l.page === page && l.line === line)!.text.replace(/\s+/g, '');
      expect(printed.includes(x[col('requirement')].replace(/\s+/g, '').slice(0, 4)) || x[col('lead')].includes(printed.slice(0, 3)) || x[col('responsible')].includes(printed.slice(0, 3)), `${x[col('origin')]}: ${printed}`).toBe(true);
    }
    // Same ledger as from the Word file, row for row, apart from where things are printed.
    const fromDocx = buildLedger([await parseFile(HUAIYIN_DOCX)]);
    expect(records.map((x) => x[col('origin')])).toEqual(fromDocx.map((x, i) => COLUMNS.find((c) => c.key === 'origin')!.text(x, i)));
  });

  it('several plans: one sheet each, rows in file order', async () => {
    const files = [HUAIYIN_DOCX, HUATING_TXT];
    const out = join(dir, 'two.xlsx');
    expect((await ledger(files, { format: 'xlsx', output: out })).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['2022年槐荫区政务公开工作要点', '华亭市2022年政务公开工作要点']);
  });

  it('a missing file is reported and the others still go out, exit 2', async () => {
    const r = await ledger(['fixtures/nope.docx', HUATING_TXT], { format: 'json' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：/);
    expect((JSON.parse(r.out) as LedgerRow[]).length).toBeGreaterThan(0);
  });
});

describe('ledger: command line', () => {
  it('registers `gkcheck ledger`, taking the format from the -o extension', async () => {
    let code = -1;
    let err = '';
    const program = new Command().exitOverride();
    addLedgerCommand(program, { out: () => {}, err: (s) => (err += s) }, (c) => (code = c));
    const out = join(dir, 'cli 台账.csv');
    await program.parseAsync(['node', 'gkcheck', 'ledger', HUATING_TXT, '-o', out, '--unit', '市教育局']);
    expect(code).toBe(0);
    const records = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
    expect(records.length).toBeGreaterThan(1);
    // A unit's CSV has the 涉及本单位 column after 责任单位: 列名, or the group that takes the unit in.
    const at = (key: string) => records[0].indexOf([...COLUMNS, UNIT_COLUMN].find((c) => c.key === key)!.header);
    expect(at('via')).toBe(at('responsible') + 1);
    for (const r of records.slice(1)) {
      if (r[at('via')] === '列名') expect(r[at('lead')] + r[at('responsible')]).toContain('市教育局');
      else expect(r[at('via')]).toMatch(/^经.*市直有关部门/);
    }
    expect(records.filter((r) => r[at('via')] === '列名').length).toBeGreaterThan(0);
    expect(records.filter((r) => r[at('via')].startsWith('经')).length).toBeGreaterThan(0);
    expect(err).toContain('已写入');
    expect([formatFromName('a.ICS'), formatFromName('a.json'), formatFromName('a.txt'), formatFromName(undefined)]).toEqual(['ics', 'json', undefined, undefined]);
  });
});

describe('ledger: sheet names', () => {
  it('obey Excel’s rules', () => {
    expect(sheetName('a/b\\c[d]:e*f?g')).toBe('a／b＼c［d］：e＊f？g');
    expect(sheetName("'引号'")).toBe('引号');
    const long = '关于印发《2022年某某区政务公开工作要点》的通知（附件一：重点任务）';
    expect(long.length).toBeGreaterThan(31);
    expect(sheetName(long)).toBe(long.slice(0, 31));
    const names = new SheetNames();
    expect([names.take('区财政局'), names.take('区财政局'), names.take('History')]).toEqual(['区财政局', '区财政局(2)', 'History(2)']);
  });
});
