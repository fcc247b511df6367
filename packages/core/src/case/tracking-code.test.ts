import { describe, expect, it } from 'vitest';
import {
  displayTrackingCode, formatTrackingCode, parseResidentTrackingCode, parseTrackingCode, TRACKING_CODE_ALPHABET, trackingCodeFromIndices, trackingPeriod,
} from './tracking-code.ts';

describe('tracking codes', () => {
  it('formats kabupaten, year-month and a six-digit serial', () => {
    expect(formatTrackingCode('3204', '2611', 123)).toBe('3204-2611-000123');
    expect(formatTrackingCode('3204', '2611', 1_234_567)).toBe('3204-2611-1234567');
    expect(() => formatTrackingCode('32.04', '2611', 1)).toThrow(RangeError);
    expect(() => formatTrackingCode('3204', '2611', 0)).toThrow(RangeError);
  });

  it('takes the month in the kabupaten time zone, not the server clock', () => {
    const lateUtc = new Date('2026-10-31T18:30:00Z'); // 1 November 01:30 in Jakarta
    expect(trackingPeriod(lateUtc)).toBe('2611');
    expect(trackingPeriod(lateUtc, 'UTC')).toBe('2610');
    expect(trackingPeriod(new Date('2026-12-31T16:59:59Z'))).toBe('2612');
    expect(trackingPeriod(new Date('2026-12-31T17:00:00Z'))).toBe('2701');
  });

  it('reads codes as people type them and refuses others', () => {
    expect(parseTrackingCode(' 3204-2611-000123 ')).toBe('3204-2611-000123');
    expect(parseTrackingCode('3204 2611 000123')).toBe('3204-2611-000123');
    expect(parseTrackingCode('32042611000123')).toBe('3204-2611-000123');
    expect(parseTrackingCode('3204.2611.1234567')).toBe('3204-2611-1234567');
    expect(parseTrackingCode('3204-2613-000123')).toBeNull();
    expect(parseTrackingCode('3204-2611-00012')).toBeNull();
    expect(parseTrackingCode('abcd-2611-000123')).toBeNull();
    expect(parseTrackingCode('')).toBeNull();
  });
});

describe('resident tracking codes', () => {
  it('draws ten characters from an alphabet without look-alikes', () => {
    expect(TRACKING_CODE_ALPHABET).toHaveLength(31);
    for (const c of '01OIL') expect(TRACKING_CODE_ALPHABET).not.toContain(c);
    const code = trackingCodeFromIndices([0, 1, 2, 3, 4, 26, 27, 28, 29, 30]);
    expect(code).toBe('23456VWXYZ');
    expect(displayTrackingCode(code)).toBe('23456-VWXYZ');
    expect(() => trackingCodeFromIndices([0])).toThrow(RangeError);
    expect(() => trackingCodeFromIndices([0, 1, 2, 3, 4, 5, 6, 7, 8, 31])).toThrow(RangeError);
  });

  it('reads a code as typed, and never a case number', () => {
    expect(parseResidentTrackingCode(' 23456-vwxyz ')).toBe('23456VWXYZ');
    expect(parseResidentTrackingCode('23456 VWXYZ')).toBe('23456VWXYZ');
    expect(parseResidentTrackingCode('3204-2611-000123')).toBeNull();
    expect(parseResidentTrackingCode('2345O-VWXYZ')).toBeNull();
    expect(parseResidentTrackingCode('23456-VWXY')).toBeNull();
  });
});
