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
