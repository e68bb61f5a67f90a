/**
 * The outputs of `diff`, declared once: name, what it is, its usual extension, the modes it
 * serves (two plans, plans against a reference, the coverage matrix) and its renderer
 * (loaded lazily). The CLI's --format choices, help and the "not available here" message
 * come from this table.
 */
import type { Text } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { CoverageMatrix, NoticeDiff } from './index.js';

export type DiffMode = 'pair' | 'against' | 'matrix';

/** What the diff use case hands to a renderer. */
export type DiffData = { mode: 'pair'; diff: NoticeDiff } | { mode: 'against'; diffs: NoticeDiff[] } | { mode: 'matrix'; matrix: CoverageMatrix };

export interface DiffRenderOptions {
  color?: boolean;
  /** Text: the word-level text diff of every pair. */
  verbose?: boolean;
}

export interface DiffOutput {
  name: string;
  label: Text;
  extension: string;
  modes: readonly DiffMode[];
  render(data: DiffData, opts: DiffRenderOptions): Promise<string>;
}

/** The JSON/YAML value of a result (described by schema/diff.schema.json for JSON). */
export function diffValue(data: DiffData): unknown {
  if (data.mode === 'pair') return data.diff;
  if (data.mode === 'matrix') return data.matrix;
  return { reference: data.diffs[0].a, comparisons: data.diffs.map((d) => ({ plan: d.b, summary: d.summary, diff: d })) };
}

async function againstText(diffs: NoticeDiff[], opts: DiffRenderOptions): Promise<string> {
  const { renderText } = await import('./render-text.js');
  const { padWidth, displayWidth } = await import('./render-util.js');
  const ref = diffs[0].a;
  const head = [t({ zh: `与参照要点比对：${ref.label}（${ref.path}）`, en: `Compared with ${ref.label} (${ref.path})`, both: `与参照要点比对 / Compared with ${ref.label} (${ref.path})` }), ''];
  const cols = [
    { zh: '配对', en: 'pairs' },
    { zh: '移动', en: 'moved' },
    { zh: '仅参照', en: 'only-ref' },
    { zh: '仅本要点', en: 'only-plan' },
    { zh: '时限', en: 'deadlines' },
    { zh: '单位', en: 'units' },
  ].map((c) => t(c, ' '));
  head.push(`  ${padWidth(t({ zh: '要点', en: 'plan' }, ' '), 24)} ${cols.join('  ')}`);
  for (const d of diffs) {
    const s = d.summary;
    const cells = [s.pairs, s.moved, s.onlyA, s.onlyB, s.deadlineChanges, s.unitChanges].map((n, k) => String(n).padStart(displayWidth(cols[k])));
    head.push(`  ${padWidth(d.b.label, 24)} ${cells.join('  ')}`);
  }
  return [head.join('\n') + '\n', ...diffs.map((d) => renderText(d, { color: opts.color, verbose: opts.verbose }))].join('\n');
}

export const DIFF_OUTPUTS: readonly DiffOutput[] = [
  {
    name: 'text',
    label: { zh: '终端文字', en: 'terminal text' },
    extension: '.txt',
    modes: ['pair', 'against', 'matrix'],
    async render(data, opts) {
      if (data.mode === 'pair') return (await import('./render-text.js')).renderText(data.diff, opts);
      if (data.mode === 'matrix') return (await import('./render-matrix.js')).renderMatrixText(data.matrix, { color: opts.color });
      return againstText(data.diffs, opts);
    },
  },
  {
    name: 'json',
    label: { zh: 'JSON（schema/diff.schema.json）', en: 'JSON (schema/diff.schema.json)' },
    extension: '.json',
    modes: ['pair', 'against', 'matrix'],
    render: async (data) => (await import('./render-data.js')).renderJson(diffValue(data)),
  },
  {
    name: 'yaml',
    label: { zh: 'YAML', en: 'YAML' },
    extension: '.yaml',
    modes: ['pair', 'against', 'matrix'],
    render: async (data) => (await import('./render-data.js')).renderYaml(diffValue(data)),
  },
  {
    name: 'markdown',
    label: { zh: 'Markdown', en: 'Markdown' },
    extension: '.md',
    modes: ['pair', 'against'],
    async render(data) {
      const { renderMarkdown } = await import('./render-markdown.js');
      if (data.mode === 'pair') return renderMarkdown(data.diff);
      if (data.mode === 'against') return data.diffs.map(renderMarkdown).join('\n---\n\n');
      throw new Error('markdown: no matrix');
    },
  },
  {
    name: 'html',
    label: { zh: '网页报告（离线可用）', en: 'web page (works offline)' },
    extension: '.html',
    modes: ['pair', 'against', 'matrix'],
    async render(data) {
      if (data.mode === 'matrix') return (await import('./render-matrix.js')).renderMatrixHtml(data.matrix);
      return (await import('./render-html.js')).renderHtml(data.mode === 'pair' ? data.diff : data.diffs);
    },
  },
  {
    name: 'csv',
    label: { zh: 'CSV 表格（覆盖矩阵）', en: 'CSV table (coverage matrix)' },
    extension: '.csv',
    modes: ['matrix'],
    render: async (data) => {
      if (data.mode !== 'matrix') throw new Error('csv: matrix only');
      return (await import('./render-matrix.js')).renderMatrixCsv(data.matrix);
    },
  },
];

export const DIFF_FORMATS: readonly string[] = DIFF_OUTPUTS.map((o) => o.name);

export function diffOutput(name: string): DiffOutput | undefined {
  return DIFF_OUTPUTS.find((o) => o.name === name);
}

export function formatsFor(mode: DiffMode): string[] {
  return DIFF_OUTPUTS.filter((o) => o.modes.includes(mode)).map((o) => o.name);
}
