/**
 * Every InputError ingest throws, in one place: each says what is wrong and
 * what the user can do about it, in Chinese and English.
 */
import { inputFormatList } from './formats.js';
import { InputError } from '../errors.js';

export function notFound(file: string): InputError {
  return new InputError(
    'not-found',
    file,
    '找不到该文件，请检查路径和文件名是否正确',
    'File not found: check the path and the file name',
  );
}

export function unreadable(file: string, reason: { zh: string; en: string }): InputError {
  return new InputError(
    'unreadable',
    file,
    `无法读取该文件（${reason.zh}），请确认它是一个普通文件且有读取权限`,
    `Cannot read the file (${reason.en}): make sure it is a regular file you have permission to read`,
  );
}

export function emptyFile(file: string, what?: { zh: string; en: string }): InputError {
  return new InputError(
    'empty-file',
    file,
    `${what?.zh ?? '文件是空的'}，没有可检查的文字，请确认选对了文件或重新导出`,
    `${what?.en ?? 'The file is empty'}: there is no text to check — make sure you picked the right file, or export it again`,
  );
}

/** `kind` names what the file looks like, e.g. { zh: 'PNG 图片', en: 'a PNG image' }. */
export function unsupported(file: string, kind?: { zh: string; en: string }, advice?: { zh: string; en: string }): InputError {
  const zhKind = kind ? `该文件是${kind.zh}，` : '无法识别该文件的格式，';
  const enKind = kind ? `The file is ${kind.en}: ` : 'The file format is not recognised: ';
  return new InputError(
    'unsupported-format',
    file,
    `${zhKind}${advice?.zh ?? `仅支持${inputFormatList().zh}文件，请另存为其中一种格式后再试`}`,
    `${enKind}${advice?.en ?? `only these are supported: ${inputFormatList().en}; save it in one of these formats and try again`}`,
  );
}

export function encryptedPdf(file: string): InputError {
  return new InputError(
    'encrypted-pdf',
    file,
    '该 PDF 已加密，请先用 WPS/Acrobat 去除打开密码后再试',
    'The PDF is encrypted: remove the open password (e.g. in WPS or Acrobat) and try again',
  );
}

export function scannedPdf(file: string, pages: number): InputError {
  return new InputError(
    'scanned-pdf',
    file,
    `该 PDF 是扫描件（${pages} 页均为图片，没有文字层），无法提取文字，请提供原始 Word/文本版本，或先做 OCR 文字识别后再试`,
    `The PDF is a scan (all ${pages} pages are images without a text layer): provide the original Word/text version, or an OCR'd PDF`,
  );
}

/** `detail` is a short reason; a library's own (English) message may be used for both languages. */
export function corrupt(file: string, format: { zh: string; en: string }, detail?: { zh: string; en: string }): InputError {
  const d = detail ? `（${detail.zh}）` : '';
  const de = detail ? ` (${detail.en})` : '';
  return new InputError(
    'corrupt-file',
    file,
    `该${format.zh}文件已损坏或不完整${d}，无法读取，请重新下载或从原文件重新导出后再试`,
    `The ${format.en} file is damaged or incomplete${de} and cannot be read: download it again, or export it again from the original`,
  );
}

export function unknownEncoding(file: string, score: number): InputError {
  return new InputError(
    'unknown-encoding',
    file,
    `无法识别该文本文件的字符编码（按 UTF-8、GB18030、UTF-16 解码均为乱码，质量 ${(score * 100).toFixed(1)}%），请用记事本/WPS 另存为 UTF-8 编码后再试`,
    `Cannot tell the text file's character encoding (UTF-8, GB18030 and UTF-16 all give garbage, quality ${(score * 100).toFixed(1)}%): save it as UTF-8 (e.g. in Notepad or WPS) and try again`,
  );
}

export function lowQuality(file: string, score: number, what: { zh: string; en: string }): InputError {
  const pct = (score * 100).toFixed(1);
  return new InputError(
    'low-text-quality',
    file,
    `${what.zh}的文字几乎都是乱码（质量 ${pct}%），无法检查，请提供原始 Word/文本版本，或重新导出该文件后再试`,
    `The text of ${what.en} is almost all garbage (quality ${pct}%) and cannot be checked: provide the original Word/text version, or export the file again`,
  );
}

/** `what` says what is too big (e.g. 'Word 文件包含 20000 个内部文件'), `limit` the cap it went over. */
export function tooLarge(file: string, what: { zh: string; en: string }, limit: { zh: string; en: string }): InputError {
  return new InputError(
    'too-large',
    file,
    `${what.zh}，超过上限（${limit.zh}），无法读取；如确是正常文件，请另存为较小的文件或拆分后再试`,
    `${what.en}, over the limit (${limit.en}), so it is not read: if the file is genuine, save it again smaller or split it`,
  );
}
