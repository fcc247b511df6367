import { describe, expect, it } from 'vitest';
import { compareRecords, linkageRecordOf, type LinkageRecord } from './comparisons.ts';
import { compareHouseholdMembers, householdLevelShares, prepareHouseholds } from './household-members.ts';

const person = (householdId: string | null, fullName: string, birthDate: string | null, sex: 'M' | 'F' = 'M') =>
  linkageRecordOf({ nik: null, fullName, birthDate, sex, villageCode: '32.04.05.2004', kk: null, householdId });

type Resident = readonly [fullName: string, birthDate: string, sex: 'M' | 'F'];
/** The family the tests register again and again, and its neighbours. */
const UJANG: Resident = ['Ujang Suparman', '1978-04-12', 'M'];
const SITI: Resident = ['Siti Aminah', '1980-02-03', 'F'];
const NUR: Resident = ['Nur Hasanah', '2005-07-21', 'F'];
const NURDIN: Resident = ['Nur Hasanudin', '2007-03-02', 'M'];
const ASEP: Resident = ['Asep Suparman', '1979-05-01', 'M'];
const EUIS: Resident = ['Euis Komariah', '1982-09-09', 'F'];
const DEDI: Resident = ['Dedi Kurniawan', '2009-11-30', 'M'];
/** The records of `residents` registered in one household (null: in none). */
const household = (householdId: string | null, ...residents: Resident[]) => residents.map((r) => person(householdId, ...r));

function prepared(records: LinkageRecord[]): LinkageRecord[] {
  prepareHouseholds(records, (r) => r.householdId);
  return records;
}

describe('household members comparison', () => {
  it('counts the other members with a counterpart: "two or more" for a family registered again with its errors', () => {
    const [a, , , , b] = prepared([
      ...household('h1', UJANG, SITI, NUR, DEDI),
      // the same family in another village: old spelling, joined words, a year off, a typo in a name
      person('h2', 'Oedjang Suparman', '1978-04-12'),
      person('h2', 'Hj. Siti Aminah', '1981-02-03', 'F'), // year off: letters with day and month
      person('h2', 'Nurhasanah', '2005-07-21', 'F'), // joined: same letters
      person('h2', 'Dedi Kurniawn', '2009-11-30'), // typo: birth date, sex and initial
    ]);
    expect(compareHouseholdMembers(a!, b!)).toBe(3);
  });

  it('gives "one" when one other member agrees, "none" when no other member does', () => {
    const [a, , , b, , c] = prepared([
      ...household('h1', UJANG, SITI, NUR),
      ...household('h2', UJANG, SITI),
      // a namesake born the same day, with a family of his own
      ...household('h3', UJANG, EUIS),
    ]);
    expect(compareHouseholdMembers(a!, b!)).toBe(2);
    expect(compareHouseholdMembers(a!, c!)).toBe(1);
    expect(compareHouseholdMembers(c!, a!)).toBe(1);
  });

  it('does not count the pair itself, and says so when one of the pair has its own counterpart in the other household', () => {
    // a family registered twice: a sibling of one copy against the other sibling's copy
    const [a, , , , bDup] = prepared([
      ...household('h1', NUR, NURDIN, UJANG, SITI),
      ...household('h2', NURDIN, NUR, UJANG, SITI),
    ]);
    // the parents agree, but a's own copy is in bDup's household
    expect(compareHouseholdMembers(a!, bDup!)).toBe(0);
    expect(compareHouseholdMembers(bDup!, a!)).toBe(0);
    // the only agreement of a's household mate is b itself: none
    const [x, , y] = prepared([
      ...household('h3', UJANG, ASEP),
      ...household('h4', ASEP, EUIS),
    ]);
    // y is the copy of x's household mate: y's own counterpart is in x's household
    expect(compareHouseholdMembers(x!, y!)).toBe(0);
  });

  it('is missing for a household of one, the same household, or no household', () => {
    const [alone, , a, b, none] = prepared([
      ...household('h1', UJANG),
      ...household('h2', UJANG, SITI, SITI),
      ...household(null, UJANG),
    ]);
    expect(compareHouseholdMembers(alone!, a!)).toBe(-1);
    expect(compareHouseholdMembers(a!, b!)).toBe(-1);
    expect(compareHouseholdMembers(none!, a!)).toBe(-1);
    // records made without preparing households compare as missing
    const [x, y] = [...household('h9', UJANG), ...household('h8', UJANG)];
    expect(compareRecords(x!, y!)[7]).toBe(-1);
  });

  it('is symmetric on a family registered again with fewer members', () => {
    const records = prepared([
      ...household('h1', UJANG, SITI, NUR),
      ...household('h2', UJANG, NUR),
    ]);
    expect(compareHouseholdMembers(records[0]!, records[3]!)).toBe(2);
    expect(compareHouseholdMembers(records[3]!, records[0]!)).toBe(2);
  });
});

describe('household comparison u', () => {
  it('is drawn among people living with someone: agreeing households are rare', () => {
    const records = prepared(Array.from({ length: 400 }, (_, i) => person(`h${i >> 1}`, `${'ABDEGHIJKLMNOPRSTUWY'.charAt(i % 20)}${'AIUEO'.charAt((i / 20) % 5 | 0)}${'BDKLMNRST'.charAt((i / 100) | 0)}ANI Putra`, `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`)));
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const u = householdLevelShares(records, 10_000, random);
    expect(u).toHaveLength(4);
    expect(u.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(u[1]).toBeGreaterThan(0.99);
  });
});
