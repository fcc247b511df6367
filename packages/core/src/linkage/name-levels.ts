import { compareName, type LinkageRecord } from './comparisons.ts';
import type { NormalizedName } from './person-name.ts';
import { F_NAME, ROW, type RecordTable } from './record-table.ts';

/** Slots of the table at most (64 MB, 4 million pairs of names); past it the table starts again empty. */
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
  /** The name id of record i: ids[i * stride + offset]. */
  private readonly ids: Int32Array;
  private readonly stride: number = 1;
  private readonly offset: number = 0;
  private readonly names: readonly NormalizedName[];
  /** Pair (x, y), x < y, as (x * names + y + 1) * 8 + level + 1 (0: empty slot): key and level in one read. */
  private keys = new Float64Array(1 << 16);
  private size = 0;
  /** Lookups, and those that found the pair's level already there (hit rate). */
  lookups = 0;
  hits = 0;

  constructor(records: readonly LinkageRecord[] | { ids: Int32Array; stride: number; offset: number; names: readonly NormalizedName[] }) {
    if (!Array.isArray(records)) {
      const given = records as { ids: Int32Array; stride: number; offset: number; names: readonly NormalizedName[] };
      this.ids = given.ids;
      this.stride = given.stride;
      this.offset = given.offset;
      this.names = given.names;
      return;
    }
    const list = records as readonly LinkageRecord[];
    const names: NormalizedName[] = [];
    this.ids = new Int32Array(list.length);
    const byText = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const name = list[i]?.name;
      if (!name) continue;
      let id = byText.get(name.text);
      if (id === undefined) {
        id = names.length;
        byText.set(name.text, id);
        names.push(name);
      }
      this.ids[i] = id;
    }
    this.names = names;
  }

  /** The names of a RecordTable (numbered there by their normalised text already). */
  static ofTable(t: RecordTable): NameLevels {
    return new NameLevels({ ids: t.cols.rows, stride: ROW, offset: F_NAME, names: t.names });
  }

  /** compareName of records i and j. */
  level(i: number, j: number): number {
    let x = this.ids[i * this.stride + this.offset] ?? 0, y = this.ids[j * this.stride + this.offset] ?? 0;
    const a = this.names[x], b = this.names[y];
    if (!a || !b) return compareName(a ?? EMPTY, b ?? EMPTY);
    if (x === y) return compareName(a, a);
    if (x > y) { const t = x; x = y; y = t; }
    const key = x * this.names.length + y + 1;
    const mask = this.keys.length - 1;
    this.lookups++;
    let h = Math.imul(x ^ Math.imul(y, 0x85ebca6b), 0xc2b2ae35);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const k = this.keys[h] as number;
      if (k === 0) break;
      const level = k - key * 8 - 1;
      if (level >= -1 && level <= 6) { this.hits++; return level; }
      h = (h + 1) & mask;
    }
    const level = compareName(a, b);
    this.keys[h] = key * 8 + level + 1;
    if (++this.size * 2 > this.keys.length) this.grow();
    return level;
  }

  private grow(): void {
    const keys = this.keys;
    if (keys.length >= MAX_SLOTS) {
      this.keys.fill(0);
      this.size = 0;
      return;
    }
    this.keys = new Float64Array(keys.length * 2);
    this.size = 0;
    const n = this.names.length;
    const mask = this.keys.length - 1;
    for (let s = 0; s < keys.length; s++) {
      const k = keys[s] as number;
      if (k === 0) continue;
      const key = Math.floor(k / 8);
      const x = Math.floor((key - 1) / n), y = key - 1 - x * n;
      let h = Math.imul(x ^ Math.imul(y, 0x85ebca6b), 0xc2b2ae35);
      h = (h ^ (h >>> 15)) & mask;
      while ((this.keys[h] as number) !== 0) h = (h + 1) & mask;
      this.keys[h] = k;
      this.size++;
    }
  }
}

const EMPTY: NormalizedName = { words: [], text: '', sorted: '', joined: '', letters: '' };
