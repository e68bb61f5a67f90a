/**
 * task-missing-deadline — every row of the attached task table has a time limit (完成时限).
 */
import { defineRule, sampleNotice } from './define.js';
import { TABLE_HEAD, TABLE_LINE } from './table-sample.js';

export default defineRule({
  meta: {
    id: 'task-missing-deadline',
    type: 'consistency',
    severity: 'warning',
    pack: 'consistency',
    confidence: 'derived',
    description: { zh: '任务分解表每项任务应明确完成时限', en: 'Every task-table row has a time limit' },
    source: '派生规则：任务分解表须“明确责任主体和时限要求”（各要点“抓好工作落实”条）',
    messages: {
      missing: { zh: '任务分解表第{seq}项未明确完成时限', en: 'Task-table row {seq} has no time limit' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政策解读|坚持政策文件与解读材料同步组织、同步审签、同步部署。|区政府各部门|全年|'] }) }],
    invalid: [{ text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政策解读|坚持政策文件与解读材料同步组织、同步审签、同步部署。|区政府各部门||'] }), errors: [{ line: TABLE_LINE, messageId: 'missing' }] }],
  },
  check(notice, ctx) {
    for (const t of notice.tasks) {
      if (!t.deadlineText.trim() && t.deadlines.length === 0) ctx.report({ node: t, messageId: 'missing', data: { seq: t.seq }, quote: t.requirement.slice(0, 40) });
    }
  },
});
