/**
 * An input or usage problem the user can act on. The CLI prints it as
 * "错误：<zh> / Error: <en>" with the file name, exits 2, and never shows a stack.
 */
export type InputErrorCode =
  | 'empty-file'
  | 'not-found'
  | 'unreadable'
  | 'unsupported-format'
  | 'encrypted-pdf'
  | 'scanned-pdf'
  | 'corrupt-file'
  | 'unknown-encoding'
  | 'low-text-quality'
  | 'invalid-rule-file'
  | 'too-large'
  | 'network'
  | 'time-limit'
  | 'memory-limit'
  | 'too-large'
  | 'usage';

export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly file: string | null;
  readonly zh: string;
  readonly en: string;
  constructor(code: InputErrorCode, file: string | null, zh: string, en: string) {
    super(`${file ? file + ': ' : ''}${zh} / ${en}`);
    this.name = 'InputError';
    this.code = code;
    this.file = file;
    this.zh = zh;
    this.en = en;
  }
}
