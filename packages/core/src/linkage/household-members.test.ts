import { describe, expect, it } from 'vitest';
import { compareRecords, linkageRecordOf, type LinkageRecord } from './comparisons.ts';
import { compareHouseholdMembers, prepareHouseholds } from './household-members.ts';

const person = (householdId: string | null, fullName: string, birthDate: string | null, sex: 'M' | 'F' = 'M') =>
  linkageRecordOf({ nik: null, fullName, birthDate, sex, villageCode: '32.04.05.2004', kk: null, householdId });

function prepared(records: LinkageRecord[]): LinkageRecord[] {
  prepareHouseholds(records, (r) => r.householdId);
  return records;
}

describe('household members comparison', () => {
  it('counts the other members with a counterpart: two or more for a family registered again with its errors', () => {
    const [a, , , , b] = prepared([
      person('h1', 'Ujang Suparman', '1978-04-12'),
      person('h1', 'Siti Aminah', '1980-02-03', 'F'),
      person('h1', 'Nur Hasanah', '2005-07-21', 'F'),
      person('h1', 'Dedi Kurniawan', '2009-11-30'),
      // the same family in another village: old spelling, joined words, a year off, a typo in a name
      person('h2', 'Oedjang Suparman', '1978-04-12'),
      person('h2', 'Hj. Siti Aminah', '1981-02-03', 'F'), // year off: letters with day and month
      person('h2', 'Nurhasanah', '2005-07-21', 'F'), // joined: same letters
      person('h2', 'Dedi Kurniawn', '2009-11-30'), // typo: birth date, sex and initial
    ]);
    expect(compareHouseholdMembers(a!, b!)).toBe(2);
  });

  it('gives one when one other member agrees, none when no other member does', () => {
    const [a, , , b, , c] = prepared([
      person('h1', 'Ujang Suparman', '1978-04-12'),
      person('h1', 'Siti Aminah', '1980-02-03', 'F'),
      person('h1', 'Nur Hasanah', '2005-07-21', 'F'),
      person('h2', 'Ujang Suparman', '1978-04-12'),
      person('h2', 'Siti Aminah', '1980-02-03', 'F'),
      // a namesake born the same day, with a family of his own
      person('h3', 'Ujang Suparman', '1978-04-12'),
      person('h3', 'Euis Komariah', '1982-09-09', 'F'),
    ]);
    expect(compareHouseholdMembers(a!, b!)).toBe(1);
    expect(compareHouseholdMembers(a!, c!)).toBe(0);
    expect(compareHouseholdMembers(c!, a!)).toBe(0);
  });

  it('does not count the pair itself: two namesakes each with the other in the household are no evidence', () => {
    // b's household holds a counterpart of a's other member only through b itself
    const [a, , b] = prepared([
      person('h1', 'Ujang Suparman', '1978-04-12'),
      person('h1', 'Asep Suparman', '1978-04-12'),
      person('h2', 'Asep Suparman', '1978-04-12'),
      person('h2', 'Euis Komariah', '1982-09-09', 'F'),
    ]);
    expect(compareHouseholdMembers(a!, b!)).toBe(0);
  });

  it('is missing for a household of one, the same household, or no household', () => {
    const [alone, , a, b, none] = prepared([
      person('h1', 'Ujang Suparman', '1978-04-12'),
      person('h2', 'Ujang Suparman', '1978-04-12'),
      person('h2', 'Siti Aminah', '1980-02-03', 'F'),
      person('h2', 'Siti Aminah', '1980-02-03', 'F'),
      person(null, 'Ujang Suparman', '1978-04-12'),
    ]);
    expect(compareHouseholdMembers(alone!, a!)).toBe(-1);
    expect(compareHouseholdMembers(a!, b!)).toBe(-1);
    expect(compareHouseholdMembers(none!, a!)).toBe(-1);
    // records made without preparing households compare as missing
    const x = person('h9', 'Ujang Suparman', '1978-04-12');
    const y = person('h8', 'Ujang Suparman', '1978-04-12');
    expect(compareRecords(x, y)[7]).toBe(-1);
  });

  it('is symmetric on a family registered again with fewer members', () => {
    const records = prepared([
      person('h1', 'Ujang Suparman', '1978-04-12'),
      person('h1', 'Siti Aminah', '1980-02-03', 'F'),
      person('h1', 'Nur Hasanah', '2005-07-21', 'F'),
      person('h2', 'Ujang Suparman', '1978-04-12'),
      person('h2', 'Nur Hasanah', '2005-07-21', 'F'),
    ]);
    expect(compareHouseholdMembers(records[0]!, records[3]!)).toBe(1);
    expect(compareHouseholdMembers(records[3]!, records[0]!)).toBe(1);
  });
});
