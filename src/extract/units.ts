/**
 * Units (牵头单位 / 责任单位 / 配合单位) named in a section's text or in a table cell.
 *
 * Input: plain text (a section's text, a label line, a table cell). Output: unit names
 * with their role and the offsets they were read from. Pure functions, no I/O.
 *
 * A unit is recognised by its shape (…局 / …委 / …办 / …中心 / …人民政府 / …办事处 / …管委会 /
 * …领导小组 / …院 / …馆 / …队 / …公司 / 有关部门 …) and by the grammar around it
 * (a 牵头单位： label, a parenthesis ending in 负责落实, "A牵头，B配合"), never by a list of names.
 * Conventions follow ../shared/gold/README.md:
 * - lists split on 、 ， , ； ;  (never inside parentheses: 各县（市、区）人民政府 is one unit);
 * - 牵头 / 配合 / 负责落实 / 分别负责落实 (and the like) are removed from names;
 * - a trailing 等 / 等有关部门 / 等部门 is cut off; 有关部门 is an entry only when it stands alone;
 * - a bare level word shares the rest of the next item: 省、市驻华亭有关单位 →
 *   省驻华亭有关单位 + 市驻华亭有关单位;
 * - "X牵头" is lead, "Y配合" responsible; in a 责任单位 label or column every unit is
 *   responsible and one marked 牵头 is lead as well (huaiyin-2022 tasks 13 and 15).
 */
import { squash } from '../text.js';
import type { UnitAssignment, UnitRole } from '../model.js';
import { foldTraditional } from './trad.js';

/** An assignment found in a text, with the [start, end) offsets of the name as printed. */
export interface UnitHit extends UnitAssignment {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- shape of a unit name

// （( and ）), and the list separators ，,；; (、 is 0x3001), by code: these scans read every character of every section.
const isOpenCode = (c: number) => c === 0xff08 || c === 0x28;
const isCloseCode = (c: number) => c === 0xff09 || c === 0x29;
const isCommaCode = (c: number) => c === 0xff0c || c === 0x2c || c === 0xff1b || c === 0x3b;

/** Endings that make a string the name of an organisation. Each alternative excludes the common
 *  non-unit words with the same ending (大局, 干部, 网站, 场所, 为中心, 举办…). */
const UNIT_ENDINGS = [
  '(?:人民|[省市县区州镇乡旗盟]|各级|地方)政府',
  '办事处',
  '(?:委员|管委|居委|村委|联合|协|商|学|工|红十字|基金|理事|促进|研究|常委)会',
  '管委',
  '(?:领导|工作|专项)?小组',
  '(?:工作|专项|专家)组',
  '专班',
  '办公室',
  '办公厅',
  '(?<![举承主督创兴代帮包查交转催领联通好快易上近申协合])办',
  // The office of a 协 body (政协办, 科协办) is a unit, unlike the verb 协办.
  '(?:科|政|作|侨)协办',
  '(?<![格布大结开终全当僵])局',
  '委',
  '(?<![大客餐展])厅',
  '署',
  '(?<![干全内外局东西南北中底顶头各])部',
  '部门',
  '(?<!为)中心',
  '(?<!庭)院',
  '馆',
  '队',
  '公司',
  '集团',
  '(?<!为)单位',
  '机关',
  '机构',
  '(?:银|分|支)行',
  '(?:学|党)校',
  '大学',
  '(?<![场住处])所',
  '(?<!网)站',
  '(?:报|供销|合作|出版|通讯|杂志)社',
  '(?:电视|电|气象)台',
  '(?:妇|残|工商|文|侨|社科|青|台)联',
  '(?:科|政|作|侨)协',
  '(?<![之出各此])处',
  '科',
  '(?<![议览])室',
  '海关',
  '监狱',
  '法庭',
  '街道',
  '乡镇',
  '镇街',
  '社区',
  '(?:开发|高新|园|新|示范|经开|保税|试验|自贸)区',
];
const UNIT_ENDING_RE = new RegExp(`(?:${UNIT_ENDINGS.map((a) => `(?:${a})`).join('|')})$`);

/** 各县 / 各乡镇 / 各县区 / 各县市区: the plural of an administrative area stands for its governments. */
const PLURAL_AREA = /^各(?:[省市县区州盟旗乡镇村]|乡镇|街道|镇街|县区|区县|县市|市县|县市区|市州|旗县|社区|园区|开发区)$/;
/** A bare administrative level word, shared with the rest of the next item. */
const BARE_LEVEL = /^各?[省市县区州盟旗乡镇]$/;
const LEVEL_PREFIX = /^各?[省市县区州盟旗乡镇]/;
/** Words that put a string into a sentence rather than a name. */
const SENTENCE_WORDS =
  /(?:做好|加强|推进|推动|开展|建立|健全|完善|确保|按照|根据|通过|围绕|结合|进一步|牵头|负责|配合|应当|必须|的)/;
const SENTENCE_END = /[要应须将可能]$/;
// Place names may start with almost any character (和平区, 经开区, 如皋市): only clear sentence openers.
const SENTENCE_START = /^(?:由|要|请|按照|根据|通过|围绕|对于|关于|对照|结合)/;
const LABEL_WORD = /^(?:牵头|责任|配合|协办|主办|参与|主责)(?:单位|部门)$/;
const BAD_CHARS = /[，。；;：:！!？?“”"《》【】,]/;


/** Remove a trailing parenthesised remark: 市住建局（市人防办） → 市住建局, 各县（市、区） → 各县. */
function stripTrailingParen(s: string): string {
  if (!/[）)]$/.test(s)) return s;
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (isCloseCode(c)) depth++;
    else if (isOpenCode(c)) {
      depth--;
      if (depth === 0) return s.slice(0, i);
    }
  }
  return s;
}

