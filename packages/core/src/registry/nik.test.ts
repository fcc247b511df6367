import { describe, expect, it } from 'vitest';
import { isSuspiciousSpreadsheetNumber, maskNik, validateKk, validateNik, type NikValidation } from './nik.ts';
import { PROVINCE_CODES } from './province-codes.ts';

/** 10 March 2025, local time. */
const TODAY = new Date(2025, 2, 10);
const opts = { today: TODAY };

type NikParts = { area?: string; day?: number; month?: number; yy?: number; sex?: 'M' | 'F'; serial?: string };

/** Builds a NIK: area 320405, 12 May (19)90, male, serial 0001 unless told otherwise. */
function aNik({ area = '320405', day = 12, month = 5, yy = 90, sex = 'M', serial = '0001' }: NikParts = {}): string {
  const dd = sex === 'F' ? day + 40 : day;
  return `${area}${pad(dd)}${pad(month)}${pad(yy)}${serial}`;
}
const pad = (n: number) => String(n).padStart(2, '0');
const codes = (r: { errors: { code: string }[] }) => r.errors.map((e) => e.code);
const warningCodes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);
const birthDate = (r: NikValidation) => r.parsed?.birthDate;

describe('validateNik: shape', () => {
  it('parses a valid NIK into dotted codes, sex, birth date and serial', () => {
    const r = validateNik('3204051205900001', undefined, opts);
    expect(r).toEqual({
      ok: true,
      errors: [],
      warnings: [],
      parsed: {
        provinceCode: '32',
        kabupatenCode: '32.04',
        kecamatanCode: '32.04.05',
        sex: 'M',
        birthDate: '1990-05-12',
        serial: '0001',
      },
    });
  });

  it('rejects letters, spaces and punctuation as non-digits', () => {
    for (const nik of ['32040512059O0001', '3204 0512 0590 001', '320405120590000a', '3204051205900001 ', '-204051205900001']) {
      const r = validateNik(nik, undefined, opts);
      expect(r.ok).toBe(false);
      expect(codes(r)).toContain('nik_not_digits');
      expect(r.parsed).toBeUndefined();
    }
  });

  it('reports wrong length separately from non-digits', () => {
    expect(codes(validateNik('320405120590001', undefined, opts))).toEqual(['nik_length']);
    expect(codes(validateNik('32040512059000011', undefined, opts))).toEqual(['nik_length']);
    expect(codes(validateNik('', undefined, opts))).toEqual(['nik_length']);
    expect(codes(validateNik('3204-0512-0590-0001', undefined, opts))).toEqual(['nik_not_digits', 'nik_length']);
  });

  it('puts the actual length in the message', () => {
    const r = validateNik('320405', undefined, { ...opts, locale: 'en' });
    expect(r.errors[0]?.message).toBe('A NIK has 16 digits (this one has 6).');
  });

  it('keeps NIKs above Number.MAX_SAFE_INTEGER exact (province 91 and up)', () => {
    const nik = '9471014512990003';
    expect(Number(nik) > Number.MAX_SAFE_INTEGER).toBe(true);
    const r = validateNik(nik, undefined, opts);
    expect(r.ok).toBe(true);
    expect(r.parsed).toMatchObject({ provinceCode: '94', kabupatenCode: '94.71', kecamatanCode: '94.71.01', sex: 'F', birthDate: '1999-12-05', serial: '0003' });
  });

  it('has ok exactly when errors is empty, and parsed only then', () => {
    const samples = [aNik(), aNik({ serial: '0000' }), aNik({ area: '000405' }), '12', aNik({ month: 13 }), aNik({ sex: 'F' })];
    for (const nik of samples) {
      const r = validateNik(nik, { sex: 'M' }, opts);
      expect(r.ok).toBe(r.errors.length === 0);
      expect(r.parsed !== undefined).toBe(r.ok);
    }
  });
});

