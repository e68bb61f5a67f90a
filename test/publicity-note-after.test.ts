/**
 * （此件公开发布） printed after the plan's last section (fixtures/layout/*.note-after.txt,
 * made from two real notices by scripts/fixtures/make-note-after.mjs): the note ends the body,
 * is not merged into the last section's text, and publicity-note sees it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile } from '../src/parse.js';
import { checkNotice } from '../src/index.js';
import type { Section } from '../src/model.js';

const last = (ss: Section[]): Section => (ss[ss.length - 1].children.length ? last(ss[ss.length - 1].children) : ss[ss.length - 1]);

describe('a closing （此件公开发布） line ends the plan body', () => {
  for (const name of ['mudan-2022', 'qixia-2022']) {
    it(`${name}: the note after the last section`, async () => {
      const file = `fixtures/layout/${name}.note-after.txt`;
      const n = await parseFile(file);
      const original = await parseFile(`fixtures/${name}.txt`);
      expect(n.meta.publicity).toBe('此件公开发布');
      expect(last(n.sections).text).not.toContain('此件');
      // The body is the same as when the note is printed in its usual place.
      expect(last(n.sections).text).toBe(last(original.sections).text);
      expect(n.sections.map((s) => s.title)).toEqual(original.sections.map((s) => s.title));
      // Its position is the note's line, not some 公开属性 in the body's prose.
      const lines = readFileSync(file, 'utf8').split('\n');
      const at = n.metaPositions.publicity!;
      expect(lines[at.line - 1].slice(at.column - 1)).toMatch(/^（此件公开发布）/);
      expect(checkNotice(n).filter((f) => f.ruleId === 'publicity-note')).toEqual([]);
    });
  }

  it('the layout fixtures are what the script makes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-layout-'));
    execFileSync('bash', ['-c', `mkdir -p "${dir}" && cp fixtures/mudan-2022.txt fixtures/qixia-2022.txt "${dir}" && node scripts/fixtures/make-note-after.mjs "${dir}"`]);
    for (const name of ['mudan-2022', 'qixia-2022']) {
      expect(readFileSync(join(dir, 'layout', `${name}.note-after.txt`), 'utf8')).toBe(readFileSync(`fixtures/layout/${name}.note-after.txt`, 'utf8'));
    }
  });
});
