/**
 * Terminal summary of a NoticeDiff: Chinese first, English beside each heading.
 * Input: a NoticeDiff; output: text (ANSI colours only when asked).
 */
import { Chalk } from 'chalk';
import type { NoticeDiff } from './index.js';
import { entries, formatDeadlines, formatUnits, heading, MODALITY, padWidth, sectionMap, truncateWidth } from './render-util.js';

export interface TextOptions {
  color?: boolean;
  /** Print the word-level text diff of every changed pair (long). */
  verbose?: boolean;
}

export function renderText(d: NoticeDiff, opts: TextOptions = {}): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const A = sectionMap(d.sections.a);
  const B = sectionMap(d.sections.b);
  const out: string[] = [];
  const h = (zh: string, en: string): void => {
    out.push('', c.bold(`${zh} / ${en}`));
  };
  const s = d.summary;

  out.push(c.bold(`政务公开工作要点比对 / Plan comparison`));
  out.push(`  A  ${d.a.label}  ${c.dim(d.a.path)}`);
  out.push(`  B  ${d.b.label}  ${c.dim(d.b.path)}`);
  out.push(c.dim(`  相似度阈值 / similarity threshold ${d.threshold}`));

  h('概况', 'Summary');
  out.push(
    `  配对 ${s.pairs} pairs（其中移动 ${s.moved} moved）· 仅在A ${s.onlyA} only in A · 仅在B ${s.onlyB} only in B`,
    `  时限变化 ${s.deadlineChanges} deadline changes · 单位变化 ${s.unitChanges} unit changes · 情态变化 ${s.modalityChanges} modality changes`,
  );

  h('章节对照', 'Sections side by side');
  const left = 44;
  for (const e of entries(d)) {
    if (e.kind === 'pair') {
      const p = e.pair;
      const mark = p.moved ? c.yellow('↕') : p.basis === 'structure' ? c.dim('≡') : ' ';
      const flags = [p.changed.deadlines ? c.red('时限') : '', p.changed.units ? c.red('单位') : '', p.modality.length ? c.magenta('情态') : ''].filter(Boolean).join(' ');
      out.push(
        `${mark} ${padWidth(truncateWidth(`${p.a} ${heading(A.get(p.a))}`, left), left)} ⇄ ${padWidth(truncateWidth(`${p.b} ${heading(B.get(p.b))}`, left), left)} ${c.dim(p.similarity.toFixed(2))} ${flags}`.trimEnd(),
      );
    } else if (e.kind === 'only-a') {
      out.push(`${c.red('−')} ${padWidth(truncateWidth(`${e.path} ${heading(A.get(e.path))}`, left), left)}   ${c.dim('（B 无对应 / not in B）')}`);
    } else {
      out.push(`${c.green('+')} ${c.dim(padWidth('（A 无对应 / not in A）', left))}   ${truncateWidth(`${e.path} ${heading(B.get(e.path))}`, left)}`);
    }
  }
  out.push(c.dim('  ↕ 移动 moved · ≡ 按下级任务配对 paired by the tasks it holds · − 仅A only in A · + 仅B only in B'));

  const changed = d.pairs.filter((p) => p.changed.deadlines || p.changed.units);
  h('时限与单位变化', 'Deadline and unit changes');
  if (!changed.length) out.push('  无 / none');
  for (const p of changed) {
    out.push(`  ${p.a} ⇄ ${p.b}  ${A.get(p.a)?.title ?? ''}`);
    if (p.changed.deadlines) out.push(`    时限 deadline:      ${formatDeadlines(p.deadlines.a)}  →  ${formatDeadlines(p.deadlines.b)}`);
    if (p.lead.removed.length || p.lead.added.length) out.push(`    牵头单位 lead:      ${formatUnits(p.lead.a)}  →  ${formatUnits(p.lead.b)}`);
    if (p.responsible.removed.length || p.responsible.added.length) out.push(`    责任单位 responsible: ${formatUnits(p.responsible.a)}  →  ${formatUnits(p.responsible.b)}`);
  }

  const modal = d.pairs.filter((p) => p.modality.length);
  h('情态变化', 'Modality changes');
  if (!modal.length) out.push('  无 / none');
  for (const p of modal) {
    for (const m of p.modality) {
      out.push(`  ${p.a} ⇄ ${p.b}  ${MODALITY[m.from].zh} ${m.from} → ${MODALITY[m.to].zh} ${m.to}`);
      out.push(c.dim(`    A: ${truncateWidth(m.a, 100)}`), c.dim(`    B: ${truncateWidth(m.b, 100)}`));
    }
  }

  if (opts.verbose) {
    h('文字差异', 'Text differences');
    for (const p of d.pairs.filter((x) => x.changed.text)) {
      out.push(`  ${p.a} ⇄ ${p.b}`);
      out.push(
        '    ' +
          p.text.map((r) => (r.op === 'equal' ? r.text : r.op === 'delete' ? c.red.strikethrough(`[-${r.text}-]`) : c.green(`{+${r.text}+}`))).join(''),
      );
    }
  }
  return out.join('\n') + '\n';
}
