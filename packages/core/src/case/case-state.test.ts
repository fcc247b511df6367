import { describe, expect, it } from 'vitest';
import { transition } from '../state-machine.ts';
import { CASE_LEVELS, DECISIONS } from './case-codes.ts';
import {
  allowedCaseActions, CASE_ACTIONS, CASE_ACTION_LIST, CASE_STATUSES, CASE_STATUS_LIST, CASE_TRANSITIONS,
  caseAcceptsReferrals, caseActionPath, caseTransferTargetProblem, isFinalCaseStatus, nextCaseLevel, nextCaseState, type CaseAction, type CaseStatus,
} from './case-state.ts';

/** The expected table, written out by hand from issue 4 so that a change to the machine is a deliberate one. */
const EXPECTED: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  registered: { close_at_front_office: 'closed', check_registry: 'registry_checked', escalate: 'registered', send_back: 'registered', transfer: 'registered', close: 'closed' },
  registry_checked: { request_verification: 'verification_requested', recommend: 'recommended', escalate: 'registry_checked', send_back: 'registry_checked', transfer: 'registry_checked', close: 'closed' },
  verification_requested: { record_verification: 'verified', escalate: 'verification_requested', send_back: 'verification_requested', transfer: 'verification_requested', close: 'closed' },
  verified: { request_verification: 'verification_requested', recommend: 'recommended', escalate: 'verified', send_back: 'verified', transfer: 'verified', close: 'closed' },
  recommended: { recommend: 'recommended', decide: 'in_progress', escalate: 'recommended', send_back: 'recommended', transfer: 'recommended', close: 'closed' },
  in_progress: { resolve: 'resolved', escalate: 'in_progress', send_back: 'in_progress', transfer: 'in_progress', close: 'closed' },
  resolved: {},
  closed: {},
};