/** Does this string look like the name of an organisation (by its shape)? */
export function looksLikeUnit(name: string): boolean {
  const s = squash(name);
  if (s.length < 2 || s.length > 40) return false;
  if (BAD_CHARS.test(s) || /^[\d\s.．、\-—/]+$/.test(s)) return false;
  if (LABEL_WORD.test(s)) return false;
  if (SENTENCE_WORDS.test(s) || SENTENCE_END.test(s) || SENTENCE_START.test(s)) return false;
  if (hasTopLevel(s, '、')) return false;
  const core = stripTrailingParen(s);
  if (core.length < 2) return false;
  if (PLURAL_AREA.test(core)) return true;
  if (!/^[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9（）()·、]+$/.test(core)) return false;
  return UNIT_ENDING_RE.test(core);
}

function hasTopLevel(s: string, ch: string): boolean {
  let depth = 0;
  const want = ch.charCodeAt(0);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isOpenCode(c)) depth++;
    else if (isCloseCode(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === want) return true;
  }
  return false;
}

// ---------------------------------------------------------------- items of a list

type Sep = 'start' | 'dun' | 'comma';

interface RawItem {
  start: number;
  end: number;
  /** The separator before this item: 、 binds tighter than ，/； */
  sep: Sep;
}

interface Item {
  name: string;
  start: number;
  end: number;
  sep: Sep;
  marker: UnitRole | null;
}


/** Split text[from, to) at 、，,；; outside parentheses. */
function splitRaw(text: string, from: number, to: number): RawItem[] {
  const out: RawItem[] = [];
  let depth = 0;
  let start = from;
  let sep: Sep = 'start';
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isOpenCode(c)) depth++;
    else if (isCloseCode(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === 0x3001 || isCommaCode(c))) {
      out.push({ start, end: i, sep });
      sep = c === 0x3001 ? 'dun' : 'comma';
      start = i + 1;
    }
  }
  out.push({ start, end: to, sep });
  return out;
}

const LEAD_MARKER = /(?:[（(]牵头[）)]|(?:分别|共同|负责)?牵头(?:负责|抓总|落实)?)$/;
const RESP_MARKER = new RegExp(
  '(?:[（(](?:配合|参与|协办|责任)[）)]|' +
  '(?:积极|全力|主动|共同|协同|分别|具体|各自)*' +
  '(?:按照?(?:各自)?(?:职责分工|职责|职能|分工))?' +
  '(?:(?:积极|全力|主动|共同|协同|分别|具体|各自)*)' +
  '(?:负责落实|负责|抓好落实|参照落实|参照执行|落实|配合|协助|协办|参与))$',
);
const ETC_TAIL = /等(?:\d+个|[一二三四五六七八九十]+个)?(?:有关|相关|其他)?(?:部门和单位|单位和部门|成员单位|部门|单位|机构)?$/;
const LEAD_IN = /^(?:并由|均由|由|请|各自)/;

