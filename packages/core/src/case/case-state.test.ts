import { describe, expect, it } from 'vitest';
import { transition } from '../state-machine.ts';
import { CASE_LEVELS, DECISIONS } from './case-codes.ts';
import {
  allowedCaseActions, CASE_ACTIONS, CASE_ACTION_LIST, CASE_STATUSES, CASE_STATUS_LIST, CASE_TRANSITIONS,
  caseAcceptsReferrals, caseActionPath, caseTransferTargetProblem, isFinalCaseStatus, nextCaseLevel, nextCaseState, type CaseAction, type CaseStatus,
} from './case-state.ts';

const OPEN_STATUSES = CASE_STATUSES.filter((s) => s !== 'resolved' && s !== 'closed');
const IN_PLACE: readonly CaseAction[] = ['escalate', 'send_back', 'transfer'];

/** At the middle level (where escalation and sending back are both possible): the statuses `action` leaves, and where it leads. */
function from(action: CaseAction): Partial<Record<CaseStatus, CaseStatus>> {
  const out: Partial<Record<CaseStatus, CaseStatus>> = {};
  for (const status of CASE_STATUSES) {
    const step = nextCaseState({ status, level: 'kecamatan' }, action, 'refer');
    if (step.ok) out[status] = step.status;
  }
  return out;
}
const all = (statuses: readonly CaseStatus[], to: CaseStatus | 'same') => Object.fromEntries(statuses.map((s) => [s, to === 'same' ? s : to]));

describe('case state machine', () => {
  it('follows the delivery chain: registry check, field verification, recommendation, decision, resolution', () => {
    expect(from('close_at_front_office')).toEqual({ registered: 'closed' });
    expect(from('check_registry')).toEqual({ registered: 'registry_checked' });
    expect(from('request_verification')).toEqual(all(['registry_checked', 'verified'], 'verification_requested'));
    expect(from('record_verification')).toEqual({ verification_requested: 'verified' });
    // the back office may redraft a recommendation before the decision
    expect(from('recommend')).toEqual(all(['registry_checked', 'verified', 'recommended'], 'recommended'));
    expect(from('decide')).toEqual({ recommended: 'in_progress' });
    expect(from('resolve')).toEqual({ in_progress: 'resolved' });
  });

  it('closes, escalates, sends back and transfers any open case, the last three keeping its status', () => {
    expect(from('close')).toEqual(all(OPEN_STATUSES, 'closed'));
    for (const action of IN_PLACE) expect(from(action), action).toEqual(all(OPEN_STATUSES, 'same'));
  });

  it('walks every status x action x level: the level moves only by escalation and sending back, and a refusal lists what is possible', () => {
    let checked = 0;
    for (const status of CASE_STATUSES) {
      for (const level of CASE_LEVELS) {
        const possible = CASE_ACTIONS.filter((a) => nextCaseState({ status, level }, a, 'refer').ok);
        for (const action of CASE_ACTIONS) {
          const step = nextCaseState({ status, level }, action, 'refer');
          const atEnd = (action === 'escalate' && level === 'kabupaten') || (action === 'send_back' && level === 'village');
          if (!step.ok) {
            expect(step.allowed.sort(), `${status}/${level} ${action}`).toEqual([...possible].sort());
            expect(atEnd || from(action)[status] === undefined, `${status}/${level} ${action}`).toBe(true);
          } else {
            expect(atEnd, `${status}/${level} ${action}`).toBe(false);
            expect(step, `${status}/${level} ${action}`).toEqual({
              ok: true,
              status: from(action)[status],
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
        expect(generic.ok).toBe(from(action)[status] !== undefined);
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
