import type { LinkageRecord } from './comparisons.ts';
import { normalizePersonNameForMatching, type NormalizedName } from './person-name.ts';

/**
 * The records of a full run as typed arrays, not one object per person: at 1,000,000 people
 * the objects were about half a gigabyte and most of the garbage collector's work, and typed
 * arrays can live in SharedArrayBuffers that worker threads read without a copy. Strings
 * become numbers once: a name its id among the distinct normalised names, a village and a
 * kecamatan their ids, the NIK its three parts (region, DDMMYY, serial), the KK two halves,
 * the birth date YYYYMMDD. A record's numbers lie together (ROW of them, 64 bytes: one cache
 * line), since a comparison reads most of them for two records picked anywhere. The
 * comparisons (compareRows) read the same values as compareRecords does on a LinkageRecord,
 * and give the same levels (a test holds them equal).
 *
 * NIKs and KKs are 16 digits (the registry's check constraints); anything else is missing.
 */
export interface RecordColumns {
  /** ROW numbers a record, at the F_* offsets. */
  rows: Int32Array;
  /** MEMBER_KEYS exact keys a record (0: none). */
  memberKeys: Float64Array;
  /** Members of household h: hMembers[hStart[h] .. hStart[h + 1]), in slot order. */
  hStart: Int32Array;
  hMembers: Int32Array;
  /**
   * Every household's member keys (of its first HOUSEHOLD_MAX_SLOTS members), sorted and
   * distinct, each beside the mask of the slots holding it: pairs (key, mask) from entry
   * rows[F_HKEYS] to rows[F_HKEYS_END] of any member. Two households are compared by one merge
   * of their lists.
   */
  hKeys: Float64Array;
}

export const ROW = 16;
/** The name's id (RecordTable.names). */
export const F_NAME = 0;
/** NIK digits 1-6, 7-12 (DDMMYY, women's day plus 40) and 13-16; region -1: no NIK. */
export const F_NIK_REGION = 1;
export const F_NIK_DATE = 2;
export const F_NIK_SERIAL = 3;
/** YYMMDD that the NIK's digits 7-12 encode (women's day less 40); -1 none. */
export const F_NIK_DATE_KEY = 4;
/** KK digits 1-8 and 9-16; hi -1: none. */
export const F_KK_HI = 5;
export const F_KK_LO = 6;
/** YYYYMMDD, -1: none. */
export const F_DATE = 7;
/** 0 M, 1 F, -1 none. */
export const F_SEX = 8;
/** Village and kecamatan ids, -1 none. */
export const F_VILLAGE = 9;
export const F_KECAMATAN = 10;
/** Household index (-1: none), the record's slot in it (order of appearance), the household's size. */
export const F_HOUSEHOLD = 11;
export const F_SLOT = 12;
export const F_HOUSEHOLD_SIZE = 13;
/** The household's entries in hKeys (first, one past the last). */
export const F_HKEYS = 14;
export const F_HKEYS_END = 15;

/** What a table is made of: columns (typed arrays, shareable) and the few strings they number. */
export interface RecordTable {
  n: number;
  households: number;
  cols: RecordColumns;
  /** Distinct normalised names, by nameId. */
  names: NormalizedName[];
  /** Village codes by id (dotted), kecamatan codes (first eight characters) by id. */
  villages: string[];
  kecamatans: string[];
  /** The names as written (RecordTableBuilder.add): rawNames[rawNameId[i]]; empty for records added as LinkageRecords. */
  rawNameId: Int32Array;
  rawNames: string[];
}

/** Values derived from the names, per name id (cheap to rebuild in each thread: a few thousand names). */
export interface NameColumns {
  /** Char code of the first letter of the sorted words (0: no name), and of the words as written joined. */
  initial: Int32Array;
  written: Int32Array;
  /** The sorted letters, numbered. */
  lettersId: Int32Array;
  /** Number of words. */
  wordCount: Int32Array;
  /** Ids of the words of four letters or more (in order, repeats kept): longWords[wordStart[x] .. wordStart[x + 1]). */
  wordStart: Int32Array;
  longWords: Int32Array;
}

