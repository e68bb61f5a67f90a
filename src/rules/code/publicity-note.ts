/**
 * publicity-note — a notice carries its 附注 (the publicity marking, usually "（此件公开发布）")
 * or a 公开属性 line. A plan that is published without either leaves its disclosure attribute
 * unstated.
 */
import { defineRule, sampleNotice } from './define.js';

export default defineRule({
  meta: {
    id: 'publicity-note',
    type: 'format',
    // GB/T 9704 7.3.6 reads "如有附注": a missing （此件公开发布） is advice, not a breach (requirements.md 8.10).
    severity: 'info',
    pack: 'format',
    confidence: 'C-',
    description: { zh: '应有附注（如“（此件公开发布）”）或公开属性标注', en: 'The notice carries a note such as （此件公开发布） or a 公开属性 line' },
    source: 'GB/T 9704-2012《党政机关公文格式》7.3.6；国办发〔2016〕80号 一（一）（公开属性源头认定）',
    messages: {
      missing: { zh: '未见附注“（此件公开发布）”或“公开属性”标注', en: 'No publicity note (（此件公开发布）) or 公开属性 line was found' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice() }],
    invalid: [{ text: sampleNotice({ publicity: null }), errors: [{ messageId: 'missing' }] }],
  },
  check(notice, ctx) {
    if (!notice.meta.publicity) ctx.report({ node: null, messageId: 'missing' });
  },
});
