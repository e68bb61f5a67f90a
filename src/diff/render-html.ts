/**
 * NoticeDiff as one self-contained HTML file (inline CSS and JS, no network): the two plans
 * side by side with deletions and insertions highlighted, a navigation list of sections with
 * matched / moved / only-in-A / only-in-B markers (filterable), and the deadline and unit
 * changes in their own table. Several diffs (gkcheck diff --against) go into one page, one
 * report after the other, with an index on top.
 *
 * Stable hooks for tests and scripts: article.entry[data-kind=pair|only-a|only-b][data-moved],
 * nav li.nav-item[data-kind], table.changes (one row per changed item), [data-count=…].
 */
import type { NoticeDiff, PairDiff } from './index.js';
import { wordDiff, type TextRun } from './word-diff.js';
import { entries, escapeHtml as e, formatDeadlines, formatUnits, heading, MARKER, MODALITY, sectionMap } from './render-util.js';

const CSS = `
:root{--a:#b42318;--a-bg:#fde4e1;--b:#067647;--b-bg:#d7f5e3;--mv:#b54708;--mv-bg:#fef0c7;--line:#d0d5dd;--muted:#667085;--nav:300px}
*{box-sizing:border-box}
body{margin:0;font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1d2939;background:#f9fafb}
header.top{padding:16px 24px;background:#fff;border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:0 0 8px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:0 0 6px}
.en{color:var(--muted);font-weight:normal;font-size:.85em}
.plans{display:flex;gap:24px;flex-wrap:wrap}.plans .tag{display:inline-block;min-width:1.6em;text-align:center;border-radius:4px;color:#fff;font-weight:bold;margin-right:6px}
.tag.a{background:var(--a)}.tag.b{background:var(--b)}
.path{color:var(--muted);font-size:.85em}
ul.summary{list-style:none;padding:0;margin:10px 0 0;display:flex;gap:10px;flex-wrap:wrap}
ul.summary li{background:#f2f4f7;border-radius:6px;padding:2px 10px}ul.summary b{font-size:1.1em}
.layout{display:grid;grid-template-columns:var(--nav) 1fr;align-items:start}
nav.sections{position:sticky;top:0;max-height:100vh;overflow:auto;padding:12px;border-right:1px solid var(--line);background:#fff}
nav.sections ol{list-style:none;padding:0;margin:8px 0 0}
nav.sections li a{display:flex;gap:6px;align-items:baseline;padding:3px 4px;border-radius:4px;color:inherit;text-decoration:none;font-size:13px;line-height:1.4}
nav.sections li a:hover,nav.sections li.current a{background:#eef4ff}
nav.sections li .t{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.filters label{display:inline-flex;gap:3px;align-items:center;font-size:12px;margin-right:6px;white-space:nowrap}
.marker{display:inline-block;font-size:11px;line-height:1.5;padding:0 5px;border-radius:3px;white-space:nowrap;border:1px solid transparent}
.marker.pair{background:#eef4ff;color:#3538cd}.marker.moved{background:var(--mv-bg);color:var(--mv)}
.marker.only-a{background:var(--a-bg);color:var(--a)}.marker.only-b{background:var(--b-bg);color:var(--b)}
.marker.flag{background:#f4ebff;color:#6941c6}
main{padding:0 24px 48px;min-width:0}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f4f7}td.nowrap{white-space:nowrap}
nav.sections li.l2 a{padding-left:14px}nav.sections li.l3 a{padding-left:24px}nav.sections li.l4 a{padding-left:34px}
td.old{background:var(--a-bg)}td.new{background:var(--b-bg)}
article.entry{background:#fff;border:1px solid var(--line);border-radius:8px;margin:12px 0;scroll-margin-top:8px}
article.entry>header{display:flex;gap:8px;align-items:center;padding:6px 12px;border-bottom:1px solid var(--line);background:#fcfcfd;border-radius:8px 8px 0 0;font-size:13px}
article.entry:target{outline:2px solid #6172f3}
.cols{display:grid;grid-template-columns:1fr 1fr}
.col{padding:10px 12px;min-width:0}.col+.col{border-left:1px solid var(--line)}
.col p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.only-label{display:inline-block;font-size:12px;border-radius:3px;padding:0 6px;margin:0 0 6px}
.col.a .only-label{background:var(--a-bg);color:var(--a)}.col.b .only-label{background:var(--b-bg);color:var(--b)}
.col.a .only-text{border-left:3px solid var(--a);padding-left:10px}.col.b .only-text{border-left:3px solid var(--b);padding-left:10px}
.filters label.sub{margin-left:14px}
.col.empty{color:var(--muted);font-style:italic;background:repeating-linear-gradient(45deg,#fff,#fff 8px,#f9fafb 8px,#f9fafb 16px)}
del{background:var(--a-bg);color:var(--a);text-decoration:line-through}
ins{background:var(--b-bg);color:var(--b);text-decoration:none}
.facts{font-size:13px;color:var(--muted);margin-top:6px}
.hidden{display:none!important}
section.report+section.report{border-top:4px solid var(--line)}
@media (max-width:900px){.layout{grid-template-columns:1fr}nav.sections{position:static;max-height:none}.cols{grid-template-columns:1fr}.col+.col{border-left:0;border-top:1px solid var(--line)}}
@media print{nav.sections{display:none}.layout{display:block}}
`;