/**
 * Strip markers and fillers off one raw item; keep the offsets of what remains. Works on the
 * item with its whitespace removed, so a marker or name cut by a line wrap ("牵\n头") is found.
 */
function parseItem(text: string, raw: RawItem): Item {
  const idx: number[] = [];
  for (let i = raw.start; i < raw.end; i++) if (!/[\s\u3000]/.test(text[i])) idx.push(i);
  const str = idx.map((i) => text[i]).join('');
  let s = 0;
  let e = str.length;
  const trim = (): void => {
    while (s < e && /[。．.]/.test(str[s])) s++;
    while (e > s && /[。．.]/.test(str[e - 1])) e--;
  };
  trim();
  let marker: UnitRole | null = null;
  for (let guard = 0; guard < 6; guard++) {
    const cur = str.slice(s, e);
    const lead = LEAD_MARKER.exec(cur);
    if (lead) {
      marker = 'lead';
      e -= lead[0].length;
      trim();
      continue;
    }
    const resp = RESP_MARKER.exec(cur);
    // A name may itself end like a marker (市政协办 = the CPPCC office, not "市政" + 协办):
    // strip the marker only when what is left still looks like a unit, or was not one anyway.
    if (resp && (looksLikeUnit(cur.slice(0, cur.length - resp[0].length)) || !looksLikeUnit(cur))) {
      marker ??= 'responsible';
      e -= resp[0].length;
      trim();
      continue;
    }
    const etc = ETC_TAIL.exec(cur);
    if (etc && etc[0].length > 0 && etc.index > 0) {
      e -= etc[0].length;
      trim();
      continue;
    }
    const lin = LEAD_IN.exec(cur);
    if (lin) {
      s += lin[0].length;
      trim();
      continue;
    }
    break;
  }
  const start = s < e ? idx[s] : raw.start;
  const end = s < e ? idx[e - 1] + 1 : raw.start;
  return { name: str.slice(s, e), start, end, sep: raw.sep, marker };
}

/** Where a name may start after a space: the same first character or a level/collective word. */
const UNIT_START = /^(?:各|全|有关|[省市县区州盟旗镇乡])/;

/**
 * "区政府办公室 区行政审批服务局": units separated by whitespace only (table cells, one unit per
 * paragraph). A line wrap inside a name ("各街道\n办事处", "区发展改革\n局") is not such a break:
 * every part must be a unit and start like one.
 */
function splitOnSpace(text: string, raw: RawItem): RawItem[] {
  const parts: RawItem[] = [];
  for (const m of text.slice(raw.start, raw.end).matchAll(/[^\s\u3000]+/g)) {
    const st = raw.start + (m.index ?? 0);
    parts.push({ start: st, end: st + m[0].length, sep: parts.length ? 'dun' : raw.sep });
  }
  if (parts.length < 2) return [raw];
  const names = parts.map((p) => parseItem(text, p).name);
  const first = names[0][0];
  const ok = names.every(
    (n, k) => n.length >= 3 && looksLikeUnit(n) && (k === 0 || n[0] === first || UNIT_START.test(n)),
  );
  return ok ? parts : [raw];
}

/**
 * Items of text[from, to): split, markers stripped, space-separated units split apart,
 * bare level words shared with the next item.
 */
function parseList(text: string, from: number, to: number): Item[] {
  const items = splitRaw(text, from, to)
    .flatMap((raw) => splitOnSpace(text, raw))
    .map((raw) => parseItem(text, raw));
  return shareLevelWords(items);
}

