/**
 * task-missing-unit — every row of the attached task table names a responsible (or lead)
 * unit. Merged cells are filled down by the parser, so an empty unit here is really empty.
 */
import { defineRule, sampleNotice } from './define.js';
import { TABLE_HEAD, TABLE_LINE } from './table-sample.js';

export default defineRule({
  meta: {
    id: 'task-missing-unit',
    type: 'consistency',
    severity: 'warning',
    pack: 'consistency',
    confidence: 'derived',
    description: { zh: '任务分解表每项任务应明确责任单位', en: 'Every task-table row names a responsible unit' },
    source: '派生规则：任务分解表须“明确责任主体和时限要求”（各要点“抓好工作落实”条）',
    messages: {
      missing: { zh: '任务分解表第{seq}项未明确责任单位', en: 'Task-table row {seq} names no responsible unit' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政策解读|坚持政策文件与解读材料同步组织、同步审签、同步部署。|区政府各部门|全年|'] }) }],
    invalid: [{ text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政策解读|坚持政策文件与解读材料同步组织、同步审签、同步部署。||全年|'] }), errors: [{ line: TABLE_LINE, messageId: 'missing' }] }],
  },
  check(notice, ctx) {
    for (const t of notice.tasks) {
      if (t.lead.length === 0 && t.responsible.length === 0) ctx.report({ node: t, messageId: 'missing', data: { seq: t.seq }, quote: t.requirement.slice(0, 40) });
    }
  },
});
