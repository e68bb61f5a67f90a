/**
 * DOCX via mammoth.
 *
 * mammoth.convertToHtml is run with its documented `transformDocument` hook, and
 * the document tree handed to that hook is read directly: it is exactly what
 * the HTML is rendered from (the same <td colspan rowspan>, covered cells
 * already omitted), without needing an HTML parser.
 *
 * - Lines: one per body paragraph, in order, tables excluded (their text is NOT
 *   repeated in lines). `page` = null; `line` counts the emitted lines from 1:
 *   every non-table paragraph (empty ones included) is one line, and a manual
 *   line break (Shift+Enter) inside a paragraph starts a new line that takes the
 *   next number. Without manual breaks, line = paragraph index among non-table
 *   paragraphs.
 * - Word's automatic numbering (一、 / （一） from numbering.xml) is computed by
 *   ./docx-prepare.ts and read as if typed: the label, then the paragraph's text.
 * - Page headers come first as lines (a 文号 or 机关 name printed there is front
 *   matter), footers last; page-number fields are left out.
 * - Small layout tables (at most 3 rows of at most 3 filled cells, short text: the
 *   版头 or 落款 laid out in a borderless table) are read as lines, not as tables, so
 *   a 文号 or 成文日期 in them reaches the metadata.
 * - Tables: rows of the cells that start in that row, with Word's gridSpan as
 *   colSpan and vMerge runs as rowSpan. Cell text = its paragraphs joined by
 *   "\n"; a nested table is flattened into its cell's text (cells "\t", rows "\n").
 *   `position.line` = the number the next body line gets (the table sits
 *   just before that line), column 1.
 * - Text boxes are read with or without their VML fallback; footnotes and
 *   comments are not read.
 */
import type { Message, SourceLine, SourceTable, SourceText, TableCell } from '../model.js';
import { corrupt } from './errors.js';
import { prepareDocx } from './docx-prepare.js';
import { cleanLine, splitLines } from './lines.js';
import { toTextQuality, wordTextQuality } from './quality.js';

const WORD = { zh: ' Word（.docx）', en: 'Word (.docx)' };

/** The parts of mammoth's document model this module reads. */
interface MNode {
  type: string;
  children?: MNode[];
  value?: string;
  breakType?: string;
  colSpan?: number;
  rowSpan?: number;
  numbering?: { level: string; isOrdered: boolean } | null;
  checked?: boolean;
}

/** Text of an inline subtree: runs, hyperlinks, text, tabs, breaks. */
function inlineText(node: MNode): string {
  switch (node.type) {
    case 'text':
      return node.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return node.breakType === 'line' ? '\n' : '';
    case 'checkbox':
      return node.checked ? '☑' : '☐';
    case 'paragraph': // a text box's paragraph inside a run: its own line
      return '\n' + (node.children ?? []).map(inlineText).join('') + '\n';
    default:
      return (node.children ?? []).map(inlineText).join('');
  }
}

/** Text of a paragraph: its runs (a nested text-box paragraph becomes its own line). */
const paragraphText = (p: MNode): string => (p.children ?? []).map(inlineText).join('');

/** Text of a block subtree (cell contents): paragraphs joined with "\n". */
function blockText(nodes: readonly MNode[]): string {
  const parts: string[] = [];
  for (const n of nodes) {
    if (n.type === 'paragraph') parts.push(paragraphText(n));
    else if (n.type === 'table') parts.push(tableToText(n));
    else parts.push(inlineText(n));
  }
  return parts.join('\n');
}

function tableToText(table: MNode): string {
  return (table.children ?? [])
    .map((row) => (row.children ?? []).map((cell) => blockText(cell.children ?? []).replace(/\n/g, ' ')).join('\t'))
    .join('\n');
}

function toTable(table: MNode, line: number): SourceTable {
  const rows: TableCell[][] = [];
  for (const row of table.children ?? []) {
    if (row.type !== 'tableRow') continue;
    const cells: TableCell[] = [];
    for (const cell of row.children ?? []) {
      if (cell.type !== 'tableCell') continue;
      cells.push({
        text: cleanLine(blockText(cell.children ?? [])),
        rowSpan: cell.rowSpan ?? 1,
        colSpan: cell.colSpan ?? 1,
      });
    }
    rows.push(cells);
  }
  return { rows, position: { page: null, line, column: 1 } };
}

function libMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A table used for layout (版头, 落款) rather than data: few rows, few filled cells, short text. */
function isLayoutTable(table: MNode): boolean {
  const rows = (table.children ?? []).filter((r) => r.type === 'tableRow');
  if (rows.length === 0 || rows.length > 3) return false;
  const first = (rows[0].children ?? []).map((c) => blockText(c.children ?? [])).join('');
  if (/序号|牵头|责任|时限|任务|单位/.test(first)) return false; // a header row: a data table
  return rows.every((r) => {
    const texts = (r.children ?? []).map((c) => blockText(c.children ?? []).trim());
    return texts.filter(Boolean).length <= 3 && texts.every((t) => t.length <= 60);
  });
}

export async function ingestDocx(bytes: Uint8Array, path: string): Promise<SourceText> {
  const mammoth = (await import('mammoth')).default;
  const prepared = prepareDocx(bytes, path);
  const pkg = prepared.zip;
  let root: MNode | null = null;
  let warnings: string[] = [];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(pkg.buffer, pkg.byteOffset, pkg.byteLength) },
      {
        transformDocument: (doc: MNode) => {
          root = doc;
          return doc;
        },
        // Images are irrelevant here: do not base64-encode them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    warnings = result.messages.filter((m) => m.type === 'warning').map((m) => m.message);
  } catch (err) {
    throw corrupt(path, WORD, { zh: libMessage(err), en: libMessage(err) });
  }
  if (!root) throw corrupt(path, WORD, { zh: '无法读取文档正文', en: 'no document body' });
  const body: MNode = root;

  const lines: SourceLine[] = [];
  const tables: SourceTable[] = [];
  let numbered = 0;
  const push = (text: string) => lines.push({ text: cleanLine(text), page: null, line: lines.length + 1 });
  for (const h of prepared.headerLines) push(h);
  const walk = (nodes: readonly MNode[]) => {
    for (const node of nodes) {
      if (node.type === 'table' && isLayoutTable(node)) {
        for (const row of node.children ?? []) for (const cell of row.children ?? []) walk(cell.children ?? []);
      } else if (node.type === 'table') {
        tables.push(toTable(node, lines.length + 1));
      } else if (node.type === 'paragraph') {
        if (node.numbering) numbered++;
        const segments = splitLines(paragraphText(node).replace(/^\n+/, ''));
        if (segments.length === 0) segments.push('');
        for (const seg of segments) lines.push({ text: cleanLine(seg), page: null, line: lines.length + 1 });
      } else if (node.children) {
        walk(node.children); // unexpected wrappers: read through them
      }
    }
  };
  walk(body.children ?? []);
  for (const f of prepared.footerLines) push(f);

  const { quality, messages } = wordTextQuality(lines, tables, path);
  if (prepared.labelled > 0) {
    messages.push({
      ruleId: 'docx-auto-numbering',
      severity: 'info',
      message: {
        zh: `有 ${prepared.labelled} 个段落使用 Word 自动编号，已按编号定义还原其编号（如“一、”“（一）”）`,
        en: `${prepared.labelled} paragraph(s) use Word automatic numbering; their labels (e.g. 一、 （一）) were computed from the numbering definitions`,
      },
    });
  } else if (numbered > 0) {
    messages.push({
      ruleId: 'docx-auto-numbering',
      severity: 'info',
      message: {
        zh: `有 ${numbered} 个段落使用 Word 自动编号，编号（如“一、”“（一）”）不在提取的文字中`,
        en: `${numbered} paragraph(s) use Word automatic numbering; the numbers (e.g. 一、 （一）) are not part of the extracted text`,
      },
    });
  }
  if (prepared.clampedSpans > 0) {
    messages.push({
      ruleId: 'docx-table-span',
      severity: 'warning',
      message: {
        zh: `有 ${prepared.clampedSpans} 个表格单元格的合并列数超出表格本身的列数，已按表格列数截断`,
        en: `${prepared.clampedSpans} table cell(s) span more columns than their table has; cut back to the table's width`,
      },
    });
  }
  if (warnings.some((w) => /cell merging may be incorrect/.test(w))) {
    messages.push({
      ruleId: 'docx-table-merge',
      severity: 'warning',
      message: {
        zh: '文档中表格的合并单元格结构异常，合并单元格可能识别有误，请核对表格',
        en: 'A table has an unusual merged-cell structure; merged cells may be read incorrectly — check the table',
      },
    });
  }

  return {
    path,
    format: 'docx',
    pages: null,
    lines,
    tables,
    quality: toTextQuality(quality),
    messages,
  };
}
