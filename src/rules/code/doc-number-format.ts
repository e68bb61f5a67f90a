/**
 * doc-number-format — 发文字号 is 机关代字 + 〔YYYY〕 + number + 号 (GB/T 9704-2012 7.2.5):
 * the year in full inside 六角括号 〔〕 (not [] ［］ 【】 () （）), the number without 第 and
 * without leading zeros. A notice (关于印发…的通知) whose 文号 the parser could not read is
 * looked for in the source lines in a looser form (〔22〕, ［2022］) and reported as printed;
 * a notice with none at all is reported too.
 */
import type { SourceLine } from '../../model.js';
import { squash } from '../matching.js';
import { defineRule, sampleNotice } from './define.js';

const FORM = /^\S+〔\d{4}〕[1-9]\d*号$/;
/** Any bracket, a 2- or 4-digit year: what a clerk may have typed for a 文号. */
// A line that is only a 文号 (the 版头 line), not one cited in a sentence.
const LOOSE = /^([\u4e00-\u9fa5]{1,12})[〔［\[【(（{｛<〈]([0-9０-９]{2,4})[〕］\]】)）}｝>〉](第?[0-9０-９]{1,4})号$/;

function looseNumber(lines: SourceLine[]): { line: SourceLine; text: string } | null {
  for (const line of lines.slice(0, 40)) {
    const m = LOOSE.exec(squash(line.text));
    if (m) return { line, text: m[0] };
  }
  return null;
}

/** The 发文机关标志 of the 文件 format ("…人民政府办公室文件"): a document printed with it has a 文号. */
export function hasRedHeader(lines: SourceLine[] | null): boolean {
  return Boolean(lines?.slice(0, 8).some((l) => /^\S{2,30}文件$/.test(squash(l.text))));
}

function defect(text: string): string {
  const year = /[〔［\[【(（{｛<〈]([0-9０-９]+)/.exec(text)?.[1] ?? '';
  if (year.length !== 4) return 'shortYear';
  if (!/〔/.test(text)) return 'brackets';
  if (/〕第/.test(text)) return 'ordinal';
  if (/〕0\d*号$/.test(text)) return 'leadingZero';
  return 'form';
}

export default defineRule({
  meta: {
    id: 'doc-number-format',
    type: 'format',
    severity: 'error',
    pack: 'format',
    confidence: 'C',
    description: { zh: '发文字号应为“机关代字〔年份〕序号号”，年份用六角括号、序号不加“第”、不编虚位', en: 'The document number reads ORG〔YYYY〕N号 with hexagonal brackets, no 第 and no leading zeros' },
    source: 'GB/T 9704-2012《党政机关公文格式》7.2.5',
    messages: {
      brackets: { zh: '发文字号“{text}”的年份应使用六角括号〔〕', en: 'The year in document number "{text}" must be in hexagonal brackets 〔〕' },
      ordinal: { zh: '发文字号“{text}”的序号不加“第”字', en: 'The serial number in "{text}" takes no 第' },
      leadingZero: { zh: '发文字号“{text}”的序号不编虚位（不加前导0）', en: 'The serial number in "{text}" has a leading zero' },
      form: { zh: '发文字号“{text}”不符合“机关代字〔年份〕序号号”的格式', en: 'Document number "{text}" does not read ORG〔YYYY〕N号' },
      shortYear: { zh: '发文字号“{text}”的年份应标全称（如〔2022〕）', en: 'The year in document number "{text}" must be written in full (〔2022〕)' },
      missing: { zh: '通知有发文机关标志（“…文件”）但未见发文字号（机关代字〔年份〕序号号）', en: 'The notice has a red header ("…文件") but no document number (ORG〔YYYY〕N号)', severity: 'warning' },
      missingWeb: { zh: '未见发文字号；如为正式公文，应标注“机关代字〔年份〕序号号”', en: 'No document number; a formal document carries ORG〔YYYY〕N号', severity: 'info' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice() }, { text: sampleNotice({ docNumber: '菏区政办发〔2022〕15号' }) }],
    invalid: [
      { text: sampleNotice({ docNumber: '栖政办发[2022]10号' }), errors: [{ line: 2, messageId: 'brackets' }] },
      { text: sampleNotice({ docNumber: '栖政办发（2022）10号' }), errors: [{ line: 2, messageId: 'brackets' }] },
      { text: sampleNotice({ docNumber: '栖政办发〔2022〕第10号' }), errors: [{ line: 2, messageId: 'ordinal' }] },
      { text: sampleNotice({ docNumber: '栖政办发〔2022〕010号' }), errors: [{ line: 2, messageId: 'leadingZero' }] },
      { text: sampleNotice({ docNumber: '栖政办发［2022］10号' }), errors: [{ line: 2, messageId: 'brackets' }] },
      { text: sampleNotice({ docNumber: '栖政办发〔22〕10号' }), errors: [{ line: 2, messageId: 'shortYear' }] },
      { text: sampleNotice({ docNumber: '' }), errors: [{ messageId: 'missing' }] },
    ],
  },
  check(notice, ctx) {
    const text = notice.meta.docNumber;
    if (text) {
      if (!FORM.test(text)) ctx.report({ node: ctx.meta('docNumber'), messageId: defect(text), data: { text }, quote: text });
      return;
    }
    // Only a notice has a 文号 of its own: a bare 要点 text is the notice's attachment.
    if (!notice.meta.noticeTitle) return;
    const loose = ctx.lines ? looseNumber(ctx.lines) : null;
    if (loose) {
      if (!FORM.test(loose.text)) ctx.report({ node: loose.line, messageId: defect(loose.text), data: { text: loose.text }, quote: loose.text });
    } else ctx.report({ node: null, messageId: hasRedHeader(ctx.lines) ? 'missing' : 'missingWeb' });
  },
});
