/**
 * Collective unit names: plans assign much of their work to a group — 各街道办事处,
 * 区政府各部门, 市直各部门, 各乡镇人民政府, 各镇街, 市直有关部门 — rather than naming every
 * unit. A unit's own ledger (--unit 西市场街道办事处) must include what such a group is
 * given, marked as coming through the group. Pure: names in, answer out.
 *
 * A group is a name with 各 / 有关 / 相关 before a class word. Its class decides what it
 * covers: streets (街道), towns (乡镇), departments (部门; also 单位 with a level word), and
 * a level word before it (区政府各部门, 市直各部门) keeps it to units of that level.
 */

type UnitClass = 'street' | 'town' | 'department';

interface Group {
  classes: UnitClass[];
  /** 省, 市, 县, 区… when the group names a level; null when any level. */
  level: string | null;
}

const COLLECTIVE = /各|有关|相关/;

/** The level word a name starts with: 区教育和体育局 → 区; 市场监管局 has none (市场 is a word). */
function levelOf(name: string): string | null {
  const m = /^(?:[省县区州旗盟]|市(?![场民容]))/.exec(name);
  return m ? m[0] : null;
}

/** What a collective name covers, or null when the name is no group. */
export function readGroup(name: string): Group | null {
  if (!COLLECTIVE.test(name)) return null;
  // The class word ends the name (a remark in brackets or 和有关单位 may follow):
  // 区政府各部门（单位）政务公开领导小组 is a body of its own, not the departments.
  const core = name.replace(/(?:[（(][^（）()]*[）)])+$/, '').replace(/(?:和|及)(?:有关|相关)单位$/, '');
  const classes: UnitClass[] = [];
  if (/各(?:乡镇|镇|乡)?(?:街道|镇街|街镇)(?:办事处|办)?$|各(?:乡镇|镇)[（(]街道[）)]$/.test(name) || /各(?:镇街|街镇)$/.test(core)) classes.push('street');
  if (/各(?:乡镇|镇|乡|镇街|街镇)(?:人民政府|政府)?$/.test(core) || /各(?:乡镇|镇)[（(]街道[）)]$/.test(name)) classes.push('town');
  // 区政府各部门, 市直各部门, 各部门（单位）, 市直有关部门, 各主管部门, 各级各部门; 单位 only
  // with a level word before it (市直有关单位), since 各单位 alone may be anyone.
  if (/(?:各|有关|相关)[^各有相]{0,4}部门$/.test(core) || /^[省市县区州旗盟](?:直|政府|级)(?:各|有关|相关)单位$/.test(core)) classes.push('department');
  if (!classes.length) return null;
  return { classes, level: levelOf(name) };
}

/** The class of a single unit: 西市场街道办事处 → street, 某某镇人民政府 → town, 区财政局 → department. */
export function unitClass(name: string): UnitClass | null {
  if (COLLECTIVE.test(name)) return null;
  if (/街道(?:办事处|办|党工委)?$/.test(name)) return 'street';
  if (/[镇乡](?:人民政府|政府|党委)?$/.test(name)) return 'town';
  if (/(?:局|委员会|委|办公室|办|中心|署|院|馆|所|站|队|部|厅|处|会|公司)(?:[（(][^）)]*[）)])?$/.test(name)) return 'department';
  return null;
}

/** Does the collective name `group` take in the unit `unit` (as the user wrote it)? */
export function groupCovers(group: string, unit: string): boolean {
  const g = readGroup(group);
  const k = unitClass(unit);
  if (!g || !k || !g.classes.includes(k)) return false;
  const level = levelOf(unit);
  return g.level === null || level === null || g.level === level;
}
