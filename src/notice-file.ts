/**
 * The file object (model.ts `NoticeFile`) of each notice parsed in this process, so that a
 * later stage given only the notice — `checkNotice(notice)` in the library — sees the same
 * file (its source lines, its messages) that the CLI checks. A notice from elsewhere (a saved
 * parse output) gets a file object without source text.
 */
import type { Notice, NoticeFile, SourceText } from './model.js';

const FILES = new WeakMap<Notice, NoticeFile>();

/** Remember the file object a notice was parsed with. */
export function keepFile(file: NoticeFile): NoticeFile {
  FILES.set(file.notice, file);
  return file;
}

/** The file object of a notice: the one it was parsed with, or one without source text. */
export function fileOf(notice: Notice): NoticeFile {
  return FILES.get(notice) ?? keepFile({ path: notice.source.path, source: null, notice, messages: notice.messages, findings: [] });
}

/** The source a notice was parsed from (its lines, pages, tables), when this process parsed it. */
export function sourceOf(notice: Notice): SourceText | undefined {
  return fileOf(notice).source ?? undefined;
}
