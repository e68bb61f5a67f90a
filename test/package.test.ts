/**
 * The Node versions the package declares agree with what it installs: every runtime
 * dependency in package-lock.json accepts the lowest Node of `engines` (users), and every
 * package, dev tools included, the lowest Node of `devEngines` (contributors, CI). `npm ci`
 * once warned that nanoid@6 (through the dev dependency docx) needs Node 22 while the package
 * said Node ≥ 20.16; docx's nanoid is now overridden to a version that runs on Node 20.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));

type V = [number, number, number];
const parse = (s: string): V => {
  const [a = 0, b = 0, c = 0] = s.replace(/^v/, '').split('.').map((x) => (x === 'x' || x === '*' ? 0 : Number(x)));
  return [a, b, c];
};
const cmp = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** npm's range grammar as the lock file uses it: `||` of space-separated comparators (>=, >, <, <=, ^, ~, x, *). */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alt) =>
    alt
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((c) => {
        const m = /^(>=|<=|>|<|\^|~|=)?(.*)$/.exec(c)!;
        const op = m[1] ?? '';
        if (m[2] === '*' || m[2] === 'x' || m[2] === '') return true;
        const w = parse(m[2]);
        const parts = m[2].split('.').length;
        switch (op) {
          case '>=':
            return cmp(v, w) >= 0;
          case '>':
            return cmp(v, w) > 0;
          case '<':
            return cmp(v, w) < 0;
          case '<=':
            return cmp(v, w) <= 0;
          case '^':
            return cmp(v, w) >= 0 && (w[0] > 0 ? v[0] === w[0] : w[1] > 0 ? v[0] === 0 && v[1] === w[1] : v[0] === 0 && v[1] === 0 && v[2] === w[2]);
          case '~':
            return cmp(v, w) >= 0 && v[0] === w[0] && (parts < 2 || v[1] === w[1]);
          default:
            return parts === 1 ? v[0] === w[0] : parts === 2 ? v[0] === w[0] && v[1] === w[1] : cmp(v, w) === 0;
        }
      }),
  );
}

const lowest = (range: string) => /(\d+(?:\.\d+){0,2})/.exec(range)![1].split('.').concat(['0', '0']).slice(0, 3).join('.');

describe('Node versions', () => {
  it('the range reader is right on the ranges that matter', () => {
    expect(satisfies('20.16.0', '^22 || ^24 || >=26')).toBe(false);
    expect(satisfies('20.16.0', '^18 || >=20')).toBe(true);
    expect(satisfies('20.16.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.16.0', '>=20.16.0 <21 || >=22.3.0')).toBe(true);
    expect(satisfies('20.16.0', '>= 14.6')).toBe(true);
  });

  it('every runtime dependency runs on the lowest Node of engines; every package on the lowest of devEngines', () => {
    const users = lowest(pkg.engines.node);
    const contributors = lowest(pkg.devEngines.runtime.version);
    const bad: string[] = [];
    for (const [path, p] of Object.entries<{ version: string; dev?: boolean; optional?: boolean; engines?: { node?: string } }>(lock.packages)) {
      const range = p.engines?.node;
      if (!path || !range) continue;
      if (!p.dev && !satisfies(users, range)) bad.push(`${path}@${p.version} needs ${range} (engines: ${pkg.engines.node})`);
      if (!satisfies(contributors, range)) bad.push(`${path}@${p.version} needs ${range} (devEngines: ${pkg.devEngines.runtime.version})`);
    }
    expect(bad).toEqual([]);
  });
});
