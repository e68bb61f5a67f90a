/**
 * duplicated-characters — a character typed twice in a heading or task title ("提升公开实效效").
 * A doubled character is often legitimate across a word boundary (工作|作风, 公开|开展), so it
 * is reported only with evidence: the title without the second copy is another title of the
 * notice (the body heading the table row repeats), or the pair ends the title. Reduplicated
 * words (层层, 常常, 人人 …) are allowed, and more with the `allow` option.
 */
import { defineRule, sampleNotice, BODY_LINE } from './define.js';
import { TABLE_HEAD, TABLE_LINE } from './table-sample.js';

const ALLOWED = [
  '层层', '常常', '人人', '事事', '处处', '时时', '年年', '天天', '步步', '个个', '件件', '项项', '条条', '家家', '户户',
  '村村', '点点', '一一', '实实', '在在', '明明', '白白', '紧紧', '牢牢', '切切', '好好', '多多', '渐渐', '仅仅', '往往',
  '恰恰', '频频', '久久', '统统', '种种', '方方', '面面', '清清', '楚楚', '扎扎', '稳稳', '深深', '快快', '真真', '踏踏',
];

export default defineRule({
  meta: {
    id: 'duplicated-characters',
    type: 'consistency',
    severity: 'warning',
    pack: 'consistency',
    confidence: 'derived',
    description: { zh: '标题和任务名称中不应有误重复的字', en: 'Headings and task titles have no accidentally doubled characters' },
    source: '派生规则：校对（GB/T 9704-2012 7.3.3 标题层次；任务分解表与正文一致）',
    schema: { type: 'object', additionalProperties: false, properties: { allow: { type: 'array', items: { type: 'string', minLength: 2 } } } },
    messages: {
      doubled: { zh: '标题“{title}”中“{chars}”疑为重复录入', en: 'Title "{title}" has "{chars}", probably a doubled character' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice({ body: ['一、层层压实责任', '（一）做好政策解读。加强解读。'] }) }],
    invalid: [
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）提升公开实效效。加强解读。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'doubled' }] },
      { text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政策解读读|坚持政策文件与解读材料同步组织、同步审签、同步部署。|区政府各部门|全年|'] }), errors: [{ line: TABLE_LINE, messageId: 'doubled' }] },
    ],
  },
  check(notice, ctx) {
    const allowed = new Set([...ALLOWED, ...((ctx.options.allow as string[] | undefined) ?? [])]);
    const known = new Set<string>();
    const collect = (ss: typeof notice.sections) => ss.forEach((s) => (known.add(s.title), collect(s.children)));
    collect(notice.sections);
    for (const t of notice.tasks) known.add(t.task).add(t.chapter);
    const doubled = (title: string) => {
      for (const m of title.matchAll(/(\p{Script=Han})\1/gu)) {
        if (allowed.has(m[0])) continue;
        const end = m.index + 2;
        const single = title.slice(0, m.index + 1) + title.slice(end);
        if (end === title.replace(/[。.，,；;]+$/, '').length || known.has(single)) return m[0];
      }
      return null;
    };
    const visit = (sections: typeof notice.sections) => {
      for (const s of sections) {
        const chars = doubled(s.title);
        if (chars) ctx.report({ node: s, messageId: 'doubled', data: { title: s.title, chars }, quote: s.label + s.title });
        visit(s.children);
      }
    };
    visit(notice.sections);
    const done = new Set<string>();
    for (const t of notice.tasks) {
      for (const title of [t.chapter, t.task]) {
        if (!title || done.has(title)) continue;
        done.add(title);
        const chars = doubled(title);
        if (chars) ctx.report({ node: t, messageId: 'doubled', data: { title, chars }, quote: title });
      }
    }
  },
});