export const MEMBER_KEYS = 3;
/** Members beyond this many in one household are not compared (a bit mask of 31 slots), as in household-members.ts. */
export const HOUSEHOLD_MAX_SLOTS = 31;

export function nameColumnsOf(names: readonly NormalizedName[]): NameColumns {
  const m = names.length;
  const initial = new Int32Array(m), written = new Int32Array(m), lettersId = new Int32Array(m), wordCount = new Int32Array(m), wordStart = new Int32Array(m + 1);
  const letters = new Map<string, number>();
  const words = new Map<string, number>();
  const long: number[] = [];
  for (let x = 0; x < m; x++) {
    const name = names[x] as NormalizedName;
    initial[x] = name.sorted.length ? name.sorted.charCodeAt(0) : 0;
    written[x] = name.joined.length ? name.joined.charCodeAt(0) : 0;
    let l = letters.get(name.letters);
    if (l === undefined) { l = letters.size; letters.set(name.letters, l); }
    lettersId[x] = l;
    wordCount[x] = name.words.length;
    for (const w of name.words) {
      if (w.length < 4) continue;
      let id = words.get(w);
      if (id === undefined) { id = words.size; words.set(w, id); }
      long.push(id);
    }
    wordStart[x + 1] = long.length;
  }
  return { initial, written, lettersId, wordCount, wordStart, longWords: Int32Array.from(long) };
}

type Alloc = (bytes: number) => ArrayBuffer | SharedArrayBuffer;
const plain: Alloc = (bytes) => new ArrayBuffer(bytes);
/** SharedArrayBuffers: the table's columns can then be read by worker threads without a copy. */
export const sharedAlloc: Alloc = (bytes) => new SharedArrayBuffer(bytes);

const digitsOf = (s: string, from: number, to: number): number => {
  let v = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
};

/** As LinkageRecord.dateNum: YYYY-MM-DD (at least ten characters) as YYYYMMDD, -1 none. */
const dateNumOf = (d: string | null): number => (d && d.length >= 10 ? Number(d.slice(0, 4)) * 10000 + Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10)) : -1);

const isDigits16 = (s: string | null): s is string => s !== null && s.length === 16 && digitsOf(s, 0, 8) >= 0 && digitsOf(s, 8, 16) >= 0;

/** Collects records (as read, or as LinkageRecords) into a RecordTable. */
export class RecordTableBuilder {
  private cap = 1024;
  private count = 0;
  private nameId = new Int32Array(this.cap);
  private nikRegion = new Int32Array(this.cap);
  private nikDate = new Int32Array(this.cap);
  private nikSerial = new Int32Array(this.cap);
  private kkHi = new Int32Array(this.cap);
  private kkLo = new Int32Array(this.cap);
  private dateNum = new Int32Array(this.cap);
  private sex = new Int8Array(this.cap);
  private village = new Int32Array(this.cap);
  private household = new Int32Array(this.cap);
  private rawNameId = new Int32Array(this.cap);
  private readonly names: NormalizedName[] = [];
  /** Name as written -> its index in rawNames; rawToName: that name's id. */
  private readonly byRawName = new Map<string, number>();
  private readonly rawNames: string[] = [];
  private readonly rawToName: number[] = [];
  private readonly byText = new Map<string, number>();
  private readonly villages: string[] = [];
  private readonly byVillage = new Map<string, number>();
  private readonly byHousehold = new Map<string, number>();

  private readonly alloc: Alloc;

  constructor(alloc: Alloc = plain) {
    this.alloc = alloc;
  }

  get size(): number { return this.count; }

