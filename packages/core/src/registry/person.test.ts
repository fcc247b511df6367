import { describe, expect, it } from 'vitest';
import { ADMINDUK_PROTECTED_PERSON_FIELDS, PersonInput, SPECIFIC_PERSON_FIELDS, isChild, isSpecificPersonField } from './person.ts';

/** A valid adult woman; override what a test is about. */
function aPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { nik: '3204055205900001', kk: '3204052103150007', fullName: 'Siti Aminah', sex: 'F', birthDate: '1990-05-12', ...overrides };
}

const issuePaths = (input: unknown) => {
  const r = PersonInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('PersonInput', () => {
  it('accepts a full person', () => {
    const person = aPerson({
      birthPlace: 'Bandung',
      relationship: 'head',
      maritalStatus: 'widowed',
      presence: 'living_here',
      pregnant: false,
      documentsHeld: ['birth_certificate', 'ktp'],
      schoolParticipation: 'no_longer_attending',
      educationLevel: 'primary',
      workStatus: 'casual_agricultural',
      workSector: 'food_crops',
      disability: { seeing: 'some', walking: 'a_lot' },
      chronicIllnesses: ['hypertension', 'diabetes'],
      healthInsurance: ['pbi_jkn'],
      pipKip: false,
      dukcapilMatch: 'matched',
      registryStatus: 'registered',
    });
    expect(PersonInput.parse(person)).toEqual(person);
  });

  it('needs only a name and sex', () => {
    expect(PersonInput.safeParse({ fullName: 'Budi', sex: 'M' }).success).toBe(true);
    expect(issuePaths({ sex: 'M' })).toEqual(['fullName']);
    expect(issuePaths({ fullName: '  ', sex: 'M' })).toEqual(['fullName']);
    expect(issuePaths({ fullName: 'Budi', sex: 'L' })).toEqual(['sex']);
  });

  it('rejects codes that are not in their list', () => {
    expect(issuePaths(aPerson({ relationship: 'cousin' }))).toEqual(['relationship']);
    expect(issuePaths(aPerson({ relationship: 3 }))).toEqual(['relationship']);
    expect(issuePaths(aPerson({ documentsHeld: ['passport'] }))).toEqual(['documentsHeld.0']);
    expect(issuePaths(aPerson({ disability: { flying: 'some' } }))).toEqual(['disability']);
    expect(issuePaths(aPerson({ disability: { seeing: 'very' } }))).toEqual(['disability.seeing']);
    expect(issuePaths(aPerson({ chronicIllnesses: ['flu'] }))).toEqual(['chronicIllnesses.0']);
  });

  it('keeps sets free of repeats', () => {
    expect(issuePaths(aPerson({ documentsHeld: ['ktp', 'ktp'] }))).toEqual(['documentsHeld']);
    expect(issuePaths(aPerson({ healthInsurance: ['pbi_jkn', 'pbi_jkn'] }))).toEqual(['healthInsurance']);
  });

  it('rejects unknown fields', () => {
    expect(issuePaths(aPerson({ desil: 1 }))).toEqual(['']);
  });

  it('rejects a NIK or KK number with errors but not one with warnings only', () => {
    expect(issuePaths(aPerson({ nik: '3204055205900000' }))).toEqual(['nik']);
    expect(issuePaths(aPerson({ nik: 3204055205900001 }))).toEqual(['nik']);
    expect(issuePaths(aPerson({ kk: '32040521031500' }))).toEqual(['kk']);
    // The NIK says 12 May 1990, female; the record says otherwise: a warning for the officer.
    expect(issuePaths(aPerson({ birthDate: '1991-01-01', sex: 'M' }))).toEqual([]);
    const r = PersonInput.safeParse(aPerson({ nik: '9904055205900001' }));
    const issue = r.success ? undefined : r.error.issues[0];
    // the message is the catalog key of the failed rule, with what its text needs
    expect(issue?.code === 'custom' ? issue.params : undefined).toEqual({ issue: 'nik_province_invalid', length: 16, code: '99' });
    expect(issue?.message).toBe('nik.province_invalid');
  });

  it('checks dates', () => {
    expect(issuePaths(aPerson({ birthDate: '1990-02-30' }))).toEqual(['birthDate']);
    expect(issuePaths(aPerson({ birthDate: '12-05-1990' }))).toEqual(['birthDate']);
    expect(issuePaths(aPerson({ birthDate: '2999-01-01' }))).toEqual(['birthDate']);
  });

  it('ties pregnancy to women and an inactive reason to the inactive status', () => {
    expect(issuePaths(aPerson({ sex: 'M', pregnant: true }))).toEqual(['pregnant']);
    expect(issuePaths(aPerson({ sex: 'M', pregnant: false }))).toEqual([]);
    expect(issuePaths(aPerson({ registryStatus: 'inactive' }))).toEqual(['inactiveReason']);
    expect(issuePaths(aPerson({ registryStatus: 'inactive', inactiveReason: 'deceased' }))).toEqual([]);
    expect(issuePaths(aPerson({ registryStatus: 'registered', inactiveReason: 'moved' }))).toEqual(['inactiveReason']);
  });
});

describe('specific personal data', () => {
  it('marks health and disability fields', () => {
    expect([...SPECIFIC_PERSON_FIELDS].sort()).toEqual(['chronicIllnesses', 'disability', 'healthInsurance', 'pregnant']);
    expect(isSpecificPersonField('disability')).toBe(true);
    expect(isSpecificPersonField('fullName')).toBe(false);
    expect(ADMINDUK_PROTECTED_PERSON_FIELDS).toContain('nik');
  });

  it('names only fields that exist on the person', () => {
    const shape = Object.keys(PersonInput.shape);
    for (const f of [...SPECIFIC_PERSON_FIELDS, ...ADMINDUK_PROTECTED_PERSON_FIELDS]) expect(shape).toContain(f);
  });

  it('counts a person as a child until the 18th birthday', () => {
    const today = new Date(2025, 2, 10);
    expect(isChild('2025-03-10', today)).toBe(true);
    expect(isChild('2007-03-11', today)).toBe(true);
    expect(isChild('2007-03-10', today)).toBe(false);
    expect(isChild('1990-05-12', today)).toBe(false);
    expect(isChild('2008-02-29', new Date(2026, 1, 28))).toBe(true);
    expect(isChild('2008-02-29', new Date(2026, 2, 1))).toBe(false);
    expect(() => isChild('2007-02-30', today)).toThrow(RangeError);
  });
});