const JS = `
document.querySelectorAll('section.report').forEach(function(rep){
  var boxes=rep.querySelectorAll('.filters input');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.value]=b.checked});
    rep.querySelectorAll('[data-kind]').forEach(function(el){
      var kind=el.getAttribute('data-kind'),moved=el.getAttribute('data-moved')==='true';
      // 配对 counts every pair, as the header does; 其中移动 narrows it to the moved ones.
      var show=kind==='pair'?(on.pair&&(!moved||on.moved)):on[kind];
      el.classList.toggle('hidden',!show);
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply)});
  apply();
});
function current(hash){
  document.querySelectorAll('nav li.current').forEach(function(li){li.classList.remove('current')});
  if(!hash)return;
  document.querySelectorAll('nav.sections a').forEach(function(a){
    if(a.getAttribute('href')===hash)a.parentElement.classList.add('current');
  });
}
document.querySelectorAll('nav.sections a').forEach(function(a){
  a.addEventListener('click',function(){current(a.getAttribute('href'))});
});
window.addEventListener('hashchange',function(){current(decodeURIComponent(location.hash))});
current(decodeURIComponent(location.hash));
`;

function side(runs: TextRun[], which: 'a' | 'b'): string {
  const skip = which === 'a' ? 'insert' : 'delete';
  return runs
    .filter((r) => r.op !== skip)
    .map((r) => (r.op === 'equal' ? e(r.text) : r.op === 'delete' ? `<del>${e(r.text)}</del>` : `<ins>${e(r.text)}</ins>`))
    .join('');
}

function marker(kind: 'pair' | 'moved' | 'only-a' | 'only-b'): string {
  const m = MARKER[kind];
  return `<span class="marker ${kind}" title="${e(m.en)}">${e(m.zh)}</span>`;
}

function changeRows(d: NoticeDiff, id: (p: PairDiff) => string): string[] {
  const A = sectionMap(d.sections.a);
  const rows: string[] = [];
  const row = (p: PairDiff, item: string, kind: string, a: string, b: string): void => {
    rows.push(
      `<tr data-change="${kind}"><td><a href="#${id(p)}">${e(p.a)} ⇄ ${e(p.b)}</a> ${e(A.get(p.a)?.title ?? '')}</td><td>${item}</td><td class="old">${e(a)}</td><td class="new">${e(b)}</td></tr>`,
    );
  };
  for (const p of d.pairs) {
    if (p.changed.deadlines) row(p, '时限 <span class="en">deadline</span>', 'deadline', formatDeadlines(p.deadlines.a), formatDeadlines(p.deadlines.b));
    if (p.lead.removed.length || p.lead.added.length) row(p, '牵头单位 <span class="en">lead</span>', 'lead', formatUnits(p.lead.a), formatUnits(p.lead.b));
    if (p.responsible.removed.length || p.responsible.added.length)
      row(p, '责任单位 <span class="en">responsible</span>', 'responsible', formatUnits(p.responsible.a), formatUnits(p.responsible.b));
  }
  return rows;
}

