import { describe, expect, it } from 'vitest';
import { composeKk, composeNik } from './nik-compose.ts';
import { validateKk, validateNik } from './nik.ts';

const today = new Date('2026-03-01T00:00:00Z');

describe('composeNik', () => {
  it('builds a NIK that validates with the same birth date and sex', () => {
    for (const [birthDate, sex] of [['1985-02-28', 'F'], ['2025-12-31', 'M'], ['1931-07-01', 'F']] as const) {
      const nik = composeNik({ kecamatanCode: '32.04.05', birthDate, sex, serial: 12 });
      const r = validateNik(nik, { birthDate, sex }, { today });
      expect(r.ok).toBe(true);
      expect(r.warnings).toEqual([]);
      expect(r.parsed).toMatchObject({ kecamatanCode: '32.04.05', birthDate, sex, serial: '0012' });
    }
  });
  it('adds 40 to the day of a woman', () => {
    expect(composeNik({ kecamatanCode: '32.04.37', birthDate: '1990-05-09', sex: 'F', serial: 1 })).toBe('3204374905900001');
  });
  it('refuses a serial outside 1-9999 and a malformed kecamatan', () => {
    expect(() => composeNik({ kecamatanCode: '32.04.05', birthDate: '1990-05-09', sex: 'M', serial: 0 })).toThrow(RangeError);
    expect(() => composeNik({ kecamatanCode: '3204', birthDate: '1990-05-09', sex: 'M', serial: 1 })).toThrow(RangeError);
  });
});

describe('composeKk', () => {
  it('builds a KK number that validates without warnings', () => {
    const kk = composeKk({ kecamatanCode: '32.04.05', recordedDate: '2015-08-17', serial: 345 });
    expect(kk).toBe('3204051708150345');
    const r = validateKk(kk, { today });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});
