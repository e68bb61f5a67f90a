/**
 * Word-level text diff that reads well in Chinese.
 *
 * Input: two section texts. Output: runs of equal / deleted / inserted text.
 * Chinese has no spaces, so the texts are cut into words with the ICU dictionary segmenter
 * built into Node (Intl.Segmenter, no native add-on), diffed word by word (Myers' O(ND)
 * algorithm), merged into runs, and then short equal fragments stranded between two changes
 * (a lone 的 or 和 inside a rewritten clause) are folded into the change, much as
 * diff-match-patch's semantic clean-up does, so a reader sees whole phrases replaced rather
 * than a confetti of single characters.
 */

export type RunOp = 'equal' | 'delete' | 'insert';

export interface TextRun {
  op: RunOp;
  text: string;
}

/**
 * Remove line-wrap whitespace (meaningless in Chinese) but keep one space between Latin
 * words/numbers — unlike ../text.ts `squash`, which removes every space.
 */
export function unwrapLines(s: string): string {
  return s
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/ (?=[^A-Za-z0-9])|(?<=[^A-Za-z0-9]) /g, '')
    .trim();
}

let segmenter: Intl.Segmenter | null = null;

/** Words of a Chinese text (punctuation marks are tokens of their own). */
export function words(s: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const { segment } of segmenter.segment(s)) out.push(segment);
  return out;
}

/**
 * Myers' diff of two token lists: the shortest edit script, as a list of ops in order.
 * Past `maxEdits` differences it gives up and reports "all of a replaced by all of b"
 * (two unrelated long texts are not worth a quadratic diff).
 */
export function diffTokens(a: string[], b: string[], maxEdits = 4000): TextRun[] {
  // Common prefix and suffix first: most aligned sections share long stretches.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const ops: TextRun[] = [];
  for (let i = 0; i < pre; i++) ops.push({ op: 'equal', text: a[i] });
  ops.push(...myers(A, B, maxEdits));
  for (let i = a.length - suf; i < a.length; i++) ops.push({ op: 'equal', text: a[i] });
  return ops;
}

function myers(a: string[], b: string[], maxEdits: number): TextRun[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((t) => ({ op: 'insert' as const, text: t }));
  if (m === 0) return a.map((t) => ({ op: 'delete' as const, text: t }));
  // Tokens as small integers: the inner loop compares numbers, not strings.
  const ids = new Map<string, number>();
  const intern = (xs: string[]): Int32Array => Int32Array.from(xs, (t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1));
  const ia = intern(a);
  const ib = intern(b);
  const max = Math.min(n + m, maxEdits);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  v[off + 1] = 0;
  // trace[d] = the furthest x on each diagonal k ∈ [-d-1, d+1] before step d.
  const trace: Int32Array[] = [];
  let found = -1;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && ia[x] === ib[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break outer;
      }
    }
  }
  if (found < 0) {
    return [...a.map((t) => ({ op: 'delete' as const, text: t })), ...b.map((t) => ({ op: 'insert' as const, text: t }))];
  }
  // Walk back from (n, m).
  const rev: TextRun[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const snap = trace[d];
    const at = (k: number): number => snap[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    // The snake: equal tokens from the end of the edit to (x, y).
    const sx = down ? px : px + 1;
    const sy = down ? py + 1 : py;
    while (x > sx && y > sy) {
      rev.push({ op: 'equal', text: a[x - 1] });
      x--;
      y--;
    }
    if (down) rev.push({ op: 'insert', text: b[py] });
    else rev.push({ op: 'delete', text: a[px] });
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) {
    rev.push({ op: 'equal', text: a[x - 1] });
    x--;
    y--;
  }
  return rev.reverse();
}

/** Longest equal fragment (characters) that may be folded into the changes around it. */
const SHORT = 4;

interface Block {
  eq: string;
  del: string;
  ins: string;
}

/**
 * Merge token ops into runs (deletions before insertions inside a change) and fold short
 * equal fragments between two changes into them.
 */
export function mergeRuns(ops: TextRun[]): TextRun[] {
  // Blocks: an equal stretch followed by one change (del + ins).
  const blocks: Block[] = [{ eq: '', del: '', ins: '' }];
  for (const o of ops) {
    let cur = blocks[blocks.length - 1];
    if (o.op === 'equal') {
      if (cur.del || cur.ins) {
        cur = { eq: '', del: '', ins: '' };
        blocks.push(cur);
      }
      cur.eq += o.text;
    } else if (o.op === 'delete') cur.del += o.text;
    else cur.ins += o.text;
  }
  // Semantic clean-up: a one-character equality between two changes (的, 和, ，), or a short one
  // (a word or two) shorter than the changes on both sides of it, goes into them. Longer shared
  // phrases stay visible: they tell the reader what the rewrite kept.
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 1; i < blocks.length; i++) {
      const prev = blocks[i - 1];
      const cur = blocks[i];
      if (!(prev.del || prev.ins) || !(cur.del || cur.ins)) continue;
      const len = [...cur.eq].length;
      const before = Math.max([...prev.del].length, [...prev.ins].length);
      const after = Math.max([...cur.del].length, [...cur.ins].length);
      if (len > 0 && (len <= 1 || (len <= SHORT && len < before && len < after))) {
        prev.del += cur.eq + cur.del;
        prev.ins += cur.eq + cur.ins;
        blocks.splice(i, 1);
        changed = true;
        i--;
      } else if (len === 0) {
        prev.del += cur.del;
        prev.ins += cur.ins;
        blocks.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  const out: TextRun[] = [];
  for (const b of blocks) {
    if (b.eq) out.push({ op: 'equal', text: b.eq });
    if (b.del) out.push({ op: 'delete', text: b.del });
    if (b.ins) out.push({ op: 'insert', text: b.ins });
  }
  return out;
}

/** Clauses: text up to and including a Chinese (or Latin) clause mark. */
export function clauses(s: string): string[] {
  return s.match(/[^，。；、：！？,;:!?]+[，。；、：！？,;:!?]*|[，。；、：！？,;:!?]+/g) ?? [];
}

/**
 * The readable word-level diff of two texts (whitespace squashed first).
 * Two passes: clauses first (sections that share a paragraph share most clauses whole), then
 * words inside each stretch of changed clauses — so only what changed is segmented and diffed.
 */
export function wordDiff(a: string, b: string): TextRun[] {
  const ops: TextRun[] = [];
  let del: string[] = [];
  let ins: string[] = [];
  const flush = (): void => {
    if (del.length && ins.length) ops.push(...diffTokens(words(del.join('')), words(ins.join(''))));
    else {
      for (const t of del) ops.push({ op: 'delete', text: t });
      for (const t of ins) ops.push({ op: 'insert', text: t });
    }
    del = [];
    ins = [];
  };
  for (const o of diffTokens(clauses(unwrapLines(a)), clauses(unwrapLines(b)))) {
    if (o.op === 'equal') {
      flush();
      ops.push(o);
    } else if (o.op === 'delete') del.push(o.text);
    else ins.push(o.text);
  }
  flush();
  return mergeRuns(ops);
}

/** The text of one side of a diff: `a` = equal + delete runs, `b` = equal + insert runs. */
export function sideText(runs: TextRun[], side: 'a' | 'b'): string {
  const skip: RunOp = side === 'a' ? 'insert' : 'delete';
  return runs
    .filter((r) => r.op !== skip)
    .map((r) => r.text)
    .join('');
}
