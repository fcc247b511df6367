import { NULL_LEVEL, compareDateNum } from './comparisons.ts';
import {
  F_DATE, F_HKEYS, F_HKEYS_END, F_HOUSEHOLD, F_HOUSEHOLD_SIZE, F_KECAMATAN, F_KK_HI, F_KK_LO, F_NIK_DATE, F_NIK_DATE_KEY, F_NIK_REGION, F_NIK_SERIAL, F_SEX, F_SLOT, F_VILLAGE,
  HOUSEHOLD_MAX_SLOTS, MEMBER_KEYS, ROW, type RecordColumns, type RecordTable,
} from './record-table.ts';

/** The comparisons of comparisons.ts on the rows of a RecordTable: the same levels from the numbers. */

/** Four-digit serials one substitution or one swap of adjacent digits apart (oneEditApart on their text). */
export function serialsOneEditApart(a: number, b: number): boolean {
  if (a === b) return false;
  let first = -1, diffs = 0;
  for (let k = 0, pa = a, pb = b; k < 4; k++, pa = Math.floor(pa / 10), pb = Math.floor(pb / 10)) {
    if (pa % 10 !== pb % 10) {
      if (++diffs > 2) return false;
      first = k; // from the right: the leftmost difference is the last one met
    }
  }
  if (diffs === 1) return true;
  // two differences: the leftmost at digit `first` (from the right) and the next one right of it, swapped
  const p = 10 ** first, q = p / 10;
  if (q < 1) return false;
  const a1 = Math.floor(a / p) % 10, a2 = Math.floor(a / q) % 10, b1 = Math.floor(b / p) % 10, b2 = Math.floor(b / q) % 10;
  return a1 === b2 && a2 === b1 && a2 !== b2;
}

/**
 * compareRecords on two rows (the same levels): `nameLevel` the name level of the pair
 * (NameLevels), the household level from compareHouseholdRows.
 */
export function compareRows(t: RecordTable, i: number, j: number, out: Int8Array, off: number, nameLevel: number): void {
  const c = t.cols, r = c.rows, a = i * ROW, b = j * ROW;
  const ra = r[a + F_NIK_REGION] as number, rb = r[b + F_NIK_REGION] as number;
  if (ra < 0 || rb < 0) out[off] = NULL_LEVEL;
  else {
    const sa = r[a + F_NIK_SERIAL] as number, sb = r[b + F_NIK_SERIAL] as number;
    if (sa === sb) out[off] = ra === rb && r[a + F_NIK_DATE] === r[b + F_NIK_DATE] ? 3 : 2;
    else out[off] = serialsOneEditApart(sa, sb) ? 1 : 0;
  }
  out[off + 1] = nameLevel;
  out[off + 2] = compareDateNum(r[a + F_DATE] as number, r[b + F_DATE] as number);
  out[off + 3] = nikBirthDateRows(c, i, j);
  const xa = r[a + F_SEX] as number, xb = r[b + F_SEX] as number;
  out[off + 4] = xa < 0 || xb < 0 ? NULL_LEVEL : xa === xb ? 1 : 0;
  const va = r[a + F_VILLAGE] as number, vb = r[b + F_VILLAGE] as number;
  out[off + 5] = va < 0 || vb < 0 ? NULL_LEVEL : va === vb ? 2 : r[a + F_KECAMATAN] === r[b + F_KECAMATAN] ? 1 : 0;
  const ka = r[a + F_KK_HI] as number, kb = r[b + F_KK_HI] as number;
  out[off + 6] = ka < 0 || kb < 0 ? NULL_LEVEL : ka === kb && r[a + F_KK_LO] === r[b + F_KK_LO] ? 1 : 0;
  out[off + 7] = compareHouseholdRows(c, i, j);
}

/** compareNikBirthDate on two rows. */
export function nikBirthDateRows(c: RecordColumns, i: number, j: number): number {
  const r = c.rows, a = i * ROW, b = j * ROW;
  const da = r[a + F_DATE] as number, db = r[b + F_DATE] as number;
  if (da < 0 || db < 0 || da === db) return NULL_LEVEL;
  const ka = da % 1000000, kb = db % 1000000;
  const na = r[a + F_NIK_DATE_KEY] as number, nb = r[b + F_NIK_DATE_KEY] as number;
  const aOwn = na >= 0 && na !== ka, bOwn = nb >= 0 && nb !== kb;
  if (!aOwn && !bOwn) return NULL_LEVEL;
  return (aOwn && na === kb) || (bOwn && nb === ka) ? 1 : 0;
}