describe('validateNik: birth date and sex', () => {
  it('reads women from day + 40', () => {
    const r = validateNik(aNik({ day: 1, sex: 'F' }), undefined, opts);
    expect(r.parsed).toMatchObject({ sex: 'F', birthDate: '1990-05-01' });
    expect(validateNik(aNik({ day: 31, sex: 'F' }), undefined, opts).parsed).toMatchObject({ sex: 'F', birthDate: '1990-05-31' });
    expect(validateNik(aNik({ day: 31, sex: 'M' }), undefined, opts).parsed).toMatchObject({ sex: 'M', birthDate: '1990-05-31' });
  });

  it('rejects day 00, day 32-40 and day 72 and above', () => {
    for (const dd of ['00', '32', '35', '40', '72', '99']) {
      const r = validateNik(`320405${dd}05900001`, undefined, opts);
      expect(codes(r), dd).toEqual(['nik_invalid_date']);
    }
  });

  it('rejects month 00 and 13', () => {
    expect(codes(validateNik(aNik({ month: 0 }), undefined, opts))).toEqual(['nik_invalid_date']);
    expect(codes(validateNik(aNik({ month: 13 }), undefined, opts))).toEqual(['nik_invalid_date']);
  });

  it('rejects days a month does not have, for men and for women', () => {
    expect(codes(validateNik(aNik({ day: 31, month: 4 }), undefined, opts))).toEqual(['nik_invalid_date']);
    expect(codes(validateNik(aNik({ day: 31, month: 4, sex: 'F' }), undefined, opts))).toEqual(['nik_invalid_date']);
    expect(codes(validateNik(aNik({ day: 30, month: 2 }), undefined, opts))).toEqual(['nik_invalid_date']);
  });

  it('accepts 29 February only in a leap year', () => {
    expect(birthDate(validateNik(aNik({ day: 29, month: 2, yy: 96 }), undefined, opts))).toBe('1996-02-29');
    expect(birthDate(validateNik(aNik({ day: 29, month: 2, yy: 96, sex: 'F' }), undefined, opts))).toBe('1996-02-29');
    expect(birthDate(validateNik(aNik({ day: 29, month: 2, yy: 24 }), undefined, opts))).toBe('2024-02-29');
    expect(codes(validateNik(aNik({ day: 29, month: 2, yy: 97 }), undefined, opts))).toEqual(['nik_invalid_date']);
    expect(codes(validateNik(aNik({ day: 29, month: 2, yy: 23, sex: 'F' }), undefined, opts))).toEqual(['nik_invalid_date']);
    // 2025 is not a leap year and 1925 neither.
    expect(codes(validateNik(aNik({ day: 29, month: 2, yy: 25 }), undefined, opts))).toEqual(['nik_invalid_date']);
  });

  it('resolves 29 February 00 to 2000, a leap year, and falls back to it when 2100 is not', () => {
    expect(birthDate(validateNik(aNik({ day: 29, month: 2, yy: 0 }), undefined, opts))).toBe('2000-02-29');
    const in2101 = { today: new Date(2101, 0, 1) };
    expect(birthDate(validateNik(aNik({ day: 1, month: 3, yy: 0 }), undefined, in2101))).toBe('2100-03-01');
    expect(birthDate(validateNik(aNik({ day: 29, month: 2, yy: 0 }), undefined, in2101))).toBe('2000-02-29');
  });

  it('reads babies born this year in this century, and dates later this year as last century', () => {
    expect(birthDate(validateNik(aNik({ day: 1, month: 3, yy: 25 }), undefined, opts))).toBe('2025-03-01');
    expect(birthDate(validateNik(aNik({ day: 10, month: 3, yy: 25 }), undefined, opts))).toBe('2025-03-10');
    expect(birthDate(validateNik(aNik({ day: 11, month: 3, yy: 25 }), undefined, opts))).toBe('1925-03-11');
    expect(birthDate(validateNik(aNik({ day: 1, month: 1, yy: 24, sex: 'F' }), undefined, opts))).toBe('2024-01-01');
    expect(birthDate(validateNik(aNik({ yy: 30 }), undefined, opts))).toBe('1930-05-12');
  });

  it('prefers the most recent century when both are possible', () => {
    // 2010 (age 14) and 1910 (age 114) are both possible.
    expect(birthDate(validateNik(aNik({ yy: 10 }), undefined, opts))).toBe('2010-05-12');
  });

  it('takes the older century when the recorded birth date says so, within 120 years', () => {
    const r = validateNik(aNik({ yy: 10 }), { birthDate: '1910-05-12' }, opts);
    expect(r.parsed?.birthDate).toBe('1910-05-12');
    expect(r.warnings).toEqual([]);
  });

  it('never resolves to an age above 120', () => {
    // On 10 March 2025 someone born 12 May 1904 is 120: allowed.
    const r = validateNik(aNik({ yy: 4 }), { birthDate: '1904-05-12' }, opts);
    expect(r.parsed?.birthDate).toBe('1904-05-12');
    const old = validateNik(aNik({ day: 1, month: 1, yy: 4 }), { birthDate: '1904-01-01' }, { today: new Date(2025, 0, 1) });
    expect(old.parsed?.birthDate).toBe('2004-01-01');
    expect(warningCodes(old)).toEqual(['nik_birth_date_mismatch']);
    // 29 Feb exists in 2000 but not in 2100: on 1 March 2121 the only candidate is 121 years old.
    expect(codes(validateNik(aNik({ day: 29, month: 2, yy: 0 }), undefined, { today: new Date(2121, 1, 28) })).length).toBe(0);
    expect(codes(validateNik(aNik({ day: 29, month: 2, yy: 0 }), undefined, { today: new Date(2121, 2, 1) }))).toEqual(['nik_invalid_date']);
  });

  it('warns, not rejects, when the NIK disagrees with the recorded birth date or sex', () => {
    const r = validateNik(aNik({ sex: 'F' }), { birthDate: '1990-05-13', sex: 'M' }, opts);
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['nik_birth_date_mismatch', 'nik_sex_mismatch']);
    expect(r.parsed).toMatchObject({ sex: 'F', birthDate: '1990-05-12' });
  });

  it('gives no warning when the recorded birth date and sex agree', () => {
    expect(validateNik(aNik({ sex: 'F' }), { birthDate: '1990-05-12', sex: 'F' }, opts).warnings).toEqual([]);
  });
});

