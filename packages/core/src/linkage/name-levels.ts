import { compareName, type LinkageRecord } from './comparisons.ts';
import type { NormalizedName } from './person-name.ts';

/** Slots of the table at most (75 MB, 4 million pairs of names); past it the table starts again empty. */
const MAX_SLOTS = 2 ** 23;

/**
 * The name level of a pair of records, computed once per pair of distinct names: a full run
 * compares millions of candidate pairs among far fewer names (6,391 distinct full names among
 * 100,000 synthetic people), and the Jaro-Winkler of the names was most of a comparison's
 * time. The same level as compareName, looked up by the records' indexes: names are numbered
 * by their normalised text (which decides every part compareName reads), pairs of numbers are
 * kept in an open-addressing table of typed arrays (no Map of millions of number keys).
 */
export class NameLevels {
  private readonly ids: Int32Array;
  private readonly names: NormalizedName[] = [];
  /** Pair (x, y), x < y, as x * names + y + 1 (0: empty slot). */
  private keys = new Float64Array(1 << 16);
  private values = new Int8Array(1 << 16);
  private size = 0;

  constructor(records: readonly LinkageRecord[]) {
    this.ids = new Int32Array(records.length);
    const byText = new Map<string, number>();
    for (let i = 0; i < records.length; i++) {
      const name = records[i]?.name;
      if (!name) continue;
      let id = byText.get(name.text);
      if (id === undefined) {
        id = this.names.length;
        byText.set(name.text, id);
        this.names.push(name);
      }
      this.ids[i] = id;
    }
  }

  /** compareName of records i and j. */
  level(i: number, j: number): number {
    let x = this.ids[i] ?? 0, y = this.ids[j] ?? 0;
    const a = this.names[x], b = this.names[y];
    if (!a || !b) return compareName(a ?? EMPTY, b ?? EMPTY);
    if (x === y) return compareName(a, a);
    if (x > y) { const t = x; x = y; y = t; }
    const key = x * this.names.length + y + 1;
    const mask = this.keys.length - 1;
    let h = Math.imul(x ^ Math.imul(y, 0x85ebca6b), 0xc2b2ae35);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const k = this.keys[h] ?? 0;
      if (k === key) return this.values[h] ?? 0;
      if (k === 0) break;
      h = (h + 1) & mask;
    }
    const level = compareName(a, b);
    this.keys[h] = key;
    this.values[h] = level;
    if (++this.size * 2 > this.keys.length) this.grow();
    return level;
  }

  private grow(): void {
    const keys = this.keys, values = this.values;
    if (keys.length >= MAX_SLOTS) {
      this.keys.fill(0);
      this.size = 0;
      return;
    }
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int8Array(keys.length * 2);
    this.size = 0;
    const n = this.names.length;
    const mask = this.keys.length - 1;
    for (let s = 0; s < keys.length; s++) {
      const k = keys[s] ?? 0;
      if (k === 0) continue;
      const x = Math.floor((k - 1) / n), y = k - 1 - x * n;
      let h = Math.imul(x ^ Math.imul(y, 0x85ebca6b), 0xc2b2ae35);
      h = (h ^ (h >>> 15)) & mask;
      while ((this.keys[h] ?? 0) !== 0) h = (h + 1) & mask;
      this.keys[h] = k;
      this.values[h] = values[s] ?? 0;
      this.size++;
    }
  }
}

const EMPTY: NormalizedName = { words: [], text: '', sorted: '', joined: '', letters: '' };
