/**
 * The 工作台账 (work ledger): one row per task-table row and per body requirement
 * sentence, with who does it and by when. Built by `buildLedger` (./index.ts), written
 * by ./xlsx.ts, ./csv.ts, ./ics.ts and ./json.ts.
 */
import type { DeadlineKind, Modality, Position } from '../model.js';

/** A time requirement of a ledger row, with its concrete due date when one can be known. */
export interface LedgerDeadline {
  /** As printed. */
  text: string;
  kind: DeadlineKind;
  /** Normalised value (see Deadline.value): 2022-06-30, 30d, >=1/year, full-year … */
  value: string;
  anchor?: string;
  /** ISO date: the date itself, or the due date of an issuance-anchored duration; null when none. */
  due: string | null;
}

/** Where the row's units were read from. */
export type LedgerUnitsFrom = 'table' | 'section' | 'sentence' | 'none';

export interface LedgerRow {
  /** 'task': a row of the attached 任务分解表; 'obligation': a requirement sentence of the body. */
  origin: 'task' | 'obligation';
  /**
   * Stable key of the row within its plan: `task-<seq>` or `<sectionPath>-<n>` (the n-th
   * requirement sentence of that section, counted before any row is left out).
   */
  id: string;
  /** Task rows: the table's 序号; obligations: n as in the id. */
  seq: number;
  /** The plan's title (meta.title), else the notice title, else the file name. */
  plan: string;
  /** The source file as given to the parser. */
  file: string;
  /** Section path ("1.2"); '' when a task row matches no body section. */
  sectionPath: string;
  /** The section's title; for an unlinked task row, its 工作任务 (or chapter) cell. */
  sectionTitle: string;
  requirement: string;
  /** Obligations only. */
  modality?: Modality;
  lead: string[];
  responsible: string[];
  unitsFrom: LedgerUnitsFrom;
  /** The time limit as printed (a task row's 完成时限 cell; an obligation's deadline phrases joined by ；). */
  deadlineText: string;
  deadlines: LedgerDeadline[];
  position: Position | null;
  /**
   * Only in a unit's ledger (--unit): how the row concerns that unit — `via` is empty when
   * the row names the unit itself, else the group names that take it in (各街道办事处,
   * 区政府各部门, 市直有关部门…).
   */
  forUnit?: { unit: string; via: string[] };
}

export interface BuildLedgerOptions {
  /**
   * Keep only the rows that concern this unit: those whose lead or responsible units name it
   * (substring match: 财政局 matches 区财政局) and those given to a group that takes it in
   * (各街道办事处 takes in 西市场街道办事处; 区政府各部门 a 区…局). Each kept row says which in `forUnit`.
   */
  unit?: string;
  /**
   * Issue date (ISO) used for issuance-anchored durations (本文件印发后30日内) of notices
   * whose own 成文日期/印发日期 could not be read. A notice's own date always wins.
   */
  issued?: string;
  /**
   * Also list body sentences that a task-table row of the same section restates
   * (left out by default: the task row already carries them, with its units and time limit).
   */
  keepRestated?: boolean;
}
