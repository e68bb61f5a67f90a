/** The code rules, by id. A pack refers to them with `kind: code`. */
import type { Rule } from '../types.js';
import dateFormat from './date-format.js';
import deadlineOutsidePlanYear from './deadline-outside-plan-year.js';
import docNumberFormat from './doc-number-format.js';
import duplicatedCharacters from './duplicated-characters.js';
import headingLabelForm from './heading-label-form.js';
import headingSequence from './heading-sequence.js';
import issuedBeforeSigned from './issued-before-signed.js';
import publicityNote from './publicity-note.js';
import taskMissingDeadline from './task-missing-deadline.js';
import taskMissingUnit from './task-missing-unit.js';
import taskTitleMismatch from './task-title-mismatch.js';

export const codeRules: ReadonlyMap<string, Rule> = new Map(
  [
    docNumberFormat,
    dateFormat,
    headingSequence,
    headingLabelForm,
    publicityNote,
    issuedBeforeSigned,
    deadlineOutsidePlanYear,
    taskMissingUnit,
    taskMissingDeadline,
    taskTitleMismatch,
    duplicatedCharacters,
  ].map((r) => [r.meta.id, r]),
);
