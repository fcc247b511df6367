import { describe, expect, it } from 'vitest';
import { formatLetterNumber, LETTER_NUMBER_PATTERN, letterValidity } from './letter-number.ts';

describe('letters', () => {
  it('numbers letters in the office style with the Jakarta month in Roman numerals', () => {
    const n = formatLetterNumber('recommendation', '3204', 12, new Date('2026-10-31T18:00:00Z'));
    expect(n).toBe('0012/REK/SLRT-3204/XI/2026');
    expect(LETTER_NUMBER_PATTERN.test(n)).toBe(true);
    expect(formatLetterNumber('registry_certificate', '3204', 3, new Date('2026-12-31T17:30:00Z'))).toBe('0003/SKET/SLRT-3204/I/2027');
    expect(formatLetterNumber('referral', '3204', 12345, new Date('2026-06-01T00:00:00Z'))).toBe('12345/RUJ/SLRT-3204/VI/2026');
  });

  it('is valid until its date, expired after, revoked whatever the date', () => {
    const validUntil = new Date('2026-02-01T00:00:00Z');
    expect(letterValidity({ validUntil, revokedAt: null }, new Date('2026-01-01T00:00:00Z'))).toBe('valid');
    expect(letterValidity({ validUntil, revokedAt: null }, new Date('2026-03-01T00:00:00Z'))).toBe('expired');
    expect(letterValidity({ validUntil, revokedAt: new Date('2026-01-05T00:00:00Z') }, new Date('2026-01-06T00:00:00Z'))).toBe('revoked');
  });
});