  /** A person as the registry holds it (the name as written: normalised once per distinct spelling). */
  add(nik: string | null, kk: string | null, fullName: string, birthDate: string | null, sex: string | null, villageCode: string | null, householdId: string | null): void {
    const nikOk = nik !== null && isDigits16(nik), kkOk = kk !== null && isDigits16(kk);
    this.addNumbers(fullName, nikOk ? digitsOf(nik, 0, 6) : -1, nikOk ? digitsOf(nik, 6, 12) : 0, nikOk ? digitsOf(nik, 12, 16) : 0,
      kkOk ? digitsOf(kk, 0, 8) : -1, kkOk ? digitsOf(kk, 8, 16) : 0, dateNumOf(birthDate), sex === 'M' ? 0 : sex === 'F' ? 1 : -1, villageCode, householdId);
  }

  /**
   * A person whose NIK (region -1: none), KK (kkHi -1: none), birth date (YYYYMMDD, -1: none)
   * and sex (0 M, 1 F, -1 none) a reader has already turned into numbers.
   */
  addNumbers(fullName: string, nikRegion: number, nikDate: number, nikSerial: number, kkHi: number, kkLo: number, dateNum: number, sex: number, villageCode: string | null, householdId: string | null): void {
    let raw = this.byRawName.get(fullName);
    if (raw === undefined) {
      raw = this.rawNames.length;
      this.rawNames.push(fullName);
      this.rawToName.push(this.nameIdOf(normalizePersonNameForMatching(fullName)));
      this.byRawName.set(fullName, raw);
    }
    this.push(this.rawToName[raw] as number, nikRegion, nikDate, nikSerial, kkHi, kkLo, dateNum, sex, villageCode, householdId);
    this.rawNameId[this.count - 1] = raw;
  }

  /** A LinkageRecord (its name already normalised). */
  addRecord(r: LinkageRecord): void {
    const nik = r.nik, kk = r.kk;
    const nikOk = nik !== null && isDigits16(nik), kkOk = kk !== null && isDigits16(kk);
    this.push(this.nameIdOf(r.name), nikOk ? digitsOf(nik, 0, 6) : -1, nikOk ? digitsOf(nik, 6, 12) : 0, nikOk ? digitsOf(nik, 12, 16) : 0,
      kkOk ? digitsOf(kk, 0, 8) : -1, kkOk ? digitsOf(kk, 8, 16) : 0, dateNumOf(r.birthDate), r.sex === 'M' ? 0 : r.sex === 'F' ? 1 : -1, r.villageCode, r.householdId);
    this.rawNameId[this.count - 1] = -1;
  }

