import { describe, expect, it } from 'vitest';
import { addDays, areaTimeZone, areaToday, endOfLocalDay, isPastDue, localDateIn, referralDueDate } from './due-date.ts';

describe('referral due dates', () => {
  it('knows the three zones of Indonesia from the province code', () => {
    expect(areaTimeZone('32.04')).toBe('Asia/Jakarta');
    expect(areaTimeZone('3204')).toBe('Asia/Jakarta');
    expect(areaTimeZone('51.71')).toBe('Asia/Makassar');
    expect(areaTimeZone('73.71.01')).toBe('Asia/Makassar');
    expect(areaTimeZone('91.71')).toBe('Asia/Jayapura');
  });

  it('counts calendar days across months and leap years', () => {
    expect(addDays('2024-02-27', 3)).toBe('2024-03-01');
    expect(addDays('2025-02-27', 3)).toBe('2025-03-02');
    expect(addDays('2025-12-30', 7)).toBe('2026-01-06');
  });

  it('takes the kabupaten calendar day, not the server day', () => {
    // 18:30 UTC is 01:30 the next day in Jakarta
    const instant = new Date('2025-03-10T18:30:00Z');
    expect(localDateIn(instant, 'Asia/Jakarta')).toBe('2025-03-11');
    expect(referralDueDate(instant, 7, '3204')).toBe('2025-03-18');
    // 16:30 UTC is still 23:30 in Jakarta but 01:30 the next day in Jayapura
    const late = new Date('2025-03-10T16:30:00Z');
    expect(referralDueDate(late, 1, '3204')).toBe('2025-03-11');
    expect(referralDueDate(late, 1, '9171')).toBe('2025-03-12');
  });

  it('is past due only after the due day', () => {
    expect(isPastDue('2025-03-18', new Date('2025-03-18T16:59:00Z'), '3204')).toBe(false);
    expect(isPastDue('2025-03-18', new Date('2025-03-18T17:00:00Z'), '3204')).toBe(true);
  });

  it('ends a due day at local midnight, the same instant isPastDue switches', () => {
    expect(endOfLocalDay('2025-03-18', '3204').toISOString()).toBe('2025-03-18T17:00:00.000Z');
    expect(endOfLocalDay('2025-03-18', '9171').toISOString()).toBe('2025-03-18T15:00:00.000Z');
    const end = endOfLocalDay('2025-03-18', '3204');
    expect(isPastDue('2025-03-18', new Date(end.getTime() - 1), '3204')).toBe(false);
    expect(isPastDue('2025-03-18', end, '3204')).toBe(true);
  });
});

describe('areaToday', () => {
  it('is the area\'s calendar day, not the server\'s: 00:30 WIB is already tomorrow in UTC terms', () => {
    const at = new Date('2026-12-07T17:30:00Z');
    expect(areaToday('32.04.12.2001', at)).toBe('2026-12-08');
    expect(areaToday('3204', new Date('2026-12-07T16:59:59Z'))).toBe('2026-12-07');
    expect(areaToday('91.01', new Date('2026-12-07T14:59:59Z'))).toBe('2026-12-07');
    expect(areaToday('91.01', new Date('2026-12-07T15:00:00Z'))).toBe('2026-12-08');
  });
});
