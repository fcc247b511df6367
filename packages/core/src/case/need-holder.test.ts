import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../access/roles.ts';
import { mayMoveNeed, needAcceptsReferrals, needActionsFor, needLevelAfterCaseMove, needLevelAfterSendBack } from './need-holder.ts';

const CINUNUK = '32.04.05.2004';
const officer: RoleGrant[] = [{ role: 'puskesos_officer', areaCode: CINUNUK }];
const coordinator: RoleGrant[] = [{ role: 'puskesos_coordinator', areaCode: CINUNUK }];
const supervisor: RoleGrant[] = [{ role: 'supervisor', areaCode: '32.04.05' }];
const manager: RoleGrant[] = [{ role: 'kabupaten_manager', areaCode: '32.04' }];

const running = { status: 'in_progress' as const, level: 'village' as const, villageCode: CINUNUK, decision: 'handle_directly' as const };

describe('who holds a need (issue 12, item 2)', () => {
  it('lets the village escalate a need it holds, and the kecamatan decide and send back what it holds apart', () => {
    const withCase = { level: null, status: 'in_progress' as const, decision: null };
    expect(needActionsFor(officer, running, withCase)).toEqual(['escalate']);
    const atKecamatan = { level: 'kecamatan' as const, status: 'open' as const, decision: null };
    expect(needActionsFor(officer, running, atKecamatan)).toEqual([]);
    expect(needActionsFor(coordinator, running, atKecamatan)).toEqual([]);
    expect(needActionsFor(supervisor, running, atKecamatan)).toEqual(['escalate', 'send_back', 'decide']);
    expect(needActionsFor(manager, running, { ...atKecamatan, level: 'kabupaten' })).toEqual(['send_back', 'decide']);
    expect(needActionsFor(supervisor, running, { ...atKecamatan, decision: 'refer' })).toEqual(['escalate', 'send_back']);
    expect(needActionsFor(supervisor, { ...running, status: 'closed' }, atKecamatan)).toEqual([]);
  });

  it('moves a need held apart only once decided, and refers it on its own decision', () => {
    const undecided = { level: 'kecamatan' as const, status: 'open' as const, decision: null };
    const referred = { ...undecided, decision: 'refer' as const };
    expect(mayMoveNeed(supervisor, running, undecided)).toBe(false);
    expect(mayMoveNeed(supervisor, running, referred)).toBe(true);
    expect(mayMoveNeed(officer, running, referred)).toBe(false);
    expect(mayMoveNeed(officer, running, { level: null, status: 'open', decision: null })).toBe(true);
    expect(needAcceptsReferrals({ status: 'registered', decision: null }, referred)).toBe(true);
    expect(needAcceptsReferrals({ status: 'in_progress', decision: 'refer' }, undecided)).toBe(false);
    expect(needAcceptsReferrals({ status: 'in_progress', decision: 'refer' }, { level: null, status: 'open', decision: null })).toBe(true);
  });

  it('brings a need back with its case at the case\'s level', () => {
    expect(needLevelAfterSendBack('kecamatan', 'village')).toBeNull();
    expect(needLevelAfterSendBack('kabupaten', 'village')).toBe('kecamatan');
    expect(needLevelAfterSendBack('kabupaten', 'kecamatan')).toBeNull();
    expect(needLevelAfterCaseMove('kecamatan', 'kecamatan')).toBeNull();
    expect(needLevelAfterCaseMove('kabupaten', 'kecamatan')).toBe('kabupaten');
    expect(needLevelAfterCaseMove(null, 'kabupaten')).toBeNull();
  });
});
