/**
 * task-title-mismatch — the task table repeats the body's headings as its 工作任务 column;
 * a title that is almost, but not exactly, a body heading is a typo in one of them.
 * huaiyin-2022's table has "围绕社会关切，提升公开实效效" and "深化基层政务公标准化规范化建设".
 * Each distinct mismatching title is reported once, at the first row that carries it.
 */
import { flattenSections } from '../../structure/index.js';
import type { Section } from '../../model.js';
import { editDistance, fold } from '../matching.js';
import { defineRule, sampleNotice } from './define.js';
import { TABLE_HEAD, TABLE_LINE } from './table-sample.js';


const clean = (s: string) => fold(s).replace(/[。.;；]+$/, '');

export default defineRule({
  meta: {
    id: 'task-title-mismatch',
    type: 'consistency',
    severity: 'warning',
    pack: 'consistency',
    confidence: 'derived',
    description: { zh: '任务分解表的任务名称应与正文标题一致', en: 'Task-table titles match the body headings' },
    source: '派生规则：附件任务分解表是正文的分解，名称应与正文标题一致',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxDistance: { type: 'number', minimum: 1, default: 0.2, description: 'largest edit distance still taken as the same title: an integer, or a fraction of its length' } },
    },
    messages: {
      task: { zh: '任务分解表中的“{table}”与正文标题“{body}”（{path}）不一致', en: 'Task-table title "{table}" differs from body heading "{body}" ({path})' },
      chapter: { zh: '任务分解表中的“{table}”与正文标题“{body}”（{path}）不一致', en: 'Task-table chapter "{table}" differs from body heading "{body}" ({path})' },
    },
  },
  cases: {
    valid: [
      { text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政策解读|坚持政策文件与解读材料同步组织、同步审签、同步部署。|区政府各部门|全年|'] }) },
      { name: '重复录入的字归 duplicated-characters / a doubled character is the other rule\'s', text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政策解读读|坚持政策文件与解读材料同步组织、同步审签、同步部署。|区政府各部门|全年|'] }) },
    ],
    invalid: [{ text: sampleNotice({ annex: [...TABLE_HEAD, '|1|做好政解读|坚持政策文件与解读材料同步组织、同步审签、同步部署。|区政府各部门|全年|'] }), errors: [{ line: TABLE_LINE, messageId: 'task' }] }],
  },
  check(notice, ctx) {
    if (notice.tasks.length === 0) return;
    const sections = flattenSections(notice.sections).map((s) => ({ s, title: clean(s.title) }));
    const titles = new Set(sections.map((x) => x.title));
    const max = typeof ctx.options.maxDistance === 'number' ? ctx.options.maxDistance : 0.2;
    const done = new Set<string>();
    for (const t of notice.tasks) {
      for (const [field, messageId] of [['task', 'task'], ['chapter', 'chapter']] as const) {
        const printed = t[field];
        const title = clean(printed);
        if (!title || titles.has(title) || done.has(title)) continue;
        done.add(title);
        // A character typed twice ("实效效") is duplicated-characters' finding: one defect, one rule.
        if ([...title.matchAll(/(\p{Script=Han})\1/gu)].some((m) => titles.has(title.slice(0, m.index + 1) + title.slice(m.index + 2)))) continue;
        const limit = max >= 1 ? max : Math.max(1, Math.round([...title].length * max));
        let best: { s: Section; d: number } | null = null;
        for (const x of sections) {
          const d = editDistance(title, x.title);
          if (d <= limit && (!best || d < best.d)) best = { s: x.s, d };
        }
        if (best) ctx.report({ node: t, messageId, data: { table: printed, body: best.s.title, path: best.s.path }, quote: printed });
      }
    }
  },
});
