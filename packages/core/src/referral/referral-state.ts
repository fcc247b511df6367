import { allowedActions, transition, type TransitionResult, type Transitions } from '../state-machine.ts';

/**
 * The life of a referral (rujukan), closed-loop:
 *
 *   sent --accept--> accepted --start--> in_service --complete--> completed
 *     |                 |                    |
 *     +--decline--> declined (back to the back office, which re-refers the need)
 *   sent | accepted | in_service --cancel--> cancelled (the referring office revokes it)
 *
 * `complete` is also allowed from `accepted`: a partner that serves on the spot records the
 * outcome without a separate start. "Overdue" is not a status: it is a mark the scheduler
 * sets on an open referral past its due date (overdue_at), so a referral can be accepted
 * and overdue at once.
 */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'in_service', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_ACTIONS = ['accept', 'decline', 'start', 'complete', 'cancel'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export const REFERRAL_MACHINE = {
  sent: { accept: 'accepted', decline: 'declined', cancel: 'cancelled' },
  accepted: { start: 'in_service', complete: 'completed', cancel: 'cancelled' },
  in_service: { complete: 'completed', cancel: 'cancelled' },
  declined: {},
  completed: {},
  cancelled: {},
} as const satisfies Transitions<ReferralStatus, ReferralAction>;

/** Who takes an action: the partner organization, the referring office, or a signed link. */
export type ReferralSide = 'partner' | 'referrer' | 'link';

export const ACTIONS_OF_SIDE = {
  partner: ['accept', 'decline', 'start', 'complete'],
  referrer: ['cancel'],
  // A small partner without an account: accept, decline and report the outcome, nothing else.
  link: ['accept', 'decline', 'complete'],
} as const satisfies Record<ReferralSide, readonly ReferralAction[]>;

/** Statuses in which the loop is still open (the partner owes an answer or an outcome). */
export const OPEN_REFERRAL_STATUSES = ['sent', 'accepted', 'in_service'] as const satisfies readonly ReferralStatus[];

export function isOpenReferral(status: ReferralStatus): boolean {
  return (OPEN_REFERRAL_STATUSES as readonly ReferralStatus[]).includes(status);
}

export function isTerminalReferral(status: ReferralStatus): boolean {
  return allowedActions<ReferralStatus, ReferralAction>(REFERRAL_MACHINE, status).length === 0;
}

/** The next status for `action`, or the actions allowed now. */
export function referralTransition(from: ReferralStatus, action: ReferralAction): TransitionResult<ReferralStatus, ReferralAction> {
  return transition<ReferralStatus, ReferralAction>(REFERRAL_MACHINE, from, action);
}

/** The actions `side` may take on a referral in `status` (for buttons and 409 answers). */
export function referralActionsFor(status: ReferralStatus, side: ReferralSide): ReferralAction[] {
  const mine: readonly ReferralAction[] = ACTIONS_OF_SIDE[side];
  return allowedActions<ReferralStatus, ReferralAction>(REFERRAL_MACHINE, status).filter((a) => mine.includes(a));
}