  private nameIdOf(name: NormalizedName): number {
    let id = this.byText.get(name.text);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.byText.set(name.text, id);
    }
    return id;
  }

  private push(nameId: number, nikRegion: number, nikDate: number, nikSerial: number, kkHi: number, kkLo: number, dateNum: number, sex: number, villageCode: string | null, householdId: string | null): void {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.nameId[i] = nameId;
    this.nikRegion[i] = nikRegion;
    this.nikDate[i] = nikDate;
    this.nikSerial[i] = nikSerial;
    this.kkHi[i] = kkHi;
    this.kkLo[i] = kkLo;
    this.dateNum[i] = dateNum;
    this.sex[i] = sex;
    if (villageCode) {
      let v = this.byVillage.get(villageCode);
      if (v === undefined) { v = this.villages.length; this.villages.push(villageCode); this.byVillage.set(villageCode, v); }
      this.village[i] = v;
    } else this.village[i] = -1;
    if (householdId !== null) {
      let h = this.byHousehold.get(householdId);
      if (h === undefined) { h = this.byHousehold.size; this.byHousehold.set(householdId, h); }
      this.household[i] = h;
    } else this.household[i] = -1;
  }

  private grow(): void {
    this.cap *= 2;
    const g = <T extends Int32Array | Int8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.nameId = g(this.nameId); this.nikRegion = g(this.nikRegion); this.nikDate = g(this.nikDate); this.nikSerial = g(this.nikSerial);
    this.kkHi = g(this.kkHi); this.kkLo = g(this.kkLo); this.dateNum = g(this.dateNum); this.sex = g(this.sex);
    this.village = g(this.village); this.household = g(this.household); this.rawNameId = g(this.rawNameId);
  }

  finish(): RecordTable {
    const n = this.count;
    const alloc = this.alloc;
    const nameCols = nameColumnsOf(this.names);
    // kecamatans: the first eight characters of the village code (32.04.05)
    const kecamatans: string[] = [];
    const byKec = new Map<string, number>();
    const kecOfVillage = this.villages.map((v) => {
      const k = v.slice(0, 8);
      let id = byKec.get(k);
      if (id === undefined) { id = kecamatans.length; kecamatans.push(k); byKec.set(k, id); }
      return id;
    });
    const rows = new Int32Array(alloc(4 * ROW * n));
    const memberKeys = new Float64Array(alloc(8 * MEMBER_KEYS * n));
    const households = this.byHousehold.size;
    const hSize = new Int32Array(households);
    for (let i = 0; i < n; i++) {
      const o = i * ROW;
      const v = this.village[i] as number, region = this.nikRegion[i] as number, h = this.household[i] as number;
      rows[o + F_NAME] = this.nameId[i] as number;
      rows[o + F_NIK_REGION] = region;
      rows[o + F_NIK_DATE] = this.nikDate[i] as number;
      rows[o + F_NIK_SERIAL] = this.nikSerial[i] as number;
      if (region >= 0) {
        const d = this.nikDate[i] as number;
        const day = Math.floor(d / 10000), month = Math.floor(d / 100) % 100, year = d % 100;
        rows[o + F_NIK_DATE_KEY] = year * 10000 + month * 100 + (day > 40 ? day - 40 : day);
      } else rows[o + F_NIK_DATE_KEY] = -1;
      rows[o + F_KK_HI] = this.kkHi[i] as number;
      rows[o + F_KK_LO] = this.kkLo[i] as number;
      rows[o + F_DATE] = this.dateNum[i] as number;
      rows[o + F_SEX] = this.sex[i] as number;
      rows[o + F_VILLAGE] = v;
      rows[o + F_KECAMATAN] = v >= 0 ? (kecOfVillage[v] as number) : -1;
      rows[o + F_HOUSEHOLD] = h;
      if (h >= 0) {
        rows[o + F_SLOT] = hSize[h] as number;
        hSize[h] = (hSize[h] as number) + 1;
      }
      memberKeysInto(memberKeys, i, nameCols, this.nameId[i] as number, this.dateNum[i] as number, this.sex[i] as number);
    }
    const hStart = new Int32Array(alloc(4 * (households + 1)));
    for (let h = 0; h < households; h++) hStart[h + 1] = (hStart[h] as number) + (hSize[h] as number);
    const hMembers = new Int32Array(alloc(4 * n));
    for (let i = 0; i < n; i++) {
      const h = this.household[i] as number;
      if (h >= 0) hMembers[(hStart[h] as number) + (rows[i * ROW + F_SLOT] as number)] = i;
    }
    // each household's keys (its first HOUSEHOLD_MAX_SLOTS members) sorted, with the slots holding each
    let hKeys = new Float64Array(1024);
    let used = 0;
    const scratch: number[] = [];
    for (let h = 0; h < households; h++) {
      const s = hStart[h] as number, e = hStart[h + 1] as number, last = Math.min(e, s + HOUSEHOLD_MAX_SLOTS);
      scratch.length = 0;
      for (let x = s; x < last; x++) {
        const r = hMembers[x] as number;
        for (let k = 0; k < MEMBER_KEYS; k++) {
          const key = memberKeys[r * MEMBER_KEYS + k] as number;
          if (key !== 0) scratch.push(key, x - s);
        }
      }
      const first = used;
      if (used + scratch.length > hKeys.length) {
        const bigger = new Float64Array(2 * hKeys.length + scratch.length);
        bigger.set(hKeys);
        hKeys = bigger;
      }
      // insertion sort of the (key, slot) pairs (a household holds a few), equal keys merged
      for (let q = 0; q < scratch.length; q += 2) {
        const key = scratch[q] as number, bit = 1 << (scratch[q + 1] as number);
        let at = used - 2;
        while (at >= first && (hKeys[at] as number) > key) at -= 2;
        if (at >= first && hKeys[at] === key) { hKeys[at + 1] = (hKeys[at + 1] as number) | bit; continue; }
        hKeys.copyWithin(at + 4, at + 2, used);
        hKeys[at + 2] = key;
        hKeys[at + 3] = bit;
        used += 2;
      }
      for (let x = s; x < e; x++) {
        const o = (hMembers[x] as number) * ROW;
        rows[o + F_HOUSEHOLD_SIZE] = e - s;
        rows[o + F_HKEYS] = first;
        rows[o + F_HKEYS_END] = used;
      }
    }
    const keysShared = new Float64Array(alloc(8 * used));
    keysShared.set(hKeys.subarray(0, used));
    const rawNameId = new Int32Array(alloc(4 * n));
    rawNameId.set(this.rawNameId.subarray(0, n));
    return { n, households, names: this.names, villages: this.villages, kecamatans, rawNameId, rawNames: this.rawNames, cols: { rows, memberKeys, hStart, hMembers, hKeys: keysShared } };
  }
}

