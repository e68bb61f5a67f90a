/**
 * date-format — 成文日期 (and the 印发日期 of the 版记) in Arabic numerals with year, month and
 * day, the year in full and no zero padding: 2022年6月14日. "2022年八月3日", "二〇二二年六月十四日"
 * and "2022年06月14日" fail.
 */
import type { SourceLine } from '../../model.js';
import { squash } from '../matching.js';
import { defineRule, sampleNotice } from './define.js';
import { hasRedHeader } from './doc-number-format.js';

const FORM = /^\d{4}年[1-9]\d?月[1-9]\d?日$/;
/**
 * A line that is only a date in some other form — 2022.5.20, 2022-05-20, 2022/5/20, 22年5月20日:
 * a 成文日期 the parser did not take as one.
 */
const LOOSE_LINE = /^(?:[0-9０-９]{2,4}[.．\-/／][0-9０-９]{1,2}[.．\-/／][0-9０-９]{1,2}日?|[0-9０-９]{2}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日)$/;

function looseDate(lines: SourceLine[]): { line: SourceLine; text: string } | null {
  for (const line of lines) {
    const text = squash(line.text);
    if (LOOSE_LINE.test(text)) return { line, text };
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'date-format',
    type: 'format',
    severity: 'error',
    pack: 'format',
    confidence: 'C',
    description: { zh: '成文日期、印发日期用阿拉伯数字将年、月、日标全，年份标全称，月、日不编虚位', en: 'Signing and printing dates use Arabic numerals with full year, month and day, no zero padding' },
    source: 'GB/T 9704-2012《党政机关公文格式》7.3.5.4、7.4.3；中办发〔2012〕14号《党政机关公文处理工作条例》第九条（十二）',
    messages: {
      signed: { zh: '成文日期“{text}”应使用阿拉伯数字标全年、月、日（如2022年6月14日）', en: 'Signing date "{text}" must use Arabic numerals for year, month and day (e.g. 2022年6月14日)' },
      printed: { zh: '印发日期“{text}”应使用阿拉伯数字标全年、月、日（如2022年6月14日）', en: 'Printing date "{text}" must use Arabic numerals for year, month and day (e.g. 2022年6月14日)' },
      signedMissing: { zh: '通知有发文机关标志（“…文件”）但未见成文日期（如2022年6月14日）', en: 'The notice has a red header ("…文件") but no signing date (e.g. 2022年6月14日)', severity: 'warning' },
      signedMissingWeb: { zh: '未见成文日期；如为正式公文，应标注成文日期（如2022年6月14日）', en: 'No signing date; a formal document carries one (e.g. 2022年6月14日)', severity: 'info' },
    },
  },
  cases: {
    valid: [{ text: sampleNotice() }, { text: sampleNotice({ signed: '2022年12月31日', printed: '2022年12月31日' }) }],
    invalid: [
      { text: sampleNotice({ signed: '2022年八月3日', printed: '2022年8月3日' }), errors: [{ line: 7, messageId: 'signed' }] },
      { text: sampleNotice({ signed: '2022年06月14日' }), errors: [{ line: 7, messageId: 'signed' }] },
      { text: sampleNotice({ signed: '二〇二二年六月十四日' }), errors: [{ line: 7, messageId: 'signed' }] },
      { text: sampleNotice({ signed: '2022.5.20', printed: '2022年6月14日' }), errors: [{ line: 7, messageId: 'signed' }] },
      { text: sampleNotice({ signed: '', printed: '2022年6月14日' }), errors: [{ messageId: 'signedMissing' }] },
    ],
  },
  check(notice, ctx) {
    const { signedDateText, printedDateText } = notice.meta;
    if (signedDateText && !FORM.test(signedDateText)) {
      ctx.report({ node: ctx.meta('signedDate'), messageId: 'signed', data: { text: signedDateText }, quote: signedDateText });
    } else if (!signedDateText && notice.meta.noticeTitle) {
      // Only a notice carries a 成文日期: a bare 要点 text is its attachment.
      const loose = ctx.lines ? looseDate(ctx.lines) : null;
      if (loose) ctx.report({ node: loose.line, messageId: 'signed', data: { text: loose.text }, quote: loose.text });
      else ctx.report({ node: null, messageId: hasRedHeader(ctx.lines) ? 'signedMissing' : 'signedMissingWeb' });
    }
    if (printedDateText && !FORM.test(printedDateText)) {
      ctx.report({ node: ctx.meta('printedDate'), messageId: 'printed', data: { text: printedDateText }, quote: printedDateText });
    }
  },
});