describe('validateNik: serial and region', () => {
  it('rejects serial 0000 and accepts 0001 and 9999', () => {
    expect(codes(validateNik(aNik({ serial: '0000' }), undefined, opts))).toEqual(['nik_serial_zero']);
    expect(validateNik(aNik({ serial: '0001' }), undefined, opts).ok).toBe(true);
    expect(validateNik(aNik({ serial: '9999' }), undefined, opts).ok).toBe(true);
  });

  it('rejects province codes that never existed', () => {
    for (const p of ['00', '99', '10', '20', '37', '98']) {
      const r = validateNik(aNik({ area: `${p}0405` }), undefined, opts);
      expect(codes(r), p).toEqual(['nik_province_invalid']);
      expect(r.errors[0]?.message).toContain(p);
    }
  });

  it('accepts every existing province, including the 2022 Papua provinces', () => {
    for (const p of PROVINCE_CODES) expect(validateNik(aNik({ area: `${p}0101` }), undefined, opts).ok, p).toBe(true);
    for (const p of ['93', '94', '95', '96', '97']) expect(PROVINCE_CODES).toContain(p);
  });

  it('warns on a retired province (Timor Timur, 54) instead of rejecting', () => {
    const r = validateNik(aNik({ area: '540101' }), undefined, opts);
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['nik_province_retired']);
  });

  it('rejects a zero kabupaten or kecamatan part', () => {
    expect(codes(validateNik(aNik({ area: '320005' }), undefined, opts))).toEqual(['nik_kabupaten_zero']);
    expect(codes(validateNik(aNik({ area: '320400' }), undefined, opts))).toEqual(['nik_kecamatan_zero']);
    expect(codes(validateNik(aNik({ area: '320000' }), undefined, opts))).toEqual(['nik_kabupaten_zero', 'nik_kecamatan_zero']);
  });

  it('reports every error at once', () => {
    expect(codes(validateNik('0000003213250000', undefined, opts))).toEqual([
      'nik_province_invalid',
      'nik_kabupaten_zero',
      'nik_kecamatan_zero',
      'nik_invalid_date',
      'nik_serial_zero',
    ]);
  });

  it('warns, not rejects, on a region the reference data does not know', () => {
    const seen: string[] = [];
    const knownRegion = (code: string) => {
      seen.push(code);
      return code === '32.17' ? false : true;
    };
    // Kabupaten Bandung Barat split off in 2007; pretend an old reference without it.
    const r = validateNik(aNik({ area: '321701' }), undefined, { ...opts, knownRegion });
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['nik_region_unknown']);
    expect(r.warnings[0]?.message).toContain('32.17');
    expect(seen).toEqual(['32.17']);

    const kec = validateNik(aNik(), undefined, { ...opts, knownRegion: (code) => code !== '32.04.05' });
    expect(warningCodes(kec)).toEqual(['nik_region_unknown']);
    expect(kec.warnings[0]?.message).toContain('32.04.05');
  });

  it('treats an undefined answer from the region lookup as unknown, not as a problem', () => {
    expect(validateNik(aNik(), undefined, { ...opts, knownRegion: () => undefined }).warnings).toEqual([]);
  });
});

