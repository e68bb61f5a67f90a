/**
 * Where and when a rule pack applies. A provincial pack (shandong-2022) binds plans of that
 * province for those years only: run on a Gansu plan it would demand Shandong's tasks.
 *
 * Input: a Notice and a pack's `appliesTo` ({ province: [山东], planYears: { min, max } }).
 * Output: whether the pack runs on this notice, with the reason in Chinese and English.
 *
 * The issuer's province is read from the names the notice prints — issuer, notice title,
 * plan title, 文号 — against the list of cities and counties of each province
 * (rules/divisions.json, made by scripts/make-divisions.mjs): "栖霞市人民政府办公室" is in
 * 山东省, "华亭市" in 甘肃省. A name two provinces share (朝阳区) counts for both, and the
 * province with the most matches wins; a tie or no match leaves the province unknown.
 */
import { readFileSync } from 'node:fs';
import type { Notice } from '../model.js';
import type { Bilingual } from './types.js';

export interface AppliesTo {
  province?: string[];
  planYears?: { min?: number; max?: number };
}

export interface PackStatus {
  pack: string;
  ran: boolean;
  reason: Bilingual;
}

/** 山东省 → 山东, 广西壮族自治区 → 广西, 北京市 → 北京. */
export function shortProvince(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
}

let divisions: Map<string, string[]> | null = null;

function loadDivisions(): Map<string, string[]> {
  if (divisions) return divisions;
  const raw = JSON.parse(readFileSync(new URL('../../rules/divisions.json', import.meta.url), 'utf8')) as { provinces: Record<string, string[]> };
  divisions = new Map(Object.entries(raw.provinces).map(([p, names]) => [shortProvince(p), names.filter((n) => n.length >= 2)]));
  return divisions;
}

/** The province (short name, 山东) of the notice's issuer, or null when the text does not tell. */
export function issuerProvince(notice: Notice): string | null {
  const m = notice.meta;
  const text = [m.issuer, m.noticeTitle, m.title, m.docNumber].filter(Boolean).join('|');
  if (!text) return null;
  const score = new Map<string, number>();
  for (const [province, names] of loadDivisions()) {
    let n = text.includes(province) ? 10 : 0;
    for (const name of names) if (text.includes(name)) n += name.length;
    if (n > 0) score.set(province, n);
  }
  const ranked = [...score].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0][1] === ranked[1][1])) return null;
  return ranked[0][0];
}

/** Does a pack with `appliesTo` run on this notice, and why (not)? */
export function packStatus(pack: string, appliesTo: AppliesTo | undefined, notice: Notice): PackStatus {
  const year = notice.meta.planYear;
  const years = appliesTo?.planYears;
  if (years) {
    const span = `${years.min ?? ''}–${years.max ?? ''}`;
    if (year == null) return { pack, ran: false, reason: { zh: `未能识别计划年度（本规则包适用于${span}年）`, en: `the plan year is unknown (this pack applies to ${span})` } };
    if ((years.min !== undefined && year < years.min) || (years.max !== undefined && year > years.max)) {
      return { pack, ran: false, reason: { zh: `计划年度${year}年不在本规则包适用年度（${span}）内`, en: `plan year ${year} is outside the pack's years (${span})` } };
    }
  }
  const wanted = appliesTo?.province?.map(shortProvince);
  if (wanted && wanted.length) {
    const province = issuerProvince(notice);
    if (!province) return { pack, ran: false, reason: { zh: `未能从发文机关、标题或文号识别所属省份（本规则包适用于${wanted.join('、')}）`, en: `the issuer's province could not be read from the issuer, title or number (this pack applies to ${wanted.join(', ')})` } };
    if (!wanted.includes(province)) return { pack, ran: false, reason: { zh: `发文机关属${province}，本规则包适用于${wanted.join('、')}`, en: `the issuer is in ${province}; this pack applies to ${wanted.join(', ')}` } };
    return { pack, ran: true, reason: { zh: `发文机关属${province}${year ? `，计划年度${year}年` : ''}`, en: `the issuer is in ${province}${year ? `, plan year ${year}` : ''}` } };
  }
  return { pack, ran: true, reason: years ? { zh: `计划年度${year}年`, en: `plan year ${year}` } : { zh: '适用于所有要点', en: 'applies to every plan' } };
}
