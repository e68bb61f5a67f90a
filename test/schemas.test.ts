/**
 * Every command's JSON output validates against its published schema (schema/*.json), on
 * real fixtures, through the same functions the CLI runs: parse (one notice, several),
 * check (with a file that cannot be read), diff (two plans, --against, --matrix) and ledger.
 * The schemas' shared vocabulary is checked against the code it describes: the deadline
 * value grammar is the union of src/extract/deadlines.ts DEADLINE_VALUE, so a new value shape
 * (the `>=1/2-month` and `1/ten-days` that once failed notice.schema.json) cannot drift.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli/check.js';
import { runDiff } from '../src/cli/diff.js';
import { runLedger } from '../src/cli/ledger.js';
import { runParse } from '../src/cli/parse-command.js';
import { DEADLINE_VALUE, findDeadlines } from '../src/extract/deadlines.js';

const SCHEMAS = ['notice', 'notices', 'check', 'diff', 'ledger'];
const ajv = new Ajv({ allErrors: true, strict: false });
for (const name of SCHEMAS) ajv.addSchema(JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8')));
const schema = (name: string): ValidateFunction => ajv.getSchema(`https://gkcheck.invalid/schema/${name}.schema.json`)!;

function capture() {
  let out = '';
  let err = '';
  return { w: { out: (s: string) => (out += s), err: (s: string) => (err += s) }, out: () => out, err: () => err };
}

function valid(name: string, value: unknown): void {
  const v = schema(name);
  expect(v(value), JSON.stringify(v.errors?.slice(0, 3), null, 2)).toBe(true);
}

describe('the schemas describe what the code writes', () => {
  it('the deadline value grammar of notice.schema.json is the code’s (DEADLINE_VALUE), and takes >=1/2-month and 1/ten-days', () => {
    const notice = JSON.parse(readFileSync('schema/notice.schema.json', 'utf8'));
    const pattern: string = notice.definitions.deadline.properties.value.pattern;
    const union = `^(?:${Object.values(DEADLINE_VALUE).map((r) => r.source.slice(1, -1)).join('|')})$`;
    expect(pattern).toBe(union);
    // Values the extractor really gives for real phrasings: each must validate.
    const deadline = ajv.getSchema('https://gkcheck.invalid/schema/notice.schema.json#/definitions/deadline')!;
    for (const text of ['每两个月至少通报1次', '每旬报送一次', '每年至少开展1次', '收到申请之日起20个工作日内', '2022年9月底前', '全年', '持续推进']) {
      const found = findDeadlines(text, { planYear: 2022 });
      expect(found.length, text).toBeGreaterThan(0);
      for (const d of found) expect(deadline({ text: d.text, kind: d.kind, value: d.value }), `${text} → ${d.value}`).toBe(true);
    }
    expect(findDeadlines('每两个月至少通报1次', { planYear: 2022 }).map((d) => d.value)).toContain('>=1/2-month');
  });

  it('parse: one notice → notice.schema.json; several (a folder) → notices.schema.json', async () => {
    const one = capture();
    expect(await runParse(['fixtures/huating-2022.txt'], { format: 'json' }, one.w)).toBe(0);
    valid('notice', JSON.parse(one.out()));
    const many = capture();
    expect(await runParse(['fixtures/qixia-2022.txt', 'fixtures/huaiyin-2022.docx'], { format: 'json' }, many.w)).toBe(0);
    const list = JSON.parse(many.out());
    expect(list.length).toBe(2);
    valid('notices', list);
  });

  it('check: findings, files (a file that cannot be read included) and summary → check.schema.json', async () => {
    const c = capture();
    const code = await runCheck(['fixtures/huating-2022.txt', 'fixtures/bad/empty.txt', 'fixtures/qixia-2022.docx'], { format: 'json' }, c.w);
    expect(code).toBe(2);
    const report = JSON.parse(c.out());
    valid('check', report);
    expect(report.summary).toMatchObject({ files: 3, checked: 2, failed: 1, exitCode: 2 });
    expect(report.files[1]).toMatchObject({ file: 'fixtures/bad/empty.txt', status: 'failed', error: { code: 'empty-file' } });
  });

  it('diff: two plans, --against and --matrix → diff.schema.json', async () => {
    for (const [files, opts] of [
      [['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt'], {}],
      [['fixtures/mudan-2022.txt', 'fixtures/zhaoyuan-2021.txt'], { against: 'fixtures/qixia-2022.txt' }],
      [['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt', 'fixtures/zhaoyuan-2021.txt'], { matrix: true }],
      [['fixtures/mudan-2022.txt', 'fixtures/zhaoyuan-2021.txt'], { matrix: true, reference: 'fixtures/qixia-2022.txt' }],
    ] as const) {
      const c = capture();
      expect(await runDiff([...files], { ...opts, format: 'json', progress: false }, c.w)).toBe(0);
      valid('diff', JSON.parse(c.out()));
    }
  });

  it('ledger: rows → ledger.schema.json (a unit’s ledger with its group rows too)', async () => {
    for (const unit of [undefined, '区财政局']) {
      const c = capture();
      expect(await runLedger(['fixtures/huaiyin-2022.txt'], { format: 'json', unit }, c.w)).toBe(0);
      const rows = JSON.parse(c.out());
      expect(rows.length).toBeGreaterThan(10);
      valid('ledger', rows);
    }
  });

  it('the validators really check (a broken value fails)', async () => {
    const c = capture();
    await runLedger(['fixtures/huaiyin-2022.txt'], { format: 'json' }, c.w);
    const rows = JSON.parse(c.out());
    rows[0].deadlines.push({ text: 'x', kind: 'frequency', value: '2/fortnight', due: null });
    expect(schema('ledger')(rows)).toBe(false);
  });
});