/** 省、市驻华亭有关单位 → 省驻华亭有关单位, 市驻华亭有关单位; 各州、市人民政府 → 各州人民政府, 市人民政府. */
function shareLevelWords(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!BARE_LEVEL.test(it.name)) {
      out.push(it);
      continue;
    }
    const donor = items.slice(i + 1).find((d) => d.name && !BARE_LEVEL.test(d.name));
    const rest = donor ? donor.name.replace(LEVEL_PREFIX, '') : '';
    // "各县、市直各部门": 市直 is a word of its own, nothing to share.
    if (donor && rest && rest !== donor.name && !/^[直属]/.test(rest)) {
      out.push({ ...it, name: it.name + rest, end: donor.end });
    } else if (PLURAL_AREA.test(it.name)) out.push(it);
  }
  return out;
}

/** Obviously not a unit, even in a 责任单位 column: empty, a number, a placeholder, a sentence. */
function isJunk(name: string): boolean {
  return (
    name.length < 2 ||
    name.length > 40 ||
    /^[\d\s.．、\-—－/／]+$/.test(name) ||
    /^(?:无|暂无|略|待定)$/.test(name) ||
    // An aside inside a list: "…经开区管委会，以下统称各县(区)政府，市政府各部门".
    /^(?:以下|下同|简称|统称)/.test(name) ||
    /[。！？]/.test(name) ||
    SENTENCE_END.test(name) ||
    LABEL_WORD.test(name)
  );
}

interface Assigned {
  item: Item;
  role: UnitRole;
}

/**
 * Give each item its role.
 * - `dflt` set (a label or a column): unmarked items take it; a marker applies back over the
 *   、-joined items before it ("A、B牵头"); a unit marked 牵头 under a responsible label is
 *   responsible as well.
 * - `dflt` null (an inline parenthesis or sentence): a marker applies back over every unmarked
 *   item before it ("省直有关部门，各州、市人民政府按照职责分工负责"); items after the last
 *   marker are responsible; without any marker nothing is assigned.
 */
function assignRoles(items: Item[], dflt: UnitRole | null, strict: boolean, leadAlsoResponsible = true): Assigned[] {
  const out: Assigned[] = [];
  let pending: Item[] = [];
  let anyMarker = false;
  const emit = (it: Item, role: UnitRole): void => {
    out.push({ item: it, role });
    if (role === 'lead' && dflt === 'responsible' && leadAlsoResponsible) out.push({ item: it, role: 'responsible' });
  };
  const flush = (role: UnitRole | null): void => {
    if (role) for (const p of pending) emit(p, role);
    pending = [];
  };
  for (const it of items) {
    if (dflt && it.sep === 'comma') flush(dflt);
    const ok = strict ? looksLikeUnit(it.name) : !isJunk(it.name);
    if (!ok) {
      // A non-unit breaks the chain (a deadline or remark inside the parenthesis).
      flush(dflt);
      continue;
    }
    if (it.marker) {
      pending.push(it);
      flush(it.marker);
      anyMarker = true;
    } else pending.push(it);
  }
  flush(dflt ?? (anyMarker ? 'responsible' : null));
  return out;
}

function dedupe(names: string[]): string[] {
  return [...new Set(names)];
}

/** Split a printed list of units per gold README (、，,；; strip 牵头/配合/负责落实/分别负责落实/等/等有关部门; level-word sharing). */
export function splitUnitList(text: string): string[] {
  const body = text.replace(LABEL_AT_START, '');
  const offset = text.length - body.length;
  return dedupe(
    parseList(text, offset, text.length)
      .map((i) => i.name)
      .filter((n) => !isJunk(n)),
  );
}

/**
 * The units of one table cell or label list under a column/label role:
 * a 责任单位 cell gives every unit as responsible and those marked 牵头 as lead too;
 * a 牵头单位 cell gives lead (units marked 配合 are responsible).
 */
