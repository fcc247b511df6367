import { describe, expect, it } from 'vitest';
import { caseDueAt, caseUrgency, DEFAULT_SLA_DAYS, isCaseOverdue } from './sla.ts';

describe('service-level deadline', () => {
  it('takes the most urgent need, and at least high for the fast track', () => {
    expect(caseUrgency([{ urgency: 'normal' }, { urgency: 'emergency' }], false)).toBe('emergency');
    expect(caseUrgency([{ urgency: 'normal' }], false)).toBe('normal');
    expect(caseUrgency([{ urgency: 'normal' }], true)).toBe('high');
    expect(caseUrgency([{ urgency: 'emergency' }], true)).toBe('emergency');
  });

  it('defaults to 1, 3 and 14 days and accepts a kabupaten setting', () => {
    expect(DEFAULT_SLA_DAYS).toEqual({ emergency: 1, high: 3, normal: 14 });
    const at = new Date('2026-11-30T20:00:00Z'); // 1 December 03:00 in Jakarta
    expect(caseDueAt(at, 'emergency').toISOString()).toBe('2026-12-01T20:00:00.000Z');
    expect(caseDueAt(at, 'normal').toISOString()).toBe('2026-12-14T20:00:00.000Z');
    expect(caseDueAt(at, 'high', { emergency: 1, high: 2, normal: 7 }).toISOString()).toBe('2026-12-02T20:00:00.000Z');
  });

  it('is overdue only when open, without first action, past the deadline', () => {
    const dueAt = new Date('2026-01-02T00:00:00Z');
    const now = new Date('2026-01-03T00:00:00Z');
    expect(isCaseOverdue({ status: 'registered', dueAt, firstActionAt: null }, now)).toBe(true);
    expect(isCaseOverdue({ status: 'registered', dueAt, firstActionAt: new Date('2026-01-01T00:00:00Z') }, now)).toBe(false);
    expect(isCaseOverdue({ status: 'closed', dueAt, firstActionAt: null }, now)).toBe(false);
    expect(isCaseOverdue({ status: 'registered', dueAt, firstActionAt: null }, new Date('2026-01-01T00:00:00Z'))).toBe(false);
  });
});
