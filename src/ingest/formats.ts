/**
 * The input formats gkcheck reads, declared once. Everything that lists or picks input
 * formats derives from this table: ingest's dispatch (bytes → reader), folder and glob
 * expansion (which extensions a folder yields), the order in which one plan published in
 * several formats is picked (diff --matrix), the CLI's help text and the "unsupported
 * format" message.
 *
 *   input:  nothing (a table)
 *   output: INPUT_FORMATS, and helpers that read it
 *
 * The format of a file always comes from its bytes (./sniff.ts); extensions only say which
 * files of a folder look like notices. Adding a format is one entry here plus its reader
 * module (loaded lazily, so importing this table stays cheap) and, when its bytes need a
 * test of their own, a `sniff` function, which ./sniff.ts tries before it falls back to
 * plain text.
 */
import type { Format, SourceText } from '../model.js';
import type { Text } from '../i18n/index.js';
import { looksLikeHtml } from './html-sniff.js';

export interface InputFormat {
  format: Format;
  /** How a person names it: "Word（.docx）" / "Word (.docx)". */
  label: Text;
  /** Lower-case, with the dot. A folder yields files with these extensions. */
  extensions: readonly string[];
  /** Bytes → SourceText; throws InputError for what the user must fix. */
  read(bytes: Uint8Array, path: string): Promise<SourceText>;
  /**
   * For text-like formats that no magic number identifies (e.g. a web page): true when the
   * bytes are this format. Tried in table order before plain text.
   */
  sniff?(bytes: Uint8Array): boolean;
}

/**
 * In order of preference when the same plan sits in a folder in several formats: the
 * formats that keep the most structure first (Word's paragraphs and tables, then plain
 * text), PDF last (its lines are the printer's, not the author's).
 */
export const INPUT_FORMATS: readonly InputFormat[] = [
  {
    format: 'docx',
    label: { zh: 'Word（.docx）', en: 'Word (.docx)' },
    extensions: ['.docx'],
    read: async (bytes, path) => (await import('./docx.js')).ingestDocx(bytes, path),
  },
  {
    format: 'html',
    label: { zh: '网页（.html/.htm，含另存的网页）', en: 'web page (.html/.htm, saved pages too)' },
    extensions: ['.html', '.htm'],
    read: async (bytes, path) => (await import('./html.js')).ingestHtml(bytes, path),
    sniff: looksLikeHtml,
  },
  {
    format: 'txt',
    label: { zh: '纯文本（.txt，任意常见编码）', en: 'plain text (.txt, any common encoding)' },
    extensions: ['.txt'],
    read: async (bytes, path) => (await import('./plain-text.js')).ingestText(bytes, path),
  },
  {
    format: 'doc',
    label: { zh: 'Word 97–2003（.doc）', en: 'Word 97–2003 (.doc)' },
    extensions: ['.doc'],
    read: async (bytes, path) => (await import('./doc.js')).ingestDoc(bytes, path),
  },
  {
    format: 'xlsx',
    label: { zh: 'Excel 任务分解表（.xlsx）', en: 'Excel task table (.xlsx)' },
    extensions: ['.xlsx'],
    read: async (bytes, path) => (await import('./xlsx.js')).ingestXlsx(bytes, path),
  },
  {
    format: 'pdf',
    label: { zh: 'PDF（有文字层）', en: 'PDF (with a text layer)' },
    extensions: ['.pdf'],
    read: async (bytes, path) => (await import('./pdf.js')).ingestPdf(bytes, path),
  },
];

/** Every extension a folder or glob yields, lower-case with the dot: .docx .txt .doc .xlsx .pdf */
export const INPUT_EXTENSIONS: readonly string[] = INPUT_FORMATS.flatMap((f) => f.extensions);

export function inputFormat(format: Format): InputFormat | undefined {
  return INPUT_FORMATS.find((f) => f.format === format);
}

/** True when a file name has one of the input extensions (case-insensitive). */
export function hasInputExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return INPUT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Preference rank of a file name's format (lower is better), for picking one of several copies. */
export function preferenceOf(name: string): number {
  const lower = name.toLowerCase();
  const i = INPUT_FORMATS.findIndex((f) => f.extensions.some((e) => lower.endsWith(e)));
  return i < 0 ? INPUT_FORMATS.length : i;
}

/** "Word（.docx）、纯文本（.txt…）、…" — the list for help text and error messages. */
export function inputFormatList(): Text {
  return {
    zh: INPUT_FORMATS.map((f) => f.label.zh).join('、'),
    en: INPUT_FORMATS.map((f) => f.label.en).join(', '),
  };
}

/** ".pdf/.docx/.doc/.xlsx/.txt" — short form for one-line help. */
export function inputExtensionList(sep = '/'): string {
  return INPUT_EXTENSIONS.join(sep);
}