export function unitsFromCell(
  printed: string,
  role: UnitRole,
  opts: { leadAlsoResponsible?: boolean } = {},
): { lead: string[]; responsible: string[] } {
  const text = foldTraditional(printed);
  // A cell that labels its own lists ("牵头单位：A；责任单位：B") is read by its labels.
  const labelled = new RegExp(LABEL_RE.source).test(text) ? labelHits(text, []) : [];
  const assigned: { name: string; role: UnitRole }[] = (
    labelled.length
      ? labelled
      : assignRoles(parseList(text, 0, text.length), role, false, opts.leadAlsoResponsible ?? true).map((a) => ({
          name: a.item.name,
          role: a.role,
          start: a.item.start,
          end: a.item.end,
        }))
  ).map((a) => (text === printed ? a : { ...a, name: asPrinted(printed, a) }));
  return {
    lead: dedupe(assigned.filter((a) => a.role === 'lead').map((a) => a.name)),
    responsible: dedupe(assigned.filter((a) => a.role === 'responsible').map((a) => a.name)),
  };
}

// ---------------------------------------------------------------- finding assignments in text

const LABEL_NAMES =
  '牵头责任单位|牵头责任部门|协同责任单位|配合责任单位|牵头单位|牵头部门|牵头处室|牵头科室|主责单位|主办单位|责任单位|责任部门|责任处室|责任科室|配合单位|配合部门|配合处室|配合科室|协办单位|协助单位|参与单位|协同单位|责任主体|落实单位|实施单位';
const LABEL_RE = new RegExp(`[【\\[〔]?(${LABEL_NAMES})[】\\]〕]?[ \\t\\u3000]*[：:][ \\t\\u3000]*`, 'g');
/** A label at a line start without a colon, followed by spaces: "责任单位  市政府办". */
const LABEL_NOCOLON_RE = new RegExp(`^[ \\t\\u3000]*[【\\[〔]?(${LABEL_NAMES})[】\\]〕]?[ \\t\\u3000]+(?=\\S)`, 'gm');
const LABEL_AT_START = new RegExp(`^\\s*[【\\[〔]?(?:${LABEL_NAMES})[】\\]〕]?\\s*[：:]?\\s*`);
const labelRole = (label: string): UnitRole => (/^(?:牵头|主责|主办)/.test(label) ? 'lead' : 'responsible');

/** A line that opens a heading or a new label: a list never runs on into it. */
const LINE_OPENER = new RegExp(
  `^[ \\t\\u3000]*(?:[（(][一二三四五六七八九十百\\d]+[）)]|[一二三四五六七八九十百]+、|\\d+[.．、]|[【\\[〔]?(?:${LABEL_NAMES})|附件|抄送|[\\u4e00-\\u9fff]{2,8}[：:])`,
);

/** Does the list that has reached a line break at `nl` go on on the next line? */
function listContinues(text: string, from: number, nl: number): number | null {
  let next = nl;
  while (next < text.length && /[\s\u3000]/.test(text[next])) next++;
  if (next >= text.length) return null;
  const rest = text.slice(next, text.indexOf('\n', next) < 0 ? text.length : text.indexOf('\n', next));
  if (LINE_OPENER.test(rest)) return null;
  const sofar = text.slice(from, nl).trim();
  if (sofar === '' || /[、，,；;]$/.test(sofar)) return next;
  // A unit cut by a hard line wrap: "工业园区管委" / "会，市直有关部门".
  const items = splitRaw(text, from, nl);
  const last = squash(text.slice(items[items.length - 1].start, nl));
  const head = squash(rest.split(/[、，,；;。]/)[0] ?? '');
  // Both halves may be units by themselves ("工业园区" / "管委会"): a name that goes on a new line
  // of its own starts like one (市…, 各…, or like the list's first name).
  const first = squash(text.slice(items[0].start, items[0].end))[0];
  const startsLikeUnit = UNIT_START.test(head) || head[0] === first;
  // "各乡" / "镇人民政府": 各 and one place word is the head of a plural name (各乡镇, 各县区), not
  // a name of its own, however the next line starts.
  const bareArea = /^各[\u4e00-\u9fa5]$/.test(last);
  if (last && head && (bareArea || !looksLikeUnit(last) || !looksLikeUnit(head) || !startsLikeUnit) && looksLikeUnit(last + head))
    return next;
  return null;
}

/** Field names that may follow a unit list on the same line. */
const FIELD_NAME = new RegExp(`(?:${LABEL_NAMES}|完成时限|完成时间|时间节点|时间要求|时限要求|时限|责任领导|责任人|备注)[ \\t\\u3000]*$`);

