/**
 * heading-sequence — heading numbers run on without gaps or repeats, and levels nest:
 * 一、 → （一） → 1. → （1）. Each level is numbered from 1 under its parent, or runs on across
 * parents (（九） as the first child of 二、 after （八）) — both schemes are accepted.
 *
 * A label the parser could not take as a heading because its number was not the expected one
 * (（三） after （一）, or （二） twice) is found at the start of a source line (or of a sentence,
 * when the lines are not at hand) and reported there. A level used without its parent level
 * (1. directly under 一、) is only a warning.
 */
import { flattenSections } from '../../structure/index.js';
import type { Position, Section } from '../../model.js';
import type { ReportNode } from '../types.js';
import { squash } from '../matching.js';
import { defineRule, sampleNotice, BODY_LINE } from './define.js';
import { LEVEL_EXAMPLE, labelAtStart, labelNumber } from './labels.js';

const BACK_MATTER = /^(?:附件|抄送|印发|公开属性|[^\s]{0,40}\d{4}年\d{1,2}月\d{1,2}日印发)/;


const cmp = (a: Position, b: Position) => (a.page ?? 0) - (b.page ?? 0) || a.line - b.line;

interface Item {
  level: number;
  number: number;
  label: string;
  node: ReportNode;
  position: Position;
  quote: string;
}

export default defineRule({
  meta: {
    id: 'heading-sequence',
    type: 'format',
    severity: 'error',
    pack: 'format',
    confidence: 'C',
    description: { zh: '结构层次序数依次为“一、”“（一）”“1.”“（1）”，同级序号连续、不重复、不跳号', en: 'Headings go 一、 → （一） → 1. → （1）, numbered consecutively at each level' },
    source: 'GB/T 9704-2012《党政机关公文格式》7.3.3',
    schema: { type: 'object', additionalProperties: false, properties: { allowRunOn: { type: 'boolean', default: true } } },
    messages: {
      gap: { zh: '标题序号“{label}”不连续：此处应为第{expected}项', en: 'Heading "{label}" breaks the numbering: item {expected} was expected here' },
      repeat: { zh: '标题序号“{label}”重复', en: 'Heading number "{label}" is repeated' },
      skippedLevel: {
        zh: '“{label}”是第{level}层标题，但其上没有第{parentLevel}层（{parentExample}）标题',
        en: 'Heading "{label}" is at level {level} without a level-{parentLevel} heading ({parentExample}) above it',
        severity: 'warning',
      },
    },
  },
  cases: {
    valid: [
      { text: sampleNotice() },
      { text: sampleNotice({ body: ['一、总体要求', '（一）做好解读。加强解读。', '（二）回应关切。及时回应。', '二、保障措施', '（三）加强领导。抓好落实。'] }) },
      { text: sampleNotice({ body: ['一、总体要求', '（一）做好解读。加强解读。', '1.规范程序。按程序办理。', '2.丰富形式。多用图解。', '（二）回应关切。及时回应。'] }) },
    ],
    invalid: [
      { text: sampleNotice({ body: ['一、总体要求', '（一）做好解读。加强解读。', '（三）回应关切。及时回应。'] }), errors: [{ line: BODY_LINE + 2, messageId: 'gap' }] },
      { text: sampleNotice({ body: ['一、总体要求', '（一）做好解读。加强解读。', '（一）回应关切。及时回应。'] }), errors: [{ line: BODY_LINE + 2, messageId: 'repeat' }] },
      { text: sampleNotice({ body: ['一、总体要求', '1.做好解读。加强解读。', '2.回应关切。及时回应。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'skippedLevel' }] },
    ],
  },
  check(notice, ctx) {
    const all = flattenSections(notice.sections);
    if (all.length === 0) return;
    const allowRunOn = ctx.options.allowRunOn !== false;

    // 1. Every heading, and every label at a line start (or sentence start, without lines)
    //    that the parser did not take as a heading, in document order.
    const items: Item[] = all.map((s) => ({ level: s.level, number: labelNumber(s.label), label: s.label, node: s, position: s.position, quote: s.label + s.title }));
    const starts = new Set(all.map((s) => `${s.position.page}:${s.position.line}`));
    const candidates: { node: ReportNode; text: string; position: Position }[] = [];
    if (ctx.lines) {
      const first = all[0].position;
      const last = all[all.length - 1].position;
      let inBody = false;
      for (const l of ctx.lines) {
        const pos = { page: l.page, line: l.line, column: 1 };
        if (!inBody && cmp(pos, first) >= 0) inBody = true;
        if (!inBody) continue;
        const text = squash(l.text);
        if (cmp(pos, last) > 0 && BACK_MATTER.test(text)) break;
        candidates.push({ node: l, text, position: pos });
      }
    } else {
      for (const s of all) for (const o of s.obligations) if (o.position) candidates.push({ node: o, text: squash(o.text), position: o.position });
    }
    for (const c of candidates) {
      if (starts.has(`${c.position.page}:${c.position.line}`)) continue;
      const info = labelAtStart(c.text);
      if (info) items.push({ ...info, node: c.node, position: c.position, quote: c.text.slice(0, 30) });
    }
    items.sort((a, b) => cmp(a.position, b.position) || a.position.column - b.position.column);

    // 2. Walk them with a stack of open headings: each number follows its previous sibling,
    //    or starts at 1 (or runs on from the last number of that level) under a new parent.
    const stack: Item[] = [];
    const lastChild = new Map<Item | null, number>();
    const lastAt: Record<number, number> = {};
    for (const it of items) {
      while (stack.length && stack[stack.length - 1].level >= it.level) stack.pop();
      const parent = stack.length ? stack[stack.length - 1] : null;
      const prev = lastChild.get(parent);
      const orphan = prev === undefined && it.level > (parent?.level ?? 0) + 1;
      if (orphan) {
        const pl = it.level - 1;
        ctx.report({ node: it.node, messageId: 'skippedLevel', data: { label: it.label, level: it.level, parentLevel: pl, parentExample: LEVEL_EXAMPLE[pl as 1 | 2 | 3] }, quote: it.quote });
      }
      // An orphan's number cannot be judged against a parent that is not there: one finding, not two.
      if (Number.isFinite(it.number)) {
        const ok = prev === undefined ? it.number === 1 || (allowRunOn && it.number === (lastAt[it.level] ?? 0) + 1) : it.number === prev + 1;
        if (!ok && !orphan) {
          const repeat = prev !== undefined && it.number <= prev;
          ctx.report({ node: it.node, messageId: repeat ? 'repeat' : 'gap', data: { label: it.label, expected: prev === undefined ? 1 : prev + 1 }, quote: it.quote });
        }
        lastChild.set(parent, it.number);
        lastAt[it.level] = it.number;
      }
      stack.push(it);
    }
  },
});
