/**
 * deadline-outside-plan-year — the dated deadlines of a plan for year N fall inside year N:
 * "2021年底前" in a 2022 plan is an old deadline copied forward (error); a deadline after N
 * needs a reason (warning); a deadline already past when the notice was issued is a warning.
 */
import type { Deadline, Section } from '../../model.js';
import { defineRule, sampleNotice, BODY_LINE } from './define.js';

function* deadlines(sections: Section[]): Generator<Deadline> {
  for (const s of sections) {
    yield* s.deadlines;
    for (const o of s.obligations) yield* o.deadlines;
    yield* deadlines(s.children);
  }
}

export default defineRule({
  meta: {
    id: 'deadline-outside-plan-year',
    type: 'consistency',
    severity: 'error',
    pack: 'consistency',
    confidence: 'derived',
    description: { zh: '年度要点的完成时限应在计划年度内，且不早于印发日期', en: 'Deadlines of an annual plan fall inside the plan year and not before issuance' },
    source: '派生规则：年度政务公开工作要点（如国办发〔2022〕8号）部署当年任务，时限应在计划年度内',
    schema: { type: 'object', additionalProperties: false, properties: { allowLater: { type: 'boolean', default: false } } },
    messages: {
      beforePlanYear: { zh: '时限“{text}”（{date}）早于计划年度{year}年', en: 'Deadline "{text}" ({date}) is before the plan year {year}' },
      afterPlanYear: { zh: '时限“{text}”（{date}）超出计划年度{year}年，需说明理由', en: 'Deadline "{text}" ({date}) is after the plan year {year}; it needs a reason', severity: 'warning' },
      beforeIssuance: { zh: '时限“{text}”（{date}）早于印发日期{issued}', en: 'Deadline "{text}" ({date}) is before the notice was issued ({issued})', severity: 'warning' },
    },
  },
  cases: {
    valid: [
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）集中公开规范性文件。2022年底前完成清理。'] }) },
      { name: '每年…前是每年的职责 / a yearly duty', text: sampleNotice({ body: ['一、规范年度报告', '（一）按时公布年报。各部门于每年1月31日前公布本部门上一年度政府信息公开工作年度报告。'] }) },
      { name: '无年份的法定日期 / a statutory date without a year', text: sampleNotice({ body: ['一、规范年度报告', '（一）按时公布年报。各部门于1月31日前公布本部门年报，市政府办公室于3月31日前公布全市年度报告。'] }) },
    ],
    invalid: [
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）集中公开规范性文件。2021年底前完成清理。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'beforePlanYear' }] },
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）集中公开规范性文件。2023年6月底前完成清理。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'afterPlanYear' }] },
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）集中公开规范性文件。2022年5月底前完成清理。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'beforeIssuance' }] },
      { text: sampleNotice({ body: ['一、加强政策解读', '（一）集中公开规范性文件。2021年1月31日前完成清理，每年3月31日前公布年度报告。'] }), errors: [{ line: BODY_LINE + 1, messageId: 'beforePlanYear' }] },
    ],
  },
  check(notice, ctx) {
    const year = notice.meta.planYear;
    if (!year) return;
    const issued = notice.meta.printedDate ?? notice.meta.signedDate;
    const seen = new Set<string>();
    const all = [...deadlines(notice.sections), ...notice.tasks.flatMap((t) => t.deadlines)];
    for (const d of all) {
      if (d.kind !== 'date' || !/^\d{4}-\d{2}-\d{2}$/.test(d.value)) continue;
      // 每年1月31日前 is a yearly duty, not a one-off date of this plan.
      if (d.recurring) continue;
      const key = `${d.text}|${d.position?.page}:${d.position?.line}:${d.position?.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const y = Number(d.value.slice(0, 4));
      const data = { text: d.text, date: d.value, year, issued: issued ?? '' };
      if (y < year) ctx.report({ node: d, messageId: 'beforePlanYear', data, quote: d.text });
      else if (y > year && !ctx.options.allowLater) ctx.report({ node: d, messageId: 'afterPlanYear', data, quote: d.text });
      // "3月31日前" without a year in a plan issued in June is read as the next 31 March (the
      // statutory dates of 条例第四十九条 are repeated this way); only a printed year is "past".
      else if (issued && d.value < issued && /\d{4}|[〇零一二三四五六七八九]{4}/.test(d.text)) ctx.report({ node: d, messageId: 'beforeIssuance', data, quote: d.text });
    }
  },
});
