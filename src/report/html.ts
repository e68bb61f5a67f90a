/**
 * html: the check report for people who review drafts rather than run CI — one self-contained
 * page (inline CSS and JS, no network, opens from file://) for a plan or a batch. Each plan is
 * shown as its section tree with every finding beside the text it concerns, as comments in the
 * margin of a Word draft: severity, message in Chinese (English below), rule id and the
 * document the rule enforces, where it is printed. The quoted words are marked in the text.
 * Above the text the findings are listed by severity (errors first), each linked to its
 * comment; checkboxes hide a severity. Notice-level and front/back-matter findings sit beside
 * the notice's particulars (文号, 成文日期, 附注…). Every piece of document text is escaped.
 *
 * Needs the parsed notice of each file (`FileReport.notice`; see `needsNotice` in ./index.ts);
 * without it the findings are still listed, by place. Streams: begin() opens the page, file()
 * adds one plan, end() adds the totals and the script that builds the table of contents.
 *
 * Stable hooks for tests: section.file[data-file][data-status], .sec[data-path],
 * aside.note[data-rule][data-severity][data-path], mark.quote[data-note], .bysev [data-severity].
 */
import type { Notice, NoticeMeta, Position, Section, Severity } from '../model.js';
import type { Finding, RuleMeta } from '../rules/types.js';
import type { FileReport, ReportContext, ReportWriter } from './types.js';
import type { RunSummary } from '../usecases/outcome.js';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const SEV = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } } as const;

const META_LABELS: [keyof NoticeMeta, string][] = [
  ['noticeTitle', '通知标题'],
  ['title', '要点标题'],
  ['issuer', '发文机关'],
  ['docNumber', '发文字号'],
  ['signedDateText', '成文日期'],
  ['printedDateText', '印发日期'],
  ['recipients', '主送机关'],
  ['publicity', '附注 / 公开属性'],
  ['cc', '抄送'],
  ['attachments', '附件'],
];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

/** 第3页第12行, 表1第5行, 第12行 — where a reader finds it in the file they have open. */
export function placeZh(p: Position | null | undefined): string {
  if (!p) return '';
  if (p.page !== null) return `第${p.page}页第${p.line}行`;
  if (p.row !== undefined) return `表${p.table ?? ''}第${p.row}行`;
  return `第${p.line}行`;
}

