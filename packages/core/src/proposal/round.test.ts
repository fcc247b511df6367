import { describe, expect, it } from 'vitest';
import { localDateIn } from '../referral/due-date.ts';
import {
  DEFAULT_CUT_OFF_DAY, ageingOf, cutOffDateOf, daysBetween, defaultProposalSettings, missingRoundDocuments, nextPeriod,
  roundPeriodFor, SubmitRoundInput,
} from './round.ts';

describe('monthly round and cut-off', () => {
  it('puts a proposal entered up to the cut-off day in that month, after it in the next', () => {
    expect(DEFAULT_CUT_OFF_DAY).toBe(17);
    expect(roundPeriodFor('2025-03-01', 17)).toBe('2025-03');
    expect(roundPeriodFor('2025-03-17', 17)).toBe('2025-03');
    expect(roundPeriodFor('2025-03-18', 17)).toBe('2025-04');
    expect(roundPeriodFor('2025-12-18', 17)).toBe('2026-01');
    expect(roundPeriodFor('2025-12-31', 31)).toBe('2025-12');
  });

  it('clamps a cut-off day past the end of a short month to its last day', () => {
    expect(cutOffDateOf('2025-02', 30)).toBe('2025-02-28');
    expect(cutOffDateOf('2024-02', 30)).toBe('2024-02-29');
    expect(cutOffDateOf('2025-04', 31)).toBe('2025-04-30');
    expect(roundPeriodFor('2025-02-28', 30)).toBe('2025-02');
    expect(roundPeriodFor('2025-03-01', 30)).toBe('2025-03');
    expect(roundPeriodFor('2025-03-31', 30)).toBe('2025-04');
  });

  it('refuses what is not a day, a period or a cut-off day', () => {
    expect(() => roundPeriodFor('2025-02-30', 17)).toThrow(RangeError);
    expect(() => cutOffDateOf('2025-13', 17)).toThrow(RangeError);
    expect(() => cutOffDateOf('2025-01', 0)).toThrow(RangeError);
    expect(() => cutOffDateOf('2025-01', 32)).toThrow(RangeError);
    expect(() => cutOffDateOf('2025-01', 1.5)).toThrow(RangeError);
  });

  it('walks periods over the year end', () => {
    expect(nextPeriod('2025-11')).toBe('2025-12');
    expect(nextPeriod('2025-12')).toBe('2026-01');
  });

  it('counts the day of the kabupaten, not of the server', () => {
    // 17 March 2025, 18:30 UTC is already the 18th in Bandung (UTC+7): next month's round
    const instant = new Date(Date.UTC(2025, 2, 17, 18, 30));
    expect(roundPeriodFor(localDateIn(instant, 'Asia/Jakarta'), 17)).toBe('2025-04');
    expect(roundPeriodFor(localDateIn(instant, 'UTC'), 17)).toBe('2025-03');
    expect(defaultProposalSettings('3204')).toEqual({ cutOffDay: 17, timeZone: 'Asia/Jakarta', separateRatifier: false });
    expect(defaultProposalSettings('9171').timeZone).toBe('Asia/Jayapura');
    expect(defaultProposalSettings('7371').timeZone).toBe('Asia/Makassar');
  });
});

describe('ageing against the cut-off', () => {
  it('counts days since entry and days left to the cut-off, overdue once past it', () => {
    expect(ageingOf('2025-03-01', '2025-03-10', '2025-03-17')).toEqual({ ageDays: 9, daysToCutOff: 7, overdue: false });
    expect(ageingOf('2025-03-01', '2025-03-17', '2025-03-17')).toEqual({ ageDays: 16, daysToCutOff: 0, overdue: false });
    expect(ageingOf('2025-03-01', '2025-03-20', '2025-03-17')).toEqual({ ageDays: 19, daysToCutOff: -3, overdue: true });
    expect(ageingOf('2025-03-01', '2025-03-20', null)).toEqual({ ageDays: 19, daysToCutOff: null, overdue: false });
  });

  it('counts across months and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2025-03-10', '2025-03-01')).toBe(-9);
  });
});

describe('round documents', () => {
  it('needs the minutes and the attendance list of a deliberation, or the SPTJM', () => {
    expect(missingRoundDocuments('musdes', [])).toEqual(['minutes', 'attendance']);
    expect(missingRoundDocuments('musdes', ['minutes', 'photo'])).toEqual(['attendance']);
    expect(missingRoundDocuments('musdes', ['minutes', 'attendance'])).toEqual([]);
    expect(missingRoundDocuments('sptjm', ['minutes'])).toEqual(['sptjm']);
    expect(missingRoundDocuments('sptjm', ['sptjm'])).toEqual([]);
  });

  it('checks the round submission', () => {
    expect(SubmitRoundInput.safeParse({ basis: 'musdes', basisDate: '2025-03-15' }).success).toBe(true);
    expect(SubmitRoundInput.safeParse({ basis: 'rapat', basisDate: '2025-03-15' }).success).toBe(false);
    expect(SubmitRoundInput.safeParse({ basis: 'sptjm', basisDate: '15-03-2025' }).success).toBe(false);
  });
});
