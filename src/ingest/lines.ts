/**
 * Line helpers shared by every format. Ingest does no normalisation beyond
 * removing NUL and form-feed characters (Word and PDF extraction emit them);
 * src/normalize does the rest.
 */
import type { SourceLine } from '../model.js';

const LINE_BREAK = /\r\n|\n|\r/;

/** Split on \r\n, \n or \r. A trailing break does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(LINE_BREAK);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Remove NUL and form feed; nothing else. */
export function cleanLine(text: string): string {
  return text.replace(/[\u0000\f]/g, '');
}

/** Lines of a text as SourceLines numbered from `firstLine`. */
export function toSourceLines(text: string, page: number | null, firstLine = 1): SourceLine[] {
  return splitLines(text).map((t, i) => ({ text: cleanLine(t), page, line: firstLine + i }));
}

/** True when no line has a visible character. */
export function allBlank(lines: readonly SourceLine[]): boolean {
  return lines.every((l) => /^[\s\u3000]*$/.test(l.text));
}