const CSS = `
:root{--err:#b42318;--err-bg:#fef3f2;--warn:#b54708;--warn-bg:#fffaeb;--info:#175cd3;--info-bg:#eff8ff;--line:#d0d5dd;--muted:#667085}
*{box-sizing:border-box}
body{margin:0;font:15px/1.75 "Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif;color:#1d2939;background:#f2f4f7}
.ui,header.top,.bysev,.note,.meta th,nav.toc,.filters,.facts{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
header.top{padding:14px 24px;background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:2}
h1{font-size:19px;margin:0}h2{font-size:17px;margin:0 0 6px}
.en{color:var(--muted);font-weight:normal;font-size:.82em}
.filters{display:flex;gap:12px;flex-wrap:wrap;font-size:13px;margin-top:6px}
.filters label{display:inline-flex;gap:4px;align-items:center}
nav.toc{background:#fff;margin:16px 24px 0;padding:10px 16px;border:1px solid var(--line);border-radius:8px;font-size:14px}
nav.toc ol{margin:4px 0 0;padding-left:20px}
section.file{max-width:1280px;margin:16px auto;background:#fff;border:1px solid var(--line);border-radius:8px;scroll-margin-top:90px}
section.file>header{padding:14px 20px;border-bottom:1px solid var(--line)}
.path{color:var(--muted);font-size:13px;overflow-wrap:anywhere}
.counts{display:flex;gap:8px;flex-wrap:wrap;margin-top:6px;font-size:13px}
.pill{border-radius:10px;padding:0 9px;border:1px solid transparent}
.pill.error{background:var(--err-bg);color:var(--err);border-color:#fecdca}.pill.warning{background:var(--warn-bg);color:var(--warn);border-color:#fedf89}.pill.info{background:var(--info-bg);color:var(--info);border-color:#b2ddff}.pill.ok{background:#ecfdf3;color:#067647}
.bysev{padding:8px 20px 12px;border-bottom:1px solid var(--line);font-size:14px}
.bysev details{margin:4px 0}.bysev summary{cursor:pointer;font-weight:bold}
.bysev ol{margin:4px 0;padding-left:22px}.bysev li{margin:2px 0}
.bysev a{color:inherit;text-decoration:none}.bysev a:hover{text-decoration:underline}
.row{display:grid;grid-template-columns:minmax(0,1fr) 340px;border-top:1px solid #eaecf0}
.row:first-child{border-top:0}
.doc{padding:10px 20px;min-width:0}
.notes{padding:8px 10px;background:#f9fafb;border-left:1px solid var(--line);min-width:0}
.sec.l2 .doc{padding-left:36px}.sec.l3 .doc{padding-left:52px}.sec.l4 .doc{padding-left:68px}
.sec h3{font-size:15px;margin:0 0 2px;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif}
.sec h3 .label{color:var(--muted);font-weight:normal;margin-right:4px}
.sec p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.sec .where{font-size:12px;color:var(--muted)}
.sec.clean .doc{color:#475467}
table.meta{border-collapse:collapse;font-size:14px;width:100%}
table.meta th{width:8.5em;text-align:left;color:var(--muted);font-weight:normal;vertical-align:top;padding:2px 8px 2px 0}
table.meta td{padding:2px 0;overflow-wrap:anywhere}
mark.quote{background:#fde68a;border-bottom:2px solid #f59e0b;padding:0 1px;cursor:pointer}
mark.quote.error{background:#fecdca;border-bottom-color:var(--err)}mark.quote.info{background:#d1e9ff;border-bottom-color:var(--info)}
aside.note{background:#fff;border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:6px 9px;margin:0 0 8px;font-size:13px;line-height:1.55;scroll-margin-top:100px}
aside.note.error{border-left-color:var(--err)}aside.note.warning{border-left-color:var(--warn)}aside.note.info{border-left-color:var(--info)}
aside.note:target,aside.note.lit{outline:2px solid #6172f3}
aside.note .head{display:flex;gap:6px;align-items:baseline;flex-wrap:wrap}
aside.note .sev{font-weight:bold}aside.note.error .sev{color:var(--err)}aside.note.warning .sev{color:var(--warn)}aside.note.info .sev{color:var(--info)}
aside.note .rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#344054}
aside.note .msg{margin:2px 0}aside.note .msg-en{color:var(--muted);font-size:12px}
aside.note .quote{color:#475467;font-size:12px;border-left:2px solid var(--line);padding-left:6px;margin:3px 0;overflow-wrap:anywhere}
aside.note .src{color:var(--muted);font-size:12px}
aside.note .src b{font-weight:normal;color:#344054}
.failed{padding:14px 20px;color:var(--err)}
.none{color:var(--muted);font-size:13px}
.totals{max-width:1280px;margin:16px auto 40px;padding:0 4px;color:var(--muted);font-size:14px}
.hidden{display:none!important}
@media (max-width:900px){.row{grid-template-columns:1fr}.notes{border-left:0;border-top:1px dashed var(--line)}header.top{position:static}}
@media print{header.top{position:static}.filters,nav.toc{display:none}section.file{border:0;break-before:page}.row{break-inside:avoid}}
`;

const JS = `
(function(){
  var files=document.querySelectorAll('section.file');
  var toc=document.querySelector('nav.toc');
  if(toc&&files.length>1){
    var ol=document.createElement('ol');
    files.forEach(function(f){
      var li=document.createElement('li'),a=document.createElement('a');
      a.href='#'+f.id;a.textContent=f.getAttribute('data-title')||f.getAttribute('data-file');
      li.appendChild(a);
      var c=f.querySelector('.counts');if(c){var s=document.createElement('span');s.className='path';s.textContent=' '+c.textContent.replace(/\\s+/g,' ');li.appendChild(s);}
      ol.appendChild(li);
    });
    toc.appendChild(ol);toc.classList.remove('hidden');
  }
  var boxes=document.querySelectorAll('.filters input[data-severity]');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.getAttribute('data-severity')]=b.checked});
    document.querySelectorAll('[data-severity]').forEach(function(el){
      if(el.tagName==='INPUT'||el.closest('.counts'))return;
      el.classList.toggle('hidden',on[el.getAttribute('data-severity')]===false);
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply)});
  document.querySelectorAll('mark.quote').forEach(function(m){
    m.addEventListener('click',function(){
      var n=document.getElementById(m.getAttribute('data-note'));
      if(!n)return;
      document.querySelectorAll('aside.note.lit').forEach(function(x){x.classList.remove('lit')});
      n.classList.add('lit');n.scrollIntoView({block:'nearest'});
    });
  });
})();
`;

