/**
 * Types of the rule engine.
 *
 * Input: a parsed `Notice` (../model.ts) and the rules of the chosen packs.
 * Output: `Finding`s — vfile-style messages: a reason in Chinese and English, the rule that
 * raised it, and the place (section path + page/line/column) in the original file.
 *
 * A rule is one module in the ESLint manner: `meta` (id, type, severity, pack, description,
 * source, options schema, messages), its own `cases` (valid / invalid notice texts that the
 * generic test runs), and `check(notice, context)`, which reports through
 * `context.report({ node, messageId, data, quote })`. Rules never compute line numbers: the
 * engine takes the position from the node (Section, TaskRow, Obligation, Deadline, a meta
 * field, or the notice as a whole).
 */
import type { Deadline, Finding, FindingLocation, Notice, NoticeMeta, Obligation, Section, Severity, SourceLine, TaskRow } from '../model.js';
import type { AppliesTo } from './applicability.js';

export type { Severity };

export interface Bilingual {
  zh: string;
  en: string;
}

/** How sure we are of the requirement a rule enforces (see shared/reference/requirements.md). */
export type Confidence = 'C' | 'C-' | 'M' | 'derived';

// A Finding is the model's (../model.ts): the file object carries them.
export type { Finding, FindingLocation };

/** A meta item of the notice (文号, 成文日期, 印发日期, ...), as a node to report on. */
export interface MetaNode {
  kind: 'meta';
  field: keyof NoticeMeta;
}

/**
 * Anything a rule can point at. `null` means the notice as a whole; a SourceLine is a line of
 * the original file (for what the parser did not turn into a node, e.g. a mis-numbered label).
 */
export type ReportNode = Section | TaskRow | Obligation | Deadline | MetaNode | SourceLine | null;

export interface MessageTemplate extends Bilingual {
  /** A message may be milder than its rule (e.g. "not mentioned" vs. "too long"). */
  severity?: Severity;
}

export interface RuleMeta {
  id: string;
  /** requirement: content the plan must carry; format: GB/T 9704 form; consistency: internal. */
  type: 'requirement' | 'format' | 'consistency';
  severity: Severity;
  pack: string;
  description: Bilingual;
  /** Document, 文号 and article the rule enforces. */
  source: string;
  confidence: Confidence;
  /** Why a C-/M rule may still be an error (see schema/rule-pack.schema.json confidencePolicy). */
  errorBasis?: string;
  /** JSON Schema of the rule's options (an object schema). */
  schema: object;
  messages: Record<string, MessageTemplate>;
  /** Declarative rules: their kind (require / limit / forbid / frequency); code rules: 'code'. */
  kind: string;
  /** Set from the pack: where and when the rule's pack applies. */
  appliesTo?: AppliesTo;
}

export interface RuleCase {
  /** A short notice text; the test parses it with parseText. */
  text: string;
  name?: string;
  options?: Record<string, unknown>;
  /** Invalid cases: one entry per expected finding (line and messageId are checked when given). */
  errors?: { line?: number; messageId?: string }[];
}

export interface ReportDescriptor {
  node: ReportNode;
  messageId: string;
  /** Values for {placeholders} in the message; a Bilingual value fills zh and en differently. */
  data?: Record<string, string | number | Bilingual>;
  quote?: string;
  /** Other occurrences of the same defect: reported as one finding with all its locations. */
  also?: { node: ReportNode; quote?: string }[];
}

export interface RuleContext {
  notice: Notice;
  options: Record<string, unknown>;
  /** The source lines of the file object (null for a notice that came without its text). */
  lines: SourceLine[] | null;
  /** A meta field as a node. */
  meta(field: keyof NoticeMeta): MetaNode;
  report(d: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  cases: { valid: RuleCase[]; invalid: RuleCase[] };
  check(notice: Notice, context: RuleContext): void;
}

/** A rule as configured for one run. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
