import { URGENCIES, type Urgency } from './case-codes.ts';
import { isFinalCaseStatus, type CaseStatus } from './case-state.ts';

/**
 * Service-level deadline: a case must see its first action (any workflow step after
 * registration) within a number of calendar days set by its urgency. A kabupaten may set its
 * own numbers (table `case_sla_settings`); these are the defaults of issue 4.
 */
export type SlaDays = Readonly<Record<Urgency, number>>;

export const DEFAULT_SLA_DAYS: SlaDays = { emergency: 1, high: 3, normal: 14 };

export const SLA_MAX_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * The urgency of a case: its most urgent need. A fast-tracked resident (pregnant,
 * elderly, disability, violence, urgent health) is never slower than `high`.
 */
export function caseUrgency(needs: ReadonlyArray<{ urgency: Urgency }>, fastTrack: boolean): Urgency {
  let best: Urgency = 'normal';
  for (const n of needs) if (URGENCIES.indexOf(n.urgency) < URGENCIES.indexOf(best)) best = n.urgency;
  if (fastTrack && URGENCIES.indexOf(best) > URGENCIES.indexOf('high')) best = 'high';
  return best;
}

/** The deadline to first action: registration plus the urgency's days (calendar days, 24 h each). */
export function caseDueAt(registeredAt: Date, urgency: Urgency, sla: SlaDays = DEFAULT_SLA_DAYS): Date {
  return new Date(registeredAt.getTime() + sla[urgency] * DAY_MS);
}

/** Overdue: still open, no first action yet, and the deadline has passed. */
export function isCaseOverdue(c: { status: CaseStatus; dueAt: Date; firstActionAt: Date | null }, now: Date = new Date()): boolean {
  return !isFinalCaseStatus(c.status) && c.firstActionAt === null && c.dueAt.getTime() < now.getTime();
}
