import { describe, expect, it } from 'vitest';
import { formatTrackingCode, parseTrackingCode, trackingPeriod } from './tracking-code.ts';

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
