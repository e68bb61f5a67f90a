#!/usr/bin/env node
// npm run fuzz — mutated fixture bytes through ingest + parse, in worker threads.
//
//   node scripts/fuzz.mjs [--n 10000] [--seed 20220601] [--jobs N] [--timeout 20000] [--save DIR]
//   node scripts/fuzz.mjs --dump FROM TO DIR      (write inputs FROM..TO-1 of the seed, for replay)
//
// Inputs: the five notices as PDF, DOCX, DOC and TXT (plus the GB18030/UTF-16 texts) and the
// task table as XLSX, mutated by
// a seeded PRNG (same seed, same inputs, on every machine): bit flips, byte overwrites,
// truncations, splices of two files (same or another format), chunk duplication and
// chunk deletion, one to three of them per input. Each input goes through
// ingestBuffer + parseSource (dist/, built if missing) in a pool of worker threads with a
// per-input time limit (the worker is terminated after it).
//
// An input may be read (ok) or refused with an InputError; anything else is a CRASH (an
// exception of another kind, or a worker that died, e.g. out of memory), and an input
// still running at the limit is a HANG. Crashing and hanging inputs are saved to --save
// (default: a temp dir) for replay. Exit 0 when there is none, 1 otherwise.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---- worker side ----------------------------------------------------------------------
let mods = null;
// A rejection nobody handles kills the process (the CLI) or the worker: it is a crash of the
// input that caused it. Such a rejection can surface after ingest returned, so each input
// waits a little for stragglers before it is judged, and they are charged to it.
const strays = [];
if (!isMainThread) process.on('unhandledRejection', (e) => strays.push(e));
const settle = () => new Promise((r) => setTimeout(r, 20));

export async function fuzzOne({ bytes, name }) {
  mods ??= {
    ingest: await import(pathToFileURL(join(ROOT, 'dist/ingest/index.js')).href),
    parse: await import(pathToFileURL(join(ROOT, 'dist/parse.js')).href),
  };
  strays.length = 0;
  const t0 = performance.now();
  let res;
  try {
    const src = await mods.ingest.ingestBuffer(new Uint8Array(bytes), name);
    const notice = mods.parse.parseSource(src);
    res = { outcome: 'ok', ms: performance.now() - t0, sections: notice.sections.length };
  } catch (e) {
    if (e && e.name === 'InputError' && typeof e.code === 'string' && e.zh && e.en) res = { outcome: 'input-error', code: e.code, ms: performance.now() - t0 };
    else res = { outcome: 'crash', ms: performance.now() - t0, error: `${e?.name ?? typeof e}: ${e?.message ?? String(e)}`, stack: String(e?.stack ?? '') };
  }
  await settle();
  if (strays.length && res.outcome !== 'crash') {
    // pdf.js leaves such rejections behind on some damaged PDFs after the input was already
    // judged; bin/gkcheck.js and the batch worker ignore them, so they are counted, not crashes.
    const e = strays[0];
    res = { ...res, stray: `${e?.name ?? typeof e}: ${e?.message ?? String(e)}` };
  }
  return res;
}
export default fuzzOne;

// ---- main side -------------------------------------------------------------------------
function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
}

/** mulberry32: a small, well-mixed 32-bit PRNG; the same sequence everywhere. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n); // 0..n-1
  return { next, int, pick: (xs) => xs[int(xs.length)] };
}

const MUTATIONS = {
  bitflip(r, b) {
    const out = Uint8Array.from(b);
    const flips = 1 + r.int(16);
    for (let i = 0; i < flips; i++) out[r.int(out.length)] ^= 1 << r.int(8);
    return out;
  },
  overwrite(r, b) {
    const out = Uint8Array.from(b);
    const len = 1 + r.int(Math.min(4096, out.length));
    const at = r.int(Math.max(1, out.length - len));
    for (let i = 0; i < len; i++) out[at + i] = r.int(256);
    return out;
  },
  truncate(r, b) {
    return b.slice(0, r.int(b.length));
  },
  splice(r, b, other) {
    return concat(b.subarray(0, r.int(b.length)), other.subarray(r.int(other.length)));
  },
  duplicate(r, b) {
    const len = 1 + r.int(Math.min(65536, b.length));
    const from = r.int(b.length - len + 1);
    const at = r.int(b.length);
    return concat(b.subarray(0, at), b.subarray(from, from + len), b.subarray(at));
  },
  delete(r, b) {
    const len = 1 + r.int(Math.min(65536, b.length));
    const at = r.int(b.length - len + 1);
    return concat(b.subarray(0, at), b.subarray(at + len));
  },
};

/** ZIP entries (name → uncompressed bytes) from the central directory; stored or deflated only. */
function readZip(b) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = b.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const entries = [];
  for (let k = 0; k < count; k++) {
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extra = dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const raw = b.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw.slice() });
    p += 46 + nameLen + extra;
  }
  return entries;
}

