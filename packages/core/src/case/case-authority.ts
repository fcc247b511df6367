import { roleHasPermission } from '../access/permissions.ts';
import type { RoleGrant } from '../access/roles.ts';
import { areaLevel, isWithinArea, type AreaLevel } from '../area/area-code.ts';
import { CASE_LEVELS, type CaseLevel } from './case-codes.ts';
import { allowedCaseActions, type CaseAction, type CaseState } from './case-state.ts';

/**
 * Who may act on a case, from the actor's role grants. Pure, so the web shows exactly the
 * buttons the API accepts.
 *
 * - Working a case (every action but `decide`) needs `cases.work` on an area covering the
 *   case's village, at the case's level or above: a village officer works village cases, a
 *   supervisor (kecamatan) village and kecamatan cases, the Manajer SLRT (kabupaten) all.
 * - Deciding needs `cases.decide` on an area covering the village, at the deciding level:
 *   the Koordinator Puskesos (village grant) for village cases; the supervisor (kecamatan
 *   grant) for what is escalated to the kecamatan; the Manajer SLRT (kabupaten grant) for
 *   kecamatan and kabupaten cases.
 * - Sending a case back down (`send_back`) is working it: the level that holds it.
 */
const LEVEL_RANK: Record<CaseLevel, number> = { village: 0, kecamatan: 1, kabupaten: 2 };
const AREA_RANK: Partial<Record<AreaLevel, number>> = { village: 0, kecamatan: 1, kabupaten: 2, province: 3 };

export const DECIDING_AREA_LEVELS: Readonly<Record<CaseLevel, readonly AreaLevel[]>> = {
  village: ['village'],
  kecamatan: ['kecamatan', 'kabupaten'],
  kabupaten: ['kabupaten'],
};

type Grants = readonly RoleGrant[];

export function mayWorkCase(grants: Grants, c: { villageCode: string; level: CaseLevel }): boolean {
  return grants.some((g) => {
    if (!g.areaCode || !roleHasPermission(g.role, 'cases.work') || !isWithinArea(c.villageCode, g.areaCode)) return false;
    const rank = AREA_RANK[areaLevel(g.areaCode) ?? 'village'] ?? -1;
    return rank >= LEVEL_RANK[c.level];
  });
}

export function mayDecideCase(grants: Grants, c: { villageCode: string; level: CaseLevel }): boolean {
  return grants.some((g) => {
    if (!g.areaCode || !roleHasPermission(g.role, 'cases.decide') || !isWithinArea(c.villageCode, g.areaCode)) return false;
    const level = areaLevel(g.areaCode);
    return level !== null && DECIDING_AREA_LEVELS[c.level].includes(level);
  });
}

/** The action `action` needs this actor's authority: work or decide. */
export function mayTakeCaseAction(grants: Grants, c: { villageCode: string; level: CaseLevel }, action: CaseAction): boolean {
  return action === 'decide' ? mayDecideCase(grants, c) : mayWorkCase(grants, c);
}

/** The actions this actor may take now: allowed by the workflow and within their authority. */
export function caseActionsFor(grants: Grants, c: CaseState & { villageCode: string }): CaseAction[] {
  return allowedCaseActions(c).filter((a) => mayTakeCaseAction(grants, c, a));
}

/**
 * The highest case level the actor works at (their "own" level for the "escalated to my
 * level" worklist), or null without `cases.work`.
 */
export function workingLevelOf(grants: Grants): CaseLevel | null {
  let best = -1;
  for (const g of grants) {
    if (!g.areaCode || !roleHasPermission(g.role, 'cases.work')) continue;
    best = Math.max(best, Math.min(AREA_RANK[areaLevel(g.areaCode) ?? 'village'] ?? -1, LEVEL_RANK.kabupaten));
  }
  return best < 0 ? null : (CASE_LEVELS[best] ?? null);
}

/**
 * Where and at which levels the actor decides: one entry per `cases.decide` grant (for the
 * "waiting for my decision" worklist, as SQL conditions on village code and level).
 */
export function decideScopesOf(grants: Grants): Array<{ areaCode: string; levels: CaseLevel[] }> {
  const out: Array<{ areaCode: string; levels: CaseLevel[] }> = [];
  for (const g of grants) {
    if (!g.areaCode || !roleHasPermission(g.role, 'cases.decide')) continue;
    const level = areaLevel(g.areaCode);
    const levels = CASE_LEVELS.filter((c) => level !== null && DECIDING_AREA_LEVELS[c].includes(level));
    if (levels.length) out.push({ areaCode: g.areaCode, levels });
  }
  return out;
}

/** Where and at which levels the actor works cases: one entry per `cases.work` grant. */
export function workScopesOf(grants: Grants): Array<{ areaCode: string; levels: CaseLevel[] }> {
  const out: Array<{ areaCode: string; levels: CaseLevel[] }> = [];
  for (const g of grants) {
    if (!g.areaCode || !roleHasPermission(g.role, 'cases.work')) continue;
    const rank = AREA_RANK[areaLevel(g.areaCode) ?? 'village'] ?? -1;
    const levels = CASE_LEVELS.filter((c) => rank >= LEVEL_RANK[c]);
    if (levels.length) out.push({ areaCode: g.areaCode, levels });
  }
  return out;
}
