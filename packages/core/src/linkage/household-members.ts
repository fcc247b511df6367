import { keyHash } from './key-hash.ts';

/**
 * The household's other members as evidence. A household registered a second time (moved
 * to the next village, registered again by another officer) brings its members along: the
 * pair's two households then hold other people who are the same, each a duplicate too.
 * Namesakes born the same day live with other people. So for a pair of records in two
 * households, the comparison counts the other members of the first household that have a
 * counterpart among the other members of the second: none, one, two or more; missing when
 * either household has no other member, or both records are in the same household (their
 * other members are the same people: no evidence).
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
  /** Member key hash -> bit mask of the slots holding it. */
  keys: Map<number, number>;
  /** Per slot, its keys (for the members of the other side). */
  slotKeys: (readonly number[])[];
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
    if (!h) { h = { size: 0, keys: new Map(), slotKeys: [] }; byId.set(id, h); }
    r.household = h;
    r.householdSlot = h.size;
    h.size++;
    if (r.householdSlot >= MAX_SLOTS) continue;
    h.slotKeys.push(r.memberKeys);
    const bit = 1 << r.householdSlot;
    for (const k of r.memberKeys) h.keys.set(k, (h.keys.get(k) ?? 0) | bit);
  }
}

/** 2: two or more other members have a counterpart, 1: one, 0: none, -1: missing. */
export function compareHouseholdMembers(a: HouseholdMember, b: HouseholdMember): number {
  const ha = a.household, hb = b.household;
  if (!ha || !hb || ha === hb || ha.size < 2 || hb.size < 2) return HOUSEHOLD_NULL;
  const notB = b.householdSlot < MAX_SLOTS ? ~(1 << b.householdSlot) : -1;
  let agree = 0;
  for (let s = 0; s < ha.slotKeys.length; s++) {
    if (s === a.householdSlot) continue;
    let mask = 0;
    for (const k of ha.slotKeys[s] ?? []) mask |= hb.keys.get(k) ?? 0;
    if ((mask & notB) !== 0 && ++agree >= 2) return 2;
  }
  return agree;
}
