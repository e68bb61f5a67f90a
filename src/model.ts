/**
 * The domain model shared by every stage of the pipeline:
 *   ingest (bytes → SourceText) → normalize (→ NormalText) → structure (→ Notice)
 *   → extract (fills Section/TaskRow items) → rules / diff / report.
 *
 * Every extracted item carries a `Position` that points into the original file,
 * so a user can find it in the PDF/Word file they have open.
 */

export type Format = 'pdf' | 'docx' | 'doc' | 'txt' | 'xlsx' | 'html';

/**
 * A place in the original file. 1-based.
 * - PDF: `page` is the page number and `line` the line within that page's text.
 * - TXT/DOCX/DOC: `page` is null and `line` counts lines (paragraphs for Word) of the whole file.
 * - XLSX: `page` is the worksheet's number, `line` the row and `column` the column.
 * - A row of a table (a 任务分解表) also says which table (1-based, in file order) and which
 *   row of it (1-based, header rows counted, as a reader counts them in Word): a Word table's
 *   rows have no line of their own, so `line` is the table's.
 */
export interface Position {
  page: number | null;
  line: number;
  column: number;
  /**
   * Where the item ends: the line of its last character (numbered as `line`, on the same page
   * unless `endPage` says otherwise) and the column just after that character (exclusive, as
   * SARIF regions and vfile count: "8小时" at column 5 ends at column 8). Absent where the
   * format does not print the item as text (a Word, Excel or web-page table row).
   */
  endLine?: number;
  endColumn?: number;
  /** PDF: the page the item ends on, when it runs onto a later page. */
  endPage?: number;
  table?: number;
  row?: number;
}

/** One line of extracted text, with where it came from. */
export interface SourceLine {
  text: string;
  page: number | null;
  /** 1-based line number as defined by `Position.line`. */
  line: number;
}

/** A table cell as the source format describes it (merged cells keep their spans). */
export interface TableCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** Where the cell is printed, when the reader knows (text tables: its line). */
  position?: Position;
}

/**
 * A table as it was found in the source: `rows[r]` lists only the cells that start
 * in row r (cells covered by a rowSpan/colSpan from above/left are absent, as in HTML).
 */
export interface SourceTable {
  rows: TableCell[][];
  position: Position;
  /** Where each row starts, when the format knows (spreadsheets); else rows share `position`. */
  rowPositions?: Position[];
}

