/**
 * heading-label-form — the printed form of heading labels: "一、", "（一）" with full-width
 * parentheses and nothing after them, "1." (not "1、"), "（1）". huating-2022 mixes "(三)"
 * with "（一）".
 */
import type { Section } from '../../model.js';
import { defineRule, sampleNotice, BODY_LINE } from './define.js';

const FORMS: Record<number, { re: RegExp; example: string }> = {
  1: { re: /^[一二三四五六七八九十]{1,3}、$/, example: '一、' },
  2: { re: /^（[一二三四五六七八九十]{1,3}）$/, example: '（一）' },
  3: { re: /^\d{1,2}[.．]$/, example: '1.' },
  4: { re: /^（\d{1,2}）$/, example: '（1）' },
};

export default defineRule({
  meta: {
    id: 'heading-label-form',
    type: 'format',
    severity: 'warning',
    pack: 'format',
    confidence: 'C-',
    description: { zh: '标题序数的标点：“（一）”“（1）”用全角括号且其后不加顿号，“1.”用下脚点', en: 'Heading labels use full-width parentheses with nothing after them, and "1." rather than "1、"' },
    source: 'GB/T 9704-2012《党政机关公文格式》7.3.3',
    messages: {
      form: { zh: '标题序数“{label}”应写作“{example}”', en: 'Heading label "{label}" should be written "{example}"' },
      forms: { zh: '标题序数“{label}”等{count}处写法不规范，应写作“{example}”的形式', en: 'Heading label "{label}" and {count} in all are misprinted; write them like "{example}"' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice() }],
    invalid: [
      { text: sampleNotice({ body: ['一、加强政策解读', '(一)做好政策解读。加强解读。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'form' }] },
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）做好政策解读。加强解读。', '1、规范程序。按程序办理。'] }), errors: [{ line: BODY_LINE + 2, messageId: 'form' }] },
      {
        name: '半角括号（三）至（五）是一处问题 / one habit, one finding',
        text: sampleNotice({ body: ['一、加强政策解读', '（一）做好政策解读。加强解读。', '（二）回应关切。及时回应。', '(三)规范程序。按程序办理。', '(四)丰富形式。多用图解。', '(五)强化保障。抓好落实。'] }),
        errors: [{ line: BODY_LINE + 3, messageId: 'forms' }],
      },
    ],
  },
  check(notice, ctx) {
    // One finding per kind of wrong form (a plan that writes "(三)" … "(二十六)" has one
    // habit, not 22 defects), listing every heading that has it.
    const groups = new Map<string, { first: Section; example: string; rest: Section[] }>();
    const visit = (sections: Section[]) => {
      for (const s of sections) {
        const form = FORMS[s.level];
        if (form && !form.re.test(s.label)) {
          const key = `${s.level}|${shape(s.label)}`;
          const g = groups.get(key);
          if (g) g.rest.push(s);
          else groups.set(key, { first: s, example: corrected(s.label, s.level) ?? form.example, rest: [] });
        }
        visit(s.children);
      }
    };
    visit(notice.sections);
    for (const { first, example, rest } of groups.values()) {
      const data = { label: first.label, example, count: rest.length + 1 };
      ctx.report({
        node: first,
        messageId: rest.length ? 'forms' : 'form',
        data,
        quote: first.label + first.title,
        also: rest.map((s) => ({ node: s, quote: s.label + s.title })),
      });
    }
  },
});

/** The label with its number taken out: "(三)" and "(二十六)" are the same habit. */
function shape(label: string): string {
  return label.replace(/[一二三四五六七八九十]+/g, '一').replace(/\d+/g, '1');
}

/** The label as it should be printed, keeping its own number: "(三)" → "（三）", "1、" → "1.". */
function corrected(label: string, level: number): string | null {
  const n = /[一二三四五六七八九十]+|\d+/.exec(label)?.[0];
  if (!n) return null;
  return { 1: `${n}、`, 2: `（${n}）`, 3: `${n}.`, 4: `（${n}）` }[level] ?? null;
}