/** The start of the field name before the colon at `colon` (the list ends there). */
function fieldStart(text: string, lastSep: number, colon: number): number {
  const m = FIELD_NAME.exec(text.slice(lastSep, colon));
  if (m) return lastSep + m.index;
  // Otherwise the word before the colon, back to a space or separator.
  let k = colon;
  while (k > lastSep && /[ \t\u3000]/.test(text[k - 1])) k--;
  while (k > lastSep && !/[\s\u3000、，,；;]/.test(text[k - 1])) k--;
  return k;
}

/** Where a label's list ends: the line end (unless it wraps), 。, a closing parenthesis, the next label. */
function listEnd(text: string, from: number): number {
  let depth = 0;
  let lastSep = from;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isOpenCode(code)) depth++;
    else if (isCloseCode(code)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (code === 0x3015 || code === 0x3011 || code === 0x5d)) return i; // 〔责任单位：…〕, 【牵头单位：…】
    else if (code === 0x0a) {
      const next = listContinues(text, from, i);
      if (next === null) return i;
      i = next - 1;
    } else if (depth === 0) {
      if (code === 0x3002) return i; // 。
      if (code === 0xff1a || code === 0x3a) return fieldStart(text, lastSep, i); // "；完成时限：…" starts another field
      if (code === 0x3001 || isCommaCode(code)) lastSep = i; // 、，,；;
    }
  }
  return text.length;
}

interface Range {
  start: number;
  end: number;
}
const inside = (ranges: Range[], i: number): boolean => ranges.some((r) => i >= r.start && i < r.end);

function toHits(assigned: Assigned[], via: UnitHit['via']): UnitHit[] {
  return assigned.map((a) => ({ name: a.item.name, role: a.role, via, start: a.item.start, end: a.item.end }));
}

/** 牵头单位：… / 责任单位：… lists (also inside parentheses and without a colon at a line start). */
function labelHits(text: string, taken: Range[]): UnitHit[] {
  const hits: UnitHit[] = [];
  for (const m of text.matchAll(LABEL_RE)) {
    const from = (m.index ?? 0) + m[0].length;
    const end = listEnd(text, from);
    taken.push({ start: m.index ?? 0, end });
    hits.push(...toHits(assignRoles(parseList(text, from, end), labelRole(m[1]), false), 'label'));
  }
  for (const m of text.matchAll(LABEL_NOCOLON_RE)) {
    const at = m.index ?? 0;
    if (inside(taken, at + m[0].length - 1)) continue;
    const from = at + m[0].length;
    const end = listEnd(text, from);
    const items = parseList(text, from, end);
    // Only when what follows is a list of units (not a table header "责任单位  完成时限").
    if (!items.length || !items.every((i) => looksLikeUnit(i.name))) continue;
    taken.push({ start: at, end });
    hits.push(...toHits(assignRoles(items, labelRole(m[1]), false), 'label'));
  }
  return hits;
}

/** Top-level parenthesised groups (content offsets), with a cap on length for unbalanced text. */
function parenGroups(text: string): Range[] {
  const out: Range[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isOpenCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let depth = 0;
    let close = -1;
    for (let j = i; j < text.length && j < i + 300; j++) {
      const c = text.charCodeAt(j);
      if (isOpenCode(c)) depth++;
      else if (isCloseCode(c)) {
        depth--;
        if (depth === 0) {
          close = j;
          break;
        }
      }
    }
    if (close < 0) {
      i++;
      continue;
    }
    out.push({ start: i + 1, end: close });
    i = close + 1;
  }
  return out;
}

/** Is the parenthesis at a sentence end: right after 。；, or right before 。；? */
function closesSentence(text: string, g: Range): boolean {
  let b = g.start - 2;
  while (b >= 0 && /[ \t\u3000]/.test(text[b])) b--;
  let a = g.end + 1;
  while (a < text.length && /[ \t\u3000]/.test(text[a])) a++;
  return (b >= 0 && /[。；;]/.test(text[b])) || (a < text.length && /[。；;]/.test(text[a]));
}

