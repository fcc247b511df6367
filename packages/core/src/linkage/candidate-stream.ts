import type { LinkageRecord } from './comparisons.ts';
import { BLOCKING_RULES, DEFAULT_MAX_BLOCK, type BlockingRule, type BlockingStats } from './blocking.ts';
import { keyHash } from './key-hash.ts';
import { nameColumnsOf, sharedAlloc, type NameColumns, type RecordTable } from './record-table.ts';
import { tableRulesOf } from './table-blocking.ts';

/**
 * One rule's blocks: the records in the order of the hash of their key, the expanded blocks
 * (2..maxBlock records) numbered in that order, and the block of each record (a rule of one
 * key a record) or of each key (several keys: a record's keys from off[i]). Plain data of
 * typed arrays: built in one thread, read by others.
 */
export interface RuleBlocks {
  name: string;
  /** Record of each key, keys sorted by their hash. */
  recs: Int32Array;
  /** Start and end (in `recs`) of every expanded block. */
  starts: Int32Array;
  blocks: number;
  blk: Int32Array;
  off: Int32Array | null;
  oversized: number;
}

/** Writes the key hashes of record i into `out` (at most its length) and returns how many. */
export type KeyWriter = (i: number, out: Float64Array) => number;

type Alloc = (bytes: number) => ArrayBuffer | SharedArrayBuffer;
const plain: Alloc = (bytes) => new ArrayBuffer(bytes);

export const indexBits = (n: number) => Math.max(1, Math.ceil(Math.log2(n + 1)));

/** The blocks of one rule over n records (keys from `write`); arrays from `alloc` (shared, to hand them to other threads). */
export function keyRule(name: string, n: number, write: KeyWriter, maxBlock = DEFAULT_MAX_BLOCK, alloc: Alloc = plain): RuleBlocks {
  const idxBits = indexBits(n);
  const hashSpace = 2 ** (53 - idxBits);
  const idxSpace = 2 ** idxBits;
  let keyed = new Float64Array(Math.max(16, n));
  const perRecord = new Int32Array(n + 1);
  const scratch = new Float64Array(256);
  let k = 0;
  let several = false;
  for (let i = 0; i < n; i++) {
    const c = write(i, scratch);
    if (c === 0) continue;
    if (k + c > keyed.length) {
      const bigger = new Float64Array(keyed.length * 2 + c);
      bigger.set(keyed);
      keyed = bigger;
    }
    for (let x = 0; x < c; x++) keyed[k++] = ((scratch[x] as number) % hashSpace) * idxSpace + i;
    perRecord[i + 1] = c;
    if (c > 1) several = true;
  }
  const sorted = keyed.subarray(0, k).sort();
  const recs = new Int32Array(alloc(4 * k));
  // slots: one per record, or per key (offsets are the running sums of keys per record)
  let off: Int32Array | null = null;
  let blk: Int32Array;
  if (several) {
    for (let i = 0; i < n; i++) perRecord[i + 1] = (perRecord[i + 1] ?? 0) + (perRecord[i] ?? 0);
    off = new Int32Array(alloc(4 * (n + 1)));
    off.set(perRecord);
    blk = new Int32Array(alloc(4 * k)).fill(-1);
  } else blk = new Int32Array(alloc(4 * n)).fill(-1);
  const fill = several ? perRecord : null; // next free slot of each record (perRecord reused)
  // number the expanded blocks (2..maxBlock records), in the order of their hashes
  let id = 0;
  let oversized = 0;
  let starts = new Int32Array(1024);
  for (let s = 0; s < k;) {
    const hs = Math.floor((sorted[s] as number) / idxSpace);
    let e = s + 1;
    while (e < k && Math.floor((sorted[e] as number) / idxSpace) === hs) e++;
    const size = e - s;
    const expanded = size > 1 && size <= maxBlock;
    if (size > maxBlock) oversized++;
    for (let x = s; x < e; x++) {
      const i = (sorted[x] as number) % idxSpace;
      recs[x] = i;
      const slot = fill ? (fill[i] as number) : i;
      if (fill) fill[i] = slot + 1;
      if (expanded) blk[slot] = id;
    }
    if (expanded) {
      if (2 * id + 2 > starts.length) {
        const bigger = new Int32Array(starts.length * 2);
        bigger.set(starts);
        starts = bigger;
      }
      starts[2 * id] = s;
      starts[2 * id + 1] = e;
      id++;
    }
    s = e;
  }
  const kept = new Int32Array(alloc(4 * 2 * id));
  kept.set(starts.subarray(0, 2 * id));
  return { name, recs, starts: kept, blocks: id, blk, off, oversized };
}

