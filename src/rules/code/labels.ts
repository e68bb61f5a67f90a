/** Heading labels: 一、 （一） 1. （1） — their level, number and printed form. */
import { parseNumeral } from '../../extract/cn-numerals.js';

const numberValue = (s: string): number => parseNumeral(s) ?? NaN;

export interface LabelInfo {
  level: 1 | 2 | 3 | 4;
  number: number;
  label: string;
}

/** A heading label at the start of a text (whitespace already removed). */
const AT_START = /^(?:([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十]{1,3})[）)]|(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[）)])/;

export function labelAtStart(text: string): LabelInfo | null {
  const m = AT_START.exec(text);
  if (!m) return null;
  const level = m[1] ? 1 : m[2] ? 2 : m[3] ? 3 : 4;
  const number = numberValue(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return Number.isFinite(number) ? { level, number, label: m[0] } : null;
}

/** The number of a printed label ("（十八）" → 18), NaN if none. */
export function labelNumber(label: string): number {
  return numberValue(label.replace(/[\s（()）、.．]/g, ''));
}

export const LEVEL_EXAMPLE = { 1: '一、', 2: '（一）', 3: '1.', 4: '（1）' } as const;