/** (市发展改革委负责落实), (A、B分别负责落实), (省直有关部门，各州、市人民政府按照职责分工负责). */
function inlineHits(text: string, taken: Range[]): UnitHit[] {
  const hits: UnitHit[] = [];
  for (const g of parenGroups(text)) {
    if (inside(taken, g.start)) continue;
    const items = parseList(text, g.start, g.end);
    let assigned = assignRoles(items, null, true);
    // "做好…工作（市发展改革委、市统计局）。": a parenthesis of units only, closing a sentence.
    if (!assigned.length && closesSentence(text, g) && items.length && items.every((i) => looksLikeUnit(i.name)))
      assigned = items.map((item) => ({ item, role: 'responsible' as const }));
    if (!assigned.length) continue;
    taken.push({ start: g.start - 1, end: g.end + 1 });
    hits.push(...toHits(assigned, 'inline'));
  }
  return hits;
}

const CLAUSE_STOP = /[，,。；;：:！!？?\n（(）)“”"]/;

/** "由市政府办公室牵头，市直各部门配合" / "A、B牵头" in running text. */
function sentenceHits(text: string, taken: Range[]): UnitHit[] {
  const hits: UnitHit[] = [];
  for (const m of text.matchAll(/牵头(?:负责|抓总|落实)?(?=[，,、；;。\n）)]|$)/g)) {
    const at = m.index ?? 0;
    if (inside(taken, at)) continue;
    // The attributive "由A牵头、B参与的联席会议" names a mechanism, not an assignment.
    const after = at + m[0].length;
    const tail = text.slice(after).split(/[，,。；;\n]/)[0] ?? '';
    if (tail.includes('的')) continue;
    let b = at;
    while (b > 0 && !CLAUSE_STOP.test(text[b - 1])) b--;
    const clause = text.slice(b, after);
    const by = clause.lastIndexOf('由');
    const from = by >= 0 ? b + by + 1 : b;
    const lead = parseList(text, from, after);
    if (!lead.length || !lead.every((i) => looksLikeUnit(i.name))) continue;
    const chain: Item[] = lead.map((i) => ({ ...i, marker: i.marker ?? null }));
    // Following "B配合" / "C按职责分工负责" clauses.
    let pos = after;
    while (pos < text.length && /[，,、；;]/.test(text[pos])) {
      let e = pos + 1;
      while (e < text.length && !/[，,；;。\n]/.test(text[e])) e++;
      const items = parseList(text, pos + 1, e);
      const last = items[items.length - 1];
      if (!last || last.marker !== 'responsible' || !items.every((i) => looksLikeUnit(i.name))) break;
      chain.push(...items);
      pos = e;
    }
    taken.push({ start: from, end: pos });
    hits.push(...toHits(assignRoles(chain, null, true), 'inline'));
  }
  return hits;
}

/**
 * All lead/responsible assignments in a section's text: label lines (牵头单位：/责任单位：/
 * 配合单位：/牵头部门/责任部门, full- or half-width colon, optional spaces), inline parentheses
 * ((市发展改革委负责落实), (A、B分别负责落实), (省直有关部门，各州、市人民政府按照职责分工负责)),
 * "A牵头，B配合" / "A、B牵头". Not sentence subjects (各部门要…) nor generic roles (牵头部门要…).
 * Sorted by offset; one hit per name and role.
 */
export function findUnitAssignments(text: string): UnitHit[] {
  const folded = foldTraditional(text);
  const hits = findIn(folded);
  return folded === text ? hits : hits.map((h) => ({ ...h, name: asPrinted(text, h) }));
}

/** The name as printed (traditional characters kept), when the folded name is that span. */
function asPrinted(text: string, h: { name: string; start: number; end: number }): string {
  const printed = text.slice(h.start, h.end).replace(/[\s\u3000]/g, '');
  return foldTraditional(printed) === h.name ? printed : h.name;
}

function findIn(text: string): UnitHit[] {
  const taken: Range[] = [];
  const hits = [...labelHits(text, taken), ...inlineHits(text, taken), ...sentenceHits(text, taken)];
  hits.sort((a, b) => a.start - b.start || (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1));
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.role}|${h.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
