import { describe, expect, it } from 'vitest';
import {
  ACTIONS_OF_SIDE, OPEN_REFERRAL_STATUSES, REFERRAL_ACTIONS, REFERRAL_MACHINE, REFERRAL_STATUSES,
  isOpenReferral, isTerminalReferral, referralActionsFor, referralTransition,
  type ReferralAction, type ReferralStatus,
} from './referral-state.ts';

/** The whole table, written out once more by hand: every (status, action) pair and its answer. */
const EXPECTED: Record<ReferralStatus, Record<ReferralAction, ReferralStatus | null>> = {
  sent: { accept: 'accepted', decline: 'declined', start: null, complete: null, cancel: 'cancelled' },
  accepted: { accept: null, decline: null, start: 'in_service', complete: 'completed', cancel: 'cancelled' },
  in_service: { accept: null, decline: null, start: null, complete: 'completed', cancel: 'cancelled' },
  declined: { accept: null, decline: null, start: null, complete: null, cancel: null },
  completed: { accept: null, decline: null, start: null, complete: null, cancel: null },
  cancelled: { accept: null, decline: null, start: null, complete: null, cancel: null },
};

describe('referral state machine', () => {
  it('answers every (status, action) pair as the table says', () => {
    let pairs = 0;
    for (const status of REFERRAL_STATUSES) {
      for (const action of REFERRAL_ACTIONS) {
        pairs++;
        const r = referralTransition(status, action);
        const want = EXPECTED[status][action];
        if (want === null) {
          expect(r.ok, `${status} --${action}`).toBe(false);
          if (!r.ok) expect(r.allowed.sort()).toEqual(Object.keys(REFERRAL_MACHINE[status]).sort());
        } else {
          expect(r, `${status} --${action}`).toEqual({ ok: true, to: want });
        }
      }
    }
    expect(pairs).toBe(REFERRAL_STATUSES.length * REFERRAL_ACTIONS.length);
  });

  it('reaches every status from sent, and ends only in declined, completed or cancelled', () => {
    const seen = new Set<ReferralStatus>(['sent']);
    const queue: ReferralStatus[] = ['sent'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const to of Object.values(REFERRAL_MACHINE[s]) as ReferralStatus[]) {
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...REFERRAL_STATUSES].sort());
    expect(REFERRAL_STATUSES.filter(isTerminalReferral).sort()).toEqual(['cancelled', 'completed', 'declined']);
  });

  it('calls open exactly the non-terminal statuses', () => {
    for (const s of REFERRAL_STATUSES) expect(isOpenReferral(s), s).toBe(!isTerminalReferral(s));
    expect([...OPEN_REFERRAL_STATUSES].sort()).toEqual(['accepted', 'in_service', 'sent']);
  });

  it('gives the partner accept/decline/start/complete, the referrer cancel, and a link no start and no cancel', () => {
    expect(referralActionsFor('sent', 'partner').sort()).toEqual(['accept', 'decline']);
    expect(referralActionsFor('sent', 'referrer')).toEqual(['cancel']);
    expect(referralActionsFor('sent', 'link').sort()).toEqual(['accept', 'decline']);
    expect(referralActionsFor('accepted', 'partner').sort()).toEqual(['complete', 'start']);
    expect(referralActionsFor('accepted', 'link')).toEqual(['complete']);
    expect(referralActionsFor('in_service', 'link')).toEqual(['complete']);
    for (const s of ['declined', 'completed', 'cancelled'] as const) {
      for (const side of ['partner', 'referrer', 'link'] as const) expect(referralActionsFor(s, side)).toEqual([]);
    }
    // every action belongs to some side, and no side may cancel and accept both
    const all = new Set<string>(Object.values(ACTIONS_OF_SIDE).flat());
    expect([...all].sort()).toEqual([...REFERRAL_ACTIONS].sort());
    expect(ACTIONS_OF_SIDE.link).not.toContain('cancel');
    expect(ACTIONS_OF_SIDE.partner).not.toContain('cancel');
  });
});
