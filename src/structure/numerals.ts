/** Chinese numerals as they appear in heading labels and dates (一…九十九, 〇/零 digits). */

const DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * 十五 → 15, 二十 → 20, 一百零三 → 103, 二〇二二 → 2022 (digit by digit when there is no
 * 十/百), 12 → 12. NaN when the string is not a numeral.
 */
export function numeralValue(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || /[^〇零一二两三四五六七八九十百]/.test(s)) return NaN;
  if (!/[十百]/.test(s)) return Number([...s].map((c) => DIGIT[c]).join(''));
  let total = 0;
  let current = 0;
  for (const c of s) {
    if (c === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (c === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = DIGIT[c];
  }
  return total + current;
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