function report(d: NoticeDiff, k: number): string {
  const A = sectionMap(d.sections.a);
  const B = sectionMap(d.sections.b);
  const pre = `r${k}-`;
  const pairId = (p: PairDiff): string => `${pre}a${p.a}`;
  const s = d.summary;
  const nav: string[] = [];
  const body: string[] = [];
  for (const en of entries(d)) {
    if (en.kind === 'pair') {
      const p = en.pair;
      const id = pairId(p);
      const x = A.get(p.a);
      const y = B.get(p.b);
      const flags = [
        p.changed.deadlines ? '<span class="marker flag">时限 deadline</span>' : '',
        p.changed.units ? '<span class="marker flag">单位 units</span>' : '',
        p.modality.length ? '<span class="marker flag">情态 modality</span>' : '',
      ].join('');
      nav.push(
        `<li class="nav-item l${x?.level ?? 1}" data-kind="pair" data-moved="${p.moved}"><a href="#${id}">${marker(p.moved ? 'moved' : 'pair')}<span class="t">${e(p.a)} ${e(x?.title ?? '')}</span><span class="path">${e(p.b)}</span></a></li>`,
      );
      const facts = (sec: typeof x, dl: string): string =>
        `<div class="facts">时限 deadline：${e(dl)}${sec?.lead.length ? ` · 牵头 lead：${e(formatUnits(sec.lead))}` : ''}${sec?.responsible.length ? ` · 责任 responsible：${e(formatUnits(sec.responsible))}` : ''}</div>`;
      const mods = p.modality.length
        ? `<div class="facts">${p.modality.map((m) => `情态 modality：${e(MODALITY[m.from].zh)} → ${e(MODALITY[m.to].zh)}（${e(m.from)} → ${e(m.to)}）`).join('<br>')}</div>`
        : '';
      body.push(
        `<article class="entry pair${p.moved ? ' moved' : ''}" id="${id}" data-kind="pair" data-moved="${p.moved}" data-a="${e(p.a)}" data-b="${e(p.b)}" data-similarity="${p.similarity}">` +
          `<header>${marker(p.moved ? 'moved' : 'pair')}<span>相似度 <span class="en">similarity</span> <b class="sim">${p.similarity.toFixed(2)}</b>${p.basis === 'structure' ? ' <span class="en">(按下级任务 by the tasks it holds)</span>' : ''}</span>${flags}</header>` +
          `<div class="cols"><div class="col a"><h3><span class="tag-path">A ${e(p.a)}</span> ${e(heading(x))}</h3><p>${side(p.text, 'a')}</p>${facts(x, formatDeadlines(p.deadlines.a))}${mods}</div>` +
          `<div class="col b"><h3><span class="tag-path">B ${e(p.b)}</span> ${e(heading(y))}</h3><p>${side(p.text, 'b')}</p>${facts(y, formatDeadlines(p.deadlines.b))}</div></div></article>`,
      );
    } else {
      const which = en.kind === 'only-a' ? 'a' : 'b';
      const sec = (which === 'a' ? A : B).get(en.path);
      const id = `${pre}${which}${en.path}`;
      nav.push(
        `<li class="nav-item l${sec?.level ?? 1}" data-kind="${en.kind}" data-moved="false"><a href="#${id}">${marker(en.kind)}<span class="t">${e(en.path)} ${e(sec?.title ?? '')}</span></a></li>`,
      );
      // A section of one plan only is shown as plain text under a coloured rule and a label,
      // not struck through or underlined as a whole: it is to be read, not compared.
      const label = which === 'a' ? '仅见于A，B中没有 <span class="en">only in A</span>' : '仅见于B，A中没有 <span class="en">only in B</span>';
      const text = `<h3><span class="tag-path">${which.toUpperCase()} ${e(en.path)}</span> ${e(heading(sec))}</h3><div class="only-label">${label}</div><p class="only-text">${e(sec?.text ?? '')}</p><div class="facts">时限 deadline：${e(formatDeadlines(sec?.deadlines ?? []))}</div>`;
      const empty = `<div class="col empty">${which === 'a' ? 'B 中没有对应章节 / no counterpart in B' : 'A 中没有对应章节 / no counterpart in A'}</div>`;
      body.push(
        `<article class="entry ${en.kind}" id="${id}" data-kind="${en.kind}" data-moved="false" data-${which}="${e(en.path)}"><header>${marker(en.kind)}</header><div class="cols">${
          which === 'a' ? `<div class="col a">${text}</div>${empty}` : `${empty}<div class="col b">${text}</div>`
        }</div></article>`,
      );
    }
  }
  const changes = changeRows(d, pairId);
  const modRows = d.pairs.flatMap((p) =>
    p.modality.map((m) => {
      const runs = wordDiff(m.a, m.b);
      const inline = runs.map((r) => (r.op === 'equal' ? e(r.text) : r.op === 'delete' ? `<del>${e(r.text)}</del>` : `<ins>${e(r.text)}</ins>`)).join('');
      return `<tr><td><a href="#${pairId(p)}">${e(p.a)} ⇄ ${e(p.b)}</a></td><td class="nowrap">${e(MODALITY[m.from].zh)} → ${e(MODALITY[m.to].zh)} <span class="en">${e(m.from)} → ${e(m.to)}</span></td><td>${inline}</td></tr>`;
    }),
  );
  const filter = (value: string, kind: 'pair' | 'moved' | 'only-a' | 'only-b', n: number, text = '', cls = ''): string =>
    `<label${cls ? ` class="${cls}"` : ''}><input type="checkbox" value="${value}" checked>${text}${marker(kind)}<span data-count="${value}">${n}</span></label>`;

  return `<section class="report" id="${pre}report">
<header class="top">
<h1>政务公开工作要点比对 <span class="en">Plan comparison</span></h1>
<div class="plans"><div><span class="tag a">A</span>${e(d.a.label)} <span class="path">${e(d.a.path)}</span></div><div><span class="tag b">B</span>${e(d.b.label)} <span class="path">${e(d.b.path)}</span></div></div>
<ul class="summary">
<li data-count="pairs">配对 <span class="en">pairs</span> <b>${s.pairs}</b></li>
<li data-count="moved">其中移动 <span class="en">of which moved</span> <b>${s.moved}</b></li>
<li data-count="only-a">仅在A <span class="en">only in A</span> <b>${s.onlyA}</b></li>
<li data-count="only-b">仅在B <span class="en">only in B</span> <b>${s.onlyB}</b></li>
<li data-count="deadline-changes">时限变化 <span class="en">deadline changes</span> <b>${s.deadlineChanges}</b></li>
<li data-count="unit-changes">单位变化 <span class="en">unit changes</span> <b>${s.unitChanges}</b></li>
<li data-count="modality-changes">情态变化 <span class="en">modality changes</span> <b>${s.modalityChanges}</b></li>
</ul>
<div class="path">相似度阈值 similarity threshold ${d.threshold} · <del>删去 deleted (A)</del> <ins>新增 inserted (B)</ins></div>
</header>
<div class="layout">
<nav class="sections" aria-label="章节 sections">
<h2>章节 <span class="en">Sections</span></h2>
<div class="filters">${filter('pair', 'pair', s.pairs)}${filter('moved', 'moved', s.moved, '其中', 'sub')}${filter('only-a', 'only-a', s.onlyA)}${filter('only-b', 'only-b', s.onlyB)}</div>
<ol>
${nav.join('\n')}
</ol>
</nav>
<main>
<h2 id="${pre}changes">时限与单位变化 <span class="en">Deadline and unit changes</span></h2>
<table class="changes"><thead><tr><th>章节 <span class="en">section</span></th><th>项目 <span class="en">item</span></th><th>A ${e(d.a.label)}</th><th>B ${e(d.b.label)}</th></tr></thead>
<tbody>
${changes.join('\n') || '<tr class="none"><td colspan="4">无 / none</td></tr>'}
</tbody></table>
<h2 id="${pre}modality">情态变化 <span class="en">Modality changes</span></h2>
<table class="modality"><thead><tr><th>章节 <span class="en">section</span></th><th>变化 <span class="en">change</span></th><th>句子 <span class="en">sentence</span>（<del>A</del> <ins>B</ins>）</th></tr></thead>
<tbody>
${modRows.join('\n') || '<tr class="none"><td colspan="3">无 / none</td></tr>'}
</tbody></table>
<h2 id="${pre}sections">逐节对照 <span class="en">Side by side</span></h2>
${body.join('\n')}
</main>
</div>
</section>`;
}

