/**
 * Chinese and Arabic numerals as they appear in notices: 2022, ２０２２, 十五, 二十四,
 * 一百零五, 两, 二〇二二 (a year read digit by digit).
 */

const DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Regex source for one numeral, Arabic or Chinese (no sign, no decimals). Bounded: the grammar
 * tries a match at every character, and an unbounded run made a long line of 一/十/百 quadratic
 * (a 60k-character line took 30 s). No amount, count or year in a notice needs more than 9.
 */
export const NUMERAL_SOURCE = '(?:[0-9０-９]{1,9}|[〇零一二两三四五六七八九十百千万]{1,9})';

/** The value of a numeral, or null when the string is not one. */
export function parseNumeral(input: string): number | null {
  const s = input.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10));
  if (s === '') return null;
  if (/^[0-9]+$/.test(s)) return Number(s);
  if (![...s].every((c) => c in DIGIT || c in UNIT || c === '万')) return null;

  // Without 十/百/千/万 a run of digits is read digit by digit: 二〇二二 = 2022.
  if (!/[十百千万]/.test(s)) {
    return s.length === 1 ? DIGIT[s] : Number([...s].map((c) => DIGIT[c]).join(''));
  }

  // Positional: 二十四 = 2×10 + 4; 十五 = 15 (a bare 十 means one ten); 一百零五 = 105.
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGIT) {
      if (digit !== null && digit !== 0) return null; // 二三十: two digits in a row
      digit = DIGIT[c];
    } else if (c in UNIT) {
      section += (digit ?? 1) * UNIT[c];
      digit = null;
    } else {
      // 万 multiplies everything read so far
      if (section + (digit ?? 0) === 0) return null;
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}
