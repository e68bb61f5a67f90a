/**
 * Pack applicability on the real notices: shandong-2022 declares `appliesTo: { province: [山东],
 * planYears: 2022 }`, so it runs on the Shandong 2022 plans, is skipped on the Gansu plan
 * (huating) and on the 2021 plan (zhaoyuan), and the check result says why.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { checkFiles, checkNoticeResult } from '../src/index.js';
import { parseText } from '../src/parse.js';
import { issuerProvince } from '../src/rules/index.js';

const notice = (name: string) => parseText(readFileSync(`fixtures/${name}.txt`, 'utf8'), { path: `fixtures/${name}.txt` });
const selection = { rules: ['shandong-2022', 'format', 'consistency'], cwd: tmpdir() };

describe('the issuer province, read from issuer, titles and 文号', () => {
  it.each([
    ['huating-2022', '甘肃'],
    ['mudan-2022', '山东'],
    ['qixia-2022', '山东'],
    ['zhaoyuan-2021', '山东'],
    ['huaiyin-2022', '山东'],
  ])('%s → %s', (name, province) => {
    expect(issuerProvince(notice(name))).toBe(province);
  });

  it('is unknown when nothing names a place', () => {
    expect(issuerProvince(parseText('2022年政务公开工作要点\n一、加强解读\n（一）做好解读。加强解读。\n', { path: 'x.txt' }))).toBeNull();
  });
});

describe('which packs ran', () => {
  it('qixia-2022 (山东, 2022): shandong-2022 ran', () => {
    const { packs } = checkNoticeResult(notice('qixia-2022'), selection);
    expect(packs.find((p) => p.pack === 'shandong-2022')).toMatchObject({ ran: true });
    expect(packs.find((p) => p.pack === 'national')).toMatchObject({ ran: true });
  });

  it('huating-2022 (甘肃): shandong-2022 skipped, and none of its findings', () => {
    const { packs, findings } = checkNoticeResult(notice('huating-2022'), selection);
    const sd = packs.find((p) => p.pack === 'shandong-2022')!;
    expect(sd.ran).toBe(false);
    expect(sd.reason.zh).toContain('甘肃');
    expect(sd.reason.en).toContain('甘肃');
    expect(findings.filter((f) => f.pack === 'shandong-2022')).toEqual([]);
  });

  it('zhaoyuan-2021: shandong-2022 skipped for the year', () => {
    const sd = checkNoticeResult(notice('zhaoyuan-2021'), selection).packs.find((p) => p.pack === 'shandong-2022')!;
    expect(sd.ran).toBe(false);
    expect(sd.reason.zh).toContain('2021');
  });

  it('checkFiles hands the pack statuses over with each file', async () => {
    const run = await checkFiles(['fixtures/huating-2022.txt', 'fixtures/mudan-2022.txt'], selection);
    const [huating, mudan] = run.files;
    expect(huating.packs?.find((p) => p.pack === 'shandong-2022')?.ran).toBe(false);
    expect(mudan.packs?.find((p) => p.pack === 'shandong-2022')?.ran).toBe(true);
  });
});