export function renderHtml(diffs: NoticeDiff | NoticeDiff[]): string {
  const list = Array.isArray(diffs) ? diffs : [diffs];
  const title = list.length === 1 ? `${list[0].a.label} ⇄ ${list[0].b.label}` : `${list[0].a.label} ⇄ ${list.length} 个要点`;
  const index =
    list.length > 1
      ? `<header class="top"><h1>与参照要点比对 <span class="en">Compared with a reference</span></h1><table class="index"><thead><tr><th>要点 <span class="en">plan</span></th><th>配对 pairs</th><th>移动 moved</th><th>仅参照 only in reference</th><th>仅本要点 only in plan</th><th>时限变化 deadline changes</th><th>单位变化 unit changes</th></tr></thead><tbody>${list
          .map(
            (d, k) =>
              `<tr><td><a href="#r${k}-report">${e(d.b.label)}</a> <span class="path">${e(d.b.path)}</span></td><td>${d.summary.pairs}</td><td>${d.summary.moved}</td><td>${d.summary.onlyA}</td><td>${d.summary.onlyB}</td><td>${d.summary.deadlineChanges}</td><td>${d.summary.unitChanges}</td></tr>`,
          )
          .join('')}</tbody></table></header>`
      : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gkcheck diff">
<title>政务公开工作要点比对 — ${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
${index}
${list.map(report).join('\n')}
<script>${JS}</script>
</body>
</html>
`;
}
