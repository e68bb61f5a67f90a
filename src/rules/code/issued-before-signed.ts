/**
 * issued-before-signed — the 印发日期 in the 版记 cannot precede the 成文日期: a notice is
 * printed after it is signed. huating-2022 is printed 2022-07-03 but signed 2022-08-03.
 */
import { defineRule, SAMPLE_BODY, sampleNotice, BODY_LINE } from './define.js';

const PRINTED_LINE = BODY_LINE + SAMPLE_BODY.length + 1;

export default defineRule({
  meta: {
    id: 'issued-before-signed',
    type: 'consistency',
    severity: 'error',
    pack: 'consistency',
    confidence: 'derived',
    description: { zh: '印发日期不得早于成文日期', en: 'The printing date is not before the signing date' },
    source: 'GB/T 9704-2012《党政机关公文格式》7.3.5.4、7.4.3；中办发〔2012〕14号《党政机关公文处理工作条例》第九条（十二）（十七）',
    messages: {
      before: { zh: '印发日期{printed}早于成文日期{signed}', en: 'Printing date {printed} is before signing date {signed}' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice() }, { text: sampleNotice({ signed: '2022年6月14日', printed: '2022年6月20日' }) }],
    invalid: [{ text: sampleNotice({ signed: '2022年8月3日', printed: '2022年7月3日' }), errors: [{ line: PRINTED_LINE, messageId: 'before' }] }],
  },
  check(notice, ctx) {
    const { signedDate, printedDate, printedDateText } = notice.meta;
    if (signedDate && printedDate && printedDate < signedDate) {
      ctx.report({ node: ctx.meta('printedDate'), messageId: 'before', data: { printed: printedDate, signed: signedDate }, ...(printedDateText ? { quote: printedDateText } : {}) });
    }
  },
});
