/**
 * Terminal summary of a NoticeDiff: Chinese first, English beside each heading (or one of
 * them: see src/i18n). Input: a NoticeDiff; output: text (ANSI colours only when asked).
 */
import { Chalk } from 'chalk';
import { getLang, t, type Lang, type Text } from '../i18n/index.js';
import type { NoticeDiff } from './index.js';
import { entries, formatDeadlines, formatUnits, heading, MODALITY, padWidth, sectionMap, truncateWidth } from './render-util.js';

export interface TextOptions {
  color?: boolean;
  /** Print the word-level text diff of every changed pair (long). */
  verbose?: boolean;
  /** zh, en or both; default: the i18n setting. */
  lang?: Lang;
}

export function renderText(d: NoticeDiff, opts: TextOptions = {}): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const lang = opts.lang ?? getLang();
  const L = (text: Text, sep = ' / '): string => t(text, sep, lang);
  const A = sectionMap(d.sections.a);
  const B = sectionMap(d.sections.b);
  const out: string[] = [];
  const h = (zh: string, en: string): void => {
    out.push('', c.bold(L({ zh, en })));
  };
  const s = d.summary;

  out.push(c.bold(L({ zh: '政务公开工作要点比对', en: 'Plan comparison' })));
  out.push(`  A  ${d.a.label}  ${c.dim(d.a.path)}`);
  out.push(`  B  ${d.b.label}  ${c.dim(d.b.path)}`);
  out.push(c.dim(`  ${L({ zh: '相似度阈值', en: 'similarity threshold' })} ${d.threshold}`));

  h('概况', 'Summary');
  out.push(
    '  ' +
      L({
        zh: `配对 ${s.pairs}（其中移动 ${s.moved}）· 仅在A ${s.onlyA} · 仅在B ${s.onlyB}`,
        en: `${s.pairs} pairs (${s.moved} moved) · ${s.onlyA} only in A · ${s.onlyB} only in B`,
        both: `配对 ${s.pairs} pairs（其中移动 ${s.moved} moved）· 仅在A ${s.onlyA} only in A · 仅在B ${s.onlyB} only in B`,
      }),
    '  ' +
      L({
        zh: `时限变化 ${s.deadlineChanges} · 单位变化 ${s.unitChanges} · 情态变化 ${s.modalityChanges}`,
        en: `${s.deadlineChanges} deadline changes · ${s.unitChanges} unit changes · ${s.modalityChanges} modality changes`,
        both: `时限变化 ${s.deadlineChanges} deadline changes · 单位变化 ${s.unitChanges} unit changes · 情态变化 ${s.modalityChanges} modality changes`,
      }),
  );

  h('章节对照', 'Sections side by side');
  const left = 44;
  for (const e of entries(d)) {
    if (e.kind === 'pair') {
      const p = e.pair;
      const mark = p.moved ? c.yellow('↕') : p.basis === 'structure' ? c.dim('≡') : ' ';
      const flag = (zh: string, en: string): string => (lang === 'en' ? en : zh);
      const flags = [p.changed.deadlines ? c.red(flag('时限', 'deadline')) : '', p.changed.units ? c.red(flag('单位', 'units')) : '', p.modality.length ? c.magenta(flag('情态', 'modality')) : ''].filter(Boolean).join(' ');
      out.push(
        `${mark} ${padWidth(truncateWidth(`${p.a} ${heading(A.get(p.a))}`, left), left)} ⇄ ${padWidth(truncateWidth(`${p.b} ${heading(B.get(p.b))}`, left), left)} ${c.dim(p.similarity.toFixed(2))} ${flags}`.trimEnd(),
      );
    } else if (e.kind === 'only-a') {
      out.push(`${c.red('−')} ${padWidth(truncateWidth(`${e.path} ${heading(A.get(e.path))}`, left), left)}   ${c.dim(L({ zh: '（B 无对应）', en: '(not in B)', both: '（B 无对应 / not in B）' }))}`);
    } else {
      out.push(`${c.green('+')} ${c.dim(padWidth(L({ zh: '（A 无对应）', en: '(not in A)', both: '（A 无对应 / not in A）' }), left))}   ${truncateWidth(`${e.path} ${heading(B.get(e.path))}`, left)}`);
    }
  }
  out.push(
    c.dim(
      '  ' +
        L({
          zh: '↕ 移动 · ≡ 按下级任务配对 · − 仅A · + 仅B',
          en: '↕ moved · ≡ paired by the tasks it holds · − only in A · + only in B',
          both: '↕ 移动 moved · ≡ 按下级任务配对 paired by the tasks it holds · − 仅A only in A · + 仅B only in B',
        }),
    ),
  );

  const changed = d.pairs.filter((p) => p.changed.deadlines || p.changed.units);
  h('时限与单位变化', 'Deadline and unit changes');
  const none = '  ' + L({ zh: '无', en: 'none' });
  if (!changed.length) out.push(none);
  for (const p of changed) {
    out.push(`  ${p.a} ⇄ ${p.b}  ${A.get(p.a)?.title ?? ''}`);
    const field = (zh: string, en: string): string => padWidth(`${L({ zh, en }, ' ')}:`, lang === 'zh' ? 10 : lang === 'en' ? 13 : 21);
    if (p.changed.deadlines) out.push(`    ${field('时限', 'deadline')} ${formatDeadlines(p.deadlines.a)}  →  ${formatDeadlines(p.deadlines.b)}`);
    if (p.lead.removed.length || p.lead.added.length) out.push(`    ${field('牵头单位', 'lead')} ${formatUnits(p.lead.a)}  →  ${formatUnits(p.lead.b)}`);
    if (p.responsible.removed.length || p.responsible.added.length) out.push(`    ${field('责任单位', 'responsible')} ${formatUnits(p.responsible.a)}  →  ${formatUnits(p.responsible.b)}`);
  }

  const modal = d.pairs.filter((p) => p.modality.length);
  h('情态变化', 'Modality changes');
  if (!modal.length) out.push(none);
  for (const p of modal) {
    for (const m of p.modality) {
      out.push(`  ${p.a} ⇄ ${p.b}  ${L(MODALITY[m.from], ' ')} → ${L(MODALITY[m.to], ' ')}`);
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
