import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../access/permissions.ts';
import {
  FINAL_PROPOSAL_STATUSES, PROPOSAL_MACHINE, PROPOSAL_ROUTE_PERMISSION, PROPOSAL_STATUSES, PROPOSAL_SYSTEM_ACTIONS,
  PROPOSAL_USER_ACTIONS, VERSION_CHECKED_STATUSES, actionNeedsReason, isFinalProposalStatus, proposalActionPermission,
  proposalTransition, proposalUserActions, type ProposalAction, type ProposalStatus,
} from './proposal-state.ts';

const ALL_ACTIONS: ProposalAction[] = [...PROPOSAL_USER_ACTIONS, ...PROPOSAL_SYSTEM_ACTIONS];

/** The statuses from which `action` succeeds, and where each leads. */
function from(action: ProposalAction): Partial<Record<ProposalStatus, ProposalStatus>> {
  const out: Partial<Record<ProposalStatus, ProposalStatus>> = {};
  for (const status of PROPOSAL_STATUSES) {
    const r = proposalTransition(status, action);
    if (r.ok) out[status] = r.to;
  }
  return out;
}
const all = (statuses: readonly ProposalStatus[], to: ProposalStatus) => Object.fromEntries(statuses.map((s) => [s, to]));

describe('proposal state machine', () => {
  it('walks a proposal from the village draft to the national answer, one step from each status', () => {
    const path: Array<[ProposalAction, ProposalStatus]> = [
      ['submit', 'awaiting_verification'], ['verify', 'verified'], ['review', 'reviewed'], ['verify-kabupaten', 'kab_verified'],
      ['ratify', 'approved'], ['send', 'sent'], ['national-accept', 'accepted'],
    ];
    let status: ProposalStatus = 'draft';
    for (const [action, to] of path) {
      expect(proposalTransition(status, action), action).toEqual({ ok: true, to });
      // each forward step but the field visit (below) is taken from its one status only
      if (action !== 'verify') expect(Object.keys(from(action)), action).toEqual([status]);
      status = to;
    }
    expect(from('national-reject')).toEqual({ sent: 'rejected_national' });
  });

  it('decides at the field visit (verified or invalid), also for a proposal gone stale', () => {
    expect(from('verify')).toEqual(all(['awaiting_verification', 'needs_review'], 'verified'));
    expect(from('invalidate')).toEqual(all(['awaiting_verification', 'needs_review'], 'invalid'));
  });

  it('returns to the field, rejects or goes stale only between the field visit and approval', () => {
    expect(from('return')).toEqual(all(VERSION_CHECKED_STATUSES, 'awaiting_verification'));
    expect(from('stale')).toEqual(all(VERSION_CHECKED_STATUSES, 'needs_review'));
    expect(from('reject')).toEqual(all([...VERSION_CHECKED_STATUSES, 'needs_review'], 'rejected'));
  });

  it('may be cancelled until the kecamatan has reviewed it', () => {
    expect(from('cancel')).toEqual(all(['draft', 'awaiting_verification', 'verified', 'needs_review'], 'cancelled'));
  });

  it('answers a refused step with exactly the steps that would succeed', () => {
    for (const status of PROPOSAL_STATUSES) {
      const possible = ALL_ACTIONS.filter((a) => proposalTransition(status, a).ok);
      for (const action of ALL_ACTIONS) {
        const r = proposalTransition(status, action);
        if (!r.ok) expect(r.allowed.sort(), `${status} -${action}->`).toEqual([...possible].sort());
      }
    }
  });

  it('covers every status and leads only to known statuses', () => {
    expect(Object.keys(PROPOSAL_MACHINE).sort()).toEqual([...PROPOSAL_STATUSES].sort());
    for (const targets of Object.values(PROPOSAL_MACHINE)) {
      for (const to of Object.values(targets)) expect(PROPOSAL_STATUSES).toContain(to);
    }
  });

  it('ends only in the final statuses, and every other status can move on', () => {
    for (const status of PROPOSAL_STATUSES) {
      const final = Object.keys(PROPOSAL_MACHINE[status]).length === 0;
      expect(isFinalProposalStatus(status), status).toBe(final);
    }
    expect([...FINAL_PROPOSAL_STATUSES].sort()).toEqual(['accepted', 'cancelled', 'invalid', 'rejected', 'rejected_national']);
  });

  it('reaches every status from a draft', () => {
    const seen = new Set<ProposalStatus>(['draft']);
    const queue: ProposalStatus[] = ['draft'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const to of Object.values(PROPOSAL_MACHINE[s]) as ProposalStatus[]) {
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...PROPOSAL_STATUSES].sort());
  });

  it('never reaches the registry without a field verification', () => {
    // every path into approved passes through verified (the only way in is verify)
    const into = (target: ProposalStatus) =>
      PROPOSAL_STATUSES.filter((s) => (Object.values(PROPOSAL_MACHINE[s]) as string[]).includes(target));
    expect(into('approved')).toEqual(['kab_verified']);
    expect(into('kab_verified')).toEqual(['reviewed']);
    expect(into('reviewed')).toEqual(['verified']);
    expect(into('verified').sort()).toEqual(['awaiting_verification', 'needs_review']);
    for (const s of into('verified')) expect(PROPOSAL_MACHINE[s]).toHaveProperty('verify', 'verified');
  });

  it('can stop a stale proposal at every step between verification and the registry', () => {
    for (const s of VERSION_CHECKED_STATUSES) expect(proposalTransition(s, 'stale')).toEqual({ ok: true, to: 'needs_review' });
    expect(proposalTransition('approved', 'stale').ok).toBe(false);
    // a stale proposal goes back to the field, not straight to approval
    expect(proposalUserActions('needs_review')).toEqual(['verify', 'reject', 'cancel']);
  });
});

