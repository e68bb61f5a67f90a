/**
 * doc-number-format — 发文字号 is 机关代字 + 〔YYYY〕 + number + 号 (GB/T 9704-2012 7.2.5):
 * the year in full inside 六角括号 〔〕 (not [] 【】 () （）), the number without 第 and
 * without leading zeros.
 */
import { defineRule, sampleNotice } from './define.js';

const FORM = /^\S+〔\d{4}〕[1-9]\d*号$/;

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
    },
  },
  cases: {
    valid: [{ text: sampleNotice() }, { text: sampleNotice({ docNumber: '菏区政办发〔2022〕15号' }) }],
    invalid: [
      { text: sampleNotice({ docNumber: '栖政办发[2022]10号' }), errors: [{ line: 2, messageId: 'brackets' }] },
      { text: sampleNotice({ docNumber: '栖政办发（2022）10号' }), errors: [{ line: 2, messageId: 'brackets' }] },
      { text: sampleNotice({ docNumber: '栖政办发〔2022〕第10号' }), errors: [{ line: 2, messageId: 'ordinal' }] },
      { text: sampleNotice({ docNumber: '栖政办发〔2022〕010号' }), errors: [{ line: 2, messageId: 'leadingZero' }] },
    ],
  },
  check(notice, ctx) {
    const text = notice.meta.docNumber;
    if (!text || FORM.test(text)) return;
    const messageId = /[\[【(（][\d]{4}[\]】)）]/.test(text)
      ? 'brackets'
      : /〕第/.test(text)
        ? 'ordinal'
        : /〕0\d*号$/.test(text)
          ? 'leadingZero'
          : 'form';
    ctx.report({ node: ctx.meta('docNumber'), messageId, data: { text }, quote: text });
  },
});