/**
 * Every rule's blocks packed record by record: `packed[i * stride + col[r]]` is record i's
 * block under a rule of one key, and from there PACKED_KEYS slots hold the expanded blocks of
 * its keys under a rule of several (-1 past the last; -2 in the first: more than PACKED_KEYS,
 * read them from the rule's own arrays). The check against earlier rules then reads a cache
 * line or two of each record, not a few scattered arrays per rule.
 */
export interface PackedBlocks {
  packed: Int32Array;
  stride: number;
  col: Int32Array;
}

const PACKED_KEYS = 3;

export function packBlocks(rules: readonly RuleBlocks[], n: number, alloc: Alloc = plain): PackedBlocks {
  const col = new Int32Array(rules.length);
  let stride = 0;
  rules.forEach((r, i) => { col[i] = stride; stride += r.off ? PACKED_KEYS : 1; });
  const packed = new Int32Array(alloc(4 * Math.max(1, stride * n)));
  rules.forEach((r, i) => {
    const c = col[i] as number;
    const blk = r.blk, off = r.off;
    if (!off) {
      for (let x = 0; x < n; x++) packed[x * stride + c] = blk[x] as number;
      return;
    }
    for (let x = 0; x < n; x++) {
      const at = x * stride + c;
      let used = 0;
      for (let s = off[x] as number, e = off[x + 1] as number; s < e; s++) {
        const b = blk[s] as number;
        if (b < 0) continue;
        if (used === PACKED_KEYS) { used = -1; break; }
        packed[at + used++] = b;
      }
      if (used < 0) { packed[at] = -2; used = 1; }
      for (let k = used; k < PACKED_KEYS; k++) packed[at + k] = -1;
    }
  });
  return { packed, stride, col };
}

/** Whether records a and b share an expanded block of a rule before `rule`, or of `rule` numbered below `block`. */
export function sharedBefore(rules: readonly RuleBlocks[], rule: number, a: number, b: number, block: number, pack?: PackedBlocks): boolean {
  const packed = pack?.packed, stride = pack?.stride ?? 0;
  for (let r = 0; r <= rule && r < rules.length; r++) {
    const rb = rules[r] as RuleBlocks;
    const limit = r < rule ? 0x7fffffff : block;
    const off = rb.off;
    if (packed && pack) {
      const pa = a * stride + (pack.col[r] as number), pb = b * stride + (pack.col[r] as number);
      if (!off) {
        const x = packed[pa] as number;
        if (x >= 0 && x < limit && x === packed[pb]) return true;
        continue;
      }
      if (packed[pa] !== -2 && packed[pb] !== -2) {
        for (let s = 0; s < PACKED_KEYS; s++) {
          const x = packed[pa + s] as number;
          if (x < 0) break;
          if (x >= limit) continue;
          for (let t = 0; t < PACKED_KEYS; t++) {
            const y = packed[pb + t] as number;
            if (y < 0) break;
            if (y === x) return true;
          }
        }
        continue;
      }
    } else if (!off) {
      const x = rb.blk[a] as number;
      if (x >= 0 && x < limit && x === rb.blk[b]) return true;
      continue;
    }
    if (!off) continue;
    const blk = rb.blk;
    const ea = off[a + 1] as number, sb = off[b] as number, eb = off[b + 1] as number;
    for (let s = off[a] as number; s < ea; s++) {
      const x = blk[s] as number;
      if (x < 0 || x >= limit) continue;
      for (let t = sb; t < eb; t++) if (blk[t] === x) return true;
    }
  }
  return false;
}

/**
 * Expands the blocks of rule `rule` numbered `part`, `part + parts`, ... (one share of the
 * blocks: every share can go to another thread, the pairs stay the same), handing each pair
 * that no earlier rule and no lower block of this rule holds to `visit`. Returns the pairs
 * proposed by this share and the new ones handed on.
 */
export function expandRule(rules: readonly RuleBlocks[], rule: number, visit: (i: number, j: number) => void, part = 0, parts = 1, pack?: PackedBlocks): { proposed: number; added: number } {
  const rb = rules[rule] as RuleBlocks;
  const recs = rb.recs, starts = rb.starts;
  let proposed = 0, added = 0;
  for (let b = part; b < rb.blocks; b += parts) {
    const s = starts[2 * b] as number, e = starts[2 * b + 1] as number;
    for (let x = s; x < e; x++) {
      const a = recs[x] as number;
      // equal hashes sort by record: a record under two equal keys of a rule is adjacent to itself
      if (x > s && recs[x - 1] === a) continue;
      for (let y = x + 1; y < e; y++) {
        const c = recs[y] as number;
        if (c === a || recs[y - 1] === c) continue;
        proposed++;
        if (sharedBefore(rules, rule, a, c, b, pack)) continue;
        added++;
        visit(a, c);
      }
    }
  }
  return { proposed, added };
}