describe('case state machine', () => {
  it('walks every status x action x level pair exhaustively', () => {
    let checked = 0;
    for (const status of CASE_STATUSES) {
      for (const level of CASE_LEVELS) {
        for (const action of CASE_ACTIONS) {
          const step = nextCaseState({ status, level }, action, 'refer');
          const expectedTo = EXPECTED[status][action];
          const blocked = (a: string) => (a === 'escalate' && level === 'kabupaten') || (a === 'send_back' && level === 'village');
          if (expectedTo === undefined || blocked(action)) {
            expect(step.ok, `${status}/${level} ${action}`).toBe(false);
            if (!step.ok) {
              const allowed = Object.keys(EXPECTED[status]).filter((a) => !blocked(a));
              expect(step.allowed.sort()).toEqual(allowed.sort());
              expect(step.allowed).not.toContain(action);
            }
          } else {
            expect(step, `${status}/${level} ${action}`).toEqual({
              ok: true,
              status: expectedTo,
              level: action === 'escalate' ? CASE_LEVELS[CASE_LEVELS.indexOf(level) + 1] : action === 'send_back' ? CASE_LEVELS[CASE_LEVELS.indexOf(level) - 1] : level,
            });
          }
          checked++;
        }
      }
    }
    expect(checked).toBe(CASE_STATUSES.length * CASE_LEVELS.length * CASE_ACTIONS.length);
  });

  it('matches the generic transition() helper on the table', () => {
    for (const status of CASE_STATUSES) {
      for (const action of CASE_ACTIONS) {
        const generic = transition(CASE_TRANSITIONS, status, action);
        expect(generic.ok).toBe(EXPECTED[status][action] !== undefined);
      }
    }
  });

  it('closes a case rejected at the decision, and starts work for refer or handle directly', () => {
    for (const decision of DECISIONS) {
      const step = nextCaseState({ status: 'recommended', level: 'village' }, 'decide', decision);
      expect(step).toEqual({ ok: true, status: decision === 'reject' ? 'closed' : 'in_progress', level: 'village' });
    }
  });

  it('escalates village -> kecamatan -> kabupaten and no further, keeping the status', () => {
    const one = nextCaseState({ status: 'recommended', level: 'village' }, 'escalate');
    expect(one).toEqual({ ok: true, status: 'recommended', level: 'kecamatan' });
    const two = nextCaseState({ status: 'recommended', level: 'kecamatan' }, 'escalate');
    expect(two).toEqual({ ok: true, status: 'recommended', level: 'kabupaten' });
    const three = nextCaseState({ status: 'recommended', level: 'kabupaten' }, 'escalate');
    expect(three).toEqual({ ok: false, allowed: ['recommend', 'decide', 'send_back', 'transfer', 'close'] });
    expect(nextCaseLevel('kabupaten')).toBeNull();
  });

  it('sends a case back one level down and no further, keeping the status', () => {
    expect(nextCaseState({ status: 'in_progress', level: 'kabupaten' }, 'send_back')).toEqual({ ok: true, status: 'in_progress', level: 'kecamatan' });
    expect(nextCaseState({ status: 'recommended', level: 'kecamatan' }, 'send_back')).toEqual({ ok: true, status: 'recommended', level: 'village' });
    expect(nextCaseState({ status: 'recommended', level: 'village' }, 'send_back')).toEqual({ ok: false, allowed: ['recommend', 'decide', 'escalate', 'transfer', 'close'] });
  });

  it('transfers an open case keeping its status and level; a finished case stays where it is', () => {
    expect(nextCaseState({ status: 'in_progress', level: 'kecamatan' }, 'transfer')).toEqual({ ok: true, status: 'in_progress', level: 'kecamatan' });
    expect(nextCaseState({ status: 'closed', level: 'village' }, 'transfer')).toEqual({ ok: false, allowed: [] });
    expect(nextCaseState({ status: 'resolved', level: 'village' }, 'transfer')).toEqual({ ok: false, allowed: [] });
  });

  it('transfers only to another village of the same kabupaten', () => {
    expect(caseTransferTargetProblem('32.04.05.2004', '32.04.10.2001')).toBeNull();
    expect(caseTransferTargetProblem('32.04.05.2004', '32.04.05.2003')).toBeNull();
    expect(caseTransferTargetProblem('32.04.05.2004', '32.04.05.1001')).toBeNull();
    expect(caseTransferTargetProblem('32.04.05.2004', '32.04.05.2004')).toBe('case.transfer_same_village');
    expect(caseTransferTargetProblem('32.04.05.2004', '32.73.01.1001')).toBe('case.transfer_other_kabupaten');
    expect(caseTransferTargetProblem('32.04.05.2004', '32.04.05')).toBe('case.transfer_not_village');
    expect(caseTransferTargetProblem('32.04.05.2004', 'Soreang')).toBe('case.transfer_not_village');
  });

  it('has no way out of resolved and closed', () => {
    for (const status of CASE_STATUSES) {
      expect(isFinalCaseStatus(status)).toBe(allowedCaseActions({ status, level: 'village' }).length === 0);
    }
  });

  it('reaches every status from registered', () => {
    const seen = new Set<CaseStatus>(['registered']);
    const queue: CaseStatus[] = ['registered'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const to of Object.values(CASE_TRANSITIONS[s]) as CaseStatus[]) if (!seen.has(to)) { seen.add(to); queue.push(to); }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('accepts referrals only when in progress with a decision to refer', () => {
    expect(caseAcceptsReferrals({ status: 'in_progress', decision: 'refer' })).toBe(true);
    expect(caseAcceptsReferrals({ status: 'in_progress', decision: 'handle_directly' })).toBe(false);
    expect(caseAcceptsReferrals({ status: 'resolved', decision: 'refer' })).toBe(false);
    expect(caseAcceptsReferrals({ status: 'recommended', decision: null })).toBe(false);
  });

  it('labels every status and action in both languages and maps actions to API paths', () => {
    expect(CASE_STATUS_LIST.map((s) => s.code).sort()).toEqual([...CASE_STATUSES].sort());
    expect(CASE_ACTION_LIST.map((s) => s.code).sort()).toEqual([...CASE_ACTIONS].sort());
    for (const e of [...CASE_STATUS_LIST, ...CASE_ACTION_LIST]) expect(e.id && e.en).toBeTruthy();
    expect(caseActionPath('close_at_front_office')).toBe('close-at-front-office');
    expect(caseActionPath('decide')).toBe('decide');
  });
});
