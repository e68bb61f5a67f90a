/**
 * parse on the real notices in fixtures/, in every format they were made in, against the
 * hand-made answer key (test/gold, a copy of shared/gold). Each output is validated
 * against schema/notice.schema.json, and each section's position must point at its
 * label in the original text.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import { parseFile, parseText } from '../src/parse.js';
import { flattenSections } from '../src/structure/index.js';
import type { Notice } from '../src/model.js';

const NAMES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
const schema = JSON.parse(readFileSync('schema/notice.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const squash = (s: unknown) => String(s ?? '').replace(/[\s\u3000]+/g, '');
const fullLabel = (s: string) => squash(s).replace(/\(/g, '（').replace(/\)/g, '）').replace(/．/g, '.');

interface GoldSection { path: string; label?: string; title: string; children?: GoldSection[] }
const gold = (name: string) => YAML.parse(readFileSync(`test/gold/${name}.yaml`, 'utf8'));
const goldFlat = (secs: GoldSection[], out: GoldSection[] = []): GoldSection[] => {
  for (const s of secs ?? []) {
    out.push(s);
    goldFlat(s.children ?? [], out);
  }
  return out;
};
const CN = '一二三四五六七八九十';
const defaultLabel = (path: string) => (path.includes('.') ? '' : CN[Number(path) - 1] + '、');

function sectionF1(name: string, notice: Notice): { f1: number; missed: string[]; extra: string[] } {
  const g = goldFlat(gold(name).sections).map((s) => `${s.path}|${fullLabel(s.label ?? defaultLabel(s.path))}`);
  const p = flattenSections(notice.sections).map((s) => `${s.path}|${fullLabel(s.label)}`);
  const missed = g.filter((k) => !p.includes(k));
  const extra = p.filter((k) => !g.includes(k));
  const tp = g.length - missed.length;
  const f1 = (2 * tp) / (g.length + p.length || 1);
  return { f1, missed, extra };
}

function metaMatches(name: string, notice: Notice): string[] {
  const m = gold(name).meta;
  const pairs: [string, unknown, unknown][] = [
    ['title', m.title, notice.meta.title],
    ['issuer', m.issuer, notice.meta.issuer],
    ['docNumber', m.doc_number, notice.meta.docNumber],
    ['signedDate', m.signed_date, notice.meta.signedDate],
    ['printedDate', m.printed_date, notice.meta.printedDate],
    ['planYear', m.plan_year, notice.meta.planYear],
    ['publicity', m.publicity, notice.meta.publicity],
    ['recipients', (m.recipients ?? []).join('|'), notice.meta.recipients.join('|')],
    ['cc', (m.cc ?? []).join('|'), notice.meta.cc.join('|')],
  ];
  return pairs.filter(([, a, b]) => squash(a) !== squash(b)).map(([k, a, b]) => `${k}: gold=${a} got=${b}`);
}

describe.each(NAMES)('%s.txt', (name) => {
  const file = `fixtures/${name}.txt`;
  let notice: Notice;
  it('parses to a notice that validates against the published schema', async () => {
    notice = await parseFile(file);
    const ok = validate(JSON.parse(JSON.stringify(notice)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it('finds exactly the gold heading tree (paths and labels)', () => {
    const r = sectionF1(name, notice);
    expect({ missed: r.missed, extra: r.extra }).toEqual({ missed: [], extra: [] });
  });
  it('gives every section its gold title', () => {
    const byPath = new Map(flattenSections(notice.sections).map((s) => [s.path, s]));
    const wrong = goldFlat(gold(name).sections)
      .filter((g) => squash(byPath.get(g.path)?.title).replace(/[。；]$/, '') !== squash(g.title))
      .map((g) => `${g.path}: ${g.title} ≠ ${byPath.get(g.path)?.title}`);
    expect(wrong).toEqual([]);
  });
  it('reads the front and back matter', () => {
    expect(metaMatches(name, notice)).toEqual([]);
  });
  it('points the meta items at where they are printed', () => {
    const lines = readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
    const printed: [keyof Notice['meta'], string | null][] = [
      ['docNumber', notice.meta.docNumber],
      ['issuer', notice.meta.issuer],
      ['signedDate', notice.meta.signedDateText],
      ['printedDate', notice.meta.printedDateText],
      ['title', notice.meta.title],
    ];
    for (const [field, text] of printed) {
      const pos = notice.metaPositions[field];
      if (!text) continue;
      expect(pos, field).toBeDefined();
      const from = squash(lines[pos!.line - 1].slice(pos!.column - 1));
      expect(from.startsWith(squash(text).slice(0, 4)) || squash(text).startsWith(from.slice(0, 4)), `${field} at ${pos!.line}:${pos!.column}: ${from}`).toBe(true);
    }
  });
  it('points every section at its label in the original file', () => {
    const lines = readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
    for (const s of flattenSections(notice.sections)) {
      const line = lines[s.position.line - 1];
      const firstLabelChar = s.label.replace(/\s/g, '')[0];
      expect(line?.[s.position.column - 1], `${s.path} at ${s.position.line}:${s.position.column}`).toBe(firstLabelChar);
    }
  });
});

describe('format variants made from the same notices', () => {
  for (const ext of ['pdf', 'docx', 'doc']) {
    for (const name of NAMES) {
      const file = `fixtures/${name}.${ext}`;
      it.skipIf(!existsSync(file))(`${name}.${ext}: heading tree within 0.02 of the TXT score, meta complete`, async () => {
        const notice = await parseFile(file);
        expect(validate(JSON.parse(JSON.stringify(notice))), JSON.stringify(validate.errors)).toBe(true);
        const r = sectionF1(name, notice);
        expect(r.f1, JSON.stringify(r)).toBeGreaterThanOrEqual(0.98);
        expect(metaMatches(name, notice).length).toBeLessThanOrEqual(1);
        if (ext === 'pdf') expect(flattenSections(notice.sections).every((s) => (s.position.page ?? 0) >= 1)).toBe(true);
      });
    }
  }
});

describe('headings are decided by the expected next number', () => {
  it('does not take in-sentence enumerations, dates or 一是/二是 for headings', () => {
    const text = [
      '2022年某县政务公开工作要点',
      '一、总体要求',
      '（一）做好公开。重点包括：1.规划；2.预算。一是公开，二是解读，每年至少1次，2022年6月底前完成。',
      '二、工作任务',
      '（二）加强解读。要对“（三）类文件”开展解读，见《（四）号文件》。',
      '（三）强化回应。',
    ].join('\n');
    const paths = flattenSections(parseText(text).sections).map((s) => `${s.path}${s.label}`);
    expect(paths).toEqual(['1一、', '1.1（一）', '2二、', '2.1（二）', '2.2（三）']);
  });
  it('accepts a label broken across two lines and headings that run on mid-line', () => {
    const text = '2022年某区政务公开工作要点\n一、深化公开（一）做好发布。内容。（二）做好解读。内容（十\n五）不应出现。二、强化保障（三）抓落实。';
    const flat = flattenSections(parseText(text).sections);
    expect(flat.map((s) => s.label)).toEqual(['一、', '（一）', '（二）', '二、', '（三）']);
    expect(flat[0].title).toBe('深化公开');
  });
});