/** Whether row i's NIK encodes another date than its recorded one (nikBirthDate can be compared). */
export function nikDateDisagrees(c: RecordColumns, i: number): boolean {
  const d = c.rows[i * ROW + F_DATE] as number, k = c.rows[i * ROW + F_NIK_DATE_KEY] as number;
  return d >= 0 && k >= 0 && k !== d % 1000000;
}

/** Members in row i's household (0: none). */
export function householdSize(c: RecordColumns, i: number): number {
  return c.rows[i * ROW + F_HOUSEHOLD_SIZE] as number;
}

/** compareHouseholdMembers on two rows (the same levels). */
export function compareHouseholdRows(c: RecordColumns, a: number, b: number): number {
  const r = c.rows, oa = a * ROW, ob = b * ROW;
  const ha = r[oa + F_HOUSEHOLD] as number, hb = r[ob + F_HOUSEHOLD] as number;
  if (ha < 0 || hb < 0 || ha === hb || (r[oa + F_HOUSEHOLD_SIZE] as number) < 2 || (r[ob + F_HOUSEHOLD_SIZE] as number) < 2) return NULL_LEVEL;
  const slotA = r[oa + F_SLOT] as number, slotB = r[ob + F_SLOT] as number;
  if (slotA >= HOUSEHOLD_MAX_SLOTS || slotB >= HOUSEHOLD_MAX_SLOTS) return compareHouseholdScan(c, a, b);
  const bitA = 1 << slotA, bitB = 1 << slotB, notA = ~bitA, notB = ~bitB;
  // one merge of the two households' sorted keys: a key both hold, and the slots holding it on each side
  const k = c.hKeys;
  let i = r[oa + F_HKEYS] as number, j = r[ob + F_HKEYS] as number;
  const ei = r[oa + F_HKEYS_END] as number, ej = r[ob + F_HKEYS_END] as number;
  let agreeing = 0;
  while (i < ei && j < ej) {
    const ka = k[i] as number, kb = k[j] as number;
    if (ka < kb) { i += 2; continue; }
    if (ka > kb) { j += 2; continue; }
    const ma = k[i + 1] as number, mb = k[j + 1] as number;
    // one of the pair has its own counterpart among the other's household mates
    if (((ma & bitA) !== 0 && (mb & notB) !== 0) || ((mb & bitB) !== 0 && (ma & notA) !== 0)) return 0;
    if ((mb & notB) !== 0) agreeing |= ma;
    i += 2;
    j += 2;
  }
  agreeing &= notA;
  if (agreeing === 0) return 1;
  return (agreeing & (agreeing - 1)) !== 0 ? 3 : 2;
}

/** compareHouseholdRows by scanning the members' keys: for a record past the households' first HOUSEHOLD_MAX_SLOTS (not in the sorted keys). */
function compareHouseholdScan(c: RecordColumns, a: number, b: number): number {
  const r = c.rows, oa = a * ROW, ob = b * ROW;
  const ha = r[oa + F_HOUSEHOLD] as number, hb = r[ob + F_HOUSEHOLD] as number;
  const slotA = r[oa + F_SLOT] as number, slotB = r[ob + F_SLOT] as number;
  const notA = slotA < HOUSEHOLD_MAX_SLOTS ? ~(1 << slotA) : -1;
  const notB = slotB < HOUSEHOLD_MAX_SLOTS ? ~(1 << slotB) : -1;
  if ((keyMaskRows(c, a, hb) & notB) !== 0 || (keyMaskRows(c, b, ha) & notA) !== 0) return 0;
  let agree = 0;
  const sa = c.hStart[ha] as number, last = Math.min(c.hStart[ha + 1] as number, sa + HOUSEHOLD_MAX_SLOTS);
  for (let x = sa; x < last; x++) {
    if (x - sa === slotA) continue;
    if ((keyMaskRows(c, c.hMembers[x] as number, hb) & notB) !== 0 && ++agree >= 2) return 3;
  }
  return agree + 1;
}

/** The slots of household h (its first HOUSEHOLD_MAX_SLOTS) holding a member key of row r. */
function keyMaskRows(c: RecordColumns, r: number, h: number): number {
  let mask = 0;
  const keys = c.memberKeys;
  const s = c.hStart[h] as number, e = Math.min(c.hStart[h + 1] as number, s + HOUSEHOLD_MAX_SLOTS);
  for (let k = r * MEMBER_KEYS, end = k + MEMBER_KEYS; k < end; k++) {
    const key = keys[k] as number;
    if (key === 0) continue;
    for (let x = s; x < e; x++) {
      const m = (c.hMembers[x] as number) * MEMBER_KEYS;
      if (keys[m] === key || keys[m + 1] === key || keys[m + 2] === key) mask |= 1 << (x - s);
    }
  }
  return mask;
}
