import { describe, expect, it } from 'vitest';
import { SPECIFIC_PERSON_FIELDS } from '../registry/person.ts';
import { COMMON_SHAREABLE_FIELDS, SERVICE_SECTORS, ServiceInput, ServicePatch, mayShareField, Schedule } from './directory.ts';

const base = {
  organizationId: '01900000-0000-7000-8000-000000000001',
  name: 'Layanan kesehatan',
  sector: 'health',
  responseDays: 7,
  sharedFields: ['fullName', 'nik'],
};

describe('directory schemas', () => {
  it('let only health and disability services receive specific personal data', () => {
    for (const sector of SERVICE_SECTORS) {
      for (const f of SPECIFIC_PERSON_FIELDS) expect(mayShareField(sector, f), `${sector} ${f}`).toBe(sector === 'health' || sector === 'disability');
      for (const f of COMMON_SHAREABLE_FIELDS) expect(mayShareField(sector, f)).toBe(true);
    }
    expect(ServiceInput.safeParse({ ...base, sharedFields: ['fullName', 'chronicIllnesses'] }).success).toBe(true);
    const housing = ServiceInput.safeParse({ ...base, sector: 'housing', sharedFields: ['fullName', 'disability'] });
    expect(housing.success).toBe(false);
    expect(housing.error?.issues[0]).toMatchObject({ path: ['sharedFields', 1], message: 'directory.specific_field_not_allowed' });
  });

  it('refuse unknown fields, repeated shared fields and an empty share list', () => {
    expect(ServiceInput.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(ServiceInput.safeParse({ ...base, sharedFields: ['nik', 'nik'] }).success).toBe(false);
    expect(ServiceInput.safeParse({ ...base, sharedFields: [] }).success).toBe(false);
    expect(ServiceInput.safeParse({ ...base, responseDays: 0 }).success).toBe(false);
  });

  it('check opening hours and age ranges', () => {
    expect(Schedule.safeParse({ days: ['MO', 'TU'], opensAt: '08:00', closesAt: '15:00' }).success).toBe(true);
    expect(Schedule.safeParse({ days: ['MO'], opensAt: '15:00', closesAt: '08:00' }).success).toBe(false);
    expect(Schedule.safeParse({ days: [], opensAt: '08:00', closesAt: '15:00' }).success).toBe(false);
    expect(ServiceInput.safeParse({ ...base, minimumAge: 60, maximumAge: 18 }).success).toBe(false);
  });

  it('leave absent fields of a patch absent (no defaults sneak in)', () => {
    expect(ServicePatch.parse({ name: 'Baru' })).toEqual({ name: 'Baru' });
  });
});