/** The key writers of blocking rules on LinkageRecords (key strings hashed) or on a RecordTable (numbers hashed). */
export function keyWritersOf(source: readonly LinkageRecord[] | RecordTable, rules: readonly BlockingRule[]): { name: string; write: KeyWriter }[] {
  if (!Array.isArray(source)) {
    const t = source as RecordTable;
    const nc = nameColumnsOf(t.names);
    return tableRulesOf(rules.map((r) => r.name)).map((r) => ({ name: r.name, write: (i: number, out: Float64Array) => r.write(t, nc, i, out) }));
  }
  const records = source as readonly LinkageRecord[];
  return rules.map((rule) => ({
    name: rule.name,
    write: (i: number, out: Float64Array) => {
      const rec = records[i];
      const key = rec ? rule.key(rec) : null;
      if (key === null) return 0;
      if (typeof key === 'string') { out[0] = keyHash(key); return 1; }
      const c = Math.min(key.length, out.length);
      for (let x = 0; x < c; x++) out[x] = keyHash(key[x] as string);
      return c;
    },
  }));
}

/** The blocks of the table rule `name` (table-blocking.ts) in shared memory (sharedAlloc): for worker threads. */
export function keyTableRule(t: RecordTable, nc: NameColumns, name: string, maxBlock = DEFAULT_MAX_BLOCK): RuleBlocks {
  const [rule] = tableRulesOf([name]);
  if (!rule) throw new Error(`no blocking rule ${name}`);
  return keyRule(name, t.n, (i, out) => rule.write(t, nc, i, out), maxBlock, sharedAlloc);
}

/**
 * The candidate pairs of candidatePairs (the same pairs), each handed to `visit` once, as the
 * blocks are expanded: nothing holds all of them (at 1,000,000 people 18 M pairs, 150 MB as
 * float64 and 250-380 MB while they were gathered and sorted). A pair that an earlier rule
 * proposed, or an earlier block of the same rule, is not handed again: every record keeps, per
 * rule, the number of each expanded block it is in (Int32), and a pair is new when no earlier
 * rule and no lower block of this rule holds both. Keys are grouped by their hash as in
 * candidatePairs, so the pairs are exactly those (a hash collision adds a pair, never loses one).
 * On a RecordTable the rules are those of table-blocking.ts (the same keys, as numbers).
 */
export class CandidateIndex {
  private readonly rules: RuleBlocks[] = [];
  readonly stats: BlockingStats[] = [];
  /** Distinct pairs handed to the visitor. */
  count = 0;
  /** Time spent on the keys (made, hashed, sorted, blocks numbered), not expanding blocks. */
  keyingMs = 0;

  /** Builds the index rule by rule, handing each new pair (i < j) to `visit` as its block is expanded. */
  constructor(source: readonly LinkageRecord[] | RecordTable, visit: (i: number, j: number) => void, rules: readonly BlockingRule[] = BLOCKING_RULES, maxBlock = DEFAULT_MAX_BLOCK, now: () => number = Date.now) {
    const n = Array.isArray(source) ? source.length : (source as RecordTable).n;
    const writers = keyWritersOf(source, rules);
    for (let r = 0; r < writers.length; r++) {
      const w = writers[r] as { name: string; write: KeyWriter };
      const keyingStart = now();
      this.rules.push(keyRule(w.name, n, w.write, maxBlock));
      this.keyingMs += now() - keyingStart;
      const { proposed, added } = expandRule(this.rules, r, visit);
      this.count += added;
      const done = this.rules[r] as RuleBlocks;
      this.stats.push({ rule: w.name, pairs: proposed, oversizedBlocks: done.oversized, added });
      // expanded: only the blocks of each record are read again (sharedBefore)
      this.rules[r] = { ...done, recs: new Int32Array(0), starts: new Int32Array(0) };
    }
  }

  /** Whether blocking made (i, j) a candidate pair. */
  isCandidate(i: number, j: number): boolean {
    return sharedBefore(this.rules, this.rules.length, i, j, 0);
  }
}