/**
 * The member keys of household-members.ts as exact numbers (no hash: equal keys are equal
 * values): the letters of the name with the birth year, with the day and month (as a set),
 * and the birth date with the sex and the initial. None without letters or a birth date.
 */
function memberKeysInto(keys: Float64Array, i: number, nc: NameColumns, nameId: number, dateNum: number, sex: number): void {
  const at = i * MEMBER_KEYS;
  const lettersId = nc.lettersId[nameId] as number;
  const initial = nc.initial[nameId] as number;
  if (dateNum < 0 || initial === 0) return; // no letters (empty name) or no birth date: no keys (zeros)
  const year = Math.floor(dateNum / 10000), month = Math.floor(dateNum / 100) % 100, day = dateNum % 100;
  const dm = Math.min(month, day) * 100 + Math.max(month, day);
  keys[at] = (lettersId * 10000 + year) * 4 + 1;
  keys[at + 1] = (lettersId * 10000 + dm) * 4 + 2;
  keys[at + 2] = ((dateNum * 3 + (sex < 0 ? 2 : sex)) * 128 + initial) * 4 + 3;
}

/** The table of some LinkageRecords (record i is row i). */
export function tableOfRecords(records: readonly LinkageRecord[], alloc: Alloc = plain): RecordTable {
  const b = new RecordTableBuilder(alloc);
  for (const r of records) b.addRecord(r);
  return b.finish();
}

const pad = (v: number, w: number) => String(v).padStart(w, '0');

/** The compared fields of row i as the registry writes them (for fingerprints). */
export function rowStrings(t: RecordTable, i: number): { nik: string | null; kk: string | null; birthDate: string | null; sex: 'M' | 'F' | null; villageCode: string | null } {
  const r = t.cols.rows, o = i * ROW;
  const region = r[o + F_NIK_REGION] as number, kkHi = r[o + F_KK_HI] as number, d = r[o + F_DATE] as number, v = r[o + F_VILLAGE] as number, s = r[o + F_SEX] as number;
  return {
    nik: region < 0 ? null : pad(region, 6) + pad(r[o + F_NIK_DATE] as number, 6) + pad(r[o + F_NIK_SERIAL] as number, 4),
    kk: kkHi < 0 ? null : pad(kkHi, 8) + pad(r[o + F_KK_LO] as number, 8),
    birthDate: d < 0 ? null : `${pad(Math.floor(d / 10000), 4)}-${pad(Math.floor(d / 100) % 100, 2)}-${pad(d % 100, 2)}`,
    sex: s === 0 ? 'M' : s === 1 ? 'F' : null,
    villageCode: v < 0 ? null : (t.villages[v] ?? null),
  };
}
