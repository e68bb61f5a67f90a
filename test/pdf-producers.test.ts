/**
 * The five notices as PDFs from other producers (fixtures/pdf-producers/, made by
 * scripts/make-pdf-producers.sh), against the answer key in test/gold:
 *   chromium/   printed by headless Chromium: Type 3 fonts, radicals (⺠ ⻔) in ToUnicode,
 *               table rules as thin filled rectangles, rows cut by page breaks;
 *   lo-nofont/  LibreOffice without the Chinese fonts the document asks for: each line's
 *               base-font glyphs (“ ” — digits) drawn before the glyph-fallback Chinese run.
 * Sections, units and deadlines must each reach F1 ≥ 0.95 (the same keys as
 * shared/tools/score.mjs), and the task table of huaiyin-2022 too.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { parseFile } from '../src/parse.js';
import { ingestFile } from '../src/ingest/index.js';
import { flattenSections } from '../src/structure/index.js';
import type { Notice } from '../src/model.js';

const NAMES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
const PRODUCERS = ['chromium', 'lo-nofont'];

const squash = (s: unknown) => String(s ?? '').replace(/[\s\u3000]+/g, '');
const HALF: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；' };
const normLabel = (s: string) => squash(s).replace(/[(),:;]/g, (c) => HALF[c]).replace(/[．.]$/, '.');
const normUnit = (s: string) =>
  squash(s).replace(/(等有关部门|等部门|等单位|等)$/, '').replace(/^(牵头|配合)|(牵头|配合|分别负责落实|负责落实)$/g, '');
const CN = '一二三四五六七八九十';
const defaultLabel = (p: string) => (p.includes('.') ? '' : CN[Number(p) - 1] + '、');

interface Sec { path: string; label?: string; lead?: string[]; responsible?: string[]; deadlines?: { kind: string; value: unknown }[]; children?: Sec[] }
interface Task { seq: number; lead?: string[]; responsible?: string[] }
const flat = (secs: Sec[] = [], out: Sec[] = []): Sec[] => {
  for (const s of secs) {
    out.push(s);
    flat(s.children, out);
  }
  return out;
};

function f1(gold: string[], pred: string[]): number {
  const bag = new Map<string, number>();
  for (const k of gold) bag.set(k, (bag.get(k) ?? 0) + 1);
  let tp = 0;
  for (const k of pred) {
    const n = bag.get(k) ?? 0;
    if (n > 0) {
      tp++;
      bag.set(k, n - 1);
    }
  }
  if (gold.length === 0 && pred.length === 0) return 1;
  return (2 * tp) / (gold.length + pred.length);
}

const unitKeys = (secs: Sec[]) =>
  secs.flatMap((s) => [...(s.lead ?? []).map((u) => `${s.path}|lead|${normUnit(u)}`), ...(s.responsible ?? []).map((u) => `${s.path}|responsible|${normUnit(u)}`)]);
const deadlineKeys = (secs: Sec[]) => secs.flatMap((s) => (s.deadlines ?? []).map((d) => `${s.path}|${d.kind}|${squash(d.value).toLowerCase()}`));
const taskUnitKeys = (tasks: Task[]) =>
  tasks.flatMap((t) => [...(t.lead ?? []).map((u) => `${t.seq}|lead|${normUnit(u)}`), ...(t.responsible ?? []).map((u) => `${t.seq}|responsible|${normUnit(u)}`)]);

function scores(name: string, notice: Notice) {
  const gold = YAML.parse(readFileSync(`test/gold/${name}.yaml`, 'utf8'));
  const gs = flat(gold.sections);
  const ps = flattenSections(notice.sections) as unknown as Sec[];
  return {
    sections: f1(gs.map((s) => `${s.path}|${normLabel(s.label ?? defaultLabel(s.path))}`), ps.map((s) => `${s.path}|${normLabel(s.label ?? '')}`)),
    units: f1(unitKeys(gs), unitKeys(ps)),
    deadlines: f1(deadlineKeys(gs), deadlineKeys(ps)),
    taskUnits: f1(taskUnitKeys(gold.tasks ?? []), taskUnitKeys(notice.tasks as unknown as Task[])),
  };
}

describe.each(PRODUCERS)('%s PDFs against the gold', (producer) => {
  it.each(NAMES)('%s: sections, units, deadlines (and tasks) ≥ 0.95', async (name) => {
    const notice = await parseFile(`fixtures/pdf-producers/${producer}/${name}.pdf`);
    const s = scores(name, notice);
    expect(s.sections, JSON.stringify(s)).toBeGreaterThanOrEqual(0.95);
    expect(s.units, JSON.stringify(s)).toBeGreaterThanOrEqual(0.95);
    expect(s.deadlines, JSON.stringify(s)).toBeGreaterThanOrEqual(0.95);
    expect(s.taskUnits, JSON.stringify(s)).toBeGreaterThanOrEqual(0.95);
    expect(notice.meta.issuer ?? '').not.toMatch(/[\u2e80-\u2eff\u2f00-\u2fdf]/);
  });
});

describe('what each producer gets wrong, read right', () => {
  it('lo-nofont: a line whose “ ” were drawn before its Chinese run reads in visual order', async () => {
    const st = await ingestFile('fixtures/pdf-producers/lo-nofont/huating-2022.pdf');
    const line = st.lines.find((l) => l.text.includes('两地一市'))!;
    expect(squash(line.text)).toContain('为加快建设“两地一市”，争做');
    // no line starts with the quote marks or tabs of another run
    expect(st.lines.filter((l) => /^[“”"]\s*[”"]?\t/.test(l.text))).toEqual([]);
    // every 一、 heading of the notice is at the start of its line
    const chapters = st.lines.filter((l) => /^[一二三四五六七八九十]、/.test(l.text.trim()));
    expect(chapters.length).toBeGreaterThanOrEqual(5);
  });

  it('chromium: a unit list wrapped after "各乡" reads 各乡镇人民政府 whole (1.7 of huating)', async () => {
    const notice = await parseFile('fixtures/pdf-producers/chromium/huating-2022.pdf');
    const s = flattenSections(notice.sections).find((x) => x.path === '1.7')!;
    expect(s.responsible).toContain('各乡镇人民政府');
    expect(s.responsible).not.toContain('各乡');
  });

  it('chromium: the ruled 任务分解表 drawn as filled rectangles comes back with its spans', async () => {
    const st = await ingestFile('fixtures/pdf-producers/chromium/huaiyin-2022.pdf');
    expect(st.tables.length).toBeGreaterThan(5);
    const first = st.tables[0];
    expect(first.rows[0].map((c) => squash(c.text).normalize('NFKC'))).toEqual(['序号', '工作任务', '具体要求', '责任单位', '完成时限']);
    expect(first.rows[0][1].colSpan).toBe(2);
    expect(first.rows.flat().some((c) => c.rowSpan > 1)).toBe(true);
    const notice = await parseFile('fixtures/pdf-producers/chromium/huaiyin-2022.pdf');
    expect(notice.tasks.map((t) => t.seq)).toEqual(Array.from({ length: 67 }, (_, i) => i + 1));
    // ⻔ (a CJK Radicals Supplement character in the ToUnicode map) folded in table cells too
    expect(notice.tasks.flatMap((t) => t.responsible).join('')).not.toMatch(/[\u2e80-\u2eff\u2f00-\u2fdf]/);
  });
});
