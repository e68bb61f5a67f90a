/**
 * The same files checked three ways — the CLI (`gkcheck check --format json`, a child
 * process), the library's checkFiles use case, and parseNotice + checkNotice one by one — must
 * give the same findings: rule, message, section path, start and end. Shared by
 * test/positions.test.ts (a file of each format) and test/slow/positions-all.test.ts (every
 * file in fixtures/).
 */
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { checkFiles, checkNotice, InputError, parseNotice } from '../src/index.js';

interface Flat {
  ruleId: string;
  message: { zh: string; en: string };
  path: string | null;
  line: number | null;
  column: number | null;
  page: number | null;
  endLine?: number;
  endColumn?: number;
  endPage?: number;
}

const key = (f: Flat) => JSON.stringify([f.ruleId, f.message.zh, f.message.en, f.path, f.page, f.line, f.column, f.endLine ?? null, f.endColumn ?? null, f.endPage ?? null]);
const flat = (f: { ruleId: string; message: { zh: string; en: string }; path: string | null; position: { page: number | null; line: number; column: number; endLine?: number; endColumn?: number; endPage?: number } | null }): Flat => ({
  ruleId: f.ruleId,
  message: f.message,
  path: f.path,
  page: f.position?.page ?? null,
  line: f.position?.line ?? null,
  column: f.position?.column ?? null,
  ...(f.position?.endLine !== undefined ? { endLine: f.position.endLine, endColumn: f.position.endColumn } : {}),
  ...(f.position?.endPage !== undefined ? { endPage: f.position.endPage } : {}),
});

/** Compare the three; returns how many files were compared and how many findings the CLI gave. */
export async function compareWithCli(files: string[], inProcess: (file: string) => boolean = () => true): Promise<{ compared: number; findings: number }> {
  const run = spawnSync(process.execPath, ['bin/gkcheck.js', 'check', ...files, '--format', 'json', '--timeout', '900'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const cli = JSON.parse(run.stdout) as { findings: (Flat & { file: string })[]; files: { file: string; status: string; error?: { code: string } }[] };
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const f of cli.findings) byFile.get(f.file)!.push(key(f));
  const failed = new Map(cli.files.filter((f) => f.status === 'failed').map((f) => [f.file, f.error?.code]));

  const lib = await checkFiles(files, { timeoutMs: 900_000 });
  for (const r of lib.files) {
    if (failed.has(r.file)) expect(r.status, r.file).toBe('failed');
    else expect((r.findings ?? []).map((f) => key(flat(f))), r.file).toEqual(byFile.get(r.file));
  }

  for (const file of files.filter(inProcess)) {
    let found: string[] | null = null;
    try {
      found = checkNotice(await parseNotice(file)).map((f) => key(flat(f)));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
    if (failed.has(file)) expect(found, `${file}: the CLI could not read it (${failed.get(file)})`).toBeNull();
    else expect(found, file).toEqual(byFile.get(file));
  }
  return { compared: lib.files.length, findings: cli.findings.length };
}
