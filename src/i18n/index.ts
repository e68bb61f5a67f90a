/**
 * i18n: which language people-facing text is shown in, and `t()` to render a message in it.
 *
 * Input: a bilingual message `{ zh, en }` (optionally `both`, for text that reads better
 * interleaved than as "zh / en"). Output: the string to show.
 *
 *   both (default)  中文 / English   — Chinese first, English beside
 *   zh              中文
 *   en              English
 *
 * The CLI sets the language once per run from `--lang` or `GKCHECK_LANG`; the library
 * default is `both`. Machine formats (JSON, SARIF, JUnit, GitHub, GitLab, CSV headers) do not
 * go through here: they keep both languages whatever the setting.
 */

export type Lang = 'zh' | 'en' | 'both';
export const LANGS: readonly Lang[] = ['zh', 'en', 'both'];

/** A people-facing message in Chinese and English. */
export interface Text {
  zh: string;
  en: string;
  /** How to show it when both languages are on; default `${zh}${sep}${en}`. */
  both?: string;
}

let current: Lang = 'both';

export function setLang(lang: Lang): void {
  current = lang;
}

export function getLang(): Lang {
  return current;
}

/**
 * `zh`, `zh-CN`, `zh_CN.UTF-8` → zh; `en`, `en-US` → en; `both` → both; anything else
 * (including empty) → undefined.
 */
export function parseLang(value: string | undefined | null): Lang | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'both' || v === 'zh+en') return 'both';
  if (/^zh([-_.].*)?$/.test(v)) return 'zh';
  if (/^en([-_.].*)?$/.test(v)) return 'en';
  return undefined;
}

/** Render a message in the current language (or `lang`). `sep` joins zh and en when both are shown. */
export function t(text: Text, sep = ' / ', lang: Lang = current): string {
  if (lang === 'zh') return text.zh;
  if (lang === 'en') return text.en;
  if (text.both !== undefined) return text.both;
  return text.zh === text.en ? text.zh : `${text.zh}${sep}${text.en}`;
}

/** The same, one language per line when both are shown. */
export function lines(text: Text, lang: Lang = current): string {
  return t(text, '\n', lang);
}

/**
 * "错误：…" / "Error: …" style: a labelled message, one line per language.
 * `label` is e.g. `{ zh: '错误', en: 'Error' }`; `where` (a file name) is shown in every line.
 */
export function labelled(label: { zh: string; en: string }, text: Text, where = '', lang: Lang = current): string {
  const zh = `${label.zh}：${where}${text.zh}`;
  const en = `${label.en}: ${where}${text.en}`;
  return lang === 'zh' ? zh : lang === 'en' ? en : `${zh}\n${en}`;
}
