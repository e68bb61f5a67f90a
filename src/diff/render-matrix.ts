/**
 * CoverageMatrix renderers: terminal table, CSV (UTF-8 with BOM, so that Excel opens it as
 * UTF-8), JSON (render-data.ts) and a self-contained HTML heat-map.
 * Input: a CoverageMatrix; output: text.
 */
import { Chalk } from 'chalk';
import type { CoverageMatrix, DeadlineInfo, MatrixCell } from './index.js';
import { deadlineZh } from '../extract/deadline-display.js';
import { displayWidth, escapeHtml as e, padWidth, truncateWidth } from './render-util.js';

/** Compact deadline for a table cell: 9月30日 for a date in the plan's year, else the reading in Chinese. */
export function shortDeadline(d: DeadlineInfo): string {
  const md = /^date:Y-(\d\d)-(\d\d)$/.exec(d.key);
  if (d.kind === 'date' && md) return `${Number(md[1])}月${Number(md[2])}日`;
  return deadlineZh(d);
}

const deadlinesOf = (c: MatrixCell): string => [...new Set(c.deadlines.map(shortDeadline))].join(',');

export function renderMatrixText(m: CoverageMatrix, opts: { color?: boolean; width?: number } = {}): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  out.push(c.bold('覆盖矩阵 / Coverage matrix'));
  out.push(
    m.mode === 'reference'
      ? `  行：参照要点的章节 / rows: sections of the reference — ${m.reference!.label} (${m.reference!.path})`
      : '  行：各要点中内容相近的章节归为一个主题 / rows: topics (sections aligned across plans)',
  );
  m.plans.forEach((p, k) => out.push(c.dim(`  [${k + 1}] ${p.label}  ${p.path}`)));
  out.push('');
  const idW = Math.max(4, ...m.rows.map((r) => displayWidth(r.id)));
  const topicW = 30;
  const colW = m.plans.map((p, k) => Math.max(displayWidth(`[${k + 1}] ${p.label}`), 14));
  const head = [padWidth('编号', idW), padWidth('主题 topic', topicW), ...m.plans.map((p, k) => padWidth(truncateWidth(`[${k + 1}] ${p.label}`, colW[k]), colW[k])), '覆盖'];
  out.push(c.bold(head.join(' │ ')));
  out.push([idW, topicW, ...colW, 4].map((w) => '─'.repeat(w)).join('─┼─'));
  let group: string | null | undefined;
  for (const r of m.rows) {
    if (m.mode === 'reference' && r.group !== group) {
      group = r.group;
      if (group) out.push(c.bold.dim(`  ${group}`));
    }
    const cells = r.cells.map((cell, k) => {
      const txt = cell.covered ? `✓ ${cell.path}${cell.deadlines.length ? ' ' + deadlinesOf(cell) : ''}` : '·';
      const fitted = padWidth(truncateWidth(txt, colW[k]), colW[k]);
      return cell.covered ? c.green(fitted) : c.dim(fitted);
    });
    out.push([padWidth(r.id, idW), padWidth(truncateWidth(r.title, topicW), topicW), ...cells, `${r.covered}/${m.plans.length}`].join(' │ '));
  }
  out.push('');
  const totals = m.plans.map((p, k) => `${p.label} ${m.rows.filter((r) => r.cells[k].covered).length}/${m.rows.length}`);
  out.push(`覆盖 / covered: ${totals.join(' · ')}`);
  if (m.mode === 'reference') {
    m.unmatched.forEach((u, k) => {
      if (u.length) out.push(c.dim(`  ${m.plans[k].label} 参照中没有的任务 / tasks not in the reference: ${u.map((x) => `${x.path} ${x.title}`).join('；')}`));
    });
  }
  out.push(c.dim('  ✓ 章节号 时限（月日为本年日期）/ section path and deadline (month and day: a date in the plan year) · · 未覆盖 not covered'));
  return out.join('\n') + '\n';
}