/** How much of the decoded text looks like real Chinese/ASCII prose (0..1). */
export interface TextQuality {
  score: number;
  chars: number;
  cjk: number;
  controlOrReplacement: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A message attached to a file, as in vfile: reason + place + rule. */
export interface Message {
  ruleId: string;
  severity: Severity;
  message: { zh: string; en: string };
  position?: Position;
}

/**
 * What a web page says about the document it publishes (the 信息公开 box above the
 * article) and the files it links as 附件. Only for HTML input.
 */
export interface PageMeta {
  /** 索引号 */
  indexNumber?: string;
  /** 发布机构 / 发文机关 */
  publisher?: string;
  /** 发文字号 */
  docNumber?: string;
  /** 成文日期, as printed */
  signedDate?: string;
  /** 发布日期, as printed */
  publishedDate?: string;
  /** 标题 / 名称 in the box */
  title?: string;
  /** Links to attached files (PDF/Word/Excel…) or named 附件…; `url` resolved against the page's address when known. */
  attachments: Array<{ name: string; url: string }>;
  /** The address the page was fetched from (URL input). */
  url?: string;
  /** Set when the plan was read from an attachment of the page rather than from the page. */
  readFrom?: string;
}

/** What ingest hands on: the file's text as lines with page/line, its tables, and notes. */
export interface SourceText {
  path: string;
  format: Format;
  /** TXT only: the detected encoding (utf-8, utf-8-bom, utf-16le, utf-16be, gb18030). */
  encoding?: string;
  pages: number | null;
  /** Body text in reading order. For Word files, table content is NOT repeated here. */
  lines: SourceLine[];
  tables: SourceTable[];
  quality: TextQuality;
  messages: Message[];
  /** HTML only: the page's own metadata box and attachment links. */
  page?: PageMeta;
}

export type DeadlineKind = 'date' | 'duration' | 'frequency' | 'period';

/** A time requirement, normalised (see ../shared/gold/README.md "Deadline values"). */
export interface Deadline {
  /** As printed, spaces removed. */
  text: string;
  kind: DeadlineKind;
  /** date: YYYY-MM-DD; duration: 5h/24h/7wd/30d/3m/1y; frequency: >=1/year, 1/month; period: full-year/ongoing */
  value: string;
  /** For durations: what the clock starts from, when the text says (issuance, event, request, ...). */
  anchor?: string;
  /** Concrete due date (ISO) of a relative deadline when the issuance date is known. */
  due?: string;
  /** A date that recurs (每年1月31日前): `value` is its occurrence in the plan year. */
  recurring?: 'year';
  position?: Position;
}

export type UnitRole = 'lead' | 'responsible';

/** 牵头单位 (lead) or 责任单位/配合单位 (responsible) named for a section or task row. */
export interface UnitAssignment {
  name: string;
  role: UnitRole;
  /** Where the assignment was read from: a 牵头单位： line, an inline (…负责落实), "A牵头", a table column. */
  via: 'label' | 'inline' | 'table';
  position?: Position;
}

export type Modality = 'mandatory' | 'required' | 'encouraged' | 'plain';

/** One requirement sentence of a section. */
export interface Obligation {
  text: string;
  modality: Modality;
  actors: string[];
  deadlines: Deadline[];
  position?: Position;
}

/** A cited 文号 or 《title》. */
export interface Reference {
  kind: 'doc-number' | 'title';
  text: string;
  position?: Position;
}

/** A numbered heading of the plan body and everything under it up to the next heading. */
export interface Section {
  /** By position: "1", "1.2", "1.2.3". */
  path: string;
  /** As printed, spaces removed: 一、 （一） (三) 1. 1． （1） */
  label: string;
  /** 1 一、  2 （一）  3 1.  4 （1） */
  level: 1 | 2 | 3 | 4;
  /** Heading text up to its first 。 (or the whole heading line). */
  title: string;
  /** The section's own text, heading included, children excluded. */
  text: string;
  lead: string[];
  responsible: string[];
  units: UnitAssignment[];
  deadlines: Deadline[];
  obligations: Obligation[];
  references: Reference[];
  position: Position;
  children: Section[];
}

/** A row of an attached 任务分解表 / 重点任务清单, merged cells filled down. */
export interface TaskRow {
  seq: number;
  chapter: string;
  task: string;
  requirement: string;
  lead: string[];
  responsible: string[];
  deadlineText: string;
  deadlines: Deadline[];
  /** Path of the body section this row details, when its title matches one. */
  sectionPath: string | null;
  position?: Position;
}

export interface NoticeMeta {
  /** The plan's own title (spaces removed), e.g. 2022年栖霞市政务公开工作要点 */
  title: string | null;
  /** The notice's title, e.g. 关于印发《…》的通知 */
  noticeTitle: string | null;
  issuer: string | null;
  docNumber: string | null;
  /** 成文日期 as printed and as ISO date. */
  signedDate: string | null;
  signedDateText: string | null;
  /** 印发日期 (版记). */
  printedDate: string | null;
  printedDateText: string | null;
  planYear: number | null;
  recipients: string[];
  cc: string[];
  publicity: string | null;
  attachments: string[];
  /** Web pages: the page's metadata box and attachment links (its values fill the fields above the document leaves empty). */
  page?: PageMeta;
}

/**
 * A finding of the rules (vfile's message): a reason in Chinese and English, the rule that
 * raised it, and the place — section path and start–end position — in the original file.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: { zh: string; en: string };
  /** The checked file as the user named it. */
  file: string;
  /** Section path ("1.2") of the node, or null for notice-level and front/back-matter findings. */
  path: string | null;
  /** Where the node is in the original file; null when it cannot be known. */
  position: Position | null;
  /** The text the finding is about, as printed (shortened). */
  quote?: string;
  /** Set by the engine from the rule's meta. */
  pack: string;
  source: string;
  messageId?: string;
  /**
   * Further places of the same defect (one root cause, one finding): "(三)…(二十六)" written
   * with half-width parentheses is one finding listing every heading. `position` is the first.
   */
  locations?: FindingLocation[];
}

export interface FindingLocation {
  path: string | null;
  position: Position | null;
  quote?: string;
}

export interface Notice {
  source: { path: string; format: Format; pages: number | null; encoding?: string; quality: TextQuality };
  meta: NoticeMeta;
  /** Where each meta item is printed (文号, 成文日期, 印发日期, 主送, 抄送, …). */
  metaPositions: Partial<Record<keyof NoticeMeta, Position>>;
  sections: Section[];
  tasks: TaskRow[];
  messages: Message[];
}

/**
 * The file object (in the spirit of vfile) that travels through the pipeline:
 *   ingest → `source` (the text as lines with page/line, the tables)
 *   parse  → `notice` (the model: every node with its start–end position) and `messages`
 *   check  → `findings` (each placed by the engine from the node it is about)
 * The Notice stays the parse output (schema/notice.schema.json) and does not repeat the text:
 * the file object holds both.
 */
export interface NoticeFile {
  /** The file as the user named it (what reports print). */
  path: string;
  /** What ingest read; null for a notice that came without its text (a saved parse output). */
  source: SourceText | null;
  notice: Notice;
  /** What reading and parsing said about the file (the notice's own messages). */
  messages: Message[];
  /** What the rules found (empty until checked), sorted by place. */
  findings: Finding[];
}