describe('validateNik: messages', () => {
  it('speaks Indonesian by default and English on request', () => {
    expect(validateNik(aNik({ serial: '0000' }), undefined, opts).errors[0]?.message).toBe('Nomor urut NIK (4 digit terakhir) tidak boleh 0000.');
    expect(validateNik(aNik({ serial: '0000' }), undefined, { ...opts, locale: 'en' }).errors[0]?.message).toBe('The NIK serial (last 4 digits) cannot be 0000.');
  });

  it('has a message, not a bare key, for every code', () => {
    const results = [
      validateNik('abc', undefined, opts),
      validateNik('0000003213250000', undefined, opts),
      validateNik(aNik({ area: '540101' }), { birthDate: '2000-01-01', sex: 'F' }, { ...opts, knownRegion: () => false }),
      validateNik(aNik(), undefined, { ...opts, knownRegion: () => false }),
    ];
    const issues = results.flatMap((r) => [...r.errors, ...r.warnings]);
    expect(new Set(issues.map((i) => i.code)).size).toBe(11);
    for (const i of issues) expect(i.message).not.toMatch(/^nik\./);
  });

  it('never puts the number in a message; a mismatch names both dates as people write them (issue 13)', () => {
    const nik = aNik();
    const r = validateNik(nik, { birthDate: '1991-01-01', sex: 'F' }, opts);
    for (const i of r.warnings) {
      expect(i.message).not.toContain(nik);
      expect(i.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(r.warnings.find((w) => w.code === 'nik_birth_date_mismatch')?.message).toMatch(/\(\d{1,2} \w+ 1990\).*\(1 \w+ 1991\)/);
  });
});

describe('validateKk', () => {
  it('parses the area, the recording date and the serial', () => {
    const r = validateKk('3204052103150007', opts);
    expect(r).toEqual({
      ok: true,
      errors: [],
      warnings: [],
      parsed: { provinceCode: '32', kabupatenCode: '32.04', kecamatanCode: '32.04.05', recordedDate: '2015-03-21', serial: '0007' },
    });
  });

  it('does not add 40 to the day and reads a future date as last century', () => {
    expect(validateKk('3204054103150007', opts).warnings.map((w) => w.code)).toEqual(['kk_invalid_date']);
    expect(validateKk('3204050112980007', opts).parsed?.recordedDate).toBe('1998-12-01');
    expect(validateKk('3204050112250007', opts).parsed?.recordedDate).toBe('1925-12-01');
  });

  it('only warns on an impossible date or a 0000 serial, and leaves recordedDate out', () => {
    const r = validateKk('3204053213990000', opts);
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['kk_invalid_date', 'kk_serial_zero']);
    expect(r.parsed).toEqual({ provinceCode: '32', kabupatenCode: '32.04', kecamatanCode: '32.04.05', serial: '0000' });
    expect(validateKk('3204052902230001', opts).warnings.map((w) => w.code)).toEqual(['kk_invalid_date']);
  });

  it('warns on a retired province, with a message for every KK code', () => {
    const r = validateKk('5401012103150007', opts);
    expect(r.ok).toBe(true);
    expect(warningCodes(r)).toEqual(['kk_province_retired']);
    const all = [r, validateKk('x', opts), validateKk('0000003213990000', opts), validateKk('3204052103150007', { ...opts, knownRegion: () => false })];
    const issues = all.flatMap((x) => [...x.errors, ...x.warnings]);
    expect(new Set(issues.map((i) => i.code)).size).toBe(9);
    for (const i of issues) expect(i.message).not.toMatch(/^kk\./);
  });

  it('rejects shape and area errors like a NIK', () => {
    expect(codes(validateKk('32040521031500O7', opts))).toEqual(['kk_not_digits']);
    expect(codes(validateKk('320405210315000', opts))).toEqual(['kk_length']);
    expect(codes(validateKk('9904052103150007', opts))).toEqual(['kk_province_invalid']);
    expect(codes(validateKk('3200002103150007', opts))).toEqual(['kk_kabupaten_zero', 'kk_kecamatan_zero']);
    const unknown = validateKk('3217012103150007', { ...opts, knownRegion: (c) => c !== '32.17', locale: 'en' });
    expect(unknown.ok).toBe(true);
    expect(unknown.warnings).toEqual([{ code: 'kk_region_unknown', message: 'Region code 32.17 in the KK number is not known. Check against the civil registry.' }]);
  });
});

describe('maskNik', () => {
  it('keeps the first and last four digits', () => {
    expect(maskNik('3204051205900001')).toBe('3204********0001');
    expect(maskNik('9471014512990003')).toBe('9471********0003');
  });
  it('masks anything that is not 16 characters whole', () => {
    expect(maskNik('320405')).toBe('******');
    expect(maskNik('')).toBe('');
  });
});

describe('isSuspiciousSpreadsheetNumber', () => {
  it('flags scientific notation', () => {
    for (const raw of ['3.20405E+15', '3,20405E+15', '3.20405120590000e15', ' 3.2E+15 ', '9.47101E+15']) {
      expect(isSuspiciousSpreadsheetNumber(raw), raw).toBe(true);
    }
  });
  it('flags 16 digits ending in 0, the lost 16th digit of a number cell', () => {
    expect(isSuspiciousSpreadsheetNumber('3204051205900000')).toBe(true);
    expect(isSuspiciousSpreadsheetNumber('3204051205900010.0')).toBe(true);
  });
  it('does not flag ordinary text values', () => {
    for (const raw of ['3204051205900001', '3204051205900001.0', '320405120590000', 'abc', '', '32040512059000001']) {
      expect(isSuspiciousSpreadsheetNumber(raw), raw).toBe(false);
    }
  });
});