export function html(ctx: ReportContext): ReportWriter {
  const rules = new Map(ctx.rules.map((r) => [r.id, r]));
  let k = 0;
  const totals = { error: 0, warning: 0, info: 0 };
  return {
    begin: () =>
      `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${e(ctx.tool.name)} ${e(ctx.tool.version)}">
<title>政务公开工作要点检查报告 — gkcheck</title>
<style>${CSS}</style>
</head>
<body>
<header class="top ui">
<h1>政务公开工作要点检查报告 <span class="en">gkcheck check report</span></h1>
<div class="filters" role="group" aria-label="按严重程度显示 show by severity">${SEVERITIES.map(
        (s) => `<label><input type="checkbox" data-severity="${s}" checked><span class="pill ${s}">${SEV[s].zh} <span class="en">${SEV[s].en}</span></span></label>`,
      ).join('')}</div>
</header>
<nav class="toc ui hidden" aria-label="文件 files"><b>文件 <span class="en">files</span></b></nav>
`,
    file(r) {
      const out = renderFile(r, k++, rules);
      for (const f of r.findings) totals[f.severity]++;
      return out;
    },
    end: (s: RunSummary) =>
      `<p class="totals ui" data-total="${s.total}">共检查 ${s.total} 个文件：无问题 ${s.ok}，有问题 ${s.findings}，无法检查 ${s.failed}；错误 ${totals.error}，警告 ${totals.warning}，提示 ${totals.info}。<span class="en">${s.total} files: ${s.ok} clean, ${s.findings} with findings, ${s.failed} not checked; ${totals.error} errors, ${totals.warning} warnings, ${totals.info} infos.</span></p>
<script>${JS}</script>
</body>
</html>
`,
  };
}

interface Placed {
  f: Finding;
  id: string;
}

function renderFile(r: FileReport, k: number, rules: Map<string, RuleMeta>): string {
  const n = r.notice;
  const title = n?.meta.title ?? n?.meta.noticeTitle ?? r.file;
  const head = `<header><h2>${e(title)}</h2><div class="path">${e(r.file)}</div>`;
  if (r.status === 'failed') {
    return `<section class="file" id="f${k}" data-file="${e(r.file)}" data-title="${e(title)}" data-status="failed">${head}<div class="counts ui"><span class="pill error">无法检查 <span class="en">not checked</span></span></div></header><p class="failed ui">${e(r.error?.zh ?? '')}<br><span class="en">${e(r.error?.en ?? '')}</span></p></section>\n`;
  }
  const placed: Placed[] = r.findings.map((f, i) => ({ f, id: `f${k}-n${i + 1}` }));
  const count = (s: Severity) => placed.filter((p) => p.f.severity === s).length;
  const counts = r.findings.length
    ? SEVERITIES.filter(count)
        .map((s) => `<span class="pill ${s}" data-count="${s}">${SEV[s].zh} ${count(s)}</span>`)
        .join(' ')
    : '<span class="pill ok" data-count="0">未发现问题 <span class="en">no findings</span></span>';

  // Findings by severity, each linked to its comment in the margin.
  const bySev = SEVERITIES.filter(count)
    .map(
      (s) =>
        `<details open data-severity="${s}"><summary>${SEV[s].zh} <span class="en">${SEV[s].en}</span> ${count(s)}</summary><ol>${placed
          .filter((p) => p.f.severity === s)
          .map((p) => `<li><a href="#${p.id}">${p.f.path ? `§${e(p.f.path)} ` : ''}${e(p.f.message.zh)}</a> <span class="path">${e(p.f.ruleId)} · ${e(placeZh(p.f.position)) || '全文'}</span></li>`)
          .join('')}</ol></details>`,
    )
    .join('');

  const sections = n ? flatten(n.sections) : [];
  const known = new Set(sections.map((s) => s.path));
  const bySection = new Map<string, Placed[]>();
  const general: Placed[] = [];
  for (const p of placed) {
    if (p.f.path && known.has(p.f.path)) bySection.set(p.f.path, [...(bySection.get(p.f.path) ?? []), p]);
    else general.push(p);
  }

  const rows: string[] = [];
  rows.push(
    `<div class="row sec meta-row" data-path=""><div class="doc">${n ? metaTable(n) : `<p class="none ui">未能读取文件结构，问题按位置列出。<span class="en">The document's structure is not available; findings are listed by place.</span></p>`}</div><div class="notes">${general.map((p) => note(p, rules)).join('') || '<p class="none ui">无 <span class="en">none</span></p>'}</div></div>`,
  );
  for (const s of sections) {
    const mine = bySection.get(s.path) ?? [];
    rows.push(
      `<div class="row sec l${s.level}${mine.length ? '' : ' clean'}" id="f${k}-s${e(s.path)}" data-path="${e(s.path)}"><div class="doc"><p>${marked(s.text, mine, headingLength(s))}</p><div class="where ui">§${e(s.path)} · ${e(placeZh(s.position))}</div></div><div class="notes">${mine.map((p) => note(p, rules)).join('')}</div></div>`,
    );
  }
  return `<section class="file" id="f${k}" data-file="${e(r.file)}" data-title="${e(title)}" data-status="${r.status}">${head}<div class="counts ui">${counts}</div></header>
${bySev ? `<div class="bysev ui">${bySev}</div>` : ''}
<div class="body">
${rows.join('\n')}
</div>
</section>
`;
}

