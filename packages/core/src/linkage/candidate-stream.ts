import type { LinkageRecord } from './comparisons.ts';
import { BLOCKING_RULES, DEFAULT_MAX_BLOCK, type BlockingRule, type BlockingStats } from './blocking.ts';
import { keyHash } from './key-hash.ts';

/**
 * The candidate pairs of candidatePairs (the same pairs), each handed to `visit` once, as the
 * blocks are expanded: nothing holds all of them (at 1,000,000 people 18 M pairs, 150 MB as
 * float64 and 250-380 MB while they were gathered and sorted). A pair that an earlier rule
 * proposed, or an earlier block of the same rule, is not handed again: every record keeps, per
 * rule, the number of each expanded block it is in (Int32), and a pair is new when no earlier
 * rule and no lower block of this rule holds both. Keys are grouped by their hash as in
 * candidatePairs, so the pairs are exactly those (a hash collision adds a pair, never loses one).
 */
export class CandidateIndex {
  /** Per rule: for a rule of one key per record, the block of each record (-1: none expanded); for a rule of several keys, the block of each key, the record's keys from offsets[i]. */
  private readonly blocks: Int32Array[] = [];
  private readonly offsets: (Int32Array | null)[] = [];
  readonly stats: BlockingStats[] = [];
  /** Distinct pairs handed to the visitor. */
  count = 0;
  /** Time spent on the keys (made, hashed, sorted, blocks numbered), not expanding blocks. */
  keyingMs = 0;

  /** Builds the index rule by rule, handing each new pair (i < j) to `visit` as its block is expanded. */
  constructor(records: readonly LinkageRecord[], visit: (i: number, j: number) => void, rules: readonly BlockingRule[] = BLOCKING_RULES, maxBlock = DEFAULT_MAX_BLOCK, now: () => number = Date.now) {
    const n = records.length;
    const idxBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
    const hashSpace = 2 ** (53 - idxBits);
    const idxSpace = 2 ** idxBits;
    let keyed = new Float64Array(n);
    const perRecord = new Int32Array(n + 1);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      if (!rule) continue;
      const keyingStart = now();
      let k = 0;
      let several = false;
      perRecord.fill(0);
      for (let i = 0; i < n; i++) {
        const rec = records[i];
        const key = rec ? rule.key(rec) : null;
        if (key === null) continue;
        if (typeof key === 'string') {
          if (k === keyed.length) keyed = grow(keyed, 1);
          keyed[k++] = (keyHash(key) % hashSpace) * idxSpace + i;
          perRecord[i + 1] = 1;
          continue;
        }
        if (k + key.length > keyed.length) keyed = grow(keyed, key.length);
        for (const one of key) keyed[k++] = (keyHash(one) % hashSpace) * idxSpace + i;
        perRecord[i + 1] = key.length;
        if (key.length > 1) several = true;
      }
      const sorted = keyed.subarray(0, k).sort();
      // slots: one per record, or per key (offsets are the running sums of keys per record)
      let off: Int32Array | null = null;
      let blk: Int32Array;
      if (several) {
        for (let i = 0; i < n; i++) perRecord[i + 1] = (perRecord[i + 1] ?? 0) + (perRecord[i] ?? 0);
        off = perRecord.slice();
        blk = new Int32Array(k).fill(-1);
      } else blk = new Int32Array(n).fill(-1);
      const fill = several ? perRecord : null; // next free slot of each record (perRecord reused)
      this.blocks.push(blk);
      this.offsets.push(off);
      // number the expanded blocks (2..maxBlock records), in the order of their hashes
      let id = 0;
      let oversized = 0;
      const starts: number[] = [];
      for (let s = 0; s < k;) {
        const hs = Math.floor((sorted[s] ?? 0) / idxSpace);
        let e = s + 1;
        while (e < k && Math.floor((sorted[e] ?? 0) / idxSpace) === hs) e++;
        const size = e - s;
        const expanded = size > 1 && size <= maxBlock;
        if (size > maxBlock) oversized++;
        for (let x = s; x < e; x++) {
          const i = (sorted[x] ?? 0) % idxSpace;
          const slot = fill ? (fill[i] ?? 0) : i;
          if (fill) fill[i] = slot + 1;
          if (expanded) blk[slot] = id;
        }
        if (expanded) { starts.push(s, e); id++; }
        s = e;
      }
      this.keyingMs += now() - keyingStart;
      // expand: every pair of a block, unless an earlier rule or a lower block of this one holds it
      let proposed = 0;
      const before = this.count;
      for (let b = 0; b < id; b++) {
        const s = starts[2 * b] ?? 0, e = starts[2 * b + 1] ?? 0;
        for (let x = s; x < e; x++) {
          const a = (sorted[x] ?? 0) % idxSpace;
          // equal hashes sort by record: a record under two equal keys of a rule is adjacent to itself
          if (x > s && (sorted[x - 1] ?? 0) % idxSpace === a) continue;
          for (let y = x + 1; y < e; y++) {
            const c = (sorted[y] ?? 0) % idxSpace;
            if (c === a || (sorted[y - 1] ?? 0) % idxSpace === c) continue;
            proposed++;
            if (this.sharedBefore(r, a, c, b)) continue;
            this.count++;
            visit(a, c);
          }
        }
      }
      this.stats.push({ rule: rule.name, pairs: proposed, oversizedBlocks: oversized, added: this.count - before });
    }
  }

  /** Whether blocking made (i, j) a candidate pair. */
  isCandidate(i: number, j: number): boolean {
    return this.sharedBefore(this.blocks.length, i, j, 0);
  }

  /** Whether records a and b share an expanded block of a rule before `rule`, or of `rule` numbered below `block`. */
  private sharedBefore(rule: number, a: number, b: number, block: number): boolean {
    for (let r = 0; r <= rule && r < this.blocks.length; r++) {
      const blk = this.blocks[r] as Int32Array;
      const limit = r < rule ? 0x7fffffff : block;
      const off = this.offsets[r];
      if (!off) {
        const x = blk[a] ?? -1;
        if (x >= 0 && x < limit && x === blk[b]) return true;
        continue;
      }
      const ea = off[a + 1] ?? 0, sb = off[b] ?? 0, eb = off[b + 1] ?? 0;
      for (let s = off[a] ?? 0; s < ea; s++) {
        const x = blk[s] ?? -1;
        if (x < 0 || x >= limit) continue;
        for (let t = sb; t < eb; t++) if (blk[t] === x) return true;
      }
    }
    return false;
  }
}

function grow(a: Float64Array<ArrayBuffer>, atLeast: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(a.length * 2 + atLeast);
  bigger.set(a);
  return bigger;
}
