/**
 * Helpers for code rules: `defineRule` fills the defaults of a rule module's meta, and
 * `sampleNotice` writes the short notice texts their cases use (a 红头 notice in the usual
 * GB/T 9704 order, with the parts a case is about replaced).
 *
 * Line numbers of `sampleNotice` (for `errors: [{ line }]` in cases):
 *   2 文号 · 7 成文日期 · 8 附注 · 9 plan title · 10… body · then 抄送 and the 印发 line.
 */
import type { Rule, RuleMeta } from '../types.js';

type Def = Omit<Rule, 'meta'> & { meta: Omit<RuleMeta, 'kind' | 'schema'> & { schema?: object } };

export function defineRule(def: Def): Rule {
  return {
    ...def,
    meta: { schema: { type: 'object', additionalProperties: false, properties: {} }, ...def.meta, kind: 'code' },
  };
}

export const SAMPLE_BODY = ['一、加强政策解读', '（一）做好政策解读。坚持政策文件与解读材料同步组织、同步审签、同步部署。', '（二）回应社会关切。及时回应公众关切。'];

export interface SampleParts {
  docNumber?: string;
  signed?: string;
  printed?: string;
  publicity?: string | null;
  body?: string[];
  /** Lines between the body and 抄送 (an attachment table). */
  annex?: string[];
}

export function sampleNotice(p: SampleParts = {}): string {
  const lines = [
    '栖霞市人民政府办公室文件',
    p.docNumber ?? '栖政办发〔2022〕10号',
    '栖霞市人民政府办公室关于印发《2022年栖霞市政务公开工作要点》的通知',
    '各镇人民政府，市政府各部门：',
    '《2022年栖霞市政务公开工作要点》已经市政府同意，现印发给你们，请认真贯彻落实。',
    '栖霞市人民政府办公室',
    p.signed ?? '2022年6月14日',
    p.publicity === undefined ? '（此件公开发布）' : p.publicity ?? '',
    '2022年栖霞市政务公开工作要点',
    ...(p.body ?? SAMPLE_BODY),
    ...(p.annex ?? []),
    '抄送：市委办。',
    `栖霞市人民政府办公室 ${p.printed ?? '2022年6月14日'}印发`,
  ];
  return lines.join('\n') + '\n';
}

/** Line number of the first body line in `sampleNotice`. */
export const BODY_LINE = 10;