function flatten(ss: Section[]): Section[] {
  return ss.flatMap((s) => [s, ...flatten(s.children)]);
}

function metaTable(n: Notice): string {
  const cells = META_LABELS.map(([key, label]) => {
    const v = n.meta[key];
    const text = Array.isArray(v) ? v.join('、') : v === null || v === undefined ? '' : String(v);
    const at = n.metaPositions[key === 'signedDateText' ? 'signedDate' : key === 'printedDateText' ? 'printedDate' : key];
    return `<tr data-meta="${key}"><th>${label}</th><td>${text ? e(text) : '<span class="none">（未见）</span>'}${at ? ` <span class="path">${e(placeZh(at))}</span>` : ''}</td></tr>`;
  });
  return `<h3 class="ui">文件信息 <span class="en">the notice</span></h3><table class="meta">${cells.join('')}</table>`;
}

/** How much of the section's text is its heading (label and title), to set it in bold. */
function headingLength(s: Section): number {
  const m = /^\s*/.exec(s.text)![0].length;
  if (!s.text.startsWith(s.label, m)) return 0;
  const end = s.text.indexOf(s.title, m + s.label.length);
  return end >= 0 && end <= m + s.label.length + 2 ? end + s.title.length : m + s.label.length;
}

/**
 * The section's text, escaped, with its heading in bold (unless a quote starts inside it) and
 * each finding's quote marked (first occurrence, no overlaps).
 */
function marked(text: string, notes: Placed[], heading = 0): string {
  const spans: { start: number; end: number; p: Placed }[] = [];
  for (const p of notes) {
    const q = (p.f.quote ?? '').replace(/…$/, '');
    if (q.length < 2) continue;
    const start = text.indexOf(q);
    if (start < 0 || spans.some((s) => start < s.end && start + q.length > s.start)) continue;
    spans.push({ start, end: start + q.length, p });
  }
  spans.sort((a, b) => a.start - b.start);
  const bold = heading > 0 && !spans.some((s) => s.start < heading);
  let out = bold ? `<b class="heading">${e(text.slice(0, heading))}</b>` : '';
  let at = bold ? heading : 0;
  for (const s of spans) {
    out += e(text.slice(at, s.start));
    out += `<mark class="quote ${s.p.f.severity}" data-note="${s.p.id}" data-severity="${s.p.f.severity}" title="${e(s.p.f.message.zh)}">${e(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return out + e(text.slice(at));
}

function note(p: Placed, rules: Map<string, RuleMeta>): string {
  const f = p.f;
  const rule = rules.get(f.ruleId);
  const also = (f.locations ?? []).map((l) => [l.path ? `§${l.path}` : '', placeZh(l.position)].filter(Boolean).join(' ')).filter(Boolean);
  return `<aside class="note ${f.severity}" id="${p.id}" data-rule="${e(f.ruleId)}" data-severity="${f.severity}" data-path="${e(f.path ?? '')}">
<div class="head"><span class="sev">${SEV[f.severity].zh}</span><span class="rule">${e(f.ruleId)}</span><span class="path">${f.path ? `§${e(f.path)} ` : ''}${e(placeZh(f.position))}</span></div>
<div class="msg">${e(f.message.zh)}</div><div class="msg-en">${e(f.message.en)}</div>
${f.quote ? `<div class="quote">“${e(f.quote)}”</div>` : ''}${also.length ? `<div class="src">另见 <span class="en">also at</span>：${e(also.join('；'))}</div>` : ''}
<div class="src">依据 <span class="en">source</span>：<b>${e(f.source || rule?.source || '')}</b>${rule ? ` · ${e(rule.description.zh)}` : ''}</div>
</aside>`;
}
