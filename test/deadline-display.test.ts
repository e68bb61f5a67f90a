/**
 * Deadlines in words for people (ledger cells, the diff, the HTML check report): every
 * deadline the parser reads from the real notices comes out in Chinese, with no code
 * (full-year, 7wd, >=1/year, 2022-12-31) left in it.
 */
import { describe, expect, it } from 'vitest';
import { parseFile } from '../src/parse.js';
import type { Deadline, Section } from '../src/model.js';
import { deadlineWithReading, deadlineZh } from '../src/extract/deadline-display.js';

const PLANS = ['huaiyin-2022', 'huating-2022', 'mudan-2022', 'qixia-2022', 'zhaoyuan-2021'];

async function allDeadlines(): Promise<Deadline[]> {
  const out: Deadline[] = [];
  const walk = (ss: Section[]): void => {
    for (const s of ss) {
      out.push(...s.deadlines, ...s.obligations.flatMap((o) => o.deadlines));
      walk(s.children);
    }
  };
  for (const p of PLANS) {
    const n = await parseFile(`fixtures/${p}.txt`);
    walk(n.sections);
    out.push(...n.tasks.flatMap((t) => t.deadlines));
  }
  return out;
}

describe('deadlineZh', () => {
  it('reads each kind in Chinese', () => {
    expect(deadlineZh({ kind: 'period', value: 'full-year' })).toBe('全年');
    expect(deadlineZh({ kind: 'period', value: 'ongoing' })).toBe('持续推进');
    expect(deadlineZh({ kind: 'duration', value: '7wd' })).toBe('7个工作日内');
    expect(deadlineZh({ kind: 'duration', value: '5h', anchor: 'event' })).toBe('事件发生后5小时内');
    expect(deadlineZh({ kind: 'duration', value: '30d', anchor: 'issuance' })).toBe('印发后30日内');
    expect(deadlineZh({ kind: 'date', value: '2022-12-31' })).toBe('2022年12月31日');
    expect(deadlineZh({ kind: 'date', value: '2022-06-30' })).toBe('2022年6月30日');
    expect(deadlineZh({ kind: 'frequency', value: '>=1/year' })).toBe('每年至少1次');
    expect(deadlineZh({ kind: 'frequency', value: '1/month' })).toBe('每月1次');
    expect(deadlineZh({ kind: 'frequency', value: '1/2-month' })).toBe('每2个月1次');
    expect(deadlineZh({ kind: 'frequency', value: '4/quarter' })).toBe('每季度4次');
  });

  it('leaves no code in any deadline of the five real notices', async () => {
    const ds = await allDeadlines();
    expect(ds.length).toBeGreaterThan(50);
    const kinds = new Set(ds.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['date', 'duration', 'frequency', 'period']);
    for (const d of ds) {
      const zh = deadlineZh(d);
      expect(zh, `${d.kind}:${d.value}`).not.toMatch(/[A-Za-z]|>=|\d{4}-\d\d|\//);
      expect(zh, `${d.kind}:${d.value}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('shows the print with its reading only when they differ', () => {
    expect(deadlineWithReading({ text: '2022年底前', kind: 'date', value: '2022-12-31' })).toBe('2022年底前（2022年12月31日）');
    expect(deadlineWithReading({ text: '全年', kind: 'period', value: 'full-year' })).toBe('全年');
    expect(deadlineWithReading({ text: '7个工作日内', kind: 'duration', value: '7wd' })).toBe('7个工作日内');
  });
});