/** An RFC 4180 field; text that Excel/WPS would run as a formula (= + - @ …) gets a leading apostrophe (OWASP). */
function csvField(s: string | number): string {
  const t = typeof s === 'number' ? String(s) : /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function renderMatrixCsv(m: CoverageMatrix): string {
  const head = ['编号 id', '章 chapter', '主题 topic', '来源 source'];
  if (m.mode === 'reference') head.push('参照时限 reference deadline');
  for (const p of m.plans) head.push(`${p.label} 章节 section`, `${p.label} 时限 deadline`);
  head.push('覆盖数 covered');
  const lines = [head.map(csvField).join(',')];
  for (const r of m.rows) {
    const row: (string | number)[] = [r.id, r.group ?? '', r.title, `${r.source.plan} ${r.source.path}`];
    if (m.mode === 'reference') row.push((r.deadlines ?? []).map(deadlineZh).join('；'));
    for (const c of r.cells) row.push(c.covered ? c.path! : '', c.deadlines.map(deadlineZh).join('；'));
    row.push(r.covered);
    lines.push(row.map(csvField).join(','));
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

const HEAT_CSS = `
body{margin:0;padding:16px 24px;font:14px/1.5 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1d2939;background:#f9fafb}
h1{font-size:20px;margin:0 0 6px}.en{color:#667085;font-weight:normal;font-size:.85em}.path{color:#667085;font-size:.85em}
table{border-collapse:collapse;background:#fff}th,td{border:1px solid #d0d5dd;padding:3px 8px;vertical-align:top}
thead th{position:sticky;top:0;background:#f2f4f7;z-index:1}
td.topic{max-width:360px}td.cell{min-width:90px;text-align:center;font-size:12px}
td.cell.no{background:#fff;color:#98a2b3}
tr.group th{background:#eaecf0;text-align:left}
.bar{display:inline-block;height:8px;background:#2e90fa;border-radius:2px;vertical-align:middle;margin-right:4px}
.legend span{display:inline-block;width:28px;height:12px;vertical-align:middle}
tfoot td{font-weight:bold}
`;

/** Covered cells get darker with the similarity of the plan's section to the topic. */
function heat(sim: number): string {
  const t = Math.max(0, Math.min(1, sim));
  const l = Math.round(92 - 45 * t);
  return `hsl(145 55% ${l}%)`;
}

export function renderMatrixHtml(m: CoverageMatrix): string {
  const cols = m.plans.length;
  const rows: string[] = [];
  let group: string | null | undefined;
  for (const r of m.rows) {
    if (m.mode === 'reference' && r.group !== group) {
      group = r.group;
      if (group) rows.push(`<tr class="group"><th colspan="${cols + 3}">${e(group)}</th></tr>`);
    }
    const cells = r.cells
      .map((c, k) => {
        if (!c.covered) return `<td class="cell no" data-plan="${k}" data-covered="false">·</td>`;
        const dl = deadlinesOf(c);
        const fg = (c.similarity ?? 0) > 0.6 ? '#fff' : '#1d2939';
        return `<td class="cell yes" data-plan="${k}" data-covered="true" style="background:${heat(c.similarity ?? 0)};color:${fg}" title="${e(`${c.path} ${c.title ?? ''} · 相似度 similarity ${c.similarity}`)}">${e(c.path ?? '')}${dl ? `<br><b>${e(dl)}</b>` : ''}</td>`;
      })
      .join('');
    const share = r.covered / Math.max(1, cols);
    rows.push(
      `<tr class="topic" data-id="${e(r.id)}"><td class="id">${e(r.id)}</td><td class="topic">${e(r.title)} <span class="path">${e(r.source.plan)} ${e(r.source.path)}${r.deadlines?.length ? ` · ${e(r.deadlines.map((d) => d.text).join('；'))}` : ''}</span></td>${cells}<td><span class="bar" style="width:${Math.round(share * 40)}px"></span>${r.covered}/${cols}</td></tr>`,
    );
  }
  const totals = m.plans.map((_, k) => `<td>${m.rows.filter((r) => r.cells[k].covered).length}/${m.rows.length}</td>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="gkcheck diff --matrix">
<title>覆盖矩阵 Coverage matrix</title><style>${HEAT_CSS}</style></head>
<body>
<h1>覆盖矩阵 <span class="en">Coverage matrix</span></h1>
<p>${m.mode === 'reference' ? `行为参照要点的章节 <span class="en">rows are the sections of the reference</span>：${e(m.reference!.label)} <span class="path">${e(m.reference!.path)}</span>` : '行为各要点中内容相近的章节（主题）<span class="en">rows are topics: sections aligned across plans</span>'}
 · 相似度阈值 <span class="en">threshold</span> ${m.threshold}</p>
<p class="legend">颜色越深，该要点的章节与主题越相近 <span class="en">darker = closer to the topic</span>：<span style="background:${heat(0.15)}"></span> <span style="background:${heat(0.5)}"></span> <span style="background:${heat(0.9)}"></span> · 单元格：章节号与时限 <span class="en">cell: section path and deadline (month and day = in the plan year)</span></p>
<table class="matrix">
<thead><tr><th>编号</th><th>主题 <span class="en">topic</span></th>${m.plans.map((p) => `<th title="${e(p.path)}">${e(p.label)}</th>`).join('')}<th>覆盖 <span class="en">covered</span></th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><td></td><td>合计 <span class="en">total</span></td>${totals}<td></td></tr></tfoot>
</table>
</body>
</html>
`;
}
