/**
 * heading-label-form — the printed form of heading labels: "一、", "（一）" with full-width
 * parentheses and nothing after them, "1." (not "1、"), "（1）". huating-2022 mixes "(三)"
 * with "（一）".
 */
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
      form: { zh: '标题序数“{label}”应写作“{example}”的形式', en: 'Heading label "{label}" should be written like "{example}"' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice() }],
    invalid: [
      { text: sampleNotice({ body: ['一、加强政策解读', '(一)做好政策解读。加强解读。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'form' }] },
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）做好政策解读。加强解读。', '1、规范程序。按程序办理。'] }), errors: [{ line: BODY_LINE + 2, messageId: 'form' }] },
    ],
  },
  check(notice, ctx) {
    const visit = (sections: typeof notice.sections) => {
      for (const s of sections) {
        const form = FORMS[s.level];
        if (form && !form.re.test(s.label)) ctx.report({ node: s, messageId: 'form', data: { label: s.label, example: form.example }, quote: s.label + s.title });
        visit(s.children);
      }
    };
    visit(notice.sections);
  },
});
