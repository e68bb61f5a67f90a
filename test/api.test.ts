/**
 * The library entry, as a user imports it (`from 'gkcheck'`, the package's own export map,
 * resolved to the built dist/ that globalSetup makes).
 */
import { describe, expect, it } from 'vitest';

describe("import { parseNotice, checkNotice, diffNotices, buildLedger } from 'gkcheck'", () => {
  it('runs the whole job on real notices', async () => {
    const { parseNotice, checkNotice, diffNotices, buildLedger, InputError } = await import('gkcheck');
    const huating = await parseNotice('fixtures/huating-2022.docx');
    expect(huating.meta.docNumber).toBe('华政办发〔2022〕55号');
    const errors = checkNotice(huating).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.ruleId).sort()).toEqual(['date-format', 'issued-before-signed']);
    const qixia = await parseNotice({ text: (await import('node:fs')).readFileSync('fixtures/qixia-2022.txt', 'utf8'), path: 'qixia.txt' });
    const d = diffNotices(huating, qixia);
    expect(d.pairs.length).toBeGreaterThan(5);
    const huaiyin = await parseNotice('fixtures/huaiyin-2022.txt');
    expect(buildLedger([huaiyin]).filter((r) => r.origin === 'task').length).toBe(67);
    await expect(parseNotice('fixtures/bad/encrypted.pdf')).rejects.toBeInstanceOf(InputError);
  });
});

describe('the use cases: the library gives what the CLI gives', () => {
  const plans = ['huaiyin-2022', 'huating-2022', 'mudan-2022', 'qixia-2022', 'zhaoyuan-2021'];
  // Three plans, two formats: the comparison is the point, not the number of files (parse.test covers them all).
  const files = [...plans.slice(1, 4).map((p) => `fixtures/${p}.txt`), 'fixtures/huating-2022.docx'];
  const key = (f: { ruleId: string; file: string; path: string | null; position: { page: number | null; line: number; column: number } | null; message: { zh: string } }) =>
    `${f.file}|${f.ruleId}|${f.path}|${f.position ? `${f.position.page}:${f.position.line}:${f.position.column}` : '-'}|${f.message.zh}`;

  it('checkNotice, checkFiles and `gkcheck check --format json` find the same findings at the same places on every fixture', async () => {
    const { parseNotice, checkNotice, checkFiles } = await import('gkcheck');
    const { runCheck } = await import('../src/cli/check.js');
    const run = await checkFiles(files);
    expect(run.files.map((r) => r.file)).toEqual(files);
    expect(run.summary).toMatchObject({ total: files.length, failed: 0 });
    let out = '';
    const code = await runCheck(files, { format: 'json' }, { out: (s) => (out += s), err: () => {} });
    expect(code).toBe(run.exitCode);
    const cli = JSON.parse(out).findings.map((f: { file: string; ruleId: string; path: string | null; line: number | null; column: number | null; page: number | null; message: { zh: string } }) =>
      key({ ...f, position: f.line == null ? null : { page: f.page, line: f.line, column: f.column! } }),
    );
    const lib = run.files.flatMap((r) => r.findings ?? []).map(key);
    expect(lib).toEqual(cli);
    const single: string[] = [];
    for (const f of files) single.push(...checkNotice(await parseNotice(f)).map(key));
    expect(single).toEqual(lib);
    // Meta findings are placed from the source lines the notice carries (文号, 成文日期).
    expect(run.files.flatMap((r) => r.findings ?? []).filter((f) => f.ruleId === 'date-format').every((f) => f.position !== null)).toBe(true);
  });

  it('readNotices, diffFiles and ledgerFiles return data, with an exit code', async () => {
    const { readNotices, diffFiles, ledgerFiles } = await import('gkcheck');
    const read = await readNotices(['fixtures/qixia-2022.txt', 'fixtures/nothing-here.txt']);
    expect(read.notices.map((n) => n.meta.title)).toEqual(['2022年栖霞市政务公开工作要点']);
    expect(read.files[1]).toMatchObject({ status: 'failed', error: { code: 'not-found' }, exitCode: 2 });
    expect(read.exitCode).toBe(2);
    const cmp = await diffFiles(['fixtures/qixia-2022.txt', 'fixtures/mudan-2022.txt']);
    expect(cmp.exitCode).toBe(0);
    expect(cmp.data?.mode === 'pair' && cmp.data.diff.pairs.length).toBeGreaterThan(5);
    // The same file twice (under two spellings) is a usage mistake that says so, not a silent exit 2.
    await expect(diffFiles(['fixtures/qixia-2022.txt', './fixtures/../fixtures/qixia-2022.txt'])).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringMatching(/同一个文件/),
    });
    await expect(diffFiles(['fixtures/qixia-2022.txt'], { against: 'fixtures/qixia-2022.txt' })).rejects.toThrow(/同一个文件|one and the same/);
    const ledger = await ledgerFiles(['fixtures/huaiyin-2022.txt']);
    expect(ledger.rows.filter((r) => r.origin === 'task').length).toBe(67);
  });
});
