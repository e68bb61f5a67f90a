/** Heading-label numbers and full dates (成文日期, 印发日期) in Arabic, Chinese or mixed numerals. */
import { parseNumeral } from '../extract/cn-numerals.js';

/** 十五 → 15, 二〇二二 → 2022, 12 → 12; NaN when the string is not a numeral. */
export function numeralValue(s: string): number {
  return parseNumeral(s) ?? NaN;
}

const NUM = '[0-9〇零一二三四五六七八九十]';
/** 2022年6月14日, 二〇二二年六月十四日, 2022年八月3日 (spaces already removed). */
export const FULL_DATE = new RegExp(`(${NUM}{4})年(${NUM}{1,3})月(${NUM}{1,3})日`);

/** ISO date of a printed full date, or null when it is not a real date. */
export function isoDate(printed: string): string | null {
  const m = FULL_DATE.exec(printed.replace(/\s+/g, ''));
  if (!m) return null;
  const [y, mo, d] = [numeralValue(m[1]), numeralValue(m[2]), numeralValue(m[3])];
  if (![y, mo, d].every(Number.isFinite) || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
