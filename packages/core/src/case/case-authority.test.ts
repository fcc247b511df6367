import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../access/roles.ts';
import { caseActionsFor, decideScopesOf, mayDecideCase, mayWorkCase, workingLevelOf, workScopesOf } from './case-authority.ts';

const CINUNUK = '32.04.05.2004';
const officer: RoleGrant[] = [{ role: 'puskesos_officer', areaCode: CINUNUK }];
const coordinator: RoleGrant[] = [{ role: 'puskesos_coordinator', areaCode: CINUNUK }];
const supervisor: RoleGrant[] = [{ role: 'supervisor', areaCode: '32.04.05' }];
const manager: RoleGrant[] = [{ role: 'kabupaten_manager', areaCode: '32.04' }];
const soreang: RoleGrant[] = [{ role: 'puskesos_officer', areaCode: '32.04.37.2001' }];
const partner: RoleGrant[] = [{ role: 'partner_officer', organizationId: '00000000-0000-0000-0000-000000000001' }];
const executive: RoleGrant[] = [{ role: 'executive', areaCode: '32.04' }];

describe('who works and decides a case', () => {
  it('lets staff work at their level or below, inside their area', () => {
    const v = { villageCode: CINUNUK, level: 'village' as const };
    const k = { villageCode: CINUNUK, level: 'kecamatan' as const };
    const kab = { villageCode: CINUNUK, level: 'kabupaten' as const };
    expect([mayWorkCase(officer, v), mayWorkCase(officer, k), mayWorkCase(officer, kab)]).toEqual([true, false, false]);
    expect([mayWorkCase(supervisor, v), mayWorkCase(supervisor, k), mayWorkCase(supervisor, kab)]).toEqual([true, true, false]);
    expect([mayWorkCase(manager, v), mayWorkCase(manager, k), mayWorkCase(manager, kab)]).toEqual([true, true, true]);
    expect(mayWorkCase(soreang, v)).toBe(false);
    expect(mayWorkCase(partner, v)).toBe(false);
    expect(mayWorkCase(executive, v)).toBe(false);
  });

  it('lets the coordinator decide village cases, the supervisor what is escalated to the kecamatan, the manager kecamatan and kabupaten cases', () => {
    const at = (level: 'village' | 'kecamatan' | 'kabupaten') => ({ villageCode: CINUNUK, level });
    expect([mayDecideCase(coordinator, at('village')), mayDecideCase(coordinator, at('kecamatan')), mayDecideCase(coordinator, at('kabupaten'))]).toEqual([true, false, false]);
    expect([mayDecideCase(manager, at('village')), mayDecideCase(manager, at('kecamatan')), mayDecideCase(manager, at('kabupaten'))]).toEqual([false, true, true]);
    expect([mayDecideCase(supervisor, at('village')), mayDecideCase(supervisor, at('kecamatan')), mayDecideCase(supervisor, at('kabupaten'))]).toEqual([false, true, false]);
    expect(mayDecideCase([{ role: 'supervisor', areaCode: '32.04.37' }], at('kecamatan'))).toBe(false);
    expect(mayDecideCase(officer, at('village'))).toBe(false);
    expect(mayDecideCase([{ role: 'puskesos_coordinator', areaCode: '32.04.37.2001' }], at('village'))).toBe(false);
  });

  it('lists only the actions the workflow and the authority both allow', () => {
    const c = { status: 'recommended' as const, level: 'village' as const, villageCode: CINUNUK };
    expect(caseActionsFor(officer, c)).toEqual(['recommend', 'escalate', 'transfer', 'close']);
    expect(caseActionsFor(coordinator, c)).toEqual(['recommend', 'decide', 'escalate', 'transfer', 'close']);
    expect(caseActionsFor(soreang, c)).toEqual([]);
    expect(caseActionsFor(manager, { ...c, level: 'kabupaten' })).toEqual(['recommend', 'decide', 'send_back', 'transfer', 'close']);
    expect(caseActionsFor(supervisor, { ...c, level: 'kecamatan' })).toEqual(['recommend', 'decide', 'escalate', 'send_back', 'transfer', 'close']);
    expect(caseActionsFor(officer, { ...c, level: 'kecamatan' })).toEqual([]);
  });

  it('tells each actor their working level and where they decide', () => {
    expect(workingLevelOf(officer)).toBe('village');
    expect(workingLevelOf(supervisor)).toBe('kecamatan');
    expect(workingLevelOf(manager)).toBe('kabupaten');
    expect(workingLevelOf(executive)).toBeNull();
    expect(decideScopesOf(coordinator)).toEqual([{ areaCode: CINUNUK, levels: ['village'] }]);
    expect(decideScopesOf(manager)).toEqual([{ areaCode: '32.04', levels: ['kecamatan', 'kabupaten'] }]);
    expect(decideScopesOf(supervisor)).toEqual([{ areaCode: '32.04.05', levels: ['kecamatan'] }]);
    expect(workScopesOf(supervisor)).toEqual([{ areaCode: '32.04.05', levels: ['village', 'kecamatan'] }]);
  });
});
