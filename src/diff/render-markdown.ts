/**
 * NoticeDiff as Markdown (GitHub-flavoured: tables, <del>/<ins> inside <details> for the text).
 * Input: a NoticeDiff; output: Markdown text.
 *
 * Every piece of text that comes from a document (titles, paths, units, sentences, file names)
 * goes through `md()`: HTML is escaped (a document's `<script>` or `<img onerror>` stays text
 * in a rendered page) and Markdown punctuation is backslash-escaped (no links, images or code
 * spans made from a document's words); control characters are removed.
 */
import type { NoticeDiff } from './index.js';
import { entries, escapeHtml, formatDeadlines, formatUnits, heading, MARKER, MODALITY, sectionMap } from './render-util.js';

/** Document text as inert Markdown (see the header). */
export function md(s: string): string {
  // Markdown first, HTML second: escaping after would break the entities (&#39;).
  return escapeHtml(stripControls(s).replace(/[\\`*_{}[\]()#+!|~-]/g, (c) => `\\${c}`));
}

/** C0/C1 controls and bidi overrides out; a newline becomes a space where a line must stay one line. */
function stripControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

const cell = (s: string): string => md(s).replace(/\r?\n/g, ' ');

export function renderMarkdown(d: NoticeDiff): string {
  const A = sectionMap(d.sections.a);
  const B = sectionMap(d.sections.b);
  const s = d.summary;
  const out: string[] = [];
  out.push(`# 政务公开工作要点比对 / Plan comparison`, '');
  out.push(`- **A**：${cell(d.a.label)}（${cell(d.a.path)}）`, `- **B**：${cell(d.b.label)}（${cell(d.b.path)}）`, `- 相似度阈值 / similarity threshold：${d.threshold}`, '');
  out.push(`## 概况 / Summary`, '');
  out.push('| 配对 pairs | 移动 moved | 仅A only in A | 仅B only in B | 时限变化 deadline changes | 单位变化 unit changes | 情态变化 modality changes |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${s.pairs} | ${s.moved} | ${s.onlyA} | ${s.onlyB} | ${s.deadlineChanges} | ${s.unitChanges} | ${s.modalityChanges} |`, '');

  out.push(`## 章节对照 / Sections`, '');
  out.push('| | A | B | 相似度 similarity |', '|---|---|---|---:|');
  for (const e of entries(d)) {
    if (e.kind === 'pair') {
      const p = e.pair;
      const m = p.moved ? `${MARKER.moved.zh} ${MARKER.moved.en}` : `${MARKER.pair.zh} ${MARKER.pair.en}`;
      out.push(`| ${m} | ${cell(p.a)} ${cell(heading(A.get(p.a)))} | ${cell(p.b)} ${cell(heading(B.get(p.b)))} | ${p.similarity.toFixed(2)} |`);
    } else if (e.kind === 'only-a') {
      out.push(`| ${MARKER['only-a'].zh} ${MARKER['only-a'].en} | ${cell(e.path)} ${cell(heading(A.get(e.path)))} | — | |`);
    } else {
      out.push(`| ${MARKER['only-b'].zh} ${MARKER['only-b'].en} | — | ${cell(e.path)} ${cell(heading(B.get(e.path)))} | |`);
    }
  }
  out.push('');

  out.push(`## 时限与单位变化 / Deadline and unit changes`, '');
  const rows: string[] = [];
  for (const p of d.pairs) {
    const t = `${cell(p.a)} ⇄ ${cell(p.b)} ${cell(A.get(p.a)?.title ?? '')}`;
    if (p.changed.deadlines) rows.push(`| ${t} | 时限 deadline | ${cell(formatDeadlines(p.deadlines.a))} | ${cell(formatDeadlines(p.deadlines.b))} |`);
    if (p.lead.removed.length || p.lead.added.length) rows.push(`| ${t} | 牵头单位 lead | ${cell(formatUnits(p.lead.a))} | ${cell(formatUnits(p.lead.b))} |`);
    if (p.responsible.removed.length || p.responsible.added.length)
      rows.push(`| ${t} | 责任单位 responsible | ${cell(formatUnits(p.responsible.a))} | ${cell(formatUnits(p.responsible.b))} |`);
  }
  if (rows.length) out.push('| 章节 section | 项目 item | A | B |', '|---|---|---|---|', ...rows);
  else out.push('无 / none');
  out.push('');

  out.push(`## 情态变化 / Modality changes`, '');
  const mods = d.pairs.flatMap((p) => p.modality.map((m) => ({ p, m })));
  if (mods.length) {
    out.push('| 章节 section | 变化 change | A | B |', '|---|---|---|---|');
    for (const { p, m } of mods) out.push(`| ${cell(p.a)} ⇄ ${cell(p.b)} | ${MODALITY[m.from].zh} → ${MODALITY[m.to].zh} (${m.from} → ${m.to}) | ${cell(m.a)} | ${cell(m.b)} |`);
  } else out.push('无 / none');
  out.push('');

  out.push(`## 文字差异 / Text differences`, '');
  for (const p of d.pairs.filter((x) => x.changed.text)) {
    const body = p.text.map((r) => (r.op === 'equal' ? md(r.text) : r.op === 'delete' ? `<del>${md(r.text)}</del>` : `<ins>${md(r.text)}</ins>`)).join('');
    out.push(`<details><summary>${escapeHtml(stripControls(`${p.a} ${heading(A.get(p.a))} ⇄ ${p.b} ${heading(B.get(p.b))}`))}（${p.similarity.toFixed(2)}）</summary>`, '', body, '', '</details>', '');
  }
  return out.join('\n');
}