/** A valid ZIP (deflated entries, right CRCs) of the entries: mutated XML still reaches the XML parser. */
function writeZip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = new TextEncoder().encode(name);
    const comp = deflateRawSync(data);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, comp.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(10, 8, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, comp.length, true);
    cd.setUint32(24, data.length, true);
    cd.setUint16(28, nameBytes.length, true);
    cd.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), nameBytes, comp);
    central.push(new Uint8Array(cd.buffer), nameBytes);
    offset += 30 + nameBytes.length + comp.length;
  }
  const cdSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  return concat(...parts, ...central, new Uint8Array(end.buffer));
}

/**
 * Structure-aware mutations of word/document.xml that keep it (mostly) well-formed, so the
 * input gets past the XML parser into mammoth and gkcheck's own paragraph/table code:
 * duplicate, delete or transplant paragraphs, rows and cells; random text in a run;
 * random merges (gridSpan, vMerge) in table cells.
 */
const ELEMENT = { p: /<w:p[ >][\s\S]*?<\/w:p>/g, tr: /<w:tr[ >][\s\S]*?<\/w:tr>/g, tc: /<w:tc[ >][\s\S]*?<\/w:tc>/g, t: /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g };
function spans(xml, re) {
  const out = [];
  for (const m of xml.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}
const XML_MUTATIONS = {
  dupElement(r, xml) {
    const s = spans(xml, ELEMENT[r.pick(['p', 'tr', 'tc'])]);
    if (!s.length) return xml;
    const [a, b] = r.pick(s);
    const [at] = r.pick(s);
    return xml.slice(0, at) + xml.slice(a, b).repeat(1 + r.int(3)) + xml.slice(at);
  },
  delElement(r, xml) {
    const s = spans(xml, ELEMENT[r.pick(['p', 'tr', 'tc'])]);
    if (!s.length) return xml;
    const [a, b] = r.pick(s);
    return xml.slice(0, a) + xml.slice(b);
  },
  transplant(r, xml, other) {
    const from = spans(other, ELEMENT.p);
    const to = spans(xml, ELEMENT.p);
    if (!from.length || !to.length) return xml;
    const [a, b] = r.pick(from);
    const [at] = r.pick(to);
    return xml.slice(0, at) + other.slice(a, b) + xml.slice(at);
  },
  text(r, xml) {
    const s = [...xml.matchAll(ELEMENT.t)];
    if (!s.length) return xml;
    const m = r.pick(s);
    let t = '';
    const n = r.int(40);
    for (let k = 0; k < n; k++) {
      const pick = r.int(6);
      const cp = pick === 0 ? r.int(0x80) : pick === 1 ? 0x4e00 + r.int(0x5200) : pick === 2 ? r.pick([0x3001, 0x3002, 0xff08, 0xff09, 0x2f00, 0xfa6c, 0x3000, 0xa0, 0x200b]) : pick === 3 ? r.int(0x10ffff) : 0x30 + r.int(10);
      if ((cp >= 0xd800 && cp <= 0xdfff) || cp < 0x20) continue;
      t += String.fromCodePoint(cp);
    }
    const esc = t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const open = m[0].slice(0, m[0].indexOf('>') + 1);
    return xml.slice(0, m.index) + open + esc + '</w:t>' + xml.slice(m.index + m[0].length);
  },
  merge(r, xml) {
    const s = spans(xml, /<w:tcPr>/g);
    if (!s.length) return xml;
    const [, b] = r.pick(s);
    const add = r.pick([`<w:gridSpan w:val="${r.int(6)}"/>`, '<w:vMerge/>', '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>']);
    return xml.slice(0, b) + add + xml.slice(b);
  },
};

/** Mutations of an XLSX sheet: rows duplicated or dropped, a cell moved far away, merges, odd values. */
const COLS = (n) => {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const SHEET_MUTATIONS = {
  dupRow(r, xml) {
    const s = spans(xml, /<row[ >][\s\S]*?<\/row>/g);
    if (!s.length) return xml;
    const [a, b] = r.pick(s);
    return xml.slice(0, b) + xml.slice(a, b).repeat(1 + r.int(3)) + xml.slice(b);
  },
  delRow(r, xml) {
    const s = spans(xml, /<row[ >][\s\S]*?<\/row>/g);
    if (!s.length) return xml;
    const [a, b] = r.pick(s);
    return xml.slice(0, a) + xml.slice(b);
  },
  farCell(r, xml) {
    const ref = `${COLS(r.int(r.next() < 0.5 ? 200 : 16384))}${1 + r.int(r.next() < 0.5 ? 1000 : 1048576)}`;
    return xml.replace('</sheetData>', `<row r="${ref.replace(/^[A-Z]+/, '')}"><c r="${ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`);
  },
  merge(r, xml) {
    const ref = `${COLS(r.int(8))}${1 + r.int(80)}:${COLS(r.int(r.next() < 0.8 ? 10 : 16384))}${1 + r.int(r.next() < 0.8 ? 100 : 1048576)}`;
    return xml.includes('<mergeCells') ? xml.replace(/<mergeCells count="\d+">/, (m) => `${m}<mergeCell ref="${ref}"/>`) : xml.replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`);
  },
  value(r, xml) {
    const s = spans(xml, /<v>[^<]*<\/v>/g);
    if (!s.length) return xml;
    const [a, b] = r.pick(s);
    return xml.slice(0, a) + `<v>${r.pick(['-1', '999999', '1e308', 'NaN', '', '0.5', String(r.int(1 << 30))])}</v>` + xml.slice(b);
  },
};

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

async function main() {
  const N = Number(arg('n', process.env.FUZZ_N ?? 10_000));
  const SEED = Number(arg('seed', 20220601));
  const JOBS = Number(arg('jobs', availableParallelism()));
  const TIMEOUT = Number(arg('timeout', 20_000));
  const SAVE = resolve(arg('save', join(tmpdir(), `gkcheck-fuzz-${SEED}`)));
  process.chdir(ROOT);
  if (!existsSync('dist/ingest/index.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });

  const notices = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
  const seeds = { pdf: [], docx: [], txt: [], doc: [], xlsx: [] };
  for (const n of notices) for (const ext of ['pdf', 'docx', 'txt', 'doc']) seeds[ext].push({ name: `${n}.${ext}`, bytes: new Uint8Array(readFileSync(`fixtures/${n}.${ext}`)) });
  seeds.xlsx.push({ name: 'huaiyin-2022.tasks.xlsx', bytes: new Uint8Array(readFileSync('fixtures/huaiyin-2022.tasks.xlsx')) });
  for (const f of ['qixia-2022.gb18030.txt', 'zhaoyuan-2021.utf16le.txt', 'huating-2022.utf16be.txt', 'mudan-2022.utf8bom.txt']) {
    seeds.txt.push({ name: f, bytes: new Uint8Array(readFileSync(`fixtures/encodings/${f}`)) });
  }
  const all = [...seeds.pdf, ...seeds.docx, ...seeds.txt, ...seeds.doc, ...seeds.xlsx];
  // Format mix: PDF, DOCX and TXT a quarter each, DOC and XLSX an eighth each (FUZZ_FORMATS=doc,xlsx picks).
  const formats = process.env.FUZZ_FORMATS ? process.env.FUZZ_FORMATS.split(',') : ['pdf', 'docx', 'txt', 'pdf', 'docx', 'txt', 'doc', 'xlsx'];
  const r = prng(SEED);
  // A DOCX is a ZIP: a flipped bit anywhere fails its CRC, so byte-level mutations only
  // ever test the ZIP layer. Half of the DOCX inputs therefore mutate word/document.xml
  // (splicing with another notice's XML) and re-zip it with valid CRCs.
  const docXml = new Map(seeds.docx.map((s) => [s.name, readZip(s.bytes)]));
  const mutate = (bytes, pool, ops) => {
    const count = 1 + r.int(3);
    for (let k = 0; k < count && bytes.length > 0; k++) {
      const op = r.pick(Object.keys(MUTATIONS));
      const other = r.pick(pool);
      bytes = MUTATIONS[op](r, bytes, other);
      ops.push(op);
    }
    return bytes;
  };
  const makeInput = (i) => {
    const format = formats[i % formats.length];
    const base = r.pick(seeds[format]);
    const ops = [];
    let bytes;
    if (format === 'docx' && r.next() < 0.5) {
      const entries = docXml.get(base.name).map((e) => ({ ...e }));
      const doc = entries.find((e) => e.name === 'word/document.xml');
      const others = [...docXml.values()].map((es) => es.find((e) => e.name === 'word/document.xml').data);
      if (r.next() < 0.25) {
        doc.data = mutate(doc.data, others, ops); // raw bytes of the XML: mostly malformed XML
        ops.unshift('xml-bytes');
      } else {
        let xml = new TextDecoder().decode(doc.data);
        const count = 1 + r.int(4);
        for (let k = 0; k < count; k++) {
          const op = r.pick(Object.keys(XML_MUTATIONS));
          xml = XML_MUTATIONS[op](r, xml, new TextDecoder().decode(r.pick(others)));
          ops.push(`xml-${op}`);
        }
        doc.data = new TextEncoder().encode(xml);
      }
      bytes = writeZip(entries);
    } else if (format === 'xlsx' && r.next() < 0.6) {
      // Like DOCX: mutate the sheet XML (rows, cell references, merges) and re-zip it validly.
      const entries = readZip(base.bytes).map((e) => ({ ...e }));
      const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
      let xml = new TextDecoder().decode(sheet.data);
      const count = 1 + r.int(4);
      for (let k = 0; k < count; k++) {
        const op = r.pick(Object.keys(SHEET_MUTATIONS));
        xml = SHEET_MUTATIONS[op](r, xml);
        ops.push(`sheet-${op}`);
      }
      sheet.data = new TextEncoder().encode(xml);
      bytes = writeZip(entries);
    } else {
      const pool = r.next() < 0.7 ? seeds[format].map((s) => s.bytes) : all.map((s) => s.bytes);
      bytes = mutate(base.bytes, pool, ops);
    }
    return { i, format, base: base.name, ops, bytes };
  };

  // --dump FROM TO DIR: write inputs FROM..TO-1 (same seed, same bytes) to DIR and stop.
  const dump = process.argv.indexOf('--dump');
  if (dump > 0) {
    const [from, to, dir] = [Number(process.argv[dump + 1]), Number(process.argv[dump + 2]), resolve(process.argv[dump + 3])];
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < to; i++) {
      const inp = makeInput(i);
      if (i >= from) writeFileSync(join(dir, `${i}-${inp.ops.join('+')}-${inp.base}`), inp.bytes);
    }
    console.log(`wrote inputs ${from}..${to - 1} to ${dir}`);
    return;
  }

  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: fileURLToPath(import.meta.url), minThreads: JOBS, maxThreads: JOBS, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  pool.on('error', () => undefined);

  const stats = { total: 0, strays: 0, ok: 0, inputErrors: {}, crashes: [], hangs: [], byFormat: { pdf: [0, 0, 0, 0], docx: [0, 0, 0, 0], txt: [0, 0, 0, 0], doc: [0, 0, 0, 0], xlsx: [0, 0, 0, 0] }, slowest: { ms: 0 } };
  const byOp = {};
  const record = (inp, res) => {
    stats.total++;
    const f = stats.byFormat[inp.format];
    f[0]++;
    for (const op of inp.ops) byOp[op] = (byOp[op] ?? 0) + 1;
    if (res.stray) stats.strays++;
    if (res.outcome === 'ok') {
      stats.ok++;
      f[1]++;
    } else if (res.outcome === 'input-error') {
      stats.inputErrors[res.code] = (stats.inputErrors[res.code] ?? 0) + 1;
      f[2]++;
    } else {
      f[3]++;
      mkdirSync(SAVE, { recursive: true });
      const file = join(SAVE, `${res.outcome}-${inp.i}-${inp.base}`);
      writeFileSync(file, inp.bytes);
      (res.outcome === 'hang' ? stats.hangs : stats.crashes).push({ i: inp.i, base: inp.base, ops: inp.ops.join('+'), file, error: res.error ?? '' });
      if (res.stack) writeFileSync(file + '.stack.txt', res.stack);
    }
    if (res.ms > stats.slowest.ms) stats.slowest = { ms: res.ms, i: inp.i, base: inp.base, ops: inp.ops.join('+'), outcome: res.outcome };
    if (stats.total % 1000 === 0) process.stderr.write(`  ${stats.total}/${N} (${((performance.now() - t0) / 1000).toFixed(0)} s, ${stats.crashes.length} crashes, ${stats.hangs.length} hangs)\n`);
  };

  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < N) {
      const inp = makeInput(next++);
      const ac = new AbortController();
      let hung = false;
      const timer = setTimeout(() => {
        hung = true;
        ac.abort();
      }, TIMEOUT);
      const start = performance.now();
      let res;
      try {
        // A copy goes to the worker; inp.bytes stays here to be saved on a crash or hang.
        res = await pool.run({ bytes: inp.bytes.slice().buffer, name: `fuzz-${inp.i}.${inp.format}` }, { signal: ac.signal });
      } catch (e) {
        res = hung ? { outcome: 'hang', ms: performance.now() - start, error: `no result after ${TIMEOUT} ms` } : { outcome: 'crash', ms: performance.now() - start, error: `worker died: ${e?.code ?? ''} ${e?.message ?? e}` };
      } finally {
        clearTimeout(timer);
      }
      record(inp, res);
    }
  };
  await Promise.all(Array.from({ length: JOBS }, lane));
  await pool.destroy();
  const secs = (performance.now() - t0) / 1000;

  const lines = [];
  lines.push(`gkcheck fuzz: ${stats.total} mutated inputs, seed ${SEED}, ${JOBS} worker threads, limit ${TIMEOUT / 1000} s per input, ${secs.toFixed(0)} s (${new Date().toISOString().slice(0, 10)}, node ${process.version})`);
  lines.push(`seeds: ${seeds.pdf.length} PDF, ${seeds.docx.length} DOCX, ${seeds.txt.length} TXT (UTF-8, GB18030, UTF-16LE/BE, UTF-8 BOM)`);
  lines.push(`mutations applied: ${Object.entries(byOp).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push('');
  lines.push('format  inputs  read ok  InputError  crash/hang');
  for (const [fmt, [n, ok, ie, bad]] of Object.entries(stats.byFormat)) lines.push(`${fmt.padEnd(8)}${String(n).padStart(6)}${String(ok).padStart(9)}${String(ie).padStart(12)}${String(bad).padStart(12)}`);
  lines.push('');
  lines.push(`InputError codes: ${Object.entries(stats.inputErrors).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`slowest input: ${stats.slowest.ms.toFixed(0)} ms (#${stats.slowest.i}, ${stats.slowest.base}, ${stats.slowest.ops}, ${stats.slowest.outcome})`);
  lines.push(`crashes: ${stats.crashes.length}   hangs: ${stats.hangs.length}   stray pdf.js rejections after a result (ignored by the CLI and batch): ${stats.strays}`);
  for (const c of [...stats.crashes, ...stats.hangs].slice(0, 20)) lines.push(`  #${c.i} ${c.base} ${c.ops}: ${c.error.split('\n')[0]}  → ${c.file}`);
  console.log(lines.join('\n'));
  process.exitCode = stats.crashes.length || stats.hangs.length ? 1 : 0;
}

if (isMainThread) await main();
