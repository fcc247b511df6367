import { keyHash } from './key-hash.ts';

/**
 * The household's other members as evidence. A household registered a second time (moved
 * to the next village, registered again by another officer) brings its members along: the
 * pair's two households then hold other people who are the same, each a duplicate too.
 * Namesakes born the same day live with other people. So for a pair of records in two
 * households, the comparison counts the other members of the first household that have a
 * counterpart among the other members of the second: none, one, two or more; missing when
 * either household has no other member, or both records are in the same household (their
 * other members are the same people: no evidence). Below "none": one of the pair has its own
 * counterpart among the other's household mates.
 *
 * A counterpart shares one of the member keys: the letters of the name (any word order,
 * joined or split words, old spellings and titles already normalised) with the birth year,
 * the same letters with the day and month (a year typed wrong), or the whole birth date with
 * the sex and the name's initial (a name typed wrong). Keys are hashed once per record.
 */
export interface HouseholdMember {
  /** Hashes of this person's member keys (memberKeysOf). */
  memberKeys: readonly number[];
  /** The household this record belongs to, set by prepareHouseholds (null: unknown). */
  household: HouseholdMembers | null;
  /** Position in household.members (its bit in the key masks). */
  householdSlot: number;
}

export interface HouseholdMembers {
  /** How many records the household holds. */
  size: number;
  /** Every member's key hashes, and beside each the bit of the slot holding it (a household is small: a scan beats a map). */
  keys: number[];
  bits: number[];
  /** Per slot, its keys (for the members of the other side). */
  slotKeys: (readonly number[])[];
  /** Bit (key mod 32) of every key held, in two words by bit 5 of the key: a key whose bit is clear is not held (most keys of an unrelated household), no scan. */
  bloomLo: number;
  bloomHi: number;
}

/** Members beyond this many in one household are not compared (a bit mask of 31 slots). */
const MAX_SLOTS = 31;

export const HOUSEHOLD_NULL = -1;

/** The member keys of one person (empty when name or birth date is missing). */
export function memberKeysOf(p: { letters: string; initial: string; birthDate: string | null; sex: string | null }): number[] {
  const d = p.birthDate;
  if (!p.letters || !d || d.length < 10) return [];
  const a = d.slice(5, 7), b = d.slice(8, 10);
  return [keyHash(`y${p.letters}|${d.slice(0, 4)}`), keyHash(`m${p.letters}|${a < b ? a + b : b + a}`), keyHash(`d${d}|${p.sex ?? ''}|${p.initial}`)];
}

/**
 * Groups records by their household id and sets each one's `household` and slot: done once
 * before a run compares pairs. Records without a household id keep `household` null.
 */
export function prepareHouseholds<R extends HouseholdMember>(records: readonly R[], householdIdOf: (r: R) => string | null): void {
  const byId = new Map<string, HouseholdMembers>();
  for (const r of records) {
    const id = householdIdOf(r);
    if (id === null) { r.household = null; continue; }
    let h = byId.get(id);
    if (!h) { h = { size: 0, keys: [], bits: [], slotKeys: [], bloomLo: 0, bloomHi: 0 }; byId.set(id, h); }
    r.household = h;
    r.householdSlot = h.size;
    h.size++;
    if (r.householdSlot >= MAX_SLOTS) continue;
    h.slotKeys.push(r.memberKeys);
    const bit = 1 << r.householdSlot;
    for (const k of r.memberKeys) {
      h.keys.push(k);
      h.bits.push(bit);
      if (k & 32) h.bloomHi |= 1 << (k & 31); else h.bloomLo |= 1 << (k & 31);
    }
  }
}

/**
 * 3: two or more other members have a counterpart, 2: one, 1: none, 0: one of the pair has
 * its own counterpart among the other's household mates (a family registered twice pairs
 * each member with its own copy: a sibling of one copy against a sibling of the other has
 * the parents in common, and is not the same person), -1: missing.
 */
export function compareHouseholdMembers(a: HouseholdMember, b: HouseholdMember): number {
  const ha = a.household, hb = b.household;
  if (!ha || !hb || ha === hb || ha.size < 2 || hb.size < 2) return HOUSEHOLD_NULL;
  const notA = a.householdSlot < MAX_SLOTS ? ~(1 << a.householdSlot) : -1;
  const notB = b.householdSlot < MAX_SLOTS ? ~(1 << b.householdSlot) : -1;
  if ((keyMask(a.memberKeys, hb) & notB) !== 0 || (keyMask(b.memberKeys, ha) & notA) !== 0) return 0;
  let agree = 0;
  for (let s = 0; s < ha.slotKeys.length; s++) {
    if (s === a.householdSlot) continue;
    if ((keyMask(ha.slotKeys[s] ?? [], hb) & notB) !== 0 && ++agree >= 2) return 3;
  }
  return agree + 1;
}

/** The slots of `h` that share a key with `keys`. */
function keyMask(keys: readonly number[], h: HouseholdMembers): number {
  let mask = 0;
  const hk = h.keys;
  for (const k of keys) {
    if ((((k & 32) ? h.bloomHi : h.bloomLo) & (1 << (k & 31))) === 0) continue;
    for (let i = 0; i < hk.length; i++) if (hk[i] === k) mask |= h.bits[i] ?? 0;
  }
  return mask;
}

/**
 * u of the household comparison from pairs of records drawn at random among those living with
 * someone (the comparison is missing for the others): its agreeing levels are too rare among
 * random pairs of all records to count (a few in a million), so they need many more draws.
 * Returns the share of each level, one added to each (no level is impossible).
 */
export function householdLevelShares(records: readonly HouseholdMember[], samples: number, random: () => number): number[] {
  return householdShares(records.length, (i) => records[i]?.household?.size ?? 0, (i, j) => compareHouseholdMembers(records[i] as HouseholdMember, records[j] as HouseholdMember), samples, random);
}

/** householdLevelShares over any records: `sizeOf` the size of a record's household (0: none), `compare` the level of two. */
export function householdShares(n: number, sizeOf: (i: number) => number, compare: (i: number, j: number) => number, samples: number, random: () => number): number[] {
  const counts = [1, 1, 1, 1];
  const shared: number[] = [];
  for (let i = 0; i < n; i++) if (sizeOf(i) >= 2) shared.push(i);
  if (shared.length < 2) return counts.map((c) => c / 4);
  for (let s = 0; s < samples; s++) {
    const a = shared[Math.floor(random() * shared.length)] ?? 0;
    const b = shared[Math.floor(random() * shared.length)] ?? 0;
    const l = compare(a, b);
    if (l !== HOUSEHOLD_NULL) counts[l] = (counts[l] ?? 0) + 1;
  }
  const total = counts.reduce((x, y) => x + y, 0);
  return counts.map((c) => c / total);
}