describe('who may take each step', () => {
  it('lists user actions only, never the system ones', () => {
    for (const status of PROPOSAL_STATUSES) {
      for (const a of proposalUserActions(status)) expect(PROPOSAL_USER_ACTIONS).toContain(a);
    }
    expect(proposalUserActions('awaiting_verification')).toEqual(['verify', 'cancel']);
    expect(proposalUserActions('approved')).toEqual([]);
  });

  it('gives return and reject to the kecamatan before its review and to the kabupaten after', () => {
    expect(proposalActionPermission('reject', 'verified')).toBe('proposals.review');
    expect(proposalActionPermission('return', 'verified')).toBe('proposals.review');
    for (const s of ['reviewed', 'kab_verified', 'needs_review'] as const) {
      expect(proposalActionPermission('reject', s)).toBe('proposals.approve');
      expect(proposalActionPermission('return', s)).toBe('proposals.approve');
    }
  });

  it('declares at each route a permission that every stage permission implies for the roles', () => {
    // whoever holds the stage permission also holds the route's, so the route never hides a step
    for (const status of PROPOSAL_STATUSES) {
      for (const action of proposalUserActions(status)) {
        const stage = proposalActionPermission(action, status);
        for (const [role, perms] of Object.entries(ROLE_PERMISSIONS)) {
          if ((perms as readonly string[]).includes(stage)) {
            expect(perms, `${role} ${action} from ${status}`).toContain(PROPOSAL_ROUTE_PERMISSION[action]);
          }
        }
      }
    }
  });

  it('filters by what the caller holds', () => {
    const facilitator = new Set<string>(ROLE_PERMISSIONS.facilitator);
    const supervisor = new Set<string>(ROLE_PERMISSIONS.supervisor);
    const manager = new Set<string>(ROLE_PERMISSIONS.kabupaten_manager);
    expect(proposalUserActions('awaiting_verification', (p) => facilitator.has(p))).toEqual(['verify', 'cancel']);
    expect(proposalUserActions('verified', (p) => supervisor.has(p))).toEqual(['review', 'return', 'reject', 'cancel']);
    expect(proposalUserActions('reviewed', (p) => supervisor.has(p))).toEqual([]);
    expect(proposalUserActions('reviewed', (p) => manager.has(p))).toEqual(['verify-kabupaten', 'return', 'reject']);
    expect(proposalUserActions('kab_verified', (p) => manager.has(p))).toEqual(['ratify', 'return', 'reject']);
    expect(proposalUserActions('kab_verified', (p) => facilitator.has(p))).toEqual([]);
  });

  it('asks a reason for refusals, returns and withdrawals', () => {
    expect(PROPOSAL_USER_ACTIONS.filter(actionNeedsReason)).toEqual(['cancel', 'return', 'reject']);
  });
});
