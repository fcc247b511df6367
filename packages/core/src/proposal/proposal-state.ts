import type { Permission } from '../access/permissions.ts';
import { allowedActions, transition, type TransitionResult, type Transitions } from '../state-machine.ts';

/**
 * Where a registry proposal (usulan) stands, from the village to the national answer:
 *
 *   draft -> awaiting_verification -(field visit)-> verified -(kecamatan)-> reviewed
 *     -(kabupaten verifier)-> kab_verified -(head of office)-> approved (applied to the registry)
 *     -(submission batch sent)-> sent -> accepted | rejected_national
 *
 * `invalid` is the field's verdict "not true"; `rejected` a refusal at the kecamatan or the
 * kabupaten; `needs_review` a proposal whose record changed after it was verified: it goes back
 * to the facilitator instead of overwriting the newer change.
 */
export const PROPOSAL_STATUSES = [
  'draft',
  'awaiting_verification',
  'verified',
  'invalid',
  'reviewed',
  'kab_verified',
  'needs_review',
  'approved',
  'rejected',
  'cancelled',
  'sent',
  'accepted',
  'rejected_national',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * The steps people take, each `POST /api/v1/proposals/:id/<action>`. `verify` records a field
 * visit; its verdict picks the machine action (`verify` when valid, `invalidate` when not).
 */
export const PROPOSAL_USER_ACTIONS = ['submit', 'cancel', 'verify', 'review', 'return', 'reject', 'verify-kabupaten', 'ratify'] as const;
export type ProposalUserAction = (typeof PROPOSAL_USER_ACTIONS)[number];

/** Steps the system takes: a field verdict "invalid", a stale record, the national submission. */
export const PROPOSAL_SYSTEM_ACTIONS = ['invalidate', 'stale', 'send', 'national-accept', 'national-reject'] as const;
export type ProposalSystemAction = (typeof PROPOSAL_SYSTEM_ACTIONS)[number];

export type ProposalAction = ProposalUserAction | ProposalSystemAction;

export const PROPOSAL_MACHINE = {
  draft: { submit: 'awaiting_verification', cancel: 'cancelled' },
  awaiting_verification: { verify: 'verified', invalidate: 'invalid', cancel: 'cancelled' },
  verified: { review: 'reviewed', return: 'awaiting_verification', reject: 'rejected', cancel: 'cancelled', stale: 'needs_review' },
  reviewed: { 'verify-kabupaten': 'kab_verified', return: 'awaiting_verification', reject: 'rejected', stale: 'needs_review' },
  kab_verified: { ratify: 'approved', return: 'awaiting_verification', reject: 'rejected', stale: 'needs_review' },
  needs_review: { verify: 'verified', invalidate: 'invalid', reject: 'rejected', cancel: 'cancelled' },
  approved: { send: 'sent' },
  sent: { 'national-accept': 'accepted', 'national-reject': 'rejected_national' },
  invalid: {},
  rejected: {},
  cancelled: {},
  accepted: {},
  rejected_national: {},
} as const satisfies Transitions<ProposalStatus, ProposalAction>;

const MACHINE: Transitions<ProposalStatus, ProposalAction> = PROPOSAL_MACHINE;

export function proposalTransition(from: ProposalStatus, action: ProposalAction): TransitionResult<ProposalStatus, ProposalAction> {
  return transition(MACHINE, from, action);
}

/** Statuses where nothing more happens to the proposal. */
export const FINAL_PROPOSAL_STATUSES = ['invalid', 'rejected', 'cancelled', 'accepted', 'rejected_national'] as const satisfies readonly ProposalStatus[];

export function isFinalProposalStatus(status: ProposalStatus): boolean {
  return (FINAL_PROPOSAL_STATUSES as readonly string[]).includes(status);
}

/**
 * Statuses after the field visit and before the registry is changed: each step taken in
 * them first checks that the target records still carry the versions the facilitator saw.
 */
export const VERSION_CHECKED_STATUSES = ['verified', 'reviewed', 'kab_verified'] as const satisfies readonly ProposalStatus[];

export function isVersionChecked(status: ProposalStatus): boolean {
  return (VERSION_CHECKED_STATUSES as readonly string[]).includes(status);
}

function isUserAction(action: ProposalAction): action is ProposalUserAction {
  return (PROPOSAL_USER_ACTIONS as readonly string[]).includes(action);
}

/**
 * The permission a user action needs from a given status. `return` and `reject` belong to the
 * kecamatan (proposals.review) while the proposal waits for its review, and to the kabupaten
 * (proposals.approve) after it; the village withdraws its own proposal with proposals.create.
 */
export function proposalActionPermission(action: ProposalUserAction, from: ProposalStatus): Permission {
  switch (action) {
    case 'submit':
    case 'cancel':
      return 'proposals.create';
    case 'verify':
      return 'proposals.verify';
    case 'review':
      return 'proposals.review';
    case 'return':
    case 'reject':
      return from === 'verified' ? 'proposals.review' : 'proposals.approve';
    case 'verify-kabupaten':
    case 'ratify':
      return 'proposals.approve';
  }
}

/** The permission each user-action route declares (the least one; the service checks the stage). */
export const PROPOSAL_ROUTE_PERMISSION = {
  submit: 'proposals.create',
  cancel: 'proposals.create',
  verify: 'proposals.verify',
  review: 'proposals.review',
  return: 'proposals.review',
  reject: 'proposals.review',
  'verify-kabupaten': 'proposals.approve',
  ratify: 'proposals.approve',
} as const satisfies Record<ProposalUserAction, Permission>;

/**
 * The user actions open from `status`, as the API lists them: the machine's actions with the
 * system ones left out (`invalidate` is the `verify` step with an "invalid" verdict). With
 * `can`, only those the caller's permissions allow.
 */
export function proposalUserActions(status: ProposalStatus, can?: (permission: Permission) => boolean): ProposalUserAction[] {
  const actions = allowedActions(MACHINE, status).filter(isUserAction);
  return can ? actions.filter((a) => can(proposalActionPermission(a, status))) : actions;
}

/** Actions whose step must carry a reason (a refusal or a return explains itself). */
export const PROPOSAL_ACTIONS_NEEDING_REASON = ['cancel', 'return', 'reject'] as const satisfies readonly ProposalUserAction[];

export function actionNeedsReason(action: ProposalUserAction): boolean {
  return (PROPOSAL_ACTIONS_NEEDING_REASON as readonly string[]).includes(action);
}
