/**
 * DOC (Word 97–2003) via word-extractor, `getBody({ filterUnicode: false })`
 * (the default would rewrite “ ” — ‘ ’ to ASCII).
 *
 * word-extractor gives plain text: paragraphs end "\n", table cells end "\t",
 * and a table row ends "\t\n". A paragraph break inside a cell is also "\n", so
 * rows are recognised conservatively (see findTables):
 *   - a table starts at a single line that ends with "\t" and has ≥ 2 cells;
 *   - each next row runs from the line after the previous row end to the next
 *     line ending in "\t" (at most 12 lines). A one-line row is always taken;
 *     the table's width W is the most cells seen in one-line rows. A row of
 *     several lines (a cell with paragraph breaks) must have ≤ W cells, and is
 *     rejected when its last line alone already has ≥ W cells (then the lines
 *     before it are body text and a new table starts there);
 *   - a table needs ≥ 2 rows.
 * Spans cannot be recovered from .doc text: vertically merged cells come out as
 * "" and horizontally merged cells simply make a row shorter. Every cell is
 * therefore rowSpan = colSpan = 1 (documented limitation).
 * Recognised table lines are removed from `lines` (as for DOCX); `line` numbers
 * the remaining lines from 1, and a table's position.line is the number of the
 * next body line.
 */
import type { Message, SourceLine, SourceTable, SourceText, TableCell } from '../model.js';
import { corrupt } from './errors.js';
import { cleanLine, splitLines } from './lines.js';
import { toTextQuality, wordTextQuality } from './quality.js';

const WORD = { zh: ' Word（.doc）', en: 'Word (.doc)' };
const MAX_ROW_LINES = 12;

function cellsOf(rowText: string): string[] {
  // the row text ends with "\t": drop the empty string after the last cell end
  const parts = rowText.split('\t');
  parts.pop();
  return parts;
}

export interface DocTable {
  /** Index of the first and one past the last raw line of the table. */
  start: number;
  end: number;
  rows: string[][];
}

/** Find tables in word-extractor body lines (exported for tests). */
export function findTables(raw: readonly string[]): DocTable[] {
  const tables: DocTable[] = [];
  const endsRow = (s: string) => s.endsWith('\t');
  let i = 0;
  while (i < raw.length) {
    const first = raw[i];
    const firstCells = endsRow(first) ? cellsOf(first) : [];
    if (firstCells.length < 2) {
      i++;
      continue;
    }
    let width = firstCells.length;
    const rows: string[][] = [firstCells];
    let j = i + 1;
    while (j < raw.length) {
      let k = j;
      while (k < raw.length && k - j < MAX_ROW_LINES && !endsRow(raw[k])) k++;
      if (k >= raw.length || !endsRow(raw[k])) break;
      if (k > j) {
        // several paragraphs: a cell holds line breaks — unless the last line is a full row by itself
        if (cellsOf(raw[k]).length >= Math.max(2, width)) break;
        const cells = cellsOf(raw.slice(j, k + 1).join('\n'));
        if (cells.length > width || cells.length === 0) break;
        rows.push(cells);
      } else {
        const cells = cellsOf(raw[k]);
        if (cells.length === 0) break;
        rows.push(cells);
        width = Math.max(width, cells.length);
      }
      j = k + 1;
    }
    if (rows.length >= 2) {
      tables.push({ start: i, end: j, rows });
      i = j;
    } else {
      i++;
    }
  }
  return tables;
}

function libMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function ingestDoc(bytes: Uint8Array, path: string): Promise<SourceText> {
  const WordExtractor = (await import('word-extractor')).default;
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // @types/word-extractor 1.0.6 omits the options word-extractor 1.0.4 accepts.
    body = (doc.getBody as (options: { filterUnicode: boolean }) => string).call(doc, { filterUnicode: false });
  } catch (err) {
    throw corrupt(path, WORD, { zh: libMessage(err), en: libMessage(err) });
  }

  const raw = splitLines(body);
  const found = findTables(raw);
  const lines: SourceLine[] = [];
  const tables: SourceTable[] = [];
  let t = 0;
  for (let i = 0; i < raw.length; ) {
    const table = found[t];
    if (table && table.start === i) {
      const rows: TableCell[][] = table.rows.map((r) => r.map((text) => ({ text: cleanLine(text), rowSpan: 1, colSpan: 1 })));
      tables.push({ rows, position: { page: null, line: lines.length + 1, column: 1 } });
      i = table.end;
      t++;
      continue;
    }
    lines.push({ text: cleanLine(raw[i]), page: null, line: lines.length + 1 });
    i++;
  }

  const { quality, messages } = wordTextQuality(lines, tables, path);
  if (tables.length > 0) {
    messages.push({
      ruleId: 'doc-table-spans',
      severity: 'info',
      message: {
        zh: '.doc 文件中表格的合并单元格无法识别：纵向合并的单元格为空，横向合并的行单元格较少；如需准确的表格，请另存为 .docx 后再试',
        en: 'Merged table cells cannot be recovered from a .doc file: vertically merged cells are empty and horizontally merged rows have fewer cells; save the file as .docx for exact tables',
      },
    });
  }

  return {
    path,
    format: 'doc',
    pages: null,
    lines,
    tables,
    quality: toTextQuality(quality),
    messages,
  };
}
